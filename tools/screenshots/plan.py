"""Render the action-plan screens to PNG files for review.

``python -m tools.screenshots.plan OUTDIR`` — offscreen: the plan preview (the
renderer's typical and long sample plans), the documents list and the municipality
settings dialog (also refusing a bad logo). A review tool, not a test: the made-up
settings and versions live only here.
"""

import hashlib
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from casedesk.domain.dossier import DocumentLine
from casedesk.domain.municipality import MunicipalitySettings

if TYPE_CHECKING:  # Qt is imported only once the offscreen platform is chosen
    from PySide6.QtWidgets import QWidget

    from casedesk.ui.documents.plan_preview import PlanPreview

INK_LEVEL = 100
"""Gray level (0 black, 255 white) below which a pixel counts as text."""
SAMPLE_MADE_AT = datetime(2026, 11, 27, 13, 5, tzinfo=UTC)


def typical_plan_pdf() -> bytes:
    """The plan renderer's typical two-page sample plan, as the preview gets it."""
    return _render_sample(long=False)


def long_plan_pdf() -> bytes:
    """The renderer's long sample plan (40 actions, long texts)."""
    return _render_sample(long=True)


def _render_sample(*, long: bool) -> bytes:
    from casedesk.domain.plan_content import build_plan_content
    from casedesk.plan.render import render_plan
    from casedesk.plan.samples import long_plan_inputs, sample_logo_png, typical_plan_inputs

    inputs = long_plan_inputs() if long else typical_plan_inputs()
    return render_plan(
        build_plan_content(inputs), logo=sample_logo_png(), created_at=SAMPLE_MADE_AT
    )


def render_screenshots(out_dir: Path) -> list[Path]:
    """Write the PNGs into ``out_dir`` and return their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    from casedesk.plan.samples import sample_logo_png
    from casedesk.services.municipality_settings import check_logo
    from casedesk.ui.app import create_application
    from casedesk.ui.documents.panel import DocumentsPanel
    from casedesk.ui.documents.plan_preview import PlanPreview
    from casedesk.ui.documents.ports import PlanDocument, PlanPorts, SettingsPorts
    from casedesk.ui.setup.settings_dialog import SettingsDialog

    out_dir.mkdir(parents=True, exist_ok=True)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else create_application(sys.argv[:1])
    written: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        app.processEvents()
        path = out_dir / name
        widget.grab().save(str(path))
        written.append(path)

    made_at = SAMPLE_MADE_AT
    pdf = typical_plan_pdf()
    fresh = PlanDocument(pdf, made_at, "Zoë de Vries")
    stored = PlanDocument(pdf, made_at, "Zoë de Vries", version_id=7)

    preview = PlanPreview(fresh, store_version=lambda document: stored)
    preview.show()
    wait_until_page_shown(preview)
    save(preview, "plan_preview.png")
    preview.go_to_page(1)
    preview.zoom_by(1.25)
    wait_until_page_shown(preview)
    save(preview, "plan_preview_page2_zoomed.png")
    preview.close()

    long_preview = PlanPreview(PlanDocument(long_plan_pdf(), made_at, "Zoë de Vries", 8))
    long_preview.show()
    long_preview.go_to_page(long_preview.page_count - 1)
    wait_until_page_shown(long_preview)
    save(long_preview, "plan_preview_long_last_page.png")
    long_preview.close()

    lines = [
        DocumentLine(
            9,
            "Actieplan",
            datetime(2026, 11, 27, 13, 5, tzinfo=UTC),
            "Zoë de Vries",
            hashlib.sha256(pdf).hexdigest(),
        ),
        DocumentLine(
            4,
            "Actieplan",
            datetime(2026, 11, 12, 9, 41, tzinfo=UTC),
            "Jan-Willem van den Bergh",
            hashlib.sha256(b"older").hexdigest(),
        ),
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
        logo=sample_logo_png(),
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
        SettingsPorts(
            load=lambda code: settings,
            save=lambda changed, code: None,
            check_logo=check_logo,
            caseworker_email=lambda: "z.devries@sudwestfryslan.nl",
            save_caseworker_email=lambda address: None,
        )
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


def shows_ink(widget: "QWidget") -> bool:
    """Whether the widget shows dark pixels (text) right now: a rendered page, not a blank
    one. QtPdf renders pages in the background, so a page first appears white."""
    from PySide6.QtGui import QImage

    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(image.constBits())
    stride, width = image.bytesPerLine(), image.width()
    # Every fourth row is plenty to find a line of text and keeps this to a few ms.
    return any(
        min(data[row * stride : row * stride + width]) < INK_LEVEL
        for row in range(0, image.height(), 4)
    )


def wait_until_page_shown(preview: "PlanPreview", timeout_ms: int = 5000) -> bool:
    """Process events until the preview shows rendered text (or the time is up)."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = QDeadlineTimer(timeout_ms)
    while not deadline.hasExpired():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        if shows_ink(preview.pdf_view.viewport()):
            return True
    return False


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("gebruik: python -m tools.screenshots.plan MAP")
    for written_path in render_screenshots(Path(sys.argv[1])):
        print(written_path)
