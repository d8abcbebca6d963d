"""The main window: search as you type, paging, opening a case, menus, layout memory."""

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.case import CaseFilter, CaseStatus, CaseSummary
from casedesk.domain.catalog import Catalog
from casedesk.errors import KnownError
from casedesk.ui import main_window
from casedesk.ui.case_list_model import PAGE_SIZE
from casedesk.ui.catalog.import_dialog import ImportPreviewDialog
from casedesk.ui.catalog.ports import ImportChoice
from casedesk.ui.main_window import SEARCH_PLACEHOLDER, MainWindow, total_text
from casedesk.ui.ports import CasePageSource, MainWindowActions, StoreInfo
from casedesk.ui.shared.text_match import fold
from tests.ui.case_source_double import InMemoryCaseSource, locked_store_error, make_cases

pytestmark = pytest.mark.qt

STORE = StoreInfo(Path("/srv/casedesk/casedesk.db"))
WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "casedesk.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def source() -> InMemoryCaseSource:
    return InMemoryCaseSource(make_cases(450))


@pytest.fixture
def make_window(qtbot: QtBot, source: InMemoryCaseSource, settings: QSettings) -> WindowFactory:
    def make(
        actions: MainWindowActions | None = None, store: StoreInfo = STORE
    ) -> MainWindow:
        window = MainWindow(source, store, actions, settings=settings)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        return window

    return make


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()


def activate(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert isinstance(found, QAction), f"no action {name}"
    return found


def shown_names(window: MainWindow) -> set[str]:
    model = window.case_model
    return {model.case_at(row).entrepreneur_name for row in range(model.rowCount())}


def message_box(window: MainWindow, qtbot: QtBot) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox) is not None)
    box = window.findChild(QMessageBox)
    assert isinstance(box, QMessageBox)
    return box


def test_window_opens_with_the_first_page_of_all_cases(window: MainWindow) -> None:
    assert window.case_model.rowCount() == PAGE_SIZE
    assert window.count_label.text() == f"{PAGE_SIZE} dossiers getoond, scroll voor meer"


def test_search_field_says_what_can_be_searched(window: MainWindow) -> None:
    assert window.search_field.placeholderText() == SEARCH_PLACEHOLDER


def test_typing_in_the_search_field_filters_the_list(
    make_window: WindowFactory, source: InMemoryCaseSource, qtbot: QtBot
) -> None:
    source.cases = make_cases(150)  # 30 of each name: one page holds every match
    window = make_window()
    qtbot.keyClicks(window.search_field, "ozdemir")
    qtbot.waitUntil(lambda: window.case_model.query == "ozdemir")
    assert shown_names(window) == {"Fatma Özdemir"}
    assert window.count_label.text() == "30 dossiers gevonden"


def test_typing_fast_searches_once_for_the_whole_word(
    window: MainWindow, source: InMemoryCaseSource, qtbot: QtBot
) -> None:
    qtbot.keyClicks(window.search_field, "vries")
    qtbot.waitUntil(lambda: window.case_model.query == "vries")
    assert source.queries == ["", "vries"]


def test_a_search_without_results_says_so(window: MainWindow, qtbot: QtBot) -> None:
    window.search_field.setText("Zoë Xyz")
    qtbot.waitUntil(lambda: window.case_model.query == "Zoë Xyz")
    assert window.case_model.rowCount() == 0
    assert window.count_label.text() == "Geen dossiers gevonden voor ‘Zoë Xyz’"


def test_scrolling_down_loads_the_next_page(window: MainWindow, qtbot: QtBot) -> None:
    window.case_view.scrollToBottom()
    qtbot.waitUntil(lambda: window.case_model.rowCount() > PAGE_SIZE)
    assert window.count_label.text().startswith(f"{window.case_model.rowCount()} dossiers")


def test_enter_on_a_row_opens_that_case(window: MainWindow, qtbot: QtBot) -> None:
    window.case_view.setFocus()
    window.case_view.selectRow(3)
    expected = window.case_model.case_id_at(3)
    with qtbot.waitSignal(window.case_activated) as activated:
        qtbot.keyClick(window.case_view, Qt.Key.Key_Return)
    assert activated.args == [expected]


def test_enter_without_a_current_row_opens_nothing(window: MainWindow, qtbot: QtBot) -> None:
    window.case_view.setCurrentIndex(QModelIndex())
    with qtbot.assertNotEmitted(window.case_activated):
        qtbot.keyClick(window.case_view, Qt.Key.Key_Return)


def test_ctrl_f_puts_the_cursor_in_the_search_field(window: MainWindow, qtbot: QtBot) -> None:
    activate(window, qtbot)
    window.case_view.setFocus()
    qtbot.waitUntil(window.case_view.hasFocus)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search_field.hasFocus)


def test_tab_goes_from_the_search_field_to_the_list(window: MainWindow, qtbot: QtBot) -> None:
    activate(window, qtbot)
    window.search_field.setFocus()
    qtbot.waitUntil(window.search_field.hasFocus)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Tab)
    qtbot.waitUntil(window.case_view.hasFocus)


def test_arrow_down_in_the_search_field_selects_the_first_case(
    window: MainWindow, qtbot: QtBot
) -> None:
    activate(window, qtbot)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.waitUntil(window.case_view.hasFocus)
    assert window.case_view.currentIndex().row() == 0


def test_status_bar_shows_where_the_store_lives(window: MainWindow) -> None:
    assert window.store_label.text() == f"Opslag: {STORE.path}"
    assert window.warning_label is None


def test_status_bar_shows_the_store_warning(make_window: WindowFactory) -> None:
    warning = "Let op: de sleutel staat in een onbeveiligde sleutelopslag"
    window = make_window(store=StoreInfo(STORE.path, warning=warning))
    assert window.warning_label is not None
    assert warning in window.warning_label.text()


def test_window_size_is_remembered(
    qtbot: QtBot, source: InMemoryCaseSource, settings: QSettings
) -> None:
    first = MainWindow(source, STORE, settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)
    qtbot.waitUntil(lambda: first.size().width() == 700)
    first.close()

    second = MainWindow(source, STORE, settings=settings)
    qtbot.addWidget(second)
    assert (second.size().width(), second.size().height()) == (700, 500)


def test_commands_that_are_not_provided_are_not_shown(window: MainWindow) -> None:
    for name in ("backupAction", "newIntakeAction", "importAction", "exportAction"):
        assert window.findChild(QAction, name) is None
    assert not window.menuBar().actions()[2].isVisible()  # Catalogus
    assert not window.menuBar().actions()[3].isVisible()  # Rapportage


def test_menus_are_dutch(window: MainWindow) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&Bestand", "Do&ssier", "&Catalogus", "&Rapportage", "&Help"]


def test_ctrl_n_starts_a_new_intake(make_window: WindowFactory, qtbot: QtBot) -> None:
    started: list[bool] = []
    window = make_window(MainWindowActions(new_intake=lambda: started.append(True)))
    activate(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: started == [True])


def test_backup_reports_where_it_was_written(make_window: WindowFactory, qtbot: QtBot) -> None:
    written = Path("/srv/casedesk/backups/casedesk-2026-11-27.db")
    window = make_window(MainWindowActions(make_backup=lambda: written))
    action(window, "backupAction").trigger()
    box = message_box(window, qtbot)
    assert str(written) in box.text()


def test_a_failed_backup_shows_its_dutch_message(make_window: WindowFactory, qtbot: QtBot) -> None:
    message = "De schijf is vol. Maak ruimte vrij en maak de back-up opnieuw."

    def full_disk() -> Path:
        raise KnownError(message)

    window = make_window(MainWindowActions(make_backup=full_disk))
    action(window, "backupAction").trigger()
    box = message_box(window, qtbot)
    assert (box.windowTitle(), box.text()) == ("casedesk", message)


def test_import_catalog_passes_the_chosen_file(
    make_window: WindowFactory, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = Path("/media/usb/routekaart-2026.json")
    imported: list[Path] = []

    def import_catalog(path: Path) -> str:
        imported.append(path)
        return "42 instrumenten en 17 partners geïmporteerd."

    monkeypatch.setattr(main_window, "ask_open_path", lambda *args: chosen)
    window = make_window(MainWindowActions(import_catalog=import_catalog))
    action(window, "importAction").trigger()
    assert imported == [chosen]
    assert message_box(window, qtbot).text() == "42 instrumenten en 17 partners geïmporteerd."


def test_import_catalog_shows_what_changes_and_takes_the_file_only_when_asked(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[str] = []

    def take() -> Catalog:
        taken.append("ja")
        return load_default_catalog()

    def preview(path: Path) -> ImportChoice:
        return ImportChoice("Nieuwe instrumenten (1):\n  - Over Rood", False, take)

    monkeypatch.setattr(main_window, "ask_open_path", lambda *args: Path("regio.json"))
    window = make_window(MainWindowActions(preview_catalog_import=preview))
    action(window, "importAction").trigger()
    dialog = window.findChild(ImportPreviewDialog)
    assert dialog is not None
    assert dialog.summary.toPlainText() == "Nieuwe instrumenten (1):\n  - Over Rood"
    assert taken == []
    dialog.take_button.click()
    assert taken == ["ja"]


def test_the_catalog_menu_offers_keeping_the_catalog_and_the_routekaart(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened: list[str] = []
    written: list[Path] = []
    monkeypatch.setattr(main_window, "ask_save_path", lambda *args: tmp_path / "kaart")
    window = make_window(
        MainWindowActions(
            manage_catalog=lambda: opened.append("beheren"), write_routekaart=written.append
        )
    )
    action(window, "manageCatalogAction").trigger()
    action(window, "routekaartAction").trigger()
    assert opened == ["beheren"]
    assert written == [tmp_path / "kaart.pdf"]


def test_cancelled_export_writes_nothing(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported: list[Path] = []
    monkeypatch.setattr(main_window, "ask_save_path", lambda *args: None)
    window = make_window(MainWindowActions(export_catalog=exported.append))
    action(window, "exportAction").trigger()
    assert exported == []
    assert window.findChild(QMessageBox) is None


def test_a_store_that_fails_while_scrolling_shows_its_message(
    window: MainWindow, source: InMemoryCaseSource, qtbot: QtBot
) -> None:
    source.error = locked_store_error()
    window.case_view.scrollToBottom()
    box = message_box(window, qtbot)
    assert box.text() == str(source.error)
    assert window.case_model.rowCount() == PAGE_SIZE


def test_every_control_has_an_accessible_name(make_window: WindowFactory) -> None:
    window = make_window(
        MainWindowActions(
            make_backup=lambda: Path("b"),
            new_intake=lambda: None,
            import_catalog=lambda path: "",
            export_catalog=lambda path: None,
        ),
        store=StoreInfo(STORE.path, warning="Let op"),
    )
    controls = [
        widget
        for widget in window.findChildren(QWidget)
        if widget.isVisible()
        and (widget.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(widget, QLabel))
        and not _is_buddy_label(widget)
    ]
    unnamed = [c.objectName() or type(c).__name__ for c in controls if not c.accessibleName()]
    assert controls
    assert unnamed == []


def _is_buddy_label(widget: QWidget) -> bool:
    # A label that names a field is itself the field's name for screen readers.
    return isinstance(widget, QLabel) and widget.buddy() is not None


def test_ctrl_and_a_number_opens_each_page_also_after_a_second_added_page(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.add_page("&Vandaag", QWidget())
    window.add_page("&Rapportage", QWidget())
    activate(window, qtbot)
    for number, key in ((3, Qt.Key.Key_3), (1, Qt.Key.Key_1), (2, Qt.Key.Key_2)):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.pages.currentIndex() == number - 1
    assert len(window.findChildren(QAction, "pageAction1")) == 1


def test_the_status_bar_says_how_many_dossiers_match_counting_once_per_search(
    make_window: WindowFactory, source: InMemoryCaseSource, qtbot: QtBot
) -> None:
    asked: list[tuple[str, int]] = []

    def count(query: str, cap: int, case_filter: CaseFilter) -> int:
        asked.append((query, cap))
        names = [fold(case.entrepreneur_name) for case in source.cases]
        return min(cap + 1, sum(1 for name in names if fold(query) in name))

    window = make_window(MainWindowActions(count_cases=count))
    assert window.count_label.text() == (
        f"450 dossiers in totaal, {PAGE_SIZE} getoond (scroll voor meer)"
    )
    window.case_view.scrollToBottom()
    qtbot.waitUntil(lambda: window.case_model.rowCount() > PAGE_SIZE)
    shown = window.case_model.rowCount()
    assert window.count_label.text().startswith(f"450 dossiers in totaal, {shown} getoond")
    assert len(asked) == 1  # scrolling fetched pages, but counted nothing again
    window.search_field.setText("ozdemir")
    qtbot.waitUntil(lambda: window.case_model.query == "ozdemir")
    qtbot.waitUntil(lambda: len(asked) == 2)
    assert window.count_label.text().startswith("90 dossiers gevonden")


def test_a_count_beyond_the_cap_says_more_than() -> None:
    assert total_text(10_001, 200, query="de") == (
        "meer dan 10.000 dossiers gevonden, 200 getoond (scroll voor meer)"
    )


def test_the_filter_shows_open_or_closed_dossiers_and_counts_them(
    make_window: WindowFactory, source: InMemoryCaseSource
) -> None:
    def filtered(case_filter: CaseFilter) -> CasePageSource:
        def fetch(query: str, after: CaseSummary | None, limit: int, /) -> list[CaseSummary]:
            kept = [
                case for case in source(query, None, 10_000)
                if case_filter is CaseFilter.ALL
                or (case.status is CaseStatus.CLOSED) == (case_filter is CaseFilter.CLOSED)
            ]
            start = 0 if after is None else kept.index(after) + 1
            return kept[start : start + limit]

        return fetch

    window = make_window(MainWindowActions(filtered_cases=filtered))
    assert window.filter_box.isVisible()
    window.filter_box.setCurrentIndex(window.filter_box.findData(CaseFilter.CLOSED.value))
    assert shown_statuses(window) == {CaseStatus.CLOSED}
    window.filter_box.setCurrentIndex(window.filter_box.findData(CaseFilter.OPEN.value))
    assert shown_statuses(window) and CaseStatus.CLOSED not in shown_statuses(window)


def shown_statuses(window: MainWindow) -> set[CaseStatus]:
    model = window.case_model
    return {model.case_at(row).status for row in range(model.rowCount())}


def test_without_a_filtered_source_no_filter_is_offered(window: MainWindow) -> None:
    assert not window.filter_box.isVisible()
