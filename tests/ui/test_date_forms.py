"""Every form where a caseworker types a date reads the usual Dutch ways of typing it the
same way: typed key by key, as at the counter (ASCII only: pytest-qt aborts on more)."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from casedesk.catalog.regions import load_default_region_table
from casedesk.domain.agreements import Action, ActionOwner
from casedesk.domain.case import CaseId, CaseStatus
from casedesk.domain.closing import ClosingState, Outcome
from casedesk.domain.dossier import Registration
from casedesk.domain.dutch import AMSTERDAM, MONTHS
from casedesk.domain.intake import IntakeAnswers
from casedesk.domain.referrals import ReferralDraft
from casedesk.services.closing import ClosingPreview
from casedesk.ui.dossier.closing_dialog import ClosingDialog
from casedesk.ui.dossier.referral_dialog import ReferralDialog
from casedesk.ui.intake.actions_model import ActionsModel
from casedesk.ui.intake.agreements import AgreementsPanel
from casedesk.ui.intake.window import IntakeWindow, step_of
from casedesk.ui.shared.date_input import DateInput
from casedesk.ui.today.view import FollowUpDialog
from tests.ui.intake_port_double import InMemoryIntakePort

pytestmark = pytest.mark.qt

TODAY = date(2026, 11, 27)
AHEAD = date(2026, 12, 9)
BEFORE = date(2026, 11, 2)


def ways_of_typing(day: date) -> list[str]:
    """1-12-2026, 01-12-2026, 01122026, 1/12/26 and 1 dec 2026, for ``day``."""
    return [
        f"{day.day}-{day.month}-{day.year}",
        f"{day.day:02}-{day.month:02}-{day.year}",
        f"{day.day:02}{day.month:02}{day.year}",
        f"{day.day}/{day.month}/{day.year % 100:02}",
        f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}",
    ]


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize("typed", ways_of_typing(AHEAD))
def test_the_follow_up_dialog_reads_every_usual_form(qtbot: QtBot, typed: str) -> None:
    added: list[date] = []
    dialog = FollowUpDialog(1, TODAY, lambda day, note: added.append(day))
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.date_field, typed)
    dialog.note_field.setText("Bellen")
    dialog.ok_button.click()
    assert added == [AHEAD]


@pytest.mark.parametrize("typed", ways_of_typing(BEFORE))
def test_the_referral_dialog_reads_every_usual_form_in_both_dates(
    qtbot: QtBot, typed: str
) -> None:
    saved: list[ReferralDraft] = []
    dialog = ReferralDialog([], TODAY, saved.append)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.partner_field.setText("Schuldhulp Tilburg")
    dialog.request_field.setPlainText("Een gesprek")
    dialog.consent_given.setChecked(True)
    type_into(qtbot, dialog.date_field, typed)
    type_into(qtbot, dialog.consent_date_field, typed)
    dialog.save_button.click()
    [draft] = saved
    assert draft.referred_on == BEFORE
    assert draft.consent is not None and draft.consent.given_on == BEFORE


def closing_dialog(qtbot: QtBot, closed: list[date]) -> ClosingDialog:
    state = ClosingState(1, CaseStatus.ADVICE, date(2026, 10, 1), None, None, None)
    preview = ClosingPreview(state, warnings=(), retention_years=5, reopenings=())

    def close(outcome: Outcome, day: date, confirmed: bool) -> date:
        closed.append(day)
        return day

    dialog = ClosingDialog(preview, TODAY, close)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.outcome_field.setCurrentIndex(dialog.outcome_field.findData(Outcome.BUSINESS_CONTINUED.value))
    return dialog


@pytest.mark.parametrize("typed", ways_of_typing(BEFORE))
def test_the_closing_dialog_reads_every_usual_form(qtbot: QtBot, typed: str) -> None:
    closed: list[date] = []
    dialog = closing_dialog(qtbot, closed)
    type_into(qtbot, dialog.date_field, typed)
    dialog.close_button.click()
    assert closed == [BEFORE]


def test_a_date_that_does_not_exist_is_refused_in_a_dialog(qtbot: QtBot) -> None:
    closed: list[date] = []
    dialog = closing_dialog(qtbot, closed)
    type_into(qtbot, dialog.date_field, "31-02-2026")
    dialog.close_button.click()
    assert closed == [] and dialog.isVisible()
    assert "31 februari 2026 bestaat niet" in dialog.error_label.text()


def test_a_date_more_than_two_years_ahead_is_asked_about_once(qtbot: QtBot) -> None:
    added: list[date] = []
    dialog = FollowUpDialog(1, TODAY, lambda day, note: added.append(day))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.note_field.setText("Bellen")
    type_into(qtbot, dialog.date_field, "09-12-2202")
    dialog.ok_button.click()
    assert added == []
    assert "9 december 2202 ligt meer dan twee jaar vooruit. Klopt dat?" in (
        dialog.error_label.text()
    )
    dialog.ok_button.click()
    assert added == [date(2202, 12, 9)]


@pytest.mark.parametrize("typed", ways_of_typing(AHEAD))
def test_the_appointment_reads_every_usual_form(qtbot: QtBot, typed: str) -> None:
    panel = AgreementsPanel(TODAY)
    qtbot.addWidget(panel)
    panel.show()
    panel.appointment_box.setChecked(True)
    type_into(qtbot, panel.appointment_date, typed)
    appointment = panel.appointment()
    assert appointment is not None
    assert appointment.starts_at.astimezone(AMSTERDAM).date() == AHEAD
    assert not panel.appointment_message.isVisible()


def test_an_appointment_in_the_past_is_flagged_and_kept(qtbot: QtBot) -> None:
    panel = AgreementsPanel(TODAY)
    qtbot.addWidget(panel)
    panel.show()
    panel.appointment_box.setChecked(True)
    type_into(qtbot, panel.appointment_date, "2-11-2026")
    appointment = panel.appointment()
    assert appointment is not None and appointment.starts_at.date() == BEFORE
    assert panel.appointment_message.isVisible()
    assert "Deze datum is voorbij" in panel.appointment_message.text()


def test_a_half_typed_appointment_date_keeps_the_last_whole_one(qtbot: QtBot) -> None:
    panel = AgreementsPanel(TODAY)
    qtbot.addWidget(panel)
    panel.show()
    panel.appointment_box.setChecked(True)
    type_into(qtbot, panel.appointment_date, "9-12-2026")
    type_into(qtbot, panel.appointment_date, "31-02-")
    appointment = panel.appointment()
    assert appointment is not None and appointment.starts_at.date() == AHEAD
    assert "9 december 2026 bewaard" in panel.appointment_message.text()


def actions_panel(qtbot: QtBot) -> AgreementsPanel:
    panel = AgreementsPanel(TODAY)
    qtbot.addWidget(panel)
    panel.show()
    panel.model.add_action(Action("Brief meenemen", ActionOwner.ENTREPRENEUR))
    return panel


def edit_due_cell(qtbot: QtBot, table: QTableView, typed: str) -> DateInput:
    index = table.model().index(0, ActionsModel.COL_DUE)
    table.setCurrentIndex(index)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.indexWidget(index) or table.focusWidget()
    assert isinstance(editor, DateInput)
    qtbot.keyClicks(editor, typed)
    press_return(qtbot, editor)
    return editor


def press_return(qtbot: QtBot, editor: DateInput) -> None:
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the view commits a cell's edit in a queued call


@pytest.mark.parametrize("typed", [*ways_of_typing(AHEAD), "09-12-2026", "9 december 2026"])
def test_an_actions_wanneer_cell_reads_every_usual_form(qtbot: QtBot, typed: str) -> None:
    panel = actions_panel(qtbot)
    table, model = panel.table, panel.model
    edit_due_cell(qtbot, table, typed)
    assert model.actions[0].due_date == AHEAD


def test_an_actions_wanneer_cell_keeps_its_editor_open_on_a_date_that_does_not_exist(
    qtbot: QtBot,
) -> None:
    panel = actions_panel(qtbot)
    table, model = panel.table, panel.model
    editor = edit_due_cell(qtbot, table, "31-02-2027")
    assert model.actions[0].due_date is None
    assert table.focusWidget() is editor
    assert "31 februari 2027 bestaat niet" in editor.shown_problem


def test_an_actions_wanneer_cell_asks_once_about_a_date_far_ahead(qtbot: QtBot) -> None:
    panel = actions_panel(qtbot)
    table, model = panel.table, panel.model
    editor = edit_due_cell(qtbot, table, "09-12-2202")
    assert model.actions[0].due_date is None
    assert "ligt meer dan twee jaar vooruit" in editor.shown_problem
    press_return(qtbot, editor)
    assert model.actions[0].due_date == date(2202, 12, 9)


def test_the_calendar_opens_from_the_keyboard_and_picks_a_date(qtbot: QtBot) -> None:
    field = DateInput(None, TODAY, "Datum")
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert field.calendar is not None and field.calendar.selectedDate().day() == 27
    field.calendar.clicked.emit(QDate(2026, 11, 28))  # a click on the 28th
    assert field.value() == date(2026, 11, 28)


def test_a_two_digit_year_in_a_past_date_is_never_ahead(qtbot: QtBot) -> None:
    field = DateInput(None, TODAY, "Geboortedatum", in_the_past=True)
    qtbot.addWidget(field)
    type_into(qtbot, field, "12/3/84")
    assert field.value() == date(1984, 3, 12)


@pytest.fixture
def intake(qtbot: QtBot, tmp_path: Path) -> tuple[IntakeWindow, InMemoryIntakePort, CaseId]:
    port = InMemoryIntakePort(today=TODAY)
    case_id = port.start_intake(Registration(TODAY, "GM0855"), IntakeAnswers())
    window = IntakeWindow(
        port,
        case_id,
        municipalities=load_default_region_table().current_municipalities(),
        settings=QSettings(str(tmp_path / "casedesk.ini"), QSettings.Format.IniFormat),
        today=lambda: TODAY,
    )
    qtbot.addWidget(window)
    window.show()
    return window, port, case_id


BIRTH = date(1984, 3, 12)


@pytest.mark.parametrize(
    ("path", "typed"),
    [("entrepreneur.date_of_birth", typed) for typed in ways_of_typing(BIRTH)]
    + [("business.start_date", typed) for typed in ways_of_typing(BIRTH)],
)
def test_the_intakes_dates_read_every_usual_form(
    qtbot: QtBot, intake: tuple[IntakeWindow, InMemoryIntakePort, CaseId], path: str, typed: str
) -> None:
    window, port, case_id = intake
    control = window.bindings[path].control
    window.open_step(step_of(path))
    assert isinstance(control, DateInput)
    type_into(qtbot, control, typed)
    window.save_now()
    section, name = path.split(".")
    assert getattr(getattr(port.answers(case_id), section), name) == BIRTH


@pytest.mark.parametrize("typed", ways_of_typing(BEFORE))
def test_the_registration_date_reads_every_usual_form(
    qtbot: QtBot, intake: tuple[IntakeWindow, InMemoryIntakePort, CaseId], typed: str
) -> None:
    window, port, case_id = intake
    window.open_step(0)
    type_into(qtbot, window.registration_date, typed)
    window.save_now()
    assert port.states[case_id].registration.registration_date == BEFORE
