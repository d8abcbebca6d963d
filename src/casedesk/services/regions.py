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
from casedesk.db.store import Store
from casedesk.domain.regions import RegionTable

REGION_TABLE_SETTING = "regions.table_csv"


@dataclass(frozen=True)
class RegionImport:
    table: RegionTable
    summary: str
    """Dutch lines for the command line."""


def region_table_in_use(store: Store) -> RegionTable:
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


def import_region_table(store: Store, path: Path) -> RegionImport:
    """Checks the file whole, then makes it the table in use in one transaction."""
    text, table = read_region_table(path)
    if not table.current_municipalities():
        raise RegionTableError(
            path.name,
            [Problem(None, None, "year", "de tabel heeft geen gemeenten van het laatste jaar.")],
        )
    with store.transaction() as session:
        settings_repo.set_setting(session, REGION_TABLE_SETTING, text)
        settings_repo.save_municipalities(session, table.municipalities)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    summary = (
        f"Gemeententabel van {table.current_year} in gebruik: "
        f"{len(table.current_municipalities())} gemeenten in "
        f"{len(current_regions(table))} arbeidsmarktregio's (controlegetal {digest})."
    )
    return RegionImport(table, summary)
