"""The dossier view: data, decision, actions, referrals, documents, log; Ctrl+I continues."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from casedesk.domain.agreements import Action, ActionOwner
from casedesk.domain.case import CaseId, CaseStatus
from casedesk.domain.closing import ClosingState
from casedesk.domain.intake import Business, Entrepreneur, IntakeAnswers
from casedesk.errors import KnownError
from casedesk.services.closing import ClosingPreview
from casedesk.ui.dossier.ports import DossierPorts
from casedesk.ui.dossier.view import DossierView
from tests.ui.intake_port_double import InMemoryIntakePort
from tests.ui.plan_doubles import InMemoryPlanVersions

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


def dossier_ports(state: ClosingState, calls: list[object]) -> DossierPorts:
    """Ports that only record that they were called."""
    preview = ClosingPreview(state, warnings=(), retention_years=7, reopenings=())

    def close_case(*args: object) -> date:
        calls.append(args)
        return date(2033, 11, 27)

    return DossierPorts(
        plan=InMemoryPlanVersions().ports(),
        referral_targets=list,
        create_referral=calls.append,
        referrals=list,
        change_referral_status=lambda *args: calls.append(args),
        add_follow_up=lambda *args: calls.append(args),
        closing_preview=lambda: preview,
        close_case=close_case,
        reopen_case=calls.append,
        today=lambda: date(2026, 11, 27),
    )


def view_with_ports(
    qtbot: QtBot, port: InMemoryIntakePort, case_id: CaseId, tmp_path: object, status: CaseStatus
) -> tuple[DossierView, list[object]]:
    """A dossier view with every menu; the list collects what its ports were asked to do."""
    state = ClosingState(int(case_id), status, date(2026, 11, 1), None, None, None)
    calls: list[object] = []
    settings = QSettings(f"{tmp_path}/casedesk.ini", QSettings.Format.IniFormat)
    view = DossierView(port, case_id, settings=settings, ports=dossier_ports(state, calls))
    qtbot.addWidget(view)
    return view, calls


def shown_error(qtbot: QtBot, view: DossierView) -> QMessageBox:
    box = view.findChild(QMessageBox, "errorBox")
    assert isinstance(box, QMessageBox)
    qtbot.addWidget(box)
    return box


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        (CaseStatus.CLOSED, "closeCaseAction", "al afgesloten. Moet er toch weer"),
        (CaseStatus.ACTIVE, "reopenCaseAction", "heropenen is niet nodig"),
    ],
)
def test_closing_a_closed_or_reopening_an_open_dossier_says_why_and_changes_nothing(
    qtbot: QtBot,
    port: InMemoryIntakePort,
    case_id: CaseId,
    tmp_path: object,
    status: CaseStatus,
    action: str,
    message: str,
) -> None:
    view, calls = view_with_ports(qtbot, port, case_id, tmp_path, status)
    menu_action = view.findChild(QAction, action)
    assert isinstance(menu_action, QAction)
    menu_action.trigger()
    assert message in shown_error(qtbot, view).text()
    assert calls == []


def test_changing_a_referral_without_choosing_one_asks_to_choose_first(
    qtbot: QtBot, port: InMemoryIntakePort, case_id: CaseId, tmp_path: object
) -> None:
    view, calls = view_with_ports(qtbot, port, case_id, tmp_path, CaseStatus.ACTIVE)
    status_action = view.findChild(QAction, "statusAction")
    assert isinstance(status_action, QAction)
    status_action.trigger()
    assert shown_error(qtbot, view).text().startswith("Kies eerst een verwijzing")
    assert view.tabs.currentWidget() is view.referrals_table
    assert calls == []


def test_with_several_referrals_the_letter_asks_which_one(
    qtbot: QtBot, port: InMemoryIntakePort, case_id: CaseId, tmp_path: object
) -> None:
    from PySide6.QtWidgets import QComboBox

    from casedesk.domain.dossier import ReferralLine

    view, _ = view_with_ports(qtbot, port, case_id, tmp_path, CaseStatus.ACTIVE)
    lines = [
        ReferralLine(7, "Over Rood", "Hulp bij schulden", date(2026, 11, 20), "Verwezen"),
        ReferralLine(9, "Schuldhulpverlening", "Dringend", date(2026, 11, 27), "Voorgesteld"),
    ]
    view.referrals_model.set_rows(lines)
    view.referrals_table.setCurrentIndex(view.referrals_model.index(1, 0))
    dialog = view.letter_choice_dialog()
    qtbot.addWidget(dialog)
    combo = dialog.findChild(QComboBox)
    assert combo is not None
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Over Rood, 20-11-2026 (verwezen)",
        "Schuldhulpverlening, 27-11-2026 (voorgesteld)",
    ]
    assert combo.currentIndex() == 1  # the row the caseworker was on
    assert dialog.labelText() == "Voor welke verwijzing maakt u de brief?"


def test_a_single_referral_needs_no_question(
    qtbot: QtBot, port: InMemoryIntakePort, case_id: CaseId, tmp_path: object
) -> None:
    from casedesk.domain.dossier import ReferralLine

    view, _ = view_with_ports(qtbot, port, case_id, tmp_path, CaseStatus.ACTIVE)
    line = ReferralLine(7, "Over Rood", "Hulp", date(2026, 11, 20), "Verwezen")
    view.referrals_model.set_rows([line])
    assert view.letter_referral_id() == 7
