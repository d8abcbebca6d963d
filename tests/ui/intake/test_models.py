"""The intake's item models, tested without a window and with pytest-qt's model tester."""

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casedesk.catalog.regions import load_default_region_table
from casedesk.domain.advice import Advice, advise
from casedesk.domain.agreements import Action, ActionOwner
from casedesk.domain.case import CaseId
from casedesk.domain.dossier import DocumentLine, LogLine, ReferralLine
from casedesk.domain.intake import DebtLevel, Future, IntakeAnswers, Situation, Wish
from casedesk.domain.regions import MunicipalityCode
from casedesk.domain.routes import Route
from casedesk.ui.dossier.models import documents_model, log_model, referrals_model
from casedesk.ui.intake.actions_model import ActionsModel, OwnerDelegate
from casedesk.ui.intake.instruments_model import InstrumentFilter, InstrumentsModel
from casedesk.ui.shared.date_input import DateInput, DateInputDelegate
from tests.ui.intake_port_double import default_catalog

pytestmark = pytest.mark.qt

TODAY = date(2026, 11, 27)
ACTIONS = (
    Action("Bel de schuldhulp", ActionOwner.CASEWORKER, due_date=date(2026, 11, 30), action_id=1),
    Action("Brief meenemen", ActionOwner.ENTREPRENEUR, done=True, action_id=2),
)


@pytest.fixture(scope="module")
def advice() -> Advice:
    answers = IntakeAnswers(
        situation=Situation(debts=DebtLevel.PROBLEMATIC),
        future=Future(wish=Wish.PART_TIME_WITH_JOB),
    )
    locality = load_default_region_table().locality_of(MunicipalityCode("GM0855"))
    return advise(answers, default_catalog(), locality, TODAY)


def test_actions_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = ActionsModel(ACTIONS)
    qtmodeltester.check(model, force_py=True)
    model.add_action(Action("Nieuw", ActionOwner.PARTNER))
    model.remove_action(0)
    qtmodeltester.check(model, force_py=True)


def test_actions_model_shows_wie_and_wanneer_in_dutch() -> None:
    model = ActionsModel(ACTIONS)
    assert model.index(0, ActionsModel.COL_OWNER).data() == "Klantmanager"
    assert model.index(0, ActionsModel.COL_DUE).data() == "30-11-2026"
    assert model.index(0, ActionsModel.COL_DUE).data(Qt.ItemDataRole.ToolTipRole) == (
        "30 november 2026"
    )
    done = model.index(1, ActionsModel.COL_DONE)
    assert done.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert done.data(Qt.ItemDataRole.AccessibleTextRole) == "klaar"


def test_editing_a_cell_changes_that_action_only() -> None:
    model = ActionsModel(ACTIONS)
    assert model.setData(model.index(1, ActionsModel.COL_OWNER), "partner")
    assert model.setData(model.index(1, ActionsModel.COL_DUE), date(2026, 12, 1))
    assert model.actions[1] == Action(
        "Brief meenemen", ActionOwner.PARTNER, due_date=date(2026, 12, 1), done=True, action_id=2
    )
    assert model.actions[0] == ACTIONS[0]


def test_an_unknown_owner_is_refused_and_changes_nothing() -> None:
    model = ActionsModel(ACTIONS)
    assert not model.setData(model.index(0, ActionsModel.COL_OWNER), "buurman")
    assert model.actions == ACTIONS


def test_a_read_only_actions_model_refuses_edits() -> None:
    model = ActionsModel(ACTIONS, editable=False)
    assert not model.setData(model.index(0, ActionsModel.COL_DESCRIPTION), "Anders")
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag.NoItemFlags


def test_instruments_model_passes_the_model_tester(
    qtmodeltester: ModelTester, advice: Advice
) -> None:
    model = InstrumentsModel()
    model.set_matches(advice.instruments)
    qtmodeltester.check(model, force_py=True)
    proxy = InstrumentFilter()
    proxy.setSourceModel(model)
    proxy.set_route(Route.EMPLOYMENT)
    qtmodeltester.check(proxy, force_py=True)


def test_instruments_keep_the_advice_order_and_mark_stale_entries(advice: Advice) -> None:
    model = InstrumentsModel()
    model.set_matches(advice.instruments)
    names = [model.index(row, InstrumentsModel.COL_NAME).data() for row in range(model.rowCount())]
    assert names == [match.instrument.name for match in advice.instruments]
    stale_row = next(row for row, m in enumerate(advice.instruments) if m.stale)
    checked = model.index(stale_row, InstrumentsModel.COL_CHECKED)
    last_checked = advice.instruments[stale_row].instrument.last_checked
    assert checked.data().endswith(": mogelijk verouderd")
    assert checked.data(Qt.ItemDataRole.AccessibleTextRole).startswith(
        "mogelijk verouderd, gecontroleerd op "
    )
    assert str(last_checked.year) in checked.data(Qt.ItemDataRole.AccessibleTextRole)


def short_listed_model(advice: Advice) -> tuple[InstrumentsModel, InstrumentFilter]:
    model = InstrumentsModel()
    model.set_matches(advice.instruments, advice.short_list)
    proxy = InstrumentFilter()
    proxy.setSourceModel(model)
    return model, proxy


def visible_ids(proxy: InstrumentFilter, model: InstrumentsModel) -> list[str]:
    rows = (proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount()))
    return [model.match_at(row).instrument.id for row in rows]


def test_the_short_list_comes_first_and_the_rest_is_folded_away(advice: Advice) -> None:
    model, proxy = short_listed_model(advice)
    short = list(advice.short_list_ids)

    assert 0 < len(short) < model.rowCount() == len(advice.instruments)
    assert visible_ids(proxy, model) == short
    proxy.set_show_all(True)
    assert visible_ids(proxy, model) == short + [m.instrument.id for m in advice.also_available]


def test_a_search_looks_in_what_is_folded_away_too(advice: Advice) -> None:
    model, proxy = short_listed_model(advice)
    folded = advice.also_available[0].instrument

    proxy.set_text(folded.name)

    assert folded.id in visible_ids(proxy, model)


def test_a_chosen_instrument_off_the_short_list_stays_in_sight(advice: Advice) -> None:
    model, proxy = short_listed_model(advice)
    folded = advice.also_available[0].instrument

    model.set_chosen([folded.id])
    proxy.set_text("")

    assert visible_ids(proxy, model) == [*advice.short_list_ids, folded.id]


def test_rows_say_why_they_are_on_the_short_list_or_that_they_are_also_available(
    advice: Advice,
) -> None:
    model, _ = short_listed_model(advice)
    last = model.rowCount() - 1
    name = model.index(last, InstrumentsModel.COL_NAME)

    tip = model.index(0, InstrumentsModel.COL_NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(advice.short_list[0].reason)
    assert model.short_list_reason(last) is None
    assert name.data(Qt.ItemDataRole.AccessibleTextRole).endswith(", ook beschikbaar")


def test_without_a_short_list_everything_shows(advice: Advice) -> None:
    model = InstrumentsModel()
    model.set_matches(advice.instruments)
    proxy = InstrumentFilter()
    proxy.setSourceModel(model)

    assert proxy.rowCount() == len(advice.instruments)


def test_the_short_listed_model_passes_the_model_tester(
    qtmodeltester: ModelTester, advice: Advice
) -> None:
    model, proxy = short_listed_model(advice)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_show_all(True)
    qtmodeltester.check(proxy, force_py=True)


def test_ticking_an_instrument_chooses_it(advice: Advice) -> None:
    model = InstrumentsModel()
    model.set_matches(advice.instruments)
    model.toggle(2)
    model.toggle(0)
    assert model.chosen_in_order() == [advice.instruments[0].instrument.id,
                                       advice.instruments[2].instrument.id]  # fmt: skip
    model.toggle(2)
    assert model.chosen == {advice.instruments[0].instrument.id}


def test_dossier_tables_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    moment = date(2026, 11, 27)
    from datetime import UTC, datetime

    at = datetime(2026, 11, 27, 13, 5, tzinfo=UTC)
    for model in (
        referrals_model([ReferralLine(1, "Over Rood", "Hulp bij schulden", moment, "Verwezen")]),
        documents_model([DocumentLine(1, "Persoonlijk actieplan", at, "Sanne", "ab" * 32)]),
        log_model([LogLine(at, "Sanne", "Dossier geopend")]),
    ):
        qtmodeltester.check(model, force_py=True)
        assert model.rowCount(QModelIndex()) == 1


def test_the_log_reads_as_dutch_sentences() -> None:
    from datetime import UTC, datetime

    model = log_model(
        [LogLine(datetime(2026, 11, 27, 13, 5, tzinfo=UTC), "Sanne", "Dossier geopend")]
    )
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Wanneer"
    assert model.index(0, 0).data().startswith("27 november 2026 om ")
    assert model.index(0, 2).data() == "Dossier geopend"
    assert int(CaseId(1)) == 1


def test_the_owner_and_date_editors_write_into_the_model(qtbot: QtBot) -> None:
    model = ActionsModel(ACTIONS)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    owner_delegate = OwnerDelegate(view)
    date_delegate = DateInputDelegate(date(2026, 11, 27), "Wanneer", view)
    owner_index = model.index(1, ActionsModel.COL_OWNER)
    owner_editor = owner_delegate.createEditor(view, QStyleOptionViewItem(), owner_index)
    assert isinstance(owner_editor, QComboBox)
    owner_delegate.setEditorData(owner_editor, owner_index)
    assert owner_editor.currentText() == "Ondernemer"
    owner_editor.setCurrentIndex(owner_editor.findData(ActionOwner.PARTNER.value))
    owner_delegate.setModelData(owner_editor, model, owner_index)

    due_index = model.index(1, ActionsModel.COL_DUE)
    date_editor = date_delegate.createEditor(view, QStyleOptionViewItem(), due_index)
    assert isinstance(date_editor, DateInput)
    date_delegate.setEditorData(date_editor, due_index)
    assert date_editor.text() == ""  # no date yet: the editor is empty
    date_editor.setText("04-12-2026")
    date_delegate.setModelData(date_editor, model, due_index)

    assert model.actions[1].owner is ActionOwner.PARTNER
    assert model.actions[1].due_date == date(2026, 12, 4)


def test_emptying_the_date_editor_empties_a_due_date_again(qtbot: QtBot) -> None:
    model = ActionsModel(ACTIONS)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = DateInputDelegate(date(2026, 11, 27), "Wanneer", view)
    due_index = model.index(1, ActionsModel.COL_DUE)
    model.setData(due_index, date(2026, 12, 4))
    editor = delegate.createEditor(view, QStyleOptionViewItem(), due_index)
    qtbot.addWidget(editor)
    delegate.setEditorData(editor, due_index)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert isinstance(editor, DateInput) and editor.text() == ""
    delegate.setModelData(editor, model, due_index)
    assert model.actions[1].due_date is None
