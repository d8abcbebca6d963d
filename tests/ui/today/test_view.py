"""The Vandaag view with pytest-qt, on a real encrypted store."""

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casedesk.db.models import Action as ActionRow
from casedesk.db.models import Appointment as AppointmentRow
from casedesk.db.store import Store
from casedesk.domain.followups import FollowUpItem, TodayOverview
from casedesk.errors import KnownError
from casedesk.services.followups import (
    add_follow_up,
    case_follow_ups,
    mark_follow_up_done,
    today_overview,
)
from casedesk.ui.today.view import (
    DoneNoteDialog,
    FollowUpDialog,
    FollowUpTableModel,
    TodayView,
    group_heading,
)
from tests.services.casework_store import NOW, add_case, store

__all__ = ["store"]

pytestmark = pytest.mark.qt

TODAY = date(2026, 11, 27)


def add_due(store: Store, case_id: int, due: date, note: str) -> int:
    return add_follow_up(store, case_id, due, note, datetime(2026, 1, 1, tzinfo=UTC))


@pytest.fixture
def view(qtbot: QtBot, store: Store) -> TodayView:
    first = add_case(store, "Zoë", "Çelik")
    second = add_case(store, "Jan-Willem", "Bergh", "van den")
    add_due(store, second, TODAY - timedelta(days=2), "Offerte nabellen")
    add_due(store, first, TODAY - timedelta(days=20), "Nagaan of de hulp is gestart")
    add_due(store, first, TODAY, "Jaarcijfers ontvangen?")
    add_due(store, second, TODAY + timedelta(days=3), "Gesprek voorbereiden")
    widget = TodayView(
        lambda: today_overview(store, NOW),
        lambda follow_up_id, note: mark_follow_up_done(store, follow_up_id, note, NOW),
    )
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.refresh()
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_groups_show_overdue_oldest_first_today_and_the_week(view: TodayView) -> None:
    overdue = [view.overdue_model.item_at(row).note for row in range(view.overdue_model.rowCount())]
    assert overdue == ["Nagaan of de hulp is gestart", "Offerte nabellen"]
    assert view.today_model.rowCount() == 1 and view.week_model.rowCount() == 1
    assert view.overdue_heading.text() == "Te laat (2)"
    assert view.title.text().startswith("Vandaag, ")


def test_overdue_rows_say_how_late_they_are(view: TodayView) -> None:
    text = view.overdue_model.data(view.overdue_model.index(0, FollowUpTableModel.COL_DUE))
    assert text.endswith("· 20 dagen te laat")
    name = view.overdue_model.data(view.overdue_model.index(1, FollowUpTableModel.COL_NAME))
    assert name == "Jan-Willem van den Bergh (Atelier Zoë)"


def test_enter_opens_the_dossier_in_one_step(qtbot: QtBot, view: TodayView) -> None:
    expected = view.overdue_model.item_at(0).case_id
    view.overdue_view.setFocus()
    view.overdue_view.selectRow(0)
    with qtbot.waitSignal(view.case_activated) as opened:
        qtbot.keyClick(view.overdue_view, Qt.Key.Key_Return)
    assert opened.args == [expected]


def test_a_double_click_opens_the_dossier_once(qtbot: QtBot, view: TodayView) -> None:
    expected = view.overdue_model.item_at(0).case_id
    opened: list[int] = []
    view.case_activated.connect(opened.append)
    cell = view.overdue_view.visualRect(view.overdue_model.index(0, FollowUpTableModel.COL_WHAT))
    viewport = view.overdue_view.viewport()
    # A real double-click is a click followed by a double-click event on the same cell.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=cell.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=cell.center())
    assert opened == [expected]


def test_the_open_button_opens_the_selected_dossier(qtbot: QtBot, view: TodayView) -> None:
    expected = view.week_model.item_at(0).case_id
    view.week_view.setFocus()
    view.week_view.selectRow(0)
    with qtbot.waitSignal(view.case_activated) as opened:
        view.open_button.click()
    assert opened.args == [expected]


def open_done_dialog(view: TodayView) -> tuple[FollowUpItem, DoneNoteDialog]:
    """Choose the follow-up due today and press "Markeren als gedaan…"."""
    view.today_view.setFocus()
    view.today_view.selectRow(0)
    item = view.today_model.item_at(0)
    view.done_button.click()
    assert view.done_dialog is not None
    return item, view.done_dialog


def test_marking_done_asks_for_a_note_and_refuses_an_empty_one(
    qtbot: QtBot, view: TodayView, store: Store
) -> None:
    item, dialog = open_done_dialog(view)
    assert dialog.isVisible()
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "Schrijf in een paar woorden" in dialog.error_label.text()
    assert dialog.error_label.accessibleName() == "Melding"  # a screen reader names it
    assert all(r.done_at is None for r in case_follow_ups(store, item.case_id))


def test_marking_done_with_a_note_stores_it_and_reloads(
    qtbot: QtBot, view: TodayView, store: Store
) -> None:
    item, dialog = open_done_dialog(view)
    dialog.note_field.setPlainText("Cijfers ontvangen, ziet er goed uit")
    with qtbot.waitSignal(view.follow_up_done) as done:
        dialog.ok_button.click()
    assert done.args == [item.follow_up_id]
    assert view.today_model.rowCount() == 0 and view.today_empty.isVisibleTo(view)
    [record] = [r for r in case_follow_ups(store, item.case_id)
                if r.follow_up_id == item.follow_up_id]  # fmt: skip
    assert record.done_note == "Cijfers ontvangen, ziet er goed uit"


def test_cancelling_the_note_leaves_the_follow_up_open(view: TodayView, store: Store) -> None:
    _item, dialog = open_done_dialog(view)
    dialog.reject()
    assert view.today_model.rowCount() == 1


def test_the_models_pass_the_model_tester(qtmodeltester: ModelTester, view: TodayView) -> None:
    for model in (view.overdue_model, view.today_model, view.week_model):
        qtmodeltester.check(model, force_py=True)


def test_an_empty_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = FollowUpTableModel()
    qtmodeltester.check(model, force_py=True)
    model.set_items([FollowUpItem(1, 2, TODAY, "Bellen", "Zoë Çelik", "")], TODAY)
    qtmodeltester.check(model, force_py=True)


def test_a_load_error_is_shown_in_dutch_and_the_view_keeps_its_rows(qtbot: QtBot) -> None:
    message = "De dossiers zijn even niet bereikbaar. Probeer het zo opnieuw."

    def failing() -> TodayOverview:
        raise KnownError(message)

    widget = TodayView(failing, lambda follow_up_id, note: None)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    box = widget.findChild(QMessageBox, "errorBox")
    assert box is not None and box.text() == message
    assert widget.overview is None and widget.overdue_model.rowCount() == 0
    box.close()


def test_a_long_group_says_how_many_there_are_and_that_the_oldest_are_shown() -> None:
    assert group_heading("Te laat", 3, 3) == "Te laat (3)"
    assert group_heading("Te laat", 100, 6098) == "Te laat (6.098; de oudste 100 staan hieronder)"


def test_a_caseworker_adds_a_follow_up_two_weeks_ahead_by_default(
    qtbot: QtBot, store: Store
) -> None:
    case_id = add_case(store)
    dialog = FollowUpDialog(
        case_id, TODAY, lambda due, note: add_follow_up(store, case_id, due, note, NOW)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.note_field.setText("Bellen over de offerte")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    [record] = case_follow_ups(store, case_id)
    assert (record.due_date, record.note) == (TODAY + timedelta(days=14), "Bellen over de offerte")


def test_a_follow_up_without_a_note_is_refused_in_the_dialog(qtbot: QtBot, store: Store) -> None:
    case_id = add_case(store)
    dialog = FollowUpDialog(
        case_id, TODAY, lambda due, note: add_follow_up(store, case_id, due, note, NOW)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "Schrijf op wat er nagegaan moet worden" in dialog.error_label.text()
    assert dialog.error_label.accessibleName() == "Melding"
    assert case_follow_ups(store, case_id) == []


def test_vandaag_shows_own_actions_and_appointments_and_enter_opens_the_dossier(
    qtbot: QtBot, store: Store
) -> None:
    case_id = add_case(store)
    with store.transaction() as session:
        session.add(ActionRow(case_id=case_id, description="Schuldhulp bellen",
                              owner="klantmanager", due_date=TODAY))  # fmt: skip
        session.add(AppointmentRow(case_id=case_id, starts_at=NOW + timedelta(days=1),
                                   mode="ter_plaatse", location="Balie 3"))  # fmt: skip
    widget = TodayView(lambda: today_overview(store, NOW), lambda follow_up_id, note: None)
    qtbot.addWidget(widget)
    widget.refresh()
    widget.show()
    assert widget.actions_heading.text() == "Mijn acties (1)"
    assert widget.actions_model.index(0, 1).data() == "Schuldhulp bellen"
    assert widget.appointments_model.index(0, 1).data() == "Op locatie, Balie 3"
    with qtbot.waitActive(widget):
        widget.activateWindow()
    widget.actions_view.setFocus()
    assert widget.open_button.isEnabled() and not widget.done_button.isEnabled()
    with qtbot.waitSignal(widget.case_activated) as opened:
        qtbot.keyClick(widget.actions_view, Qt.Key.Key_Return)
    assert opened.args == [case_id]


def test_a_change_while_vandaag_is_hidden_shows_when_it_is_shown_again(
    qtbot: QtBot, store: Store
) -> None:
    case_id = add_case(store)
    widget = TodayView(lambda: today_overview(store, NOW), lambda follow_up_id, note: None)
    qtbot.addWidget(widget)
    widget.refresh()
    add_due(store, case_id, TODAY, "Jaarcijfers ontvangen?")
    widget.refresh_soon()  # hidden: nothing is read yet
    assert widget.today_model.rowCount() == 0
    widget.show()
    assert widget.today_model.rowCount() == 1
