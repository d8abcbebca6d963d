"""Make and check PDF/A-2b, the archival form municipal archives ask for.

pikepdf (≥ 10.x, extra ``pdfa``) ships both halves: ``pikepdf.pdfa.prepare`` adds the
sRGB output intent (with the ICC profile pikepdf ships), writes the XMP metadata with
``pdfaid:part=2`` and ``conformance=B`` and makes DocInfo agree; ``pikepdf.pdfa.save``
writes the file and validates the bytes it wrote with pikepdf's allowlist validator
(veraPDF rule ids; a construct it does not know is reported, never waved through).
veraPDF itself is a Java program that is neither on PyPI nor in Debian, so it is not used.

What reportlab leaves that PDF/A dislikes is removed first: an empty page transition
(``/Trans``) on every page. Fonts need no work here: the plan only uses embedded TrueType
fonts (``casedesk.plan.fonts``), and the validator refuses any that is not embedded.
"""

import io
from dataclasses import dataclass
from datetime import UTC, datetime

import pikepdf
import pikepdf.pdfa

from casedesk.errors import KnownError

FLAVOUR = "2b"


class DocumentNotMadeError(KnownError):
    """The PDF/A check refused a document: a bug in the layout, said in Dutch.

    The printed fonts cover or replace every character (``casedesk.plan.printable``), so
    this should not happen; if it does, the caseworker reads what happened and what to do
    instead of the validator's English, and nothing is stored.
    """

    def __init__(self) -> None:
        super().__init__(
            "Het document kon niet als archiefbestand (PDF/A) worden gemaakt. Er is niets "
            "opgeslagen. Dit is een fout in casedesk: meld het aan uw beheerder en noem het "
            "dossiernummer."
        )


@dataclass(frozen=True, slots=True)
class PdfaCheck:
    passed: bool
    problems: tuple[str, ...]
    """The validator's findings, in English (for logs and tests, not for users)."""


def make_pdfa(pdf_bytes: bytes, created_at: datetime) -> bytes:
    """The same document as PDF/A-2b, dated ``created_at`` (aware), with a stable /ID.

    The same input and date always give the same bytes. Raises ``DocumentNotMadeError``
    (Dutch) if the result does not validate: a bug in the layout, never the user's doing.
    """
    if created_at.tzinfo is None:
        raise ValueError("created_at must be timezone-aware")
    stamp = created_at.astimezone(UTC).replace(microsecond=0).isoformat()
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            if "/Trans" in page.obj:
                del page.obj["/Trans"]
        pikepdf.pdfa.prepare(pdf, FLAVOUR)
        # prepare() stamps the metadata with the current time; use the version's own date
        # instead, so a stored version can be rebuilt byte for byte.
        with pdf.open_metadata(set_pikepdf_as_editor=False) as metadata:
            metadata["xmp:CreateDate"] = stamp
            metadata["xmp:ModifyDate"] = stamp
            metadata["xmp:MetadataDate"] = stamp
        output = io.BytesIO()
        try:
            pikepdf.pdfa.save(pdf, output, FLAVOUR, repair=False, deterministic_id=True)
        except pikepdf.pdfa.PdfaError as error:
            raise DocumentNotMadeError() from error
    return output.getvalue()


def check_pdfa(pdf_bytes: bytes) -> PdfaCheck:
    """Validates bytes as PDF/A-2b with pikepdf's validator."""
    report = pikepdf.pdfa.validate_written(io.BytesIO(pdf_bytes), FLAVOUR)
    return PdfaCheck(report.passed, tuple(str(finding) for finding in report.findings))
