"""The case list sorts by a column, by mouse and by keyboard, on a real store (issue 10)."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from casedesk.db import cases
from casedesk.db.cases import BusinessData, EntrepreneurData
from casedesk.db.keys import Keychain
from casedesk.db.models import Case
from casedesk.db.store import Store
from casedesk.domain.case import CaseFilter, CaseSortKey, CaseStatus
from casedesk.services.cases import case_page_source
from casedesk.ui.case_list_model import PAGE_SIZE, CaseListModel
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import MainWindowActions, StoreInfo
from tests.stores import new_store

pytestmark = pytest.mark.qt

SURNAMES = ("Özdemir", "de Vries", "Bakker", "Çelik", "Jansen", "Yılmaz", "Mulder", "Visser")
CASE_COUNT = PAGE_SIZE + 10
"""More than one page, so scrolling must go on in the chosen order."""


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "data", keychain) as opened:
        with opened.transaction() as session:
            start = datetime(2026, 11, 1, tzinfo=UTC)
            for number in range(CASE_COUNT):
                prefix, _, surname = SURNAMES[number % len(SURNAMES)].rpartition(" ")
                case_id = cases.create_case(
                    session, None,
                    entrepreneur=EntrepreneurData(f"Kees{number:02d}", prefix, surname),
                    business=BusinessData(trade_name=f"Zaak {number:02d}"),
                    municipality_code="GM0855", region_code=None,
                    registration_date=date(2026, 11, 1),
                )  # fmt: skip
                session.execute(
                    update(Case)
                    .where(Case.id == case_id)
                    .values(updated_at=start + timedelta(hours=number))
                )
        yield opened


@pytest.fixture
def window(store: Store, tmp_path: Path, qtbot: QtBot) -> MainWindow:
    actions = MainWindowActions(
        filtered_cases=partial(case_page_source, store),
        sorted_cases=partial(case_page_source, store),
    )
    settings = QSettings(str(tmp_path / "casedesk.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(
        case_page_source(store), StoreInfo(tmp_path / "data"), actions, settings=settings
    )
    qtbot.addWidget(shown)
    with qtbot.waitExposed(shown):
        shown.show()
    return shown


def _surnames(window: MainWindow) -> list[str]:
    model = window.case_model
    return [model.case_at(row).entrepreneur_name.split()[-1] for row in range(model.rowCount())]


def _action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert isinstance(found, QAction), name
    return found


def _click_header(window: MainWindow, qtbot: QtBot, column: int) -> None:
    header = window.case_view.horizontalHeader()
    middle = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))


def test_the_list_starts_newest_change_first_with_the_header_saying_so(window: MainWindow) -> None:
    header = window.case_view.horizontalHeader()
    assert header.sortIndicatorSection() == CaseListModel.COL_UPDATED
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert window.case_model.case_at(0).entrepreneur_name == f"Kees{CASE_COUNT - 1:02d} Çelik"


def test_clicking_the_name_header_sorts_by_surname_folded(
    window: MainWindow, qtbot: QtBot
) -> None:
    _click_header(window, qtbot, CaseListModel.COL_NAME)
    surnames = _surnames(window)
    assert surnames[0] == "Bakker"
    assert surnames == sorted(surnames, key=lambda name: name.replace("Ç", "C").replace(
        "Ö", "O").replace("ı", "i").lower())  # fmt: skip
    assert _action(window, "sortByNameAction").isChecked()


def test_clicking_the_same_header_again_reverses_the_order(
    window: MainWindow, qtbot: QtBot
) -> None:
    _click_header(window, qtbot, CaseListModel.COL_NAME)
    _click_header(window, qtbot, CaseListModel.COL_NAME)
    assert _surnames(window)[0] == "Yılmaz"
    assert _action(window, "reverseSortAction").isChecked()


def test_scrolling_a_sorted_list_goes_on_in_its_order(window: MainWindow, qtbot: QtBot) -> None:
    _action(window, "sortByNameAction").trigger()
    window.case_view.scrollToBottom()
    qtbot.waitUntil(lambda: window.case_model.rowCount() == CASE_COUNT)
    names = [window.case_model.case_at(row).entrepreneur_name for row in range(CASE_COUNT)]
    assert len(set(names)) == CASE_COUNT
    assert _surnames(window)[-1] == "Yılmaz"


def test_the_sort_menu_reaches_every_column_by_a_letter(window: MainWindow) -> None:
    letters = []
    for key in CaseSortKey:
        text = _action(window, f"sortBy{key.name.title().replace('_', '')}Action").text()
        assert "&" in text, text
        letters.append(text[text.index("&") + 1].lower())
    assert len(set(letters)) == len(letters)


def test_sorting_from_the_menu_moves_the_header_indicator(window: MainWindow) -> None:
    _action(window, "sortByStatusAction").trigger()
    header = window.case_view.horizontalHeader()
    assert header.sortIndicatorSection() == CaseListModel.COL_STATUS
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert "gesorteerd op status, oplopend" in window.case_view.accessibleDescription()


def test_reverse_order_from_the_menu(window: MainWindow) -> None:
    _action(window, "sortByTradeNameAction").trigger()
    _action(window, "reverseSortAction").trigger()
    assert window.case_model.case_at(0).trade_name == f"Zaak {CASE_COUNT - 1:02d}"


def test_sorting_keeps_the_filter_and_the_filter_keeps_the_order(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    with store.transaction() as session:
        session.execute(update(Case).where(Case.id <= 3).values(status=CaseStatus.CLOSED))
    _action(window, "sortByNameAction").trigger()
    window.filter_box.setCurrentIndex(window.filter_box.findData(CaseFilter.CLOSED.value))
    assert window.case_model.rowCount() == 3
    assert _surnames(window) == ["Bakker", "Özdemir", "Vries"]
    _click_header(window, qtbot, CaseListModel.COL_NAME)
    assert _surnames(window) == ["Vries", "Özdemir", "Bakker"]
