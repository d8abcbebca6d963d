"""The next appointment on the Afspraken step: what is typed is what is stored."""

from datetime import date, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from casedesk.domain.agreements import Appointment, AppointmentMode
from casedesk.domain.dutch import AMSTERDAM
from casedesk.ui.intake_agreements import AgreementsPanel

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
