"""Printing a plan's PDF: to a file, to a real CUPS queue, and painted page by page."""

import os
import re
import shutil
import time
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from casedesk.errors import KnownError
from casedesk.ui.documents.printing import (
    ask_printer,
    load_pdf,
    paint_pdf,
    print_pdf,
    submit_to_cups,
    write_pdf_pages,
)
from tests.ui.plan_doubles import NAME, make_pdf, pdf_text

pytestmark = pytest.mark.qt

TEST_QUEUE = "casedesk-test"
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")


def pdf_printer(target: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


def test_printing_to_a_pdf_file_keeps_every_page_and_its_text(tmp_path: Path) -> None:
    target = tmp_path / "afdruk.pdf"
    assert print_pdf(make_pdf(3), pdf_printer(target)) == 3
    first_page = pdf_text(target, page=1)
    assert NAME in first_page
    assert "ĳ" in first_page
    assert "Pagina 3 van 3" in pdf_text(target, page=3)


def test_a_page_range_prints_only_those_pages(tmp_path: Path) -> None:
    target = tmp_path / "afdruk.pdf"
    printer = pdf_printer(target)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pdf(make_pdf(3), printer) == 2
    text = pdf_text(target)
    assert "Pagina 1 van 3" not in text
    assert "Pagina 2 van 3" in pdf_text(target, page=1)
    assert "Pagina 3 van 3" in pdf_text(target, page=2)


def test_painting_puts_each_page_on_paper_as_it_looks(qtbot: QtBot, tmp_path: Path) -> None:
    """The raster way (Windows printers): what is painted looks like the PDF page."""
    original_pdf = make_pdf(2)
    target = tmp_path / "geschilderd.pdf"
    original = load_pdf(original_pdf)
    paint_pdf(original, [0, 1], pdf_printer(target))
    painted = load_pdf(target.read_bytes())
    assert painted.pageCount() == 2
    for page in (0, 1):
        assert _difference(_thumbnail(original, page), _thumbnail(painted, page)) < 8


def _thumbnail(document: QPdfDocument, page: int) -> QImage:
    """The page in gray on white, small: A4 at 14 dpi."""
    rendered = document.render(page, QSize(119, 168))
    image = QImage(rendered.size(), QImage.Format.Format_Grayscale8)
    image.fill(255)
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


def _difference(first: QImage, second: QImage) -> float:
    """Mean absolute gray difference, 0 (same) to 255."""
    assert first.size() == second.size()
    width, stride = first.width(), first.bytesPerLine()
    data_a, data_b = bytes(first.constBits()), bytes(second.constBits())
    total = 0
    for y in range(first.height()):
        row_a = data_a[y * stride : y * stride + width]
        row_b = data_b[y * stride : y * stride + width]
        total += sum(abs(a - b) for a, b in zip(row_a, row_b, strict=True))
    return total / (width * first.height())


def test_bytes_that_are_no_pdf_are_refused_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="geen leesbaar PDF-bestand"):
        print_pdf(b"geen pdf", pdf_printer(tmp_path / "afdruk.pdf"))
    assert not (tmp_path / "afdruk.pdf").exists()


def test_printing_to_a_file_in_a_missing_folder_says_so_in_dutch(tmp_path: Path) -> None:
    target = tmp_path / "bestaat-niet" / "afdruk.pdf"
    with pytest.raises(KnownError, match="kon niet worden geschreven") as refused:
        print_pdf(make_pdf(1), pdf_printer(target))
    assert "Kies een andere map" in refused.value.message


def test_saving_pages_without_a_file_name_asks_for_one() -> None:
    # Qt drops the PDF format when the file name is emptied, so this is the guard itself.
    with pytest.raises(KnownError, match="Kies een bestandsnaam"):
        write_pdf_pages(make_pdf(1), [0], Path())


@pytest.mark.skipif(shutil.which("lp") is None, reason="CUPS' lp is not installed")
def test_a_printer_queue_that_does_not_exist_is_refused_in_dutch() -> None:
    # QPrinter itself falls back to the default printer for an unknown name, so the
    # queue is named directly, as when a printer is removed while the dialog is open.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    with pytest.raises(KnownError, match="kon niet naar de printer ‘casedesk-bestaat-niet’"):
        submit_to_cups(make_pdf(1), "casedesk-bestaat-niet", printer)


def test_the_print_dialog_speaks_dutch_and_cancel_chooses_no_printer(qtbot: QtBot) -> None:
    seen: list[tuple[str, list[str]]] = []

    def look_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QPrintDialog)
        buttons = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
        seen.append((dialog.windowTitle(), buttons))
        dialog.reject()

    QTimer.singleShot(0, look_and_cancel)
    assert ask_printer(None, 3, "Actieplan") is None
    title, buttons = seen[0]
    assert title == "Actieplan afdrukken"
    assert "A&fdrukken" in buttons
    assert "Annuleren" in buttons


# -- a real CUPS queue (scripts/start-test-printer.sh) ---------------------------------------


def cups_pdf_output_dir() -> Path:
    """Where cups-pdf writes jobs of this user (its ``Out`` setting, ``${HOME}/PDF``)."""
    override = os.environ.get("CASEDESK_TEST_PRINTER_OUT")
    if override:
        return Path(override)
    out = "${HOME}/PDF"
    if CUPS_PDF_CONF.is_file():
        for line in CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            match = re.match(r"\s*Out\s+(\S+)", line)
            if match:
                out = match.group(1)
    return Path(out.replace("${HOME}", str(Path.home())))


def require_test_queue() -> None:
    if TEST_QUEUE in QPrinterInfo.availablePrinterNames() and shutil.which("lp"):
        return
    reason = f"no CUPS queue '{TEST_QUEUE}' (run scripts/start-test-printer.sh as root)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.mark.printer
def test_a_plan_printed_on_a_cups_queue_comes_out_with_its_text(qtbot: QtBot) -> None:
    require_test_queue()
    out_dir = cups_pdf_output_dir()
    job_title = f"casedesk-test-{uuid.uuid4().hex[:12]}"
    started = time.time()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(TEST_QUEUE)
    printer.setDocName(job_title)
    assert printer.isValid()

    # The title is also the text checked: cups-pdf turns the job into PostScript and back
    # with Ghostscript, which keeps the glyphs but drops the text mapping of characters
    # outside WinAnsi (the ë of Zoë prints but does not come back from pdftotext).
    assert print_pdf(make_pdf(2, title=job_title), printer) == 2

    def printed_file() -> Path | None:
        if not out_dir.is_dir():
            return None
        for candidate in out_dir.glob("*.pdf"):
            if job_title in candidate.name and candidate.stat().st_mtime >= started - 1:
                return candidate
        return None

    def printed_text() -> str:
        found = printed_file()
        if found is None:
            return ""
        try:  # cups-pdf may still be writing the file
            return pdf_text(found, page=1)
        except Exception:
            return ""

    qtbot.waitUntil(lambda: job_title in printed_text(), timeout=60_000)
    found = printed_file()
    assert found is not None
    assert "Pagina 1 van 2" in pdf_text(found, page=1)
    found.unlink()
