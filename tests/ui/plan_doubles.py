"""Real PDFs and an honest in-memory version store for the action-plan screens' tests."""

import io
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from casedesk.domain.dossier import DocumentLine
from casedesk.resources import resource_path
from casedesk.ui.documents.ports import PlanDocument, PlanPorts

NAME = "Zoë van ’t Hoff-Çelik"
CASEWORKER = "Zoë de Vries"
MADE_AT = datetime(2026, 11, 27, 13, 5, tzinfo=UTC)
_FONT = "CasedeskTestSans"


def make_pdf(pages: int = 3, title: str = "Persoonlijk actieplan") -> bytes:
    """An A4 PDF with an embedded DejaVu font; page N says "Pagina N van M" and the name."""
    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    width, height = A4
    for page in range(1, pages + 1):
        pdf.setFont(_FONT, 18)
        pdf.drawString(72, height - 100, title)
        pdf.setFont(_FONT, 12)
        pdf.drawString(72, height - 130, f"{NAME} — IJsselmeer Schilders ĳ")
        pdf.drawString(72, height - 160, f"Pagina {page} van {pages}")
        pdf.rect(72, 72, width - 144, 60, fill=1)  # ink that survives rasterising
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text poppler's pdftotext reads from ``path`` (one page, or all)."""
    command = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        command += ["-f", str(page), "-l", str(page)]
    return subprocess.run(
        [*command, str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


@dataclass
class InMemoryPlanVersions:
    """Stores versions in a list, as the real store does: immutable, newest first.

    ``pdf_to_render`` is what the next "render" returns, so a test can change the case.
    """

    pdf_to_render: bytes = field(default_factory=make_pdf)
    lines: list[DocumentLine] = field(default_factory=list)
    pdfs: dict[int, bytes] = field(default_factory=dict)
    stored_count: int = 0

    def render(self) -> PlanDocument:
        return PlanDocument(self.pdf_to_render, MADE_AT, CASEWORKER)

    def store(self, document: PlanDocument) -> PlanDocument:
        self.stored_count += 1
        version_id = 100 + self.stored_count
        created_at = document.created_at + timedelta(minutes=self.stored_count)
        self.pdfs[version_id] = document.pdf
        self.lines.insert(
            0,
            DocumentLine(version_id, "Actieplan", created_at, document.caseworker, document.sha256),
        )
        return PlanDocument(document.pdf, created_at, document.caseworker, version_id)

    def list(self) -> list[DocumentLine]:
        return list(self.lines)

    def load(self, version_id: int) -> bytes:
        return self.pdfs[version_id]

    def ports(self) -> PlanPorts:
        return PlanPorts(
            render_plan=self.render,
            store_version=self.store,
            list_versions=self.list,
            load_version=self.load,
        )
