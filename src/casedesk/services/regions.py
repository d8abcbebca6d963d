"""The municipality/region table in use: the shipped CBS table, or a newer one imported.

Municipalities merge and move between labour-market regions every year; a coordinator
imports CBS's newer table (``casedesk regions import FILE``). The table text is kept in
the store, so every part of the app (advice, new intakes, the case list) uses the same one.
"""

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy.orm import Session

from casedesk.catalog.problems import Problem, RegionTableError
from casedesk.catalog.regions import (
    current_regions,
    load_default_region_table,
    parse_region_table,
    read_region_table,
)
from casedesk.db import settings_repo
from casedesk.db.audit import record_event
from casedesk.db.data_store import DataStore
from casedesk.domain.region_changes import RegionTableChanges, compare_region_tables
from casedesk.domain.regions import Municipality, RegionTable
from casedesk.errors import KnownError
from casedesk.services.outcomes import outcome_logged

REGION_TABLE_SETTING = "regions.table_csv"
REGIONS_IMPORTED = "regions.imported"


@dataclass(frozen=True)
class RegionImport:
    table: RegionTable
    summary: str
    """Dutch lines for the command line."""


def region_table_in_use(store: DataStore) -> RegionTable:
    with store.session() as session:
        return read_region_table_in_use(session)


def read_region_table_in_use(session: Session) -> RegionTable:
    """The table in use, read in the caller's session."""
    text = settings_repo.get_setting(session, REGION_TABLE_SETTING)
    return load_default_region_table() if text is None else _parsed(text)


@cache
def _parsed(text: str) -> RegionTable:
    # Cached by content: the same stored text is parsed once per process.
    return parse_region_table(text, "opgeslagen gemeententabel")


@dataclass(frozen=True)
class RegionImportPreview:
    """A checked table file and what taking it into use would change; nothing stored yet."""

    source_name: str
    text: str
    table: RegionTable
    changes: RegionTableChanges


def preview_region_import(store: DataStore, path: Path) -> RegionImportPreview:
    """Checks the file whole and compares it with the table in use; stores nothing.

    Refuses a table that drops a municipality dossiers (or this counter) still use: the
    caseworker cannot move dossiers to another municipality, so such a table is
    almost always incomplete.
    """
    text, table = read_region_table(path)
    if not table.current_municipalities():
        raise RegionTableError(
            path.name,
            [Problem(None, None, "year", "de tabel heeft geen gemeenten van het laatste jaar.")],
        )
    with store.session() as session:
        changes = compare_region_tables(read_region_table_in_use(session), table)
        _refuse_dropping_used(session, path.name, changes)
    if changes.is_empty:
        raise KnownError(
            f"De gemeentetabel in “{path.name}” is gelijk aan de tabel die al in gebruik is. "
            "Er is niets veranderd."
        )
    return RegionImportPreview(path.name, text, table, changes)


@outcome_logged("regions.imported", "regions")
def apply_region_import(store: DataStore, preview: RegionImportPreview) -> RegionImport:
    """Makes the previewed table the one in use, in one transaction with its audit event."""
    table, changes = preview.table, preview.changes
    digest = hashlib.sha256(preview.text.encode("utf-8")).hexdigest()[:12]
    with store.transaction() as session:
        # Checked again inside the transaction: a dossier may have been added meanwhile.
        _refuse_dropping_used(session, preview.source_name, changes)
        settings_repo.set_setting(session, REGION_TABLE_SETTING, preview.text)
        settings_repo.save_municipalities(session, table.municipalities)
        record_event(
            session,
            settings_repo.current_caseworker_id(session),
            REGIONS_IMPORTED,
            "region_table",
            digest,
            None,
            {
                "year": table.current_year,
                "municipalities": len(table.municipalities),
                "added": [str(m.code) for m in changes.added],
                "removed": [str(m.code) for m in changes.removed],
                "renamed": [str(old.code) for old, _ in changes.renamed],
                "moved": [str(old.code) for old, _ in changes.moved],
            },
        )
    summary = (
        f"Gemeententabel van {table.current_year} in gebruik: "
        f"{len(table.current_municipalities())} gemeenten in "
        f"{len(current_regions(table))} arbeidsmarktregio's (controlegetal {digest})."
    )
    return RegionImport(table, summary)


def import_region_table(store: DataStore, path: Path) -> RegionImport:
    """Checks the file whole, then makes it the table in use (for callers that confirmed
    the change list already, and for tests)."""
    return apply_region_import(store, preview_region_import(store, path))


def _refuse_dropping_used(session: Session, source_name: str, changes: RegionTableChanges) -> None:
    removed: dict[str, Municipality] = {m.code: m for m in changes.removed}
    if not removed:
        return
    counts = settings_repo.dossiers_per_municipality(session, removed)
    counter = settings_repo.get_setting(session, settings_repo.MUNICIPALITY_CODE)
    lines = [
        f"- {removed[code].name} ({code}): {_dossiers(count)}"
        for code, count in sorted(counts.items(), key=lambda item: removed[item[0]].name)
    ]
    if counter in removed:
        lines.append(
            f"- {removed[counter].name} ({counter}): de gemeente van dit loket"
        )
    if not lines:
        return
    raise KnownError(
        f"De gemeentetabel “{source_name}” is niet ingelezen: er verdwijnen gemeenten uit die "
        "nog in gebruik zijn.\n"
        + "\n".join(lines)
        + "\nDe tabel is waarschijnlijk onvolledig (de CBS-tabel bevat ook de gemeenten van "
        "eerdere jaren). Dossiers kunnen niet naar een andere gemeente worden verplaatst; "
        "vraag de regio om de volledige tabel. De tabel in gebruik blijft zoals hij was."
    )


def _dossiers(count: int) -> str:
    return "1 dossier" if count == 1 else f"{count} dossiers"
