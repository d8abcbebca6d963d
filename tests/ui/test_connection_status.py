"""The status bar says when the regional server's connection drops and when it is back:
the real app start (casedesk connect, then the desktop session) through a relay the test
cuts and restores."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from casedesk.cli import desktop_start
from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.server.connection import connect
from casedesk.db.server.store import CONNECTION_LOST_TEXT
from casedesk.domain.case import CaseId
from casedesk.services.intake import intake_service_for
from casedesk.services.presence import CasePresence
from casedesk.ui.connection_status import (
    BACK_TEXT,
    CHECK_INTERVAL_MS,
    LOST_TEXT,
    RETRY_INTERVAL_MS,
    ConnectionStatus,
)
from casedesk.ui.desktop import DesktopSession
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import StoreInfo
from casedesk.ui.workspace import Workspace
from tests.server.region import PASSWORD, Region, new_region
from tests.server.relay import Relay, relay_to

pytestmark = pytest.mark.qt

AMSTERDAM = "GM0363"


@pytest.fixture(scope="module")
def region() -> Iterator[Region]:
    with new_region() as made:
        made.add_caseworker("kim", AMSTERDAM, display_name="Kim Jansen")
        yield made


@pytest.fixture(scope="module")
def case_id(region: Region) -> int:
    return region.add_dossier(region.login("kim"), AMSTERDAM)


@pytest.fixture
def relay(region: Region) -> Iterator[Relay]:
    with relay_to(region.url_for(region.login("kim"))) as made:
        yield made


@pytest.fixture
def app(
    qtbot: QtBot, region: Region, case_id: int, relay: Relay, tmp_path: Path,
    keychain: Keychain,
) -> Iterator[tuple[MainWindow, DesktopSession]]:  # fmt: skip
    """Kim's app on the server, connected as ``casedesk connect`` leaves it."""
    location = StoreLocation.in_dir(tmp_path / "data")
    url = relay.address_for(region.url_for(region.login("kim"))).set(password=None)
    connect(location, keychain, url.render_as_string(hide_password=False), PASSWORD).close()
    session = DesktopSession(desktop_start(location))
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        session.fetch_page, StoreInfo(Path("casedesk.db")), session.window_actions(),
        settings, store_opening=True,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    assert session.open_into(window)
    yield window, session
    session.close()


def _status(session: DesktopSession) -> ConnectionStatus:
    assert session.connection_status is not None
    return session.connection_status


def _checked(qtbot: QtBot, status: ConnectionStatus) -> None:
    """The periodic check, once, up to its answer."""
    status.timer.timeout.emit()
    qtbot.waitUntil(lambda: not status.checking)


def test_the_periodic_check_shows_a_dropped_connection_and_its_return(
    qtbot: QtBot, app: tuple[MainWindow, DesktopSession], relay: Relay
) -> None:
    window, session = app
    status = _status(session)
    assert window.case_model.rowCount() == 1
    assert status.label.isHidden()
    relay.cut()
    _checked(qtbot, status)
    qtbot.waitUntil(status.label.isVisible)
    assert status.label.text() == LOST_TEXT
    assert status.timer.interval() == RETRY_INTERVAL_MS
    relay.restore()
    _checked(qtbot, status)
    qtbot.waitUntil(status.label.isHidden)
    assert window.statusBar().currentMessage() == BACK_TEXT
    assert status.timer.interval() == CHECK_INTERVAL_MS


def test_a_failing_call_shows_the_dropped_connection_at_once(
    qtbot: QtBot, app: tuple[MainWindow, DesktopSession], relay: Relay
) -> None:
    window, session = app
    status = _status(session)
    relay.cut()
    window.refresh_cases()  # the list's read fails: its Dutch message and the status bar
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and box.text() == CONNECTION_LOST_TEXT
    qtbot.waitUntil(status.label.isVisible)
    assert not status.checking  # no check was needed
    box.close()


def test_an_intake_typed_while_the_server_is_gone_is_saved_when_the_check_finds_it_back(
    qtbot: QtBot, app: tuple[MainWindow, DesktopSession], relay: Relay, region: Region,
    case_id: int,
) -> None:  # fmt: skip
    window, session = app
    status = _status(session)
    intake = workspace_of(qtbot, session).continue_intake(case_id)
    relay.cut()
    intake.bindings["entrepreneur.first_names"].write("Zoë")
    assert not intake.save_now()
    assert "versleuteld op deze computer bewaard" in intake.saved_label.text()
    qtbot.waitUntil(status.label.isVisible)
    relay.restore()
    _checked(qtbot, status)
    qtbot.waitUntil(status.label.isHidden)
    assert window.statusBar().currentMessage() == (
        f"{BACK_TEXT} De intake-antwoorden die op deze computer wachtten, zijn opgeslagen "
        f"op de server (dossier {case_id})."
    )
    with region.store_as(region.login("kim")) as store:
        answers = intake_service_for(store).load_intake(CaseId(case_id)).answers
    assert answers.entrepreneur.first_names == "Zoë"
    for box in intake.findChildren(QMessageBox):
        box.close()


def test_while_the_server_is_gone_the_dossier_keeps_the_last_known_presence(
    qtbot: QtBot, app: tuple[MainWindow, DesktopSession], relay: Relay, region: Region,
    case_id: int,
) -> None:  # fmt: skip
    _, session = app
    status = _status(session)
    workspace = workspace_of(qtbot, session)
    joost = region.add_caseworker("joost", AMSTERDAM, display_name="Joost de Vries")
    with region.store_as(joost) as joosts:
        colleague = CasePresence(joosts)
        colleague.enter(case_id)
        view = workspace.open_dossier(case_id)
        assert view.presence_notice.text() == "Joost de Vries heeft dit dossier open."
        relay.cut()
        _checked(qtbot, status)
        qtbot.waitUntil(status.label.isVisible)
        colleague.leave(case_id)
        workspace.renew_presence()  # not asked of a server known to be gone
        assert view.presence_notice.isVisibleTo(view)
        relay.restore()
        _checked(qtbot, status)
        qtbot.waitUntil(status.label.isHidden)
        workspace.renew_presence()
        assert view.presence_notice.isHidden()


def workspace_of(qtbot: QtBot, session: DesktopSession) -> Workspace:
    qtbot.waitUntil(lambda: session.workspace is not None)
    assert session.workspace is not None
    return session.workspace
