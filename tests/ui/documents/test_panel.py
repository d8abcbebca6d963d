"""The documents list: stored versions, reopened and reprinted exactly as they were."""

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casedesk.domain.dossier import DocumentLine
from casedesk.domain.dutch import AMSTERDAM
from casedesk.errors import KnownError
from casedesk.ui.documents import panel as documents_panel
from casedesk.ui.documents.panel import DocumentsModel, DocumentsPanel
from casedesk.ui.documents.plan_preview import PlanPreview
from casedesk.ui.documents.ports import PlanPorts
from tests.ui.plan_doubles import CASEWORKER, InMemoryPlanVersions, make_pdf

pytestmark = pytest.mark.qt


@pytest.fixture
def versions() -> InMemoryPlanVersions:
    """Two stored versions: the first made before the case changed."""
    store = InMemoryPlanVersions(pdf_to_render=make_pdf(2, title="Eerste plan"))
    store.store(store.render())
    store.pdf_to_render = make_pdf(3, title="Plan na wijziging")
    store.store(store.render())
    return store


@pytest.fixture
def panel(qtbot: QtBot, versions: InMemoryPlanVersions) -> DocumentsPanel:
    panel = DocumentsPanel(versions.ports())
    qtbot.addWidget(panel)
    with qtbot.waitExposed(panel):
        panel.show()
    return panel


def close_previews(panel: DocumentsPanel) -> None:
    for preview in list(panel.previews):
        preview.close()


def test_model_passes_the_model_tester(
    qtmodeltester: ModelTester, versions: InMemoryPlanVersions
) -> None:
    model = DocumentsModel()
    qtmodeltester.check(model)
    model.set_lines(versions.list())
    qtmodeltester.check(model)


def test_versions_are_listed_newest_first_with_date_maker_and_checksum(
    panel: DocumentsPanel, versions: InMemoryPlanVersions
) -> None:
    model = panel.model
    assert model.rowCount() == 2
    newest = versions.lines[0]
    assert model.line_at(0).version_id == newest.version_id
    assert model.index(0, DocumentsModel.COL_KIND).data() == "Actieplan"
    assert model.index(0, DocumentsModel.COL_CASEWORKER).data() == CASEWORKER
    assert model.index(0, DocumentsModel.COL_CREATED).data().endswith("2026 " + (
        newest.created_at.astimezone(AMSTERDAM).strftime("%H:%M")
    ))
    assert model.index(0, DocumentsModel.COL_CHECKSUM).data() == newest.sha256[:12]
    tooltip = model.index(0, DocumentsModel.COL_CHECKSUM).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == f"SHA-256: {newest.sha256}"


def test_reopening_the_older_version_shows_exactly_its_bytes(
    panel: DocumentsPanel, versions: InMemoryPlanVersions
) -> None:
    older = versions.lines[1]
    preview = panel.open_version(older.version_id)
    assert hashlib.sha256(preview.document.pdf).hexdigest() == older.sha256
    assert preview.page_count == 2  # the plan as it was, not the 3 pages of today
    assert preview.version_label.text().startswith("Versie van ")
    close_previews(panel)


def test_a_referral_letter_opens_under_its_own_name(
    qtbot: QtBot, versions: InMemoryPlanVersions
) -> None:
    versions.lines[0] = replace(versions.lines[0], kind_label="Verwijsbrief")
    panel = DocumentsPanel(versions.ports())
    qtbot.addWidget(panel)
    preview = panel.open_version(versions.lines[0].version_id)
    assert preview.windowTitle() == "Verwijsbrief"
    close_previews(panel)


def test_enter_on_a_version_opens_it(qtbot: QtBot, panel: DocumentsPanel) -> None:
    panel.view.setFocus()
    panel.view.selectRow(1)
    with qtbot.waitSignal(panel.preview_opened) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    preview = opened.args[0]
    assert isinstance(preview, PlanPreview)
    assert preview.document.version_id == panel.model.line_at(1).version_id
    close_previews(panel)


def test_a_new_plan_printed_from_its_preview_appears_in_the_list(
    qtbot: QtBot, panel: DocumentsPanel, tmp_path: Path
) -> None:
    preview = panel.open_new_plan()
    assert not preview.document.is_stored
    preview.save_to(tmp_path / "nieuw.pdf")
    assert panel.model.rowCount() == 3
    assert panel.model.line_at(0).version_id == preview.document.version_id
    close_previews(panel)


def test_a_damaged_version_is_refused_in_dutch_and_opens_nothing(
    qtbot: QtBot, versions: InMemoryPlanVersions
) -> None:
    damaged = versions.lines[1].version_id
    versions.pdfs[damaged] = make_pdf(2, title="Iets anders")
    panel = DocumentsPanel(versions.ports())
    qtbot.addWidget(panel)
    with pytest.raises(KnownError, match="Deze versie van het document is beschadigd"):
        panel.open_version(damaged)
    assert panel.previews == []


def test_opening_a_damaged_version_with_the_button_shows_the_message(
    qtbot: QtBot, versions: InMemoryPlanVersions
) -> None:
    versions.pdfs[versions.lines[0].version_id] = b"%PDF-1.7 iets anders"
    panel = DocumentsPanel(versions.ports())
    qtbot.addWidget(panel)
    panel.view.selectRow(0)
    panel.open_button.click()
    box = panel.findChild(QMessageBox, "errorBox")
    assert isinstance(box, QMessageBox)
    assert "beschadigd" in box.text()
    assert panel.previews == []


def test_reprint_sends_exactly_the_stored_bytes(
    panel: DocumentsPanel,
    versions: InMemoryPlanVersions,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "opnieuw.pdf"))
    monkeypatch.setattr(documents_panel, "ask_printer", lambda parent, pages, title: printer)
    older = versions.lines[1]
    assert panel.reprint_version(older.version_id) == 2
    assert (tmp_path / "opnieuw.pdf").read_bytes() == versions.pdfs[older.version_id]
    assert versions.stored_count == 2  # a reprint is no new version


def test_an_empty_dossier_says_when_versions_appear(qtbot: QtBot) -> None:
    panel = DocumentsPanel(InMemoryPlanVersions().ports())
    qtbot.addWidget(panel)
    panel.show()
    assert panel.empty_label.isVisible()
    assert "bewaard zodra u het afdrukt of opslaat" in panel.empty_label.text()
    assert not panel.open_button.isEnabled()
    assert not panel.reprint_button.isEnabled()


def test_a_list_that_cannot_be_read_raises_its_dutch_error(qtbot: QtBot) -> None:
    def locked() -> list[DocumentLine]:
        raise KnownError("De opslag is vergrendeld. Probeer het zo opnieuw.")

    ports = InMemoryPlanVersions().ports()
    broken = PlanPorts(ports.render_plan, ports.store_version, locked, ports.load_version)
    with pytest.raises(KnownError, match="vergrendeld"):
        DocumentsPanel(broken)


def test_every_control_has_an_accessible_name(panel: DocumentsPanel) -> None:
    controls = [
        widget
        for widget in panel.findChildren(QWidget)
        if isinstance(widget, QAbstractButton | QAbstractItemView) and widget.isVisibleTo(panel)
    ]
    assert len(controls) >= 4
    assert [w.objectName() for w in controls if not w.accessibleName()] == []
