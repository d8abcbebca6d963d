"""Render the action-plan screens to PNG files for review.

``python -m casedesk.ui.screenshots_plan OUTDIR`` — offscreen: the plan preview (a fresh
plan and a stored version), the documents list and the municipality settings dialog.
A review tool, not a test: the made-up plan and settings live only here.
"""

import hashlib
import io
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from casedesk.domain.dossier import DocumentLine
from casedesk.domain.municipality import MunicipalitySettings

DEJAVU_SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_SAMPLE_PARAGRAPH = (
    "U heeft een eigen bedrijf als schilder. Door minder opdrachten is uw inkomen gedaald "
    "en heeft u schulden bij de Belastingdienst. U wilt graag verder als ondernemer, "
    "maar u wilt ook weten of een baan ernaast kan helpen. Samen hebben we afgesproken "
    "wat u de komende weken doet en wie u daarbij helpt."
)


def sample_font_path() -> Path:
    """The DejaVu Sans the plan ships (resources/fonts), else the system's copy."""
    from casedesk.resources import resource_path

    shipped = resource_path("fonts", "DejaVuSans.ttf")
    return shipped if shipped.is_file() else DEJAVU_SANS


def sample_plan_pdf(pages: int = 3, name: str = "Zoë van ’t Hoff-Çelik") -> bytes:
    """A made-up plan-like A4 PDF with an embedded DejaVu font, ``pages`` pages long."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "CasedeskSample" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("CasedeskSample", str(sample_font_path())))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle("Persoonlijk actieplan")
    width, height = A4
    for page in range(1, pages + 1):
        pdf.setFont("CasedeskSample", 10)
        pdf.drawString(2 * cm, height - 1.5 * cm, "Gemeente Súdwest-Fryslân")
        pdf.drawRightString(width - 2 * cm, height - 1.5 * cm, "27 november 2026")
        y = height - 3 * cm
        if page == 1:
            pdf.setFont("CasedeskSample", 20)
            pdf.drawString(2 * cm, y, "Persoonlijk actieplan")
            pdf.setFont("CasedeskSample", 12)
            pdf.drawString(2 * cm, y - 0.8 * cm, f"{name} — Schildersbedrijf IJsselmeer")
            y -= 2 * cm
        for section in range(4):
            pdf.setFont("CasedeskSample", 14)
            pdf.drawString(2 * cm, y, ("Uw situatie", "Uw route", "Wat gaan we doen",
                                       "Belangrijke nummers")[section])
            y -= 0.7 * cm
            pdf.setFont("CasedeskSample", 10)
            text = pdf.beginText(2 * cm, y)
            for line in _wrap(_SAMPLE_PARAGRAPH, 88):
                text.textLine(line)
            pdf.drawText(text)
            y -= 3.2 * cm
        pdf.setFont("CasedeskSample", 9)
        pdf.drawCentredString(width / 2, 1.2 * cm, f"pagina {page} van {pages}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def _sample_logo_png() -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice, QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(360, 120, QImage.Format.Format_ARGB32)
    image.fill(QColor(Qt.GlobalColor.transparent))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(0, 92, 153))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRect(8, 8, 104, 104))
    painter.setPen(QColor(0, 92, 153))
    font = QFont()
    font.setPixelSize(34)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRect(124, 0, 236, 120), Qt.AlignmentFlag.AlignVCenter, "Súdwest-\nFryslân")
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def render_screenshots(out_dir: Path) -> list[Path]:
    """Write the PNGs into ``out_dir`` and return their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from casedesk.ui.app import create_application
    from casedesk.ui.documents_panel import DocumentsPanel
    from casedesk.ui.plan_ports import PlanDocument, PlanPorts, SettingsPorts
    from casedesk.ui.plan_preview import PlanPreview
    from casedesk.ui.settings_dialog import SettingsDialog

    out_dir.mkdir(parents=True, exist_ok=True)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else create_application(sys.argv[:1])
    written: list[Path] = []

    def save(widget: "QWidget", name: str) -> None:  # type: ignore[name-defined]  # noqa: F821
        app.processEvents()
        path = out_dir / name
        widget.grab().save(str(path))
        written.append(path)

    made_at = datetime(2026, 11, 27, 13, 5, tzinfo=UTC)
    pdf = sample_plan_pdf(3)
    fresh = PlanDocument(pdf, made_at, "Zoë de Vries")
    stored = PlanDocument(pdf, made_at, "Zoë de Vries", version_id=7)

    preview = PlanPreview(fresh, store_version=lambda document: stored)
    preview.show()
    _wait_for_page(app, preview)
    save(preview, "plan_preview.png")
    preview.go_to_page(1)
    preview.zoom_by(1.25)
    _wait_for_page(app, preview)
    save(preview, "plan_preview_page2_zoomed.png")
    preview.close()

    lines = [
        DocumentLine(9, "Actieplan", datetime(2026, 11, 27, 13, 5, tzinfo=UTC),
                     "Zoë de Vries", hashlib.sha256(pdf).hexdigest()),
        DocumentLine(4, "Actieplan", datetime(2026, 11, 12, 9, 41, tzinfo=UTC),
                     "Jan-Willem van den Bergh", hashlib.sha256(b"older").hexdigest()),
    ]

    def list_versions() -> Sequence[DocumentLine]:
        return lines

    panel = DocumentsPanel(
        PlanPorts(
            render_plan=lambda: fresh,
            store_version=lambda document: stored,
            list_versions=list_versions,
            load_version=lambda version_id: pdf,
        )
    )
    panel.resize(760, 260)
    panel.show()
    panel.view.selectRow(0)
    save(panel, "documents_panel.png")
    panel.close()

    settings = MunicipalitySettings(
        name="Gemeente Súdwest-Fryslân",
        logo=_sample_logo_png(),
        address="Marktstraat 15\n8601 CR Sneek",
        phone="14 0515",
        privacy_text=(
            "De gemeente bewaart uw gegevens om u te helpen met uw bedrijf of werk. "
            "Wij bewaren ze vijf jaar na het einde van de hulp. U mag altijd vragen welke "
            "gegevens wij hebben en een fout laten verbeteren."
        ),
        signature_lines=True,
    )
    dialog = SettingsDialog(
        SettingsPorts(load=lambda: settings, save=lambda changed: None, check_logo=lambda d: "png")
    )
    dialog.show()
    save(dialog, "settings_dialog.png")
    bad_logo = out_dir / "geen-logo.png"
    bad_logo.write_text("Dit is tekst, geen afbeelding.\n", encoding="utf-8")
    dialog.choose_logo(bad_logo)
    bad_logo.unlink()
    save(dialog, "settings_dialog_bad_logo.png")
    dialog.close()
    return written


def _wait_for_page(app: "QApplication", preview: "PlanPreview") -> None:  # type: ignore[name-defined]  # noqa: F821
    """Let QtPdf finish rendering the visible pages (it renders in the background)."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    deadline = QDeadlineTimer(2000)
    while not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("gebruik: python -m casedesk.ui.screenshots_plan MAP")
    for written_path in render_screenshots(Path(sys.argv[1])):
        print(written_path)
