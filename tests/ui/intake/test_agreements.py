"""The next appointment on the Afspraken step: what is typed is what is stored."""

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casedesk.domain.agreements import Action, ActionOwner, Appointment, AppointmentMode
from casedesk.domain.dutch import AMSTERDAM
from casedesk.ui.intake.agreements import AgreementsPanel

pytestmark = pytest.mark.qt

TODAY = date(2026, 11, 28)
STORED = Appointment(
    starts_at=datetime(2026, 12, 3, 10, 0, tzinfo=AMSTERDAM),
    mode=AppointmentMode.IN_PERSON,
    location="Stadhuis, kamer 2.14",
    ends_at=datetime(2026, 12, 3, 11, 0, tzinfo=AMSTERDAM),
    note="Neem de brieven van de Belastingdienst mee",
)


@pytest.fixture
def panel(qtbot: QtBot) -> AgreementsPanel:
    shown = AgreementsPanel(TODAY)
    qtbot.addWidget(shown)
    return shown


def test_a_stored_appointment_comes_back_whole_with_its_end_and_note(
    panel: AgreementsPanel,
) -> None:
    panel.set_appointment(STORED)
    assert panel.appointment() == STORED


def test_the_duration_sets_the_end_and_none_means_not_said(panel: AgreementsPanel) -> None:
    panel.set_appointment(STORED)
    panel.appointment_duration.setValue(45)
    appointment = panel.appointment()
    assert appointment is not None
    assert appointment.ends_at == STORED.starts_at + timedelta(minutes=45)
    panel.appointment_duration.setValue(0)
    assert panel.appointment_duration.text() == "niet opgegeven"
    appointment = panel.appointment()
    assert appointment is not None and appointment.ends_at is None


def test_changing_the_note_asks_for_a_save(panel: AgreementsPanel, qtbot: QtBot) -> None:
    panel.set_appointment(STORED)
    with qtbot.waitSignal(panel.appointment_changed):
        panel.appointment_note.setText("Bellen als het niet lukt")


def test_a_deleted_action_comes_back_with_ctrl_z(panel: AgreementsPanel, qtbot: QtBot) -> None:
    panel.show()
    with qtbot.waitActive(panel):
        panel.activateWindow()
    panel.model.add_action(Action("Brief meenemen", ActionOwner.ENTREPRENEUR, action_id=4))
    panel.model.add_action(Action("Bel de schuldhulp", ActionOwner.CASEWORKER, action_id=5))
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert [a.description for a in panel.model.actions] == ["Bel de schuldhulp"]
    assert "‘Brief meenemen’ verwijderd. Ctrl+Z" in panel.undo_label.text()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [a.description for a in panel.model.actions] == ["Brief meenemen", "Bel de schuldhulp"]
    assert panel.model.actions[0].action_id is None  # stored again as a new action
    assert not panel.undo_label.isVisible()
