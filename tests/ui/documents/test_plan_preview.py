"""The plan preview: shows the PDF, pages and zooms by keyboard, stores once, saves exactly."""

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from casedesk.domain.dutch import AMSTERDAM
from casedesk.errors import KnownError
from casedesk.ui.documents import plan_preview
from casedesk.ui.documents.plan_preview import PlanPreview, suggested_file_name
from casedesk.ui.documents.ports import PlanDocument
from tests.ui.plan_doubles import (
    CASEWORKER,
    NAME,
    InMemoryPlanVersions,
    make_pdf,
    pdf_text,
)
from tools.screenshots.plan import shows_ink

pytestmark = pytest.mark.qt

PreviewFactory = Callable[..., PlanPreview]


@pytest.fixture
def versions() -> InMemoryPlanVersions:
    return InMemoryPlanVersions(pdf_to_render=make_pdf(3))


@pytest.fixture
def make_preview(qtbot: QtBot, versions: InMemoryPlanVersions) -> PreviewFactory:
    def make(document: PlanDocument | None = None) -> PlanPreview:
        preview = PlanPreview(document or versions.render(), versions.store)
        qtbot.addWidget(preview)
        with qtbot.waitExposed(preview):
            preview.show()
        return preview

    return make


@pytest.fixture
def preview(make_preview: PreviewFactory) -> PlanPreview:
    return make_preview()


def press(qtbot: QtBot, preview: PlanPreview, key: Qt.Key, modifier: Qt.KeyboardModifier = (
    Qt.KeyboardModifier.NoModifier
)) -> None:
    with qtbot.waitActive(preview):
        preview.activateWindow()
    qtbot.keyClick(preview.pdf_view, key, modifier)


def test_preview_shows_page_one_of_every_page(qtbot: QtBot, preview: PlanPreview) -> None:
    assert preview.page_count == 3
    assert preview.current_page == 0
    assert preview.page_label.text() == "Pagina 1 van 3"
    qtbot.waitUntil(lambda: shows_ink(preview.pdf_view.viewport()))


def test_page_keys_walk_through_the_pages(qtbot: QtBot, preview: PlanPreview) -> None:
    press(qtbot, preview, Qt.Key.Key_PageDown)
    assert (preview.current_page, preview.page_label.text()) == (1, "Pagina 2 van 3")
    press(qtbot, preview, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert preview.current_page == 2
    assert not preview.next_button.isEnabled()
    press(qtbot, preview, Qt.Key.Key_PageDown)
    assert preview.current_page == 2  # stays on the last page
    press(qtbot, preview, Qt.Key.Key_PageUp)
    assert preview.current_page == 1
    press(qtbot, preview, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert preview.current_page == 0
    assert not preview.previous_button.isEnabled()


def content_height(preview: PlanPreview) -> int:
    bar = preview.pdf_view.verticalScrollBar()
    return bar.maximum() + bar.pageStep()


def test_ctrl_plus_zooms_a_step_from_page_width_and_ctrl_0_goes_back(
    qtbot: QtBot, preview: PlanPreview
) -> None:
    at_page_width = content_height(preview)
    press(qtbot, preview, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert preview.pdf_view.zoomMode() == QPdfView.ZoomMode.Custom
    assert content_height(preview) / at_page_width == pytest.approx(1.25, abs=0.03)
    press(qtbot, preview, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert preview.pdf_view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert content_height(preview) == at_page_width


def test_zooming_stays_on_the_page_in_view(qtbot: QtBot, preview: PlanPreview) -> None:
    preview.go_to_page(1)
    press(qtbot, preview, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, preview, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert preview.current_page == 1
    press(qtbot, preview, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.current_page == 1


def test_stored_version_names_its_date_and_caseworker(make_preview: PreviewFactory) -> None:
    local_moment = datetime(2026, 11, 27, 14, 5, tzinfo=AMSTERDAM)
    preview = make_preview(PlanDocument(make_pdf(2), local_moment, CASEWORKER, version_id=7))
    assert preview.version_label.text() == (
        "Versie van 27 november 2026 14:05, gemaakt door Zoë de Vries"
    )


def test_fresh_plan_says_it_is_stored_when_printed_or_saved(preview: PlanPreview) -> None:
    assert "bewaard zodra u het afdrukt of opslaat" in preview.version_label.text()


def test_save_as_pdf_writes_exactly_the_bytes_of_the_version(
    qtbot: QtBot, preview: PlanPreview, versions: InMemoryPlanVersions, tmp_path: Path
) -> None:
    target = tmp_path / "actieplan.pdf"
    with qtbot.waitSignal(preview.version_stored) as stored:
        preview.save_to(target)
    assert target.read_bytes() == versions.pdfs[stored.args[0]]
    assert preview.document.version_id == stored.args[0]
    assert preview.version_label.text().startswith("Versie van ")


def test_saving_twice_stores_one_version(
    preview: PlanPreview, versions: InMemoryPlanVersions, tmp_path: Path
) -> None:
    preview.save_to(tmp_path / "een.pdf")
    preview.save_to(tmp_path / "twee.pdf")
    assert versions.stored_count == 1
    assert (tmp_path / "een.pdf").read_bytes() == (tmp_path / "twee.pdf").read_bytes()


def test_ctrl_s_saves_where_the_caseworker_chooses(
    qtbot: QtBot, preview: PlanPreview, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gekozen.pdf"
    monkeypatch.setattr(plan_preview, "ask_save_pdf_path", lambda parent, suggested: target)
    with qtbot.waitSignal(preview.saved):
        press(qtbot, preview, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert target.read_bytes() == preview.document.pdf


def test_saving_into_a_missing_folder_says_so_in_dutch_and_writes_nothing(
    qtbot: QtBot, preview: PlanPreview, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "bestaat-niet" / "actieplan.pdf"
    monkeypatch.setattr(plan_preview, "ask_save_pdf_path", lambda parent, suggested: target)
    preview.save_button.click()
    box = preview.findChild(QMessageBox, "errorBox")
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("Het actieplan kon niet worden opgeslagen in")
    assert "Kies een andere map" in box.text()
    assert not target.parent.exists()


def test_ctrl_p_prints_the_stored_version(
    qtbot: QtBot, preview: PlanPreview, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "afdruk.pdf"))
    monkeypatch.setattr(plan_preview, "ask_printer", lambda parent, pages, title: printer)
    with qtbot.waitSignal(preview.printed) as printed:
        press(qtbot, preview, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed.args == [3]
    assert preview.document.is_stored
    assert NAME in pdf_text(tmp_path / "afdruk.pdf", page=1)


def test_cancelled_print_dialog_stores_nothing(
    preview: PlanPreview, versions: InMemoryPlanVersions, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_preview, "ask_printer", lambda parent, pages, title: None)
    preview.print_button.click()
    assert versions.stored_count == 0
    assert not preview.document.is_stored


def test_bytes_that_are_no_pdf_are_refused_in_dutch(qtbot: QtBot) -> None:
    broken = PlanDocument(b"%PDF-1.7 half a file", datetime(2026, 11, 27).astimezone(), "X", 3)
    with pytest.raises(KnownError, match="geen leesbaar PDF-bestand"):
        PlanPreview(broken)


def test_every_control_has_an_accessible_name(preview: PlanPreview) -> None:
    controls = [
        widget
        for widget in preview.findChildren(QWidget)
        if isinstance(widget, QAbstractButton | QLabel | QPdfView) and widget.isVisibleTo(preview)
    ]
    assert len(controls) >= 10
    assert [w.objectName() for w in controls if not w.accessibleName()] == []


def test_the_suggested_file_name_says_what_whose_and_the_dutch_date() -> None:
    # 23:30 UTC is already the next day in Amsterdam, also on a laptop set to another zone.
    document = PlanDocument(make_pdf(1), datetime(2026, 11, 27, 23, 30, tzinfo=UTC), CASEWORKER)
    assert suggested_file_name(document) == "Actieplan 2026-11-28.pdf"
    assert suggested_file_name(document, "Verwijsbrief", "dossier 1042 Zoë de Vries") == (
        "Verwijsbrief dossier 1042 Zoë de Vries 2026-11-28.pdf"
    )
    assert suggested_file_name(document, "Actieplan", 'A/B: "C"') == (
        "Actieplan A B   C  2026-11-28.pdf"
    )


def test_the_save_dialog_starts_in_the_documents_folder(
    preview: PlanPreview, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    documents = tmp_path / "Documenten"
    documents.mkdir()
    monkeypatch.setattr(
        QStandardPaths, "writableLocation", staticmethod(lambda location: str(documents))
    )
    asked: list[str] = []

    def cancel(parent: object, title: str, start: str, file_filter: str) -> tuple[str, str]:
        asked.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(cancel))
    preview.about = "dossier 1042 Zoë de Vries"
    preview.save_button.click()
    assert asked == [str(documents / "Actieplan dossier 1042 Zoë de Vries 2026-11-27.pdf")]


def test_before_printing_the_preview_lists_what_still_needs_a_look(
    make_preview: PreviewFactory, versions: InMemoryPlanVersions
) -> None:
    points = ("KvK-nummer: moet uit 8 cijfers bestaan. U typte 7 cijfers.",)
    preview = make_preview(replace(versions.render(), to_check=points))
    assert preview.check_label.isVisible()
    assert "Nog nakijken voor u afdrukt" in preview.check_label.text()
    assert "U typte 7 cijfers" in preview.check_label.text()


def test_a_plan_with_nothing_to_check_shows_no_list(preview: PlanPreview) -> None:
    assert not preview.check_label.isVisible()


def test_a_fresh_referral_letter_is_not_called_an_action_plan() -> None:
    from datetime import UTC, datetime

    from casedesk.ui.documents.plan_preview import version_text
    from casedesk.ui.documents.ports import PlanDocument

    document = PlanDocument(b"%PDF-1.7", datetime(2026, 11, 27, 9, 0, tzinfo=UTC), "Fatma")
    assert version_text(document, "Verwijsbrief").startswith("Nieuwe verwijsbrief van ")
    assert "actieplan" not in version_text(document, "Verwijsbrief")
    assert version_text(document).startswith("Nieuw actieplan van ")


def test_the_preview_lists_what_cannot_be_printed_before_printing() -> None:
    from datetime import UTC, datetime

    from casedesk.ui.documents.plan_preview import warnings_text
    from casedesk.ui.documents.ports import PlanDocument

    line = "Handelsnaam: ‘💇‍♀️’ kan niet worden afgedrukt en wordt weggelaten."
    document = PlanDocument(b"%PDF", datetime(2026, 11, 27, tzinfo=UTC), "F", warnings=(line,))
    assert warnings_text(document) == f"Let op, dit kan niet precies zo op papier:\n• {line}"
    assert warnings_text(PlanDocument(b"%PDF", datetime(2026, 11, 27, tzinfo=UTC), "F")) == ""
