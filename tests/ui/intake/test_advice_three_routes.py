"""The Advies step keeps every advised route, all three too (issue 11), on a real store."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from casedesk.db.keys import Keychain
from casedesk.db.store import Store
from casedesk.domain.case import CaseId
from casedesk.domain.dossier import Registration
from casedesk.domain.intake import Entrepreneur, Future, IntakeAnswers, Signal, Situation, Wish
from casedesk.domain.routes import Route
from casedesk.services.intake import IntakeService, intake_service_for
from casedesk.ui.intake.window import STEP_ADVICE, IntakeWindow
from tests.stores import new_store
from tests.ui.intake_helpers import focused, press, type_text

pytestmark = pytest.mark.qt

TODAY = date(2026, 11, 27)
ONE, TWO, THREE = Route.STRENGTHEN_BUSINESS, Route.DE_ESCALATION, Route.EMPLOYMENT
THREE_ROUTES = IntakeAnswers(
    entrepreneur=Entrepreneur(first_names="Joris", surname="Brouwer"),
    situation=Situation(signals=frozenset({Signal.STRESS})),
    future=Future(wish=Wish.PART_TIME_WITH_JOB),
)


@pytest.fixture
def service(tmp_path: Path, keychain: Keychain) -> Iterator[IntakeService]:
    store: Store
    with new_store(tmp_path, keychain, "Sanne de Wit") as store:
        yield intake_service_for(store)


@pytest.fixture
def case_id(service: IntakeService) -> CaseId:
    return service.start_intake(Registration(TODAY, "GM0855"), THREE_ROUTES)


@pytest.fixture
def window(service: IntakeService, case_id: CaseId, tmp_path: Path, qtbot: QtBot) -> IntakeWindow:
    settings = QSettings(str(tmp_path / "casedesk.ini"), QSettings.Format.IniFormat)
    opened = IntakeWindow(service, case_id, settings=settings, today=lambda: TODAY)
    qtbot.addWidget(opened)
    with qtbot.waitExposed(opened):
        opened.show()
    with qtbot.waitActive(opened):
        opened.activateWindow()
    opened.open_step(STEP_ADVICE, focus=True)
    return opened


def _stored_routes(service: IntakeService, case_id: CaseId) -> tuple[Route, ...]:
    decision = service.load_intake(case_id).decision
    assert decision is not None
    return decision.routes


def test_accepting_an_advice_of_three_routes_keeps_all_three(
    window: IntakeWindow, service: IntakeService, case_id: CaseId, qtbot: QtBot
) -> None:
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _stored_routes(service, case_id) == (ONE, THREE, TWO)
    text = window.advice_panel.decision_label.text()
    assert "Route 1: eigen onderneming versterken, daarna Route 3:" in text
    assert "en Route 2: problemen oplossen" in text


def test_another_route_starts_from_all_three_advised_routes(window: IntakeWindow) -> None:
    panel = window.advice_panel
    panel.other_button.click()
    chosen = [combo.currentData() for combo in (panel.primary_combo, panel.secondary_combo,
                                                panel.third_combo)]  # fmt: skip
    assert chosen == [1, 3, 2]


def test_the_third_route_is_reached_by_its_letter(window: IntakeWindow, qtbot: QtBot) -> None:
    panel = window.advice_panel
    panel.other_button.click()
    qtbot.keyClick(focused(), Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert focused() is panel.third_combo
    assert panel.third_combo.accessibleName() == "Derde route"


def test_dropping_the_third_route_by_keyboard_stores_two_with_the_reason(
    window: IntakeWindow, service: IntakeService, case_id: CaseId, qtbot: QtBot
) -> None:
    panel = window.advice_panel
    panel.other_button.click()
    qtbot.keyClick(focused(), Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    press(qtbot, Qt.Key.Key_Home)  # "Geen derde route"
    qtbot.keyClick(focused(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    type_text(qtbot, "Eerst rust, hulp later")
    panel.record_button.click()
    assert _stored_routes(service, case_id) == (ONE, THREE)
    decision = service.load_intake(case_id).decision
    assert decision is not None and decision.override_reason == "Eerst rust, hulp later"


def test_a_route_picked_twice_counts_once(
    window: IntakeWindow, service: IntakeService, case_id: CaseId
) -> None:
    panel = window.advice_panel
    panel.other_button.click()
    panel.third_combo.setCurrentIndex(panel.third_combo.findData(ONE.value))
    panel.reason_edit.setPlainText("Alleen bedrijf en baan")
    panel.record_button.click()
    assert _stored_routes(service, case_id) == (ONE, THREE)
