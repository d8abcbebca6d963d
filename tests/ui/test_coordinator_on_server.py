"""The app on a coordinator's connection: no dossiers, the region's report in Rapportage,
and a Dutch answer to what only caseworkers may do."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from casedesk.cli import desktop_start, main
from casedesk.clock import today
from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.server.connection import connect
from casedesk.domain.dossier import Registration
from casedesk.domain.intake import Channel, IntakeAnswers
from casedesk.errors import KnownError
from casedesk.services.catalog import catalog_in_use
from casedesk.services.intake import IntakeService
from casedesk.ui.desktop import DesktopSession
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import StoreInfo
from casedesk.ui.report.window import ReportWindow
from casedesk.wiring.desktop import COORDINATOR_STATUS
from tests.server.region import PASSWORD, Region, new_region

pytestmark = pytest.mark.qt

AMSTERDAM = "GM0363"


@pytest.fixture(scope="module")
def region() -> Iterator[Region]:
    with new_region() as made:
        yield made


@pytest.fixture(scope="module")
def anne(region: Region) -> str:
    """Kim registered six intakes in Amsterdam; Anne coordinates the region."""
    kim = region.add_caseworker("kim", AMSTERDAM)
    with region.store_as(kim) as store:
        service = IntakeService(store, None)
        for _ in range(6):
            service.start_intake(
                Registration(date(2026, 3, 2), AMSTERDAM), IntakeAnswers(channel=Channel.WEBSITE)
            )
    return region.add_coordinator("anne", "Anne de Wit")


@pytest.fixture
def location(region: Region, anne: str, tmp_path: Path, keychain: Keychain) -> StoreLocation:
    """This computer, connected to the server as Anne (``casedesk connect``)."""
    location = StoreLocation.in_dir(tmp_path / "data")
    address = region.url_for(anne).set(drivername="postgresql")._replace(password=None)
    connect(location, keychain, address.render_as_string(hide_password=False), PASSWORD).close()
    return location


def _window(qtbot: QtBot, session: DesktopSession, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        session.fetch_page, StoreInfo(Path("casedesk.db")), session.window_actions(), settings,
        store_opening=True,
    )  # fmt: skip
    qtbot.addWidget(window)
    return window


def test_the_coordinator_sees_no_dossier_but_the_regions_report(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path
) -> None:
    session = DesktopSession(desktop_start(location))
    window = _window(qtbot, session, tmp_path)
    assert session.open_into(window)
    try:
        assert session.fetch_page("", None, 50) == []
        assert window.warning_label is not None
        assert window.warning_label.text() == f"⚠ {COORDINATOR_STATUS}"
        action = window.findChild(QAction, "reportAction")
        assert action is not None
        action.trigger()
        report_window = window.findChild(ReportWindow)
        assert report_window is not None
        report_window.first_input.setText("1-1-2026")
        report_window.last_input.setText("31-12-2026")
        report_window.make_button.click()
        assert report_window.report is not None
        assert report_window.report.intakes.cells[0].text == "6"
    finally:
        session.close()


def test_the_coordinator_keeps_the_regions_catalog_in_catalogus_beheren(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path, region: Region, anne: str
) -> None:
    session = DesktopSession(desktop_start(location))
    window = _window(qtbot, session, tmp_path)
    assert session.open_into(window)
    try:
        action = window.findChild(QAction, "manageCatalogAction")
        assert action is not None
        action.trigger()
        manager = session.catalog_manager
        assert manager is not None and manager.isVisible()
        manager.select_entry("ondernemersklankbord")
        manager.mark_checked()
        action.trigger()  # a second time: the same window comes to the front
        assert session.catalog_manager is manager
    finally:
        session.close()
    assert not manager.isVisible()  # closed with the app, not left behind
    with region.store_as(anne) as store:
        catalog = catalog_in_use(store)
    checked = next(i for i in catalog.instruments if i.id == "ondernemersklankbord")
    assert checked.last_checked == today()


def test_the_figures_the_coordinator_sees_are_logged_on_the_server_under_their_login(
    qtbot: QtBot, region: Region, anne: str, location: StoreLocation, tmp_path: Path
) -> None:
    session = DesktopSession(desktop_start(location))
    window = _window(qtbot, session, tmp_path)
    assert session.open_into(window)
    try:
        actions = session.window_actions()
        assert actions.make_report is not None and actions.save_report is not None
        report_window = ReportWindow(actions.make_report, actions.save_report, date(2026, 12, 3))
        qtbot.addWidget(report_window)
        report_window.first_input.setText("1-3-2026")
        report_window.last_input.setText("31-3-2026")
        report_window.make_button.click()
        assert report_window.report is not None
    finally:
        session.close()
    owner = region.owner_engine()
    try:
        with owner.connect() as connection:
            newest = connection.execute(
                text(
                    "SELECT recorded_by, details_json, event_hash <> '' FROM audit_events "
                    "WHERE action = 'report.viewed' ORDER BY id DESC LIMIT 1"
                )
            ).one()
    finally:
        owner.dispose()
    assert tuple(newest) == (anne, '{"from": "2026-03-01", "to": "2026-03-31"}', True)


def test_what_only_a_caseworker_may_do_is_refused_in_dutch(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = DesktopSession(desktop_start(location))
    window = _window(qtbot, session, tmp_path)
    assert session.open_into(window)
    actions = session.window_actions()
    assert actions.export_calendar is not None and actions.new_intake is not None
    try:
        with pytest.raises(KnownError, match="aangemeld als coördinator"):
            actions.export_calendar(tmp_path / "agenda.ics", False)
        with pytest.raises(KnownError, match="aangemeld als coördinator"):
            actions.new_intake()
    finally:
        session.close()
    # On the command line too: the server refuses, the app says why, nothing crashes.
    assert main(["--data-dir", str(location.data_dir), "cases"]) == 1
    assert "aangemeld als coördinator" in capsys.readouterr().err


def test_a_caseworker_on_the_server_sorts_the_list_by_a_column(
    qtbot: QtBot, region: Region, anne: str, tmp_path: Path, keychain: Keychain
) -> None:
    location = StoreLocation.in_dir(tmp_path / "kim")
    kim = region.url_for(region.login("kim")).set(drivername="postgresql")._replace(password=None)
    connect(location, keychain, kim.render_as_string(hide_password=False), PASSWORD).close()
    session = DesktopSession(desktop_start(location))
    window = _window(qtbot, session, tmp_path)
    assert session.open_into(window)
    try:
        window.case_model.sort(window.case_model.COL_UPDATED, Qt.SortOrder.AscendingOrder)
        listed = [window.case_model.case_at(row) for row in range(window.case_model.rowCount())]
        assert len(listed) == 6  # sorted in the server, not refused
        assert [case.updated_at for case in listed] == sorted(c.updated_at for c in listed)
    finally:
        session.close()


def test_a_start_connected_to_the_region_reads_no_store_on_this_computer(
    location: StoreLocation,
) -> None:
    assert desktop_start(location).newest_cases(50) is None
