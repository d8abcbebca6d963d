"""Keeping the catalog in the app (Catalogus › Beheren…): save an entry, mark entries
checked, issue a new version as a file.

Each change is checked as a file import would check it (the whole catalog, every rule),
passes the one permission check, and is stored as a new catalog version in one
transaction with its audit event; the catalog in use is otherwise left as it was.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casedesk.catalog.entry_checks import EntryFindings, entry_findings
from casedesk.catalog.fileformat import dump_catalog, parse_catalog
from casedesk.catalog.transfer import export_catalog
from casedesk.db.data_store import DataStore
from casedesk.domain.catalog import Catalog
from casedesk.domain.catalog_edit import (
    Entry,
    VersionDetails,
    issue_version,
    mark_checked,
    save_entry,
)
from casedesk.domain.regions import RegionTable
from casedesk.errors import KnownError
from casedesk.services.catalog import (
    ensure_may_change_catalog,
    read_catalog_in_use,
    store_catalog_in_use,
)
from casedesk.services.outcomes import outcome_logged_method
from casedesk.services.regions import region_table_in_use


class EntryNotSavedError(KnownError):
    def __init__(self, name: str, findings: EntryFindings) -> None:
        reasons = [reason for field_reasons in findings.values() for reason in field_reasons]
        super().__init__(
            f"“{name or 'Het nieuwe onderdeel'}” is niet opgeslagen: "
            + " ".join(_sentence(reason) for reason in reasons)
            + " Verbeter dit bij het veld en sla opnieuw op."
        )


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:]


@dataclass(frozen=True)
class CatalogEditor:
    """The catalog use cases of one store, as Catalogus › Beheren… calls them."""

    store: DataStore

    def catalog(self) -> Catalog:
        with self.store.session() as session:
            return read_catalog_in_use(session)

    def check(self, entry: Entry, today: date, replaces: str | None = None) -> EntryFindings:
        """What an import would refuse in ``entry``; fast enough to run as the coordinator
        types (the whole catalog is checked, some 20 ms)."""
        return entry_findings(
            self.catalog(), entry, region_table_in_use(self.store), today, replaces
        )

    def save(self, entry: Entry, today: date, replaces: str | None = None) -> Catalog:
        """Stores ``entry`` (new, or in place of ``replaces``/its own id); refuses what an
        import would refuse, with the reasons."""
        ensure_may_change_catalog(self.store)
        regions = region_table_in_use(self.store)
        with self.store.transaction() as session:
            current = read_catalog_in_use(session)
            findings = entry_findings(current, entry, regions, today, replaces)
            if findings:
                raise EntryNotSavedError(entry.name, findings)
            changed = _checked(save_entry(current, entry, replaces), regions)
            store_catalog_in_use(session, changed, "catalog.entry_saved", {"entry": entry.id})
        return changed

    def mark_checked(self, entry_ids: list[str], today: date) -> Catalog:
        """ "Nagekeken": the entries' data were checked today."""
        ensure_may_change_catalog(self.store)
        with self.store.transaction() as session:
            current = read_catalog_in_use(session)
            changed = mark_checked(current, entry_ids, today)
            if changed == current:
                return current
            store_catalog_in_use(
                session, changed, "catalog.entries_checked", {"entries": ",".join(entry_ids)}
            )
        return changed

    @outcome_logged_method("catalog.exported", "catalog")
    def export_version(
        self, path: Path, author: str, today: date, details: VersionDetails | None = None
    ) -> Catalog:
        """Writes the catalog in use as its next version (number, date, author; title and
        region when given) and keeps that version in use, so the next import is compared
        with what was sent out."""
        ensure_may_change_catalog(self.store)
        regions = region_table_in_use(self.store)
        with self.store.transaction() as session:
            current = read_catalog_in_use(session)
            chosen = details or VersionDetails.of(current, author)
            issued = _checked(issue_version(current, chosen, today), regions)
            # The file first: if it cannot be written, the version number is not used up.
            export_catalog(issued, path)
            store_catalog_in_use(session, issued, "catalog.exported", {"version": issued.version})
        return issued


def _checked(catalog: Catalog, regions: RegionTable) -> Catalog:
    """The catalog as a file import reads it back: the last guard before it is stored.

    Dates are not held against today here: the changed entry's own date was (by
    ``entry_findings``), and an entry dated by a machine whose clock ran ahead must not
    block every later change.
    """
    return parse_catalog(dump_catalog(catalog), "catalogus", regions, today=date.max)
