"""The dossier view: data, decision, actions, referrals, documents, log; Ctrl+I continues."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from casedesk.domain.agreements import Action, ActionOwner
from casedesk.domain.case import CaseId
from casedesk.domain.intake import Business, Entrepreneur, IntakeAnswers
from casedesk.errors import KnownError
from casedesk.ui.dossier_view import DossierView
from tests.ui.intake_port_double import InMemoryIntakePort

pytestmark = pytest.mark.qt

ANSWERS = IntakeAnswers(
    entrepreneur=Entrepreneur(first_names="Zoë", name_prefix="van 't", surname="Hoff-Çelik"),
    business=Business(trade_name="Kapsalon Zoë", kvk_number="12345678"),
)


@pytest.fixture
def port() -> InMemoryIntakePort:
    return InMemoryIntakePort(today=date(2026, 11, 27))


@pytest.fixture
def case_id(port: InMemoryIntakePort) -> CaseId:
    case_id = port.add_case(ANSWERS)
    port.save_actions(case_id, [Action("Bel de schuldhulp", ActionOwner.CASEWORKER)])
    return case_id


@pytest.fixture
def view(qtbot: QtBot, port: InMemoryIntakePort, case_id: CaseId, tmp_path: object) -> DossierView:
    settings = QSettings(f"{tmp_path}/casedesk.ini", QSettings.Format.IniFormat)
    view = DossierView(port, case_id, settings=settings)
    qtbot.addWidget(view)
    with qtbot.waitExposed(view):
        view.show()
    with qtbot.waitActive(view):
        view.activateWindow()
    return view


def test_the_dossier_shows_who_it_is_about(view: DossierView) -> None:
    assert "Zoë van 't Hoff-Çelik" in view.heading.text()
    assert "Kapsalon Zoë" in view.details.toPlainText()
    assert view.windowTitle().startswith("Dossier 1: Zoë van 't Hoff-Çelik")


def test_the_dossier_lists_actions_and_the_log(view: DossierView) -> None:
    assert view.actions_model.index(0, 0).data() == "Bel de schuldhulp"
    assert view.tabs.tabText(1) == "Afspraken (1)"
    texts = [view.log_model.index(r, 2).data() for r in range(view.log_model.rowCount())]
    assert "Dossier aangemaakt" in texts


def test_ctrl_i_asks_to_continue_the_intake(view: DossierView, qtbot: QtBot) -> None:
    with qtbot.waitSignal(view.continue_intake_requested) as requested:
        qtbot.keyClick(view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert requested.args == [int(view.case_id)]


def test_alt_and_a_number_opens_a_tab(view: DossierView, qtbot: QtBot) -> None:
    qtbot.keyClick(view, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert view.tabs.currentIndex() == 4


def test_every_control_has_an_accessible_name(view: DossierView) -> None:
    for widget in (view.continue_button, view.tabs, view.details, view.actions_table,
                   view.referrals_table, view.documents_table, view.log_table):  # fmt: skip
        assert widget.accessibleName(), widget.objectName()


def test_a_missing_dossier_is_refused_with_its_message(port: InMemoryIntakePort) -> None:
    with pytest.raises(KnownError, match="Dossier 99 bestaat niet"):
        DossierView(port, CaseId(99))
