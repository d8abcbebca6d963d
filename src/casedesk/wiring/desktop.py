"""The desktop app's store, opened for the main window: what its ports call.

Part of the composition root (with ``cli/``): the one place that knows both the store's
services and the UI's ports. Imported once the main window shows, so the first window does
not wait for the database layer; the dossier screens' services (``wiring/workspace.py``) load
after the case list is filled.
"""

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from casedesk import clock
from casedesk.db.backup import due_for_daily_backup
from casedesk.db.keys import open_keychain
from casedesk.db.location import StoreLocation
from casedesk.db.server.choice import SavedConnection, saved_connection
from casedesk.db.store import open_store
from casedesk.domain.regions import Municipality
from casedesk.errors import KnownError
from casedesk.services import store_admin
from casedesk.services.cases import case_page_source, count_matching_cases
from casedesk.services.read_log import ReadFolder
from casedesk.ui.opened_store import OpenedStore
from casedesk.ui.ports import MainWindowActions
from casedesk.ui.setup.ports import FirstRunAnswers, ServerConnectionPorts

if TYPE_CHECKING:
    from casedesk.db.data_store import DataStore
    from casedesk.db.server.store import ServerStore
    from casedesk.domain.case import CaseSummary
    from casedesk.domain.report import Report
    from casedesk.domain.server_address import ServerFields
    from casedesk.services.intake_journal import JournaledIntakeService
    from casedesk.ui.catalog.ports import CatalogPorts, ImportChoice
    from casedesk.ui.intake.ports import IntakePort
    from casedesk.ui.workspace import WorkspacePorts


def current_municipalities() -> list[Municipality]:
    from casedesk.catalog.regions import load_default_region_table  # the first run only

    return load_default_region_table().current_municipalities()


def create_store(location: StoreLocation, answers: FirstRunAnswers) -> str:
    return store_admin.init_store(
        location,
        open_keychain(),
        answers.caseworker_name,
        answers.municipality.code,
        details=store_admin.CounterDetails(
            answers.printed_name, answers.address, answers.phone, answers.caseworker_email
        ),
    )


def restore(location: StoreLocation, backup: Path) -> Path | None:
    return store_admin.restore_store(location, open_keychain(), backup)


def server_connection_ports(location: StoreLocation) -> ServerConnectionPorts:
    """Bestand › Verbinden met regionale server…: ``casedesk connect``'s use case."""
    from casedesk.services import connection_setup

    def check(fields: "ServerFields") -> tuple[bool, Sequence[str]]:
        report = connection_setup.check(connection_setup.request_of(fields))
        return report.ok, report.lines

    def connect(fields: "ServerFields") -> str:
        request = connection_setup.request_of(fields)
        connected = connection_setup.connect(location, open_keychain(), request)
        return (
            f"Verbonden met de {connected.description} als {connected.login}. Casedesk werkt "
            "met deze server vanaf de volgende start: sluit casedesk af en start het opnieuw. "
            "Tot dan werkt u verder met de opslag die nu open is."
        )

    return ServerConnectionPorts(connection_setup.saved_fields(location), check, connect)


def back_to_local(location: StoreLocation) -> str:
    """Bestand › Terug naar opslag op deze computer: ``casedesk connect --local``."""
    from casedesk.services import connection_setup

    connection_setup.back_to_local(location, open_keychain())
    then = (
        "Casedesk opent dan de opslag op deze computer."
        if location.store_file.exists()
        else "Er is nog geen opslag op deze computer: casedesk helpt u die dan te maken."
    )
    return (
        "Casedesk werkt vanaf de volgende start weer met de opslag op deze computer; sluit "
        f"casedesk af en start het opnieuw. {then} Tot dan blijft de server open."
    )


def open_for_window(location: StoreLocation) -> OpenedStore:
    """Opens the store and binds everything the main window and its workspace call."""
    saved = saved_connection(location)
    if saved is not None:
        return _open_server_for_window(location, saved)
    store = open_store(location, open_keychain())
    # One for the whole window: every list, filter and sort folds into the same log.
    reads = ReadFolder(store)

    def daily_backup() -> str | None:
        if not due_for_daily_backup(location, clock.now()):
            return None
        made = store_admin.backup_open_store(store)
        return f"Dagelijkse reservekopie gemaakt: {made.name}"

    def close() -> None:
        try:
            # First: the last reads' counts are in the closing backup too.
            reads.flush()
        finally:
            try:
                store_admin.backup_open_store(store)
            finally:
                store.close()

    return OpenedStore(
        cases=case_page_source(store, folder=reads),
        warning=store.warning,
        actions=_dossier_actions(store, reads, lambda: store_admin.backup_open_store(store)),
        close=close,
        workspace=partial(_workspace, store),
        housekeeping=daily_backup,
        flush_log=reads.flush,
        full_check=lambda: store_admin.find_damage(store),
    )


def _workspace(store: "DataStore", intake: "IntakePort | None" = None) -> "WorkspacePorts":
    from casedesk.wiring.workspace import workspace_ports

    return workspace_ports(store, intake=intake)


def _dossier_actions(
    store: "DataStore", reads: ReadFolder, make_backup: Callable[[], Path]
) -> MainWindowActions:
    """A caseworker's commands on either store: the list's counts and filters, the
    calendar, and what every store offers."""
    return replace(
        _catalog_and_report_actions(store),
        make_backup=make_backup,
        export_calendar=partial(_export_calendar, store),
        count_cases=lambda query, cap, kept: count_matching_cases(store, query, cap, kept),
        filtered_cases=partial(case_page_source, store, folder=reads),
        sorted_cases=partial(case_page_source, store, folder=reads),
    )


def _catalog_and_report_actions(store: "DataStore") -> MainWindowActions:
    """What every store offers, also a coordinator's on the server: the catalog's import
    (previewed) and export, the routekaart and the region's report. Each loads its
    services when first used: the first page of the list needs none of them."""

    def import_file(path: Path) -> str:
        from casedesk.services.catalog import import_catalog

        return import_catalog(store, path).summary

    def export_file(path: Path) -> None:
        from casedesk.services.catalog import export_catalog_in_use

        export_catalog_in_use(store, path)

    def preview_file(path: Path) -> "ImportChoice":
        from casedesk.wiring.catalog import import_choice

        return import_choice(store, path)

    def routekaart_file(path: Path) -> None:
        from casedesk.services.routekaart import write_routekaart

        write_routekaart(store, path, clock.today())

    def report(first: date, last: date) -> "Report":
        from casedesk.services.report import show_report

        return show_report(store, first, last, clock.today())

    def save_report(made: "Report", path: Path) -> None:
        from casedesk.services.report import save_report

        save_report(store, made, path)

    return MainWindowActions(
        import_catalog=import_file,
        export_catalog=export_file,
        preview_catalog_import=preview_file,
        write_routekaart=routekaart_file,
        make_report=report,
        save_report=save_report,
    )


def _open_server_for_window(location: StoreLocation, saved: SavedConnection) -> OpenedStore:
    """The regional server as the window's store: the same list and dossier screens; the
    server keeps its own backups (its administrator's), so there is no backup here. A
    coordinator's login gets no list and no dossier screens: the region's report and its
    catalog.

    Intake answers typed while the server is gone wait in an encrypted journal in the
    data folder; they are saved soon after opening and whenever the connection returns.
    """
    from casedesk.db.intake_journal import JOURNAL_FILE_NAME, IntakeJournal
    from casedesk.db.server.connection import open_connected_store
    from casedesk.ui.connection_status import ConnectionPorts  # the status of a server only

    keychain = open_keychain()
    store = open_connected_store(keychain, saved)
    if store.coordinator:
        return _coordinator_window(store)
    reads = ReadFolder(store)
    journal = IntakeJournal(location.data_dir / JOURNAL_FILE_NAME, keychain)

    @cache
    def intake() -> "JournaledIntakeService":
        # With the dossier screens, after the list shows: not before the first page.
        from casedesk.services.intake_journal import journaled_intake_service

        return journaled_intake_service(store, journal)

    def close() -> None:
        try:
            reads.flush()
        finally:
            store.close()

    return OpenedStore(
        cases=case_page_source(store, folder=reads),
        warning=store.warning,
        actions=_dossier_actions(store, reads, _no_backup),
        close=close,
        workspace=lambda: _workspace(store, intake()),
        flush_log=reads.flush,
        housekeeping=lambda: intake().save_kept(),
        connection=ConnectionPorts(
            check=store.check_connection,
            listen=store.connection.listen,
            reconnected=lambda: intake().save_kept(),
        ),
    )


def _no_backup() -> Path:
    raise KnownError(
        "Met een regionale server maakt de beheerder van de server de reservekopieën; "
        "casedesk maakt hier geen kopie."
    )


COORDINATOR_STATUS = (
    "Aangemeld als coördinator van de regio: de cijfers (Rapportage) en de catalogus; "
    "dossiers ziet u niet."
)


def _coordinator_window(store: "ServerStore") -> OpenedStore:
    from casedesk.db.server.store import CoordinatorRefusedError
    from casedesk.ui.connection_status import ConnectionPorts

    def no_cases(_query: str, _after: "CaseSummary | None", _limit: int, /) -> list["CaseSummary"]:
        return []  # the server would refuse every dossier row: none are asked for

    def refused(*_args: object) -> NoReturn:
        raise CoordinatorRefusedError()

    return OpenedStore(
        cases=no_cases,
        warning=COORDINATOR_STATUS,
        actions=replace(
            _catalog_and_report_actions(store),
            make_backup=_no_backup,
            export_calendar=refused,
            count_cases=lambda _query, _cap, _kept: 0,
            filtered_cases=lambda _kept: no_cases,
            sorted_cases=lambda _kept, _order: no_cases,
        ),
        close=store.close,
        no_workspace=str(CoordinatorRefusedError()),
        catalog=lambda: _coordinator_catalog(store),
        connection=ConnectionPorts(
            check=store.check_connection, listen=store.connection.listen, reconnected=lambda: None
        ),
    )


def _coordinator_catalog(store: "ServerStore") -> "CatalogPorts":
    """Catalogus › Beheren… for the coordinator. The server keeps the names of logins
    from coordinators, so the export form offers the last version's author to change."""
    from casedesk.wiring.catalog import catalog_ports

    return catalog_ports(store, author="")


def _export_calendar(store: "DataStore", path: Path, with_names: bool) -> str:
    from casedesk.services.calendar_export import export_calendar

    written = export_calendar(store, path, clock.now(), include_personal_data=with_names)
    return (
        f"{written.follow_ups} opvolgmomenten en {written.appointments} afspraken staan in "
        f"{written.path}. Importeer dit bestand in uw agenda (bijvoorbeeld Outlook)."
    )
