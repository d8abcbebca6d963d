"""The intake window and the dossier view on the real service and an encrypted store."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from casedesk.db.keys import Keychain
from casedesk.db.store import Store
from casedesk.domain.agreements import Action, ActionOwner
from casedesk.domain.dossier import Registration
from casedesk.domain.intake import DebtLevel, IntakeAnswers, Wish
from casedesk.domain.routes import Route
from casedesk.services.intake import IntakeService, intake_service_for
from casedesk.ui.dossier.view import DossierView
from casedesk.ui.intake.window import STEP_ADVICE, IntakeWindow
from tests.stores import new_store

pytestmark = pytest.mark.qt

TODAY = date(2026, 11, 27)


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path, keychain, "Sanne de Wit") as opened:
        yield opened


@pytest.fixture
def service(store: Store) -> IntakeService:
    return intake_service_for(store)


def test_an_intake_typed_in_the_window_is_in_the_dossier(
    service: IntakeService, tmp_path: Path, qtbot: QtBot
) -> None:
    settings = QSettings(str(tmp_path / "casedesk.ini"), QSettings.Format.IniFormat)
    case_id = service.start_intake(Registration(TODAY, "GM0855"), IntakeAnswers())
    window = IntakeWindow(service, case_id, settings=settings, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.bindings["entrepreneur.first_names"].write("Zoë")
    window.bindings["entrepreneur.surname"].write("Hoff-Çelik")
    window.bindings["situation.debts"].write(DebtLevel.PROBLEMATIC)
    window.bindings["future.wish"].write(Wish.STOP_AND_FIND_JOB)
    assert window.save_now()
    window.open_step(STEP_ADVICE)
    panel = window.advice_panel
    panel.other_button.click()
    panel.primary_combo.setCurrentIndex(panel.primary_combo.findData(Route.EMPLOYMENT.value))
    panel.record_button.click()
    assert panel.override_message.isVisible()  # the service's refusal or ours: no reason
    panel.reason_edit.setPlainText("Heeft al een baan aangeboden gekregen")
    panel.record_button.click()
    window.instruments_panel.model.toggle(0)
    window.agreements_panel.model.add_action(Action("Bel de werkgever", ActionOwner.ENTREPRENEUR))
    window.close()

    state = service.load_intake(case_id)
    assert state.answers.entrepreneur.first_names == "Zoë"
    assert state.decision is not None and state.decision.primary is Route.EMPLOYMENT
    assert state.decision.override_reason == "Heeft al een baan aangeboden gekregen"
    assert len(state.chosen_instruments) == 1
    assert [a.description for a in state.actions] == ["Bel de werkgever"]

    view = DossierView(service, case_id, settings=settings)
    qtbot.addWidget(view)
    assert "Zoë Hoff-Çelik" in view.heading.text()
    assert view.log_model.rowCount() > 0
    assert view.actions_model.index(0, 0).data() == "Bel de werkgever"
