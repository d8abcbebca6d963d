"""“Kim heeft dit dossier open”: two caseworkers of one municipality, each with the real
windows on the real regional server, see each other in the dossier's windows."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from casedesk.db.keys import Keychain
from casedesk.db.server.store import ServerStore
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import StoreInfo
from casedesk.ui.shared.presence import PresenceNotice
from casedesk.ui.workspace import Workspace
from casedesk.wiring.workspace import workspace_ports
from tests.server.region import Region, new_region
from tests.stores import new_store
from tests.ui.case_source_double import InMemoryCaseSource

pytestmark = pytest.mark.qt

AMSTERDAM = "GM0363"


@dataclass(frozen=True)
class Office:
    region: Region
    kim: str
    joost: str
    case_id: int


@pytest.fixture(scope="module")
def office() -> Iterator[Office]:
    with new_region() as region:
        kim = region.add_caseworker("kim", AMSTERDAM, display_name="Kim Jansen")
        joost = region.add_caseworker("joost", AMSTERDAM, display_name="Joost de Vries")
        case_id = region.add_dossier(kim, AMSTERDAM)
        yield Office(region, kim, joost, case_id)


def _workspace(qtbot: QtBot, store: ServerStore | object, folder: Path) -> Workspace:
    settings = QSettings(str(folder / "casedesk.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        InMemoryCaseSource([]), StoreInfo(folder / "casedesk.db"), settings=settings
    )
    qtbot.addWidget(window)
    window.show()
    return Workspace(window, workspace_ports(store), settings)  # type: ignore[arg-type]


@pytest.fixture
def desks(qtbot: QtBot, office: Office, tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    with office.region.store_as(office.kim) as kims, office.region.store_as(office.joost) as joosts:
        (tmp_path / "kim").mkdir()
        (tmp_path / "joost").mkdir()
        kim = _workspace(qtbot, kims, tmp_path / "kim")
        joost = _workspace(qtbot, joosts, tmp_path / "joost")
        yield kim, joost
        kim.close_all()
        joost.close_all()


def _notice(window: object) -> PresenceNotice:
    notice = window.findChild(PresenceNotice)  # type: ignore[attr-defined]
    assert isinstance(notice, PresenceNotice)
    return notice


def _said(window: object) -> str | None:
    """What the window says about others; None while it says nothing."""
    notice = _notice(window)
    return notice.text() if notice.isVisibleTo(window) else None  # type: ignore[arg-type]


def test_the_second_to_open_a_dossier_sees_who_has_it_open_and_the_first_sees_it_next(
    office: Office, desks: tuple[Workspace, Workspace]
) -> None:
    kim, joost = desks
    kims_view = kim.open_dossier(office.case_id)
    assert _said(kims_view) is None
    joosts_view = joost.open_dossier(office.case_id)
    assert _said(joosts_view) == "Kim Jansen heeft dit dossier open."
    assert kim.presence_timer.isActive()
    kim.presence_timer.timeout.emit()  # the half-minute renewal
    assert _said(kims_view) == "Joost de Vries heeft dit dossier open."


def test_when_the_colleague_closes_the_dossier_the_notice_goes(
    qtbot: QtBot, office: Office, desks: tuple[Workspace, Workspace]
) -> None:
    kim, joost = desks
    kims_view = kim.open_dossier(office.case_id)
    joosts_view = joost.open_dossier(office.case_id)
    kim.renew_presence()
    assert _said(kims_view) == "Joost de Vries heeft dit dossier open."
    joosts_view.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the event loop would
    assert office.case_id not in joost.dossiers
    kim.renew_presence()
    assert _said(kims_view) is None


def test_the_intake_window_says_who_else_has_the_dossier_open(
    office: Office, desks: tuple[Workspace, Workspace]
) -> None:
    kim, joost = desks
    intake = kim.continue_intake(office.case_id)
    assert joost.open_dossier(office.case_id) is not None
    assert _said(joost.dossiers[office.case_id]) == "Kim Jansen heeft dit dossier open."
    kim.renew_presence()
    assert _said(intake) == "Joost de Vries heeft dit dossier open."


def test_quitting_takes_every_presence_away_at_once(
    office: Office, desks: tuple[Workspace, Workspace]
) -> None:
    kim, joost = desks
    kim.open_dossier(office.case_id)
    kim.continue_intake(office.case_id)
    view = joost.open_dossier(office.case_id)
    assert kim.close_all()
    joost.renew_presence()
    assert _said(view) is None


def test_on_the_store_of_this_computer_nothing_is_said_or_renewed(
    qtbot: QtBot, tmp_path: Path, keychain: Keychain
) -> None:
    with new_store(tmp_path / "opslag", keychain) as store:
        workspace = _workspace(qtbot, store, tmp_path)
        try:
            workspace.new_intake()
            (intake,) = workspace.intakes.values()
            intake.close()
            view = workspace.dossiers[int(intake.case_id)]
            assert _notice(view).isHidden()
            assert intake.findChild(PresenceNotice) is None
            assert not workspace.presence_timer.isActive()
        finally:
            workspace.close_all()
