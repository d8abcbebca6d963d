"""Starting the app on a real encrypted store: the window first, then the store behind it."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casedesk.cli import desktop_start, main
from casedesk.db.backup import list_backups
from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.models import AuditEvent
from casedesk.db.store import open_store
from casedesk.domain.case import CaseFilter, CaseOrder, CaseSortKey, CaseStatus
from casedesk.errors import RestorableError
from casedesk.services.cases import CASES_PAGE_READ
from casedesk.services.demo.fill import fill_with_demo_cases
from casedesk.services.read_log import FLUSH_INTERVAL
from casedesk.services.store_admin import backup_store, init_store
from casedesk.ui import desktop
from casedesk.ui.desktop import DesktopSession, DesktopStart
from casedesk.ui.main_window import MainWindow
from casedesk.ui.opened_store import OpenedStore
from casedesk.ui.ports import StoreInfo
from casedesk.ui.report.window import ReportWindow
from casedesk.ui.workspace import Workspace
from casedesk.wiring.desktop import open_for_window, restore
from tests.conftest import MemoryKeyring

pytestmark = pytest.mark.qt


@pytest.fixture
def location(tmp_path: Path, keychain: Keychain) -> StoreLocation:
    location = StoreLocation.in_dir(tmp_path / "data")
    init_store(location, keychain, "Fatma Özdemir", "GM0855")
    with open_store(location, keychain) as store:
        fill_with_demo_cases(store, 12, datetime.now(UTC))
    return location


def start_for(location: StoreLocation) -> DesktopStart:
    def not_expected(*_args: object) -> str:
        raise AssertionError("not expected in this test")

    return DesktopStart(
        store_path=location.store_file,
        store_exists=location.store_file.exists,
        municipalities=list,
        create_store=not_expected,
        open_store=lambda: open_for_window(location),
        restore_backup=lambda backup: restore(location, backup),
    )


def start_reading_newest_first(location: StoreLocation) -> DesktopStart:
    """As the app starts: the newest dossiers read before the store opens (``casedesk.cli``)."""
    return replace(start_for(location), newest_cases=desktop_start(location).newest_cases)


def window_for(qtbot: QtBot, session: DesktopSession, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        session.fetch_page,
        StoreInfo(Path("casedesk.db")),
        session.window_actions(),
        settings,
        store_opening=True,
    )
    qtbot.addWidget(window)
    return window


def workspace_of(qtbot: QtBot, session: DesktopSession) -> Workspace:
    qtbot.waitUntil(lambda: session.workspace is not None)
    assert session.workspace is not None
    return session.workspace


def test_the_window_shows_before_the_store_and_lists_cases_once_it_opens(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path
) -> None:
    session = DesktopSession(start_for(location))
    window = window_for(qtbot, session, tmp_path)
    assert window.case_model.rowCount() == 0
    assert "geopend" in window.count_label.text()
    assert session.open_into(window)
    assert window.case_model.rowCount() == 12
    session.close()


def test_the_newest_dossiers_show_while_the_store_opens_and_the_open_store_lists_them_again(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path
) -> None:
    session = DesktopSession(start_reading_newest_first(location))
    window = window_for(qtbot, session, tmp_path)

    session.show_newest(window)
    before_opening = [window.case_model.case_at(row) for row in range(12)]
    assert window.case_model.rowCount() == 12
    assert "geopend" in window.count_label.text()  # still opening: no search, no count yet

    assert session.open_into(window)
    assert [window.case_model.case_at(row) for row in range(12)] == before_opening
    session.close()


def test_a_search_typed_before_the_store_opens_is_not_answered_with_the_newest_dossiers(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path
) -> None:
    session = DesktopSession(start_reading_newest_first(location))
    window = window_for(qtbot, session, tmp_path)
    window.search_field.setText("Jansen")

    session.show_newest(window)

    assert window.case_model.rowCount() == 0


def test_the_case_list_reads_still_waiting_are_in_the_log_after_the_app_closes(
    qtbot: QtBot, location: StoreLocation, keychain: Keychain, tmp_path: Path
) -> None:
    session = DesktopSession(start_for(location))
    window = window_for(qtbot, session, tmp_path)
    assert session.open_into(window)  # the first page: written at once
    for _ in range(3):  # the same list again, within the fold: waits in memory
        session.fetch_page("", None, 50)
    session.close()  # what Bestand › Afsluiten, Ctrl+Q and the close button end in
    with open_store(location, keychain) as store, store.session() as db:
        details = list(db.scalars(
            select(AuditEvent.details_json).where(AuditEvent.action == CASES_PAGE_READ)
        ))  # fmt: skip
    assert any('"repeated": 2' in detail for detail in details)


def test_the_window_flushes_the_read_log_as_often_as_the_log_promises() -> None:
    assert FLUSH_INTERVAL / timedelta(milliseconds=1) == desktop.READ_LOG_FLUSH_MS


def test_a_command_before_the_store_is_open_gets_a_dutch_message(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path
) -> None:
    session = DesktopSession(start_for(location))
    actions = session.window_actions()
    assert actions.make_backup is not None
    with pytest.raises(desktop.StoreNotOpenError, match="nog niet open"):
        actions.make_backup()


def test_window_commands_reach_the_store_once_it_is_open(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path
) -> None:
    session = DesktopSession(start_for(location))
    window = window_for(qtbot, session, tmp_path)
    session.open_into(window)
    actions = session.window_actions()
    assert actions.make_backup is not None and actions.export_catalog is not None
    made = actions.make_backup()
    assert made in [backup.path for backup in list_backups(location)]
    actions.export_catalog(tmp_path / "catalogus.json")
    assert (tmp_path / "catalogus.json").read_text(encoding="utf-8").startswith("{")
    session.close()


def test_housekeeping_makes_the_daily_backup_and_says_so(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path
) -> None:
    session = DesktopSession(start_for(location))
    window = window_for(qtbot, session, tmp_path)
    session.open_into(window)
    assert list_backups(location) == []
    session.housekeeping(window)
    assert len(list_backups(location)) == 1
    assert "reservekopie" in window.statusBar().currentMessage()
    session.housekeeping(window)  # not due again the same day
    assert len(list_backups(location)) == 1
    session.close()


def test_closing_makes_a_backup_and_frees_the_store(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path, keychain: Keychain
) -> None:
    session = DesktopSession(start_for(location))
    window = window_for(qtbot, session, tmp_path)
    session.open_into(window)
    session.close()
    assert len(list_backups(location)) == 1
    open_store(location, keychain).close()  # the lock is free again


def test_a_damaged_store_is_restored_from_its_newest_good_backup_when_asked(
    qtbot: QtBot,
    location: StoreLocation,
    tmp_path: Path,
    keychain: Keychain,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup_store(location, keychain)
    _damage(location, len(location.store_file.read_bytes()) - 1000)  # the last page
    asked: list[str] = []
    informed: list[str] = []

    def ask_restore(_parent: object, error: RestorableError) -> bool:
        asked.append(error.message)
        return True

    monkeypatch.setattr(desktop, "ask_restore", ask_restore)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: informed.append(text))
    session = DesktopSession(start_for(location))
    window = window_for(qtbot, session, tmp_path)
    assert session.open_into(window)
    assert asked and "beschadigd" in asked[0]
    assert "teruggezet" in informed[0] and "bewaard als" in informed[0]
    assert window.case_model.rowCount() == 12
    session.close()


def _damage(location: StoreLocation, offset: int) -> None:
    data = bytearray(location.store_file.read_bytes())
    data[offset : offset + 64] = b"\xff" * 64
    location.store_file.write_bytes(bytes(data))


def test_the_background_check_finds_a_sound_store_sound(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path
) -> None:
    session = DesktopSession(start_for(location))
    window = window_for(qtbot, session, tmp_path)
    session.open_into(window)
    session.start_full_check(window)
    qtbot.waitUntil(lambda: "in orde" in window.statusBar().currentMessage(), timeout=20_000)
    session.close()


def test_damage_the_opening_sample_missed_is_found_in_the_background_and_restored(
    qtbot: QtBot,
    location: StoreLocation,
    tmp_path: Path,
    keychain: Keychain,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup_store(location, keychain)
    _damage(location, 3 * 4096 + 1000)  # page 4: opening checks only a sample
    asked: list[RestorableError] = []
    informed: list[str] = []

    def ask_restore(_parent: object, error: RestorableError) -> bool:
        asked.append(error)
        return True

    monkeypatch.setattr(desktop, "ask_restore", ask_restore)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: informed.append(text))
    # The list only: the dossier screens might read the damaged page (and say so) first.
    start = replace(
        start_for(location), open_store=lambda: replace(open_for_window(location), workspace=None)
    )
    session = DesktopSession(start)
    window = window_for(qtbot, session, tmp_path)
    assert session.open_into(window)
    assert asked == []
    session.start_full_check(window)
    qtbot.waitUntil(lambda: bool(informed), timeout=20_000)
    assert "schade" in asked[0].message
    assert asked[0].newest_good_backup == list_backups(location)[-1].path
    assert "teruggezet" in informed[0] and "bewaard als" in informed[0]
    assert window.case_model.rowCount() == 12
    session.start_full_check(window)  # the restored store is sound
    qtbot.waitUntil(lambda: "in orde" in window.statusBar().currentMessage(), timeout=20_000)
    session.close()


def test_a_restore_in_the_running_app_gives_the_restored_store_one_workspace(
    qtbot: QtBot,
    location: StoreLocation,
    tmp_path: Path,
    keychain: Keychain,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = backup_store(location, keychain)
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)
    session = DesktopSession(start_for(location))
    window = window_for(qtbot, session, tmp_path)
    session.open_into(window)
    first = workspace_of(qtbot, session)
    session.restore_into(window, made)
    assert workspace_of(qtbot, session) is not first
    assert window.pages.count() == 2  # the list and one Vandaag
    assert window.case_model.rowCount() == 12
    session.close()


def test_a_store_whose_key_is_gone_is_explained_and_not_opened(
    qtbot: QtBot,
    location: StoreLocation,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    memory_keyring.entries.clear()
    shown: list[str] = []

    class FakeBox:
        def __init__(self, text: str) -> None:
            self.text = text

        def exec(self) -> int:
            shown.append(self.text)
            return 0

    monkeypatch.setattr(desktop, "error_box", lambda _parent, error: FakeBox(str(error)))
    session = DesktopSession(start_for(location))
    window = window_for(qtbot, session, tmp_path)
    assert not session.open_into(window)
    assert "casedesk recover" in shown[0]
    assert session.opened is None


def test_opened_store_is_what_the_real_composition_builds(location: StoreLocation) -> None:
    opened = open_for_window(location)
    try:
        assert isinstance(opened, OpenedStore)
        assert len(opened.cases("", None, 5)) == 5
        assert opened.actions.make_backup is not None
    finally:
        opened.close()


def test_the_workspace_adds_vandaag_and_ctrl_n_starts_an_intake_on_the_store(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path
) -> None:
    session = DesktopSession(start_for(location))
    window = window_for(qtbot, session, tmp_path)
    assert session.open_into(window)
    assert window.pages.count() == 1  # the dossier screens load after the list is painted
    workspace = workspace_of(qtbot, session)
    assert window.pages.count() == 2
    assert window.pages.tabText(1) == "&Vandaag"
    actions = session.window_actions()
    assert actions.new_intake is not None
    actions.new_intake()
    (case_id, intake), = workspace.intakes.items()
    qtbot.addWidget(intake)
    assert window.case_model.rowCount() == 13
    intake.close()
    assert case_id not in workspace.intakes
    session.close()


def test_opening_a_case_twice_shows_the_one_dossier_window(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path
) -> None:
    session = DesktopSession(start_for(location))
    window = window_for(qtbot, session, tmp_path)
    session.open_into(window)
    workspace = workspace_of(qtbot, session)
    case_id = int(window.case_model.case_id_at(0))
    first = workspace.open_dossier(case_id)
    qtbot.addWidget(first)
    assert workspace.open_dossier(case_id) is first
    assert first.documents_panel is not None  # plan versions and Ctrl+P are wired
    session.close()


def test_a_dossier_window_refers_closes_and_reopens_through_the_real_services(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path, keychain: Keychain
) -> None:
    from casedesk.clock import today
    from casedesk.domain.case import CaseId, CaseStatus
    from casedesk.domain.closing import Outcome
    from casedesk.domain.referrals import ReferralDraft
    from casedesk.services.intake import intake_service_for
    from casedesk.ui.dossier.view import DossierView
    from casedesk.wiring.workspace import dossier_ports

    with open_store(location, keychain) as store:
        case_id = CaseId(1)
        intake = intake_service_for(store)
        ports = dossier_ports(store, case_id, None, "Fatma Özdemir")
        preview = ports.closing_preview()
        if preview.state.is_closed:
            ports.reopen_case("Demo-dossier weer open voor de test")
        target = ports.referral_targets()[0]
        draft = ReferralDraft(
            target.partner_name, "Hulp bij de administratie", today(), partner_id=target.partner_id
        )
        ports.create_referral(draft)
        view = DossierView(intake, case_id, ports=ports)
        qtbot.addWidget(view)
        assert view.referrals_model.rowCount() == 1
        assert view.tabs.tabText(2) == "Verwijzingen (1)"
        (referral,) = ports.referrals()
        render_letter = ports.plan.render_referral_letter
        assert render_letter is not None
        letter = ports.plan.store_version(render_letter(referral.referral_id))
        assert letter.pdf.startswith(b"%PDF")
        assert [line.version_id for line in ports.plan.list_versions()] == [letter.version_id]
        assert ports.closing_preview().warnings  # the open referral and its follow-up
        ports.close_case(Outcome.BUSINESS_CONTINUED, today(), True)
        view.refresh()
        assert intake.load_intake(case_id).status is CaseStatus.CLOSED
        assert view.closed_label.isVisibleTo(view)
        assert not view.continue_button.isEnabled()


def test_the_report_window_logs_the_figures_it_shows_and_the_file_it_saves(
    qtbot: QtBot, location: StoreLocation, keychain: Keychain, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    opened = open_for_window(location)
    try:
        make, save = opened.actions.make_report, opened.actions.save_report
        assert make is not None and save is not None
        window = ReportWindow(make, save, date(2026, 12, 3))
        qtbot.addWidget(window)
        window.first_input.setText("1-1-2020")
        window.last_input.setText("3-12-2026")
        window.make_button.click()
        assert window.report is not None
        assert window.save_as(".csv", tmp_path / "rapport.csv") == tmp_path / "rapport.csv"
    finally:
        opened.close()
    with open_store(location, keychain) as store, store.session() as session:
        logged = [
            (event.action, event.details_json)
            for event in session.scalars(
                select(AuditEvent)
                .where(AuditEvent.action.in_(("report.viewed", "report.written")))
                .order_by(AuditEvent.id)
            )
        ]
    period = '"from": "2020-01-01", "to": "2026-12-03"'
    assert logged == [
        ("report.viewed", f"{{{period}}}"),
        ("report.written", f'{{"format": "CSV", {period}}}'),
    ]
    assert main(["--data-dir", str(location.data_dir), "audit", "verify"]) == 0
    assert "de keten is heel" in capsys.readouterr().out


def test_a_list_sorted_by_name_last_time_opens_sorted_by_name_without_an_error(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path
) -> None:
    before = DesktopSession(start_for(location))
    last_time = window_for(qtbot, before, tmp_path)
    assert before.open_into(last_time)
    last_time.case_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Naam
    last_time.save_layout()
    before.close()

    session = DesktopSession(start_for(location))
    window = window_for(qtbot, session, tmp_path)  # the layout of last time, store opening
    assert window.findChildren(QMessageBox) == []
    assert session.open_into(window)

    assert window.findChildren(QMessageBox) == []
    assert window.case_model.order == CaseOrder(CaseSortKey.NAME, descending=False)
    names = [window.case_model.case_at(row).entrepreneur_name for row in range(12)]
    assert names == [last_time.case_model.case_at(row).entrepreneur_name for row in range(12)]
    session.close()


def test_a_filter_chosen_while_the_store_opens_lists_its_dossiers_once_it_is_open(
    qtbot: QtBot, location: StoreLocation, tmp_path: Path
) -> None:
    session = DesktopSession(start_reading_newest_first(location))
    window = window_for(qtbot, session, tmp_path)
    session.show_newest(window)
    assert window.case_model.rowCount() == 12

    window.filter_box.setCurrentIndex(window.filter_box.findData(CaseFilter.CLOSED.value))

    assert window.findChildren(QMessageBox) == []
    assert window.case_model.rowCount() == 0  # the newest of all no longer fit the filter
    assert session.open_into(window)
    closed = [window.case_model.case_at(row) for row in range(window.case_model.rowCount())]
    assert closed and all(case.status is CaseStatus.CLOSED for case in closed)
    session.close()
