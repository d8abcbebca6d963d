"""PDF/A-2b: made from reportlab's output, and refused where a PDF breaks the rules."""

import io
from datetime import UTC, datetime

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from casedesk.plan.pdfa import DocumentNotMadeError, check_pdfa, make_pdfa


def _plain_reportlab_pdf() -> bytes:
    """A page in reportlab's default font (Helvetica, never embedded)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(72, 720, "Hallo")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_pdf_with_a_standard_font_fails_the_check() -> None:
    check = check_pdfa(_plain_reportlab_pdf())
    assert not check.passed
    assert check.problems


def test_pdfa_cannot_be_made_while_a_font_is_not_embedded_and_says_so_in_dutch() -> None:
    with pytest.raises(DocumentNotMadeError, match="kon niet als archiefbestand") as caught:
        make_pdfa(_plain_reportlab_pdf(), datetime(2026, 11, 27, tzinfo=UTC))
    assert isinstance(caught.value.__cause__, pikepdf.pdfa.PdfaError)


def test_made_pdfa_declares_part_2_conformance_b_and_an_srgb_output_intent(
    typical_pdf: bytes,
) -> None:
    with pikepdf.open(io.BytesIO(typical_pdf)) as pdf:
        metadata = pdf.open_metadata()
        assert metadata["pdfaid:part"] == "2"
        assert metadata["pdfaid:conformance"] == "B"
        assert metadata["xmp:CreateDate"].startswith("2026-11-27T09:30:00")
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        assert intents[0].S == "/GTS_PDFA1"
        assert intents[0].DestOutputProfile.read_bytes()[36:40] == b"acsp"
        assert len(pdf.trailer.ID) == 2


def test_a_naive_creation_date_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone"):
        make_pdfa(b"%PDF-1.4", datetime(2026, 11, 27))
