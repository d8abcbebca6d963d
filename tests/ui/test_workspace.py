"""The windows around the main window on the real services and an encrypted store: from
the intake to the plan, landing in the dossier, and quitting with everything open."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from casedesk.db.keys import Keychain
from casedesk.db.store import Store
from casedesk.domain.dossier import Registration
from casedesk.domain.intake import Entrepreneur, IntakeAnswers
from casedesk.plan.samples import SAMPLE_MUNICIPALITY
from casedesk.services.followups import add_follow_up
from casedesk.services.municipality_settings import save_municipality_settings
from casedesk.ui.dossier.view import TABS
from casedesk.ui.intake.window import STEP_SUMMARY, IntakeWindow
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import MainWindowActions, StoreInfo
from casedesk.ui.shared.display_text import weekday_date
from casedesk.ui.workspace import Workspace
from casedesk.wiring.workspace import workspace_ports
from tests.stores import new_store
from tests.ui.case_source_double import InMemoryCaseSource

pytestmark = pytest.mark.qt


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "opslag", keychain, "Fatma Özdemir", "GM0855") as opened:
        save_municipality_settings(opened, SAMPLE_MUNICIPALITY)
        yield opened


@pytest.fixture
def workspace(qtbot: QtBot, store: Store, tmp_path: Path) -> Iterator[Workspace]:
    settings = QSettings(str(tmp_path / "casedesk.ini"), QSettings.Format.IniFormat)
    holder: list[Workspace] = []
    window = MainWindow(
        InMemoryCaseSource([]),
        StoreInfo(tmp_path / "casedesk.db"),
        MainWindowActions(close_windows=lambda: holder[0].close_all()),
        settings=settings,
    )
    qtbot.addWidget(window)
    window.show()
    holder.append(Workspace(window, workspace_ports(store), settings))
    yield holder[0]
    for view in [*holder[0].dossiers.values()]:
        for preview in list(view.documents_panel.previews if view.documents_panel else []):
            preview.close()
    holder[0].close_all()


def started_intake(workspace: Workspace, store: Store) -> IntakeWindow:
    port = workspace_ports(store).intake
    answers = IntakeAnswers(entrepreneur=Entrepreneur(first_names="Zoe", surname="Jansen"))
    case_id = port.start_intake(Registration(date(2026, 11, 27), "GM0855"), answers)
    return workspace.continue_intake(int(case_id))


def test_closing_an_intake_lands_in_its_dossier(workspace: Workspace, store: Store) -> None:
    intake = started_intake(workspace, store)
    intake.close()
    assert list(workspace.dossiers) == [int(intake.case_id)]
    assert workspace.dossiers[int(intake.case_id)].isVisible()


def test_ctrl_p_in_the_intake_opens_the_plan(
    qtbot: QtBot, workspace: Workspace, store: Store
) -> None:
    intake = started_intake(workspace, store)
    with qtbot.waitActive(intake):
        intake.activateWindow()
    qtbot.keyClick(intake, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    view = workspace.dossiers[int(intake.case_id)]
    assert view.documents_panel is not None and len(view.documents_panel.previews) == 1
    assert intake.isVisible()  # the talk may go on


def test_the_summary_offers_the_plan(workspace: Workspace, store: Store) -> None:
    intake = started_intake(workspace, store)
    intake.open_step(STEP_SUMMARY)
    assert intake.plan_button.isVisible()
    intake.plan_button.click()
    view = workspace.dossiers[int(intake.case_id)]
    assert view.documents_panel is not None and len(view.documents_panel.previews) == 1


def test_quitting_closes_every_window_and_saves_the_intake(
    qtbot: QtBot, workspace: Workspace, store: Store
) -> None:
    intake = started_intake(workspace, store)
    intake.bindings["entrepreneur.surname"].write("Jansen-Bakker")
    workspace.open_dossier(int(intake.case_id))
    main = workspace._window
    with qtbot.waitActive(main):
        main.activateWindow()
    qtbot.keyClick(main, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not main.isVisible() and not intake.isVisible()
    assert workspace.intakes == {}
    port = workspace_ports(store).intake
    assert port.load_intake(intake.case_id).answers.entrepreneur.surname == "Jansen-Bakker"


def test_the_dossier_window_shows_its_follow_ups(workspace: Workspace, store: Store) -> None:
    intake = started_intake(workspace, store)
    case_id = int(intake.case_id)
    add_follow_up(store, case_id, date(2026, 12, 14), "Bellen over de offerte", datetime.now(UTC))
    view = workspace.open_dossier(case_id)
    assert view.tabs.tabText(TABS.index("Opvolging")) == "Opvolging (1)"
    assert view.follow_ups_model.rowCount() == 1
    row = [view.follow_ups_model.index(0, column).data() for column in range(3)]
    assert row[1:] == ["Bellen over de offerte", "nog open"]
    assert row[0] == weekday_date(date(2026, 12, 14))


def test_catalog_beheren_opens_one_window_on_the_store(workspace: Workspace) -> None:
    first = workspace.open_catalog_manager()
    assert first.isVisible()
    assert "Standaardcatalogus" in first.about.text()
    assert workspace.open_catalog_manager() is first
    assert workspace.close_all()
    assert not first.isVisible()

def test_erasing_a_dossier_closes_its_window_without_an_error(
    workspace: Workspace, store: Store
) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMessageBox

    from tests.services.full_dossier import add_full_dossier

    case_id = add_full_dossier(store, retention_until=date(2020, 1, 1))
    view = workspace.open_dossier(case_id)
    action = view.findChild(QAction, "eraseAction")
    assert isinstance(action, QAction)
    action.trigger()
    view.erase_button.click()
    assert not view.isVisible()
    assert view.findChild(QMessageBox, "errorBox") is None
    assert workspace._window.findChild(QMessageBox, "errorBox") is None


def test_the_logbook_and_the_purge_are_in_the_bestand_menu(workspace: Workspace) -> None:
    from PySide6.QtGui import QAction

    window = workspace._window
    for name in ("logbookAction", "purgeAction"):
        action = window.findChild(QAction, name)
        assert isinstance(action, QAction), name
    logbook = window.findChild(QAction, "logbookAction")
    assert isinstance(logbook, QAction)
    logbook.trigger()
    assert workspace.logbook is not None and workspace.logbook.isVisible()
    workspace.logbook.close()
