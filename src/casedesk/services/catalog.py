"""The catalog in use: which one advice works from, importing a region's file, exporting.

A store without an imported catalog works from the shipped default. An import is checked
completely before anything is stored, and stored in one transaction, so a bad file (or a
failure halfway) leaves the catalog in use exactly as it was.
"""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.fileformat import catalog_to_data, dump_catalog, parse_catalog
from casedesk.catalog.transfer import (
    CatalogChanges,
    CatalogReport,
    compare_catalogs,
    export_catalog,
    validate_catalog_file,
)
from casedesk.db import catalog_repo, settings_repo
from casedesk.db.audit import record_event
from casedesk.db.catalog_repo import CatalogEntryRow
from casedesk.db.data_store import DataStore
from casedesk.domain.catalog import Catalog
from casedesk.errors import KnownError
from casedesk.services.outcomes import outcome_logged


@dataclass(frozen=True)
class CatalogImport:
    report: CatalogReport
    changes: CatalogChanges
    summary: str
    """Dutch lines for the command line and the confirmation in the app."""
    replaces: Catalog
    """The catalog in use when the changes were worked out: taken only over that one."""


def catalog_in_use(store: DataStore) -> Catalog:
    with store.session() as session:
        return read_catalog_in_use(session)


_parsed_catalogs: dict[str, Catalog] = {}
"""Stored catalogs by sha256: parsing and checking one costs some 20 ms, and the same
document always gives the same catalog, so each is parsed once per process."""


def read_catalog_in_use(session: Session) -> Catalog:
    """The catalog in use, read in the caller's session (one small read when parsed before)."""
    digest = catalog_repo.current_catalog_sha256(session)
    if digest is None:
        return load_default_catalog()
    catalog = _parsed_catalogs.get(digest)
    if catalog is not None:
        return catalog
    # Read again whole: an import in between (another thread) is then simply the one used.
    stored = catalog_repo.current_catalog(session)
    if stored is None:
        return load_default_catalog()
    # Dates in a stored catalog were checked at import; "today" must not reject them later.
    catalog = parse_catalog(
        stored.document_json, f"opgeslagen catalogus {stored.version}", today=date.max
    )
    _parsed_catalogs[stored.sha256] = catalog
    return catalog


def preview_catalog_import(store: DataStore, path: Path) -> CatalogImport:
    """Checks the file and says what importing it would change; stores nothing."""
    report = validate_catalog_file(path)
    current = catalog_in_use(store)
    changes = compare_catalogs(current, report.catalog)
    summary = "\n".join([report.summary(), changes.summary(current, report.catalog)])
    return CatalogImport(report, changes, summary, current)


@outcome_logged("catalog.imported", "catalog")
def import_catalog(store: DataStore, path: Path) -> CatalogImport:
    """Checks the file and makes it the catalog in use (all or nothing)."""
    ensure_may_change_catalog(store)
    preview = preview_catalog_import(store, path)
    if preview.changes.is_empty:
        raise KnownError(
            f"De catalogus in “{path.name}” is gelijk aan de catalogus die al in gebruik is. "
            "Er is niets veranderd."
        )
    apply_catalog_import(store, preview)
    return preview


@outcome_logged("catalog.imported", "catalog")
def check_catalog_import(store: DataStore, path: Path) -> CatalogImport:
    """The first step of an import that asks before it takes (``casedesk catalog
    import``): whether this store may change its catalog (asked first), whether the file
    is sound, and what it would change. Stores nothing; a refusal is logged."""
    ensure_may_change_catalog(store)
    return preview_catalog_import(store, path)


@outcome_logged("catalog.imported", "catalog")
def take_catalog_import(store: DataStore, preview: CatalogImport) -> Catalog:
    """The second step: takes the checked catalog into use; a failure is logged."""
    return apply_catalog_import(store, preview)


def read_catalog_to_change(session: Session) -> Catalog:
    """The catalog in use, for a transaction that changes it: read once a colleague's
    change has committed, so that no change is written over unseen."""
    catalog_repo.wait_for_other_catalog_changes(session)
    return read_catalog_in_use(session)


def apply_catalog_import(store: DataStore, preview: CatalogImport) -> Catalog:
    """Takes the previewed catalog into use: exactly what the coordinator saw, even if the
    file changed since."""
    ensure_may_change_catalog(store)
    with store.transaction() as session:
        if read_catalog_to_change(session) != preview.replaces:
            raise KnownError(
                "De catalogus is veranderd nadat de wijzigingen werden getoond, hier of door "
                "een collega. Er is niets veranderd. Doe de import opnieuw: dan ziet u wat "
                "het bestand nu verandert."
            )
        store_catalog_in_use(session, preview.report.catalog)
    return preview.report.catalog


def store_catalog_in_use(
    session: Session,
    catalog: Catalog,
    action: str = "catalog.imported",
    details: dict[str, str] | None = None,
) -> None:
    """Makes an already checked ``catalog`` the one in use, in the caller's transaction."""
    data = catalog_to_data(catalog)
    instruments = [
        CatalogEntryRow(
            entry_id=instrument.id,
            name=instrument.name,
            document_json=json.dumps(entry, ensure_ascii=False),
            last_checked=instrument.last_checked,
        )
        for instrument, entry in zip(catalog.instruments, data["instruments"], strict=True)
    ]
    partners = [
        CatalogEntryRow(
            entry_id=partner.id,
            name=partner.name,
            document_json=json.dumps(entry, ensure_ascii=False),
            last_checked=partner.last_checked,
            partner_type=partner.partner_type.value,
        )
        for partner, entry in zip(catalog.partners, data["partners"], strict=True)
    ]
    catalog_repo.store_catalog(
        session,
        dump_catalog(catalog),
        catalog.version,
        catalog.title,
        catalog.issued,
        instruments,
        partners,
        settings_repo.current_caseworker_id(session),
        action,
        details,
    )


class CatalogChangeRefusedError(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "Alleen de coördinator van de regio mag de catalogus veranderen. Vraag de "
            "coördinator om de wijziging, of lees de catalogus in die de regio verspreidt."
        )


def ensure_may_change_catalog(store: DataStore) -> None:
    """The one place that decides who may change the catalog in use.

    On one machine (the encrypted SQLite store) the people at that counter keep their own
    catalog, so they may. On the regional server (PostgreSQL) only the coordinator's
    login may, which the server decides from the login's grants (a role the client
    claims is no boundary; ``catalog_repo.may_change_catalog``). Asked first, so that a
    caseworker hears why before anything is checked or written.
    """
    with store.session() as session:
        allowed = catalog_repo.may_change_catalog(session)
    if not allowed:
        raise CatalogChangeRefusedError()


@outcome_logged("catalog.exported", "catalog")
def export_catalog_in_use(store: DataStore, path: Path) -> Catalog:
    catalog = catalog_in_use(store)
    export_catalog(catalog, path)
    with store.transaction() as session:
        record_event(session, settings_repo.current_caseworker_id(session), "catalog.exported",
                     "catalog", catalog.version, None, {"version": catalog.version})  # fmt: skip
    return catalog
