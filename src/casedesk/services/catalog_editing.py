"""Keeping the catalog in the app (Catalogus › Beheren…): save or remove an entry, mark
entries checked, choose who leads each route, issue a new version as a file.

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
from casedesk.db import catalog_repo
from casedesk.db.data_store import DataStore
from casedesk.db.server.coordinator_session import is_coordinator
from casedesk.domain.catalog import Catalog, Partner, PartnerType
from casedesk.domain.catalog_edit import (
    DossierUse,
    Entry,
    EntryGoneError,
    VersionDetails,
    dossier_use,
    find_entry,
    issue_version,
    lead_loss_reason,
    mark_checked,
    remove_entry,
    route_lead_problems,
    save_entry,
    with_route_leads,
)
from casedesk.domain.regions import RegionTable
from casedesk.domain.routes import Route
from casedesk.errors import KnownError
from casedesk.services.catalog import (
    ensure_may_change_catalog,
    read_catalog_in_use,
    read_catalog_to_change,
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


class RouteLeadsRefusedError(KnownError):
    def __init__(self, reasons: dict[Route, str]) -> None:
        super().__init__(" ".join(reasons.values()) + " Er is niets veranderd.")


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
        current = self.catalog()
        regions = region_table_in_use(self.store)
        findings = entry_findings(current, entry, regions, today, replaces)
        for field, reason in _lead_findings(current, entry, regions, replaces).items():
            findings.setdefault(field, []).append(reason)
        return findings

    def save(self, entry: Entry, today: date, replaces: str | None = None) -> Catalog:
        """Stores ``entry`` (new, or in place of ``replaces``/its own id); refuses what an
        import would refuse, with the reasons."""
        ensure_may_change_catalog(self.store)
        regions = region_table_in_use(self.store)
        with self.store.transaction() as session:
            current = read_catalog_to_change(session)
            findings = entry_findings(current, entry, regions, today, replaces)
            if findings:
                raise EntryNotSavedError(entry.name, findings)
            saved = save_entry(current, entry, replaces)
            # "In gebruik" off or another type must not leave a route without its lead.
            lost = lead_loss_reason(current, saved, regions, f"“{entry.name}” is niet opgeslagen")
            if lost is not None:
                raise KnownError(lost)
            changed = _checked(saved, regions)
            store_catalog_in_use(session, changed, "catalog.entry_saved", {"entry": entry.id})
        return changed

    def dossiers_using(self, entry_id: str) -> DossierUse:
        """How many dossiers chose or refer to the entry: for a coordinator on the regional
        server, those of every municipality, a small number said as the report says it."""
        with self.store.session() as session:
            count = catalog_repo.dossiers_using_entry(session, entry_id)
            figures_only = is_coordinator(session)
        return dossier_use(count, figures_only=figures_only)

    def remove_entry(self, entry_id: str) -> Catalog:
        """Takes the entry out of the catalog in use, as a new version; refused when a
        route would lose its only lead partner.

        Dossiers keep the id and the name of what they chose or referred to, so they go
        on showing it; a plan or letter made later lacks its text and contact details.
        """
        ensure_may_change_catalog(self.store)
        regions = region_table_in_use(self.store)
        with self.store.transaction() as session:
            current = read_catalog_to_change(session)
            entry = find_entry(current, entry_id)
            if entry is None:
                raise EntryGoneError(entry_id)
            removed = remove_entry(current, entry_id)
            refused = lead_loss_reason(
                current, removed, regions, f"“{entry.name}” kan niet worden verwijderd"
            )
            if refused is not None:
                raise KnownError(refused)
            changed = _checked(removed, regions)
            store_catalog_in_use(session, changed, "catalog.entry_removed", {"entry": entry_id})
        return changed

    def set_route_leads(self, leads: dict[Route, PartnerType]) -> Catalog:
        """Which partner type leads each route ("Regie per route"); refused when a chosen
        type has no active partner in the region."""
        ensure_may_change_catalog(self.store)
        regions = region_table_in_use(self.store)
        with self.store.transaction() as session:
            current = read_catalog_to_change(session)
            problems = route_lead_problems(current, leads, regions)
            if problems:
                raise RouteLeadsRefusedError(problems)
            changed = _checked(with_route_leads(current, leads), regions)
            if changed.route_leads == current.route_leads:
                return current
            store_catalog_in_use(
                session,
                changed,
                "catalog.route_leads_changed",
                {
                    "route_leads": ",".join(
                        f"{route.value}={changed.lead_type(route).value}" for route in Route
                    )
                },
            )
        return changed

    def mark_checked(self, entry_ids: list[str], today: date) -> Catalog:
        """ "Nagekeken": the entries' data were checked today."""
        ensure_may_change_catalog(self.store)
        with self.store.transaction() as session:
            current = read_catalog_to_change(session)
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
            current = read_catalog_to_change(session)
            chosen = details or VersionDetails.of(current, author)
            issued = _checked(issue_version(current, chosen, today), regions)
            # The file first: if it cannot be written, the version number is not used up.
            export_catalog(issued, path)
            store_catalog_in_use(session, issued, "catalog.exported", {"version": issued.version})
        return issued


def _lead_findings(
    current: Catalog, entry: Entry, regions: RegionTable, replaces: str | None
) -> dict[str, str]:
    """The field at which saving ``entry`` would leave a route without its lead partner
    ("In gebruik" off, another type, or another place), with why; empty when none."""
    saved = save_entry(current, entry, replaces)
    reason = lead_loss_reason(current, saved, regions, "Dit kan niet")
    if reason is None:
        return {}
    old = find_entry(current, replaces if replaces is not None else entry.id)
    if not entry.active:
        field = "active"
    elif isinstance(old, Partner) and isinstance(entry, Partner) and (
        old.partner_type is not entry.partner_type
    ):
        field = "type"
    else:
        field = "availability"
    return {field: reason}


def _checked(catalog: Catalog, regions: RegionTable) -> Catalog:
    """The catalog as a file import reads it back: the last guard before it is stored.

    Dates are not held against today here: the changed entry's own date was (by
    ``entry_findings``), and an entry dated by a machine whose clock ran ahead must not
    block every later change.
    """
    return parse_catalog(dump_catalog(catalog), "catalogus", regions, today=date.max)
