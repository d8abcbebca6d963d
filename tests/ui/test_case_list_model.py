"""The case list model, tested without a window (as Vorta tests its table models)."""

from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casedesk.domain.case import CaseId, CaseStatus, CaseSummary
from casedesk.domain.routes import Route
from casedesk.ui.case_list_model import CaseListModel
from tests.ui.case_source_double import InMemoryCaseSource, locked_store_error, make_cases

pytestmark = pytest.mark.qt

ONE_CASE = CaseSummary(
    case_id=CaseId(7),
    entrepreneur_name="Fatma Özdemir",
    trade_name="Özdemir Kapsalon",
    municipality="Súdwest-Fryslân",
    route=Route.DE_ESCALATION,
    status=CaseStatus.ACTIVE,
    updated_at=datetime(2026, 11, 27, 14, 5),
)


def model_with(cases: list[CaseSummary], page_size: int = 200) -> CaseListModel:
    model = CaseListModel(InMemoryCaseSource(cases), page_size=page_size)
    model.set_query("")
    return model


def cell(model: CaseListModel, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    return model.data(model.index(0, column), role)


def fetch_all(model: CaseListModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def test_model_is_empty_and_can_fetch_before_a_query_is_set() -> None:
    model = CaseListModel(InMemoryCaseSource(make_cases(3)))
    assert model.rowCount() == 0
    assert model.columnCount() == 6
    assert model.canFetchMore(QModelIndex())


def test_set_query_loads_only_the_first_page() -> None:
    source = InMemoryCaseSource(make_cases(450))
    model = CaseListModel(source, page_size=200)
    model.set_query("")
    assert model.rowCount() == 200
    assert model.canFetchMore(QModelIndex())
    assert source.requests[-1].limit == 200
    assert len(source.requests) == 1


def test_fetch_more_continues_after_the_last_row_without_gaps_or_repeats() -> None:
    cases = make_cases(450)
    model = model_with(cases, page_size=200)
    fetch_all(model)
    assert [model.case_id_at(row) for row in range(model.rowCount())] == [
        case.case_id for case in cases
    ]
    assert not model.canFetchMore(QModelIndex())


def test_fetch_more_asks_the_source_after_the_last_loaded_row() -> None:
    source = InMemoryCaseSource(make_cases(450))
    model = CaseListModel(source, page_size=200)
    model.set_query("")
    model.fetchMore(QModelIndex())
    assert source.requests[-1].after == model.case_at(199)


def test_fetch_more_inserts_rows_with_a_signal(qtbot: QtBot) -> None:
    model = model_with(make_cases(450), page_size=200)
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        model.fetchMore(QModelIndex())
    assert inserted.args[1:] == [200, 399]


def test_set_query_resets_the_model_to_the_matching_cases(qtbot: QtBot) -> None:
    model = model_with(make_cases(50))
    with qtbot.waitSignal(model.modelReset):
        model.set_query("  ozdemir ")
    assert model.query == "ozdemir"
    assert model.rowCount() == 10
    names = {model.case_at(row).entrepreneur_name for row in range(model.rowCount())}
    assert names == {"Fatma Özdemir"}


def test_search_ignores_case_and_diacritics() -> None:
    model = model_with(make_cases(50))
    model.set_query("ijs")
    assert model.rowCount() == 10
    assert model.case_at(0).entrepreneur_name == "IJsbrand de Vries"


def test_display_text_per_column() -> None:
    model = model_with([ONE_CASE])
    assert cell(model, CaseListModel.COL_NAME) == "Fatma Özdemir"
    assert cell(model, CaseListModel.COL_TRADE_NAME) == "Özdemir Kapsalon"
    assert cell(model, CaseListModel.COL_MUNICIPALITY) == "Súdwest-Fryslân"
    assert cell(model, CaseListModel.COL_ROUTE) == "Route 2"
    assert cell(model, CaseListModel.COL_STATUS) == "Lopend"
    assert cell(model, CaseListModel.COL_UPDATED) == "27 nov 2026 14:05"


def test_tooltips_spell_out_route_and_date() -> None:
    model = model_with([ONE_CASE])
    tooltip = Qt.ItemDataRole.ToolTipRole
    assert cell(model, CaseListModel.COL_ROUTE, tooltip) == Route.DE_ESCALATION.label
    assert cell(model, CaseListModel.COL_UPDATED, tooltip) == "vrijdag 27 november 2026 om 14:05"


def test_case_without_route_shows_an_empty_cell_that_says_why() -> None:
    model = model_with([replace(ONE_CASE, route=None)])
    assert cell(model, CaseListModel.COL_ROUTE) == ""
    assert cell(model, CaseListModel.COL_ROUTE, Qt.ItemDataRole.ToolTipRole) == (
        "Nog geen route gekozen"
    )
    assert cell(model, CaseListModel.COL_ROUTE, Qt.ItemDataRole.AccessibleTextRole) == "leeg"


def test_accessible_text_is_the_cell_text() -> None:
    model = model_with([ONE_CASE])
    accessible = Qt.ItemDataRole.AccessibleTextRole
    assert cell(model, CaseListModel.COL_NAME, accessible) == "Fatma Özdemir"


def test_invalid_index_and_unsupported_role_give_none() -> None:
    model = model_with([ONE_CASE])
    assert model.data(QModelIndex()) is None
    assert cell(model, CaseListModel.COL_NAME, Qt.ItemDataRole.EditRole) is None


def test_header_names_the_columns_in_dutch() -> None:
    model = CaseListModel(InMemoryCaseSource([]))
    horizontal = Qt.Orientation.Horizontal
    headers = [model.headerData(column, horizontal) for column in range(model.columnCount())]
    assert headers == ["Naam", "Handelsnaam", "Gemeente", "Route", "Status", "Laatst gewijzigd"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_a_failing_source_is_reported_and_the_loaded_rows_stay(qtbot: QtBot) -> None:
    source = InMemoryCaseSource(make_cases(450))
    model = CaseListModel(source, page_size=200)
    model.set_query("")
    error = locked_store_error()
    source.error = error
    with qtbot.waitSignal(model.load_failed) as failed:
        model.fetchMore(QModelIndex())
    assert failed.args == [error]
    assert model.rowCount() == 200
    assert not model.canFetchMore(QModelIndex())


def test_a_short_page_means_there_is_nothing_more() -> None:
    model = model_with(make_cases(20), page_size=200)
    assert model.rowCount() == 20
    assert not model.canFetchMore(QModelIndex())


def test_model_passes_the_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = model_with(make_cases(450), page_size=200)
    qtmodeltester.check(model)
    model.fetchMore(QModelIndex())
    model.set_query("ozdemir")
    qtmodeltester.check(model)
