"""Catalog import and export as use cases, without the store.

The store (db/services) keeps the catalog in use; these functions only read a file into a
``Catalog`` plus a report, write a catalog to a file, and compare two catalogs for the
import confirmation. None of them changes anything but the export's own target file, and
that one only by an atomic rename, so a failure never leaves half a file behind.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from casedesk import clock
from casedesk.catalog.fileformat import dump_catalog, load_catalog
from casedesk.catalog.regions import load_default_region_table
from casedesk.domain.catalog import Catalog, Instrument, InstrumentId, Partner, PartnerId
from casedesk.domain.catalog_edit import changed_fields, routes_without_lead
from casedesk.domain.dutch import long_date
from casedesk.domain.region_changes import listed_section
from casedesk.domain.regions import RegionTable
from casedesk.errors import KnownError
from casedesk.files import os_error_reason, sync_folder, write_atomically

_Id = TypeVar("_Id", bound=str)
_Entry = TypeVar("_Entry")


@dataclass(frozen=True)
class CatalogReport:
    """What a valid catalog file holds, for ``casedesk catalog validate`` and the import dialog."""

    catalog: Catalog
    active_instruments: int
    inactive_instruments: int
    """Templates a region can adopt; advice never offers them."""
    active_partners: int
    inactive_partners: int
    stale: tuple[str, ...]
    """Names of active entries not checked for over a year (shown as possibly out of date)."""
    warnings: tuple[str, ...]
    """Dutch sentences about things that are allowed but probably not meant."""

    def summary(self) -> str:
        """A few Dutch lines for the command line and the import dialog."""
        catalog = self.catalog
        lines = [
            f"Catalogus “{catalog.title}”, versie {catalog.version}, "
            f"uitgegeven op {long_date(catalog.issued)}.",
            f"Instrumenten: {self.active_instruments} in gebruik, "
            f"{self.inactive_instruments} voorbeelden (niet in gebruik).",
            f"Partners: {self.active_partners} in gebruik, "
            f"{self.inactive_partners} niet in gebruik.",
        ]
        if self.stale:
            lines.append(
                f"{len(self.stale)} onderdelen zijn langer dan een jaar niet gecontroleerd; "
                "casedesk toont ze als mogelijk verouderd."
            )
        lines += [f"Let op: {warning}" for warning in self.warnings]
        return "\n".join(lines)


def validate_catalog_file(
    path: Path, regions: RegionTable | None = None, today: date | None = None
) -> CatalogReport:
    """Read and check a catalog file; raises CatalogError, or returns what it holds."""
    regions = regions or load_default_region_table()
    today = today or clock.today()
    catalog = load_catalog(path, regions, today)
    return report_on(catalog, regions, today)


def report_on(catalog: Catalog, regions: RegionTable, today: date) -> CatalogReport:
    entries: list[Instrument | Partner] = [*catalog.instruments, *catalog.partners]
    return CatalogReport(
        catalog=catalog,
        active_instruments=sum(1 for i in catalog.instruments if i.active),
        inactive_instruments=sum(1 for i in catalog.instruments if not i.active),
        active_partners=sum(1 for p in catalog.partners if p.active),
        inactive_partners=sum(1 for p in catalog.partners if not p.active),
        stale=tuple(e.name for e in entries if e.active and e.is_stale(today)),
        warnings=tuple(_warnings(catalog, regions)),
    )


def _warnings(catalog: Catalog, regions: RegionTable) -> list[str]:
    warnings = []
    entries: list[Instrument | Partner] = [*catalog.instruments, *catalog.partners]
    for entry in entries:
        if not entry.active:
            continue
        merged = sorted(
            code
            for code in entry.availability.municipalities
            if (found := regions.municipality(code)) is not None
            and found.last_year < regions.current_year
        )
        if merged:
            warnings.append(
                f"“{entry.name}” noemt gemeenten die niet meer bestaan ({', '.join(merged)}). "
                "Vervang ze door de gemeente waarin ze zijn opgegaan."
            )
        contact = entry.contact
        if isinstance(entry, Instrument) and not (
            contact.website or contact.phone or contact.email
        ):
            warnings.append(
                f"“{entry.name}” heeft geen website, telefoonnummer of e-mailadres. Vul er "
                "minstens één in, zodat de ondernemer weet hoe hij het aanbod bereikt."
            )
    for route in routes_without_lead(catalog, regions):
        warnings.append(
            f"{route.short_label} wordt geleid door “{catalog.lead_type(route).value}”, maar de "
            "catalogus heeft geen partner van dat soort in gebruik. Voeg zo'n partner toe, "
            "of kies bij route_leads een ander soort partner."
        )
    return warnings


def export_catalog(catalog: Catalog, path: Path) -> None:
    """Write ``catalog`` to ``path`` atomically: the target is the old file or the new one.

    The text goes to a temporary file in the same folder, is flushed to disk, and then
    replaces the target in one rename; a full disk or a crash leaves no half-written file.
    """
    try:
        write_atomically(
            path, dump_catalog(catalog).encode("utf-8"), prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise KnownError(
            f"De catalogus kan niet worden opgeslagen als “{path}” ({os_error_reason(error)}). "
            "Er is niets veranderd. Kies een andere map, of maak ruimte vrij als de schijf vol is."
        ) from None
    folder = path.parent
    sync_folder(folder)


@dataclass(frozen=True)
class CatalogChanges:
    """What importing ``new`` instead of ``old`` changes, by id, for the confirmation."""

    added_instruments: tuple[InstrumentId, ...]
    removed_instruments: tuple[InstrumentId, ...]
    changed_instruments: tuple[InstrumentId, ...]
    added_partners: tuple[PartnerId, ...]
    removed_partners: tuple[PartnerId, ...]
    changed_partners: tuple[PartnerId, ...]
    route_leads_changed: bool
    details_changed: bool
    """Version, title, issue date or region differ."""
    changed_fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per changed entry id, the Dutch names of the fields that differ."""

    @property
    def is_empty(self) -> bool:
        return not (
            self.added_instruments
            or self.removed_instruments
            or self.changed_instruments
            or self.added_partners
            or self.removed_partners
            or self.changed_partners
            or self.route_leads_changed
            or self.details_changed
        )

    def summary(self, old: Catalog, new: Catalog) -> str:
        """Dutch lines naming what changes, with names rather than ids."""
        if self.is_empty:
            return "De nieuwe catalogus is gelijk aan de catalogus in gebruik."
        lines = [f"Van versie {old.version} naar versie {new.version}:"]

        def names(ids: tuple[str, ...], catalog: Catalog, fields: bool = False) -> list[str]:
            by_id = {entry_id: entry.name for entry_id, entry in _entries_by_id(catalog).items()}
            if not fields:
                return [by_id.get(i, i) for i in ids]
            return [f"{by_id.get(i, i)}: {', '.join(self.changed_fields.get(i, ()))}" for i in ids]

        lines += listed_section("Nieuwe instrumenten", names(self.added_instruments, new))
        lines += listed_section("Verdwenen instrumenten", names(self.removed_instruments, old))
        lines += listed_section(
            "Gewijzigde instrumenten", names(self.changed_instruments, new, fields=True)
        )
        lines += listed_section("Nieuwe partners", names(self.added_partners, new))
        lines += listed_section("Verdwenen partners", names(self.removed_partners, old))
        lines += listed_section(
            "Gewijzigde partners", names(self.changed_partners, new, fields=True)
        )
        if self.route_leads_changed:
            lines.append("Wie welke route leidt, is veranderd.")
        if len(lines) == 1:
            # Only the version, title, issue date or region differ: say so, not nothing.
            lines.append(
                "Alleen de gegevens van de catalogus zelf zijn veranderd "
                "(versie, titel, datum of regio)."
            )
        return "\n".join(lines)


def compare_catalogs(old: Catalog, new: Catalog) -> CatalogChanges:
    """Added, removed and changed entries by id (sorted), and changed catalog details."""
    added_instruments, removed_instruments, changed_instruments = _compare_by_id(
        {i.id: i for i in old.instruments}, {i.id: i for i in new.instruments}
    )
    added_partners, removed_partners, changed_partners = _compare_by_id(
        {p.id: p for p in old.partners}, {p.id: p for p in new.partners}
    )
    old_entries = _entries_by_id(old)
    new_entries = _entries_by_id(new)
    return CatalogChanges(
        changed_fields={
            entry_id: changed_fields(old_entries[entry_id], new_entries[entry_id])
            for entry_id in (*changed_instruments, *changed_partners)
        },
        added_instruments=added_instruments,
        removed_instruments=removed_instruments,
        changed_instruments=changed_instruments,
        added_partners=added_partners,
        removed_partners=removed_partners,
        changed_partners=changed_partners,
        route_leads_changed=old.route_leads != new.route_leads,
        details_changed=(old.version, old.title, old.issued, old.region)
        != (new.version, new.title, new.issued, new.region),
    )


def _entries_by_id(catalog: Catalog) -> dict[str, Instrument | Partner]:
    entries: list[Instrument | Partner] = [*catalog.instruments, *catalog.partners]
    return {entry.id: entry for entry in entries}


def _compare_by_id(
    old: dict[_Id, _Entry], new: dict[_Id, _Entry]
) -> tuple[tuple[_Id, ...], tuple[_Id, ...], tuple[_Id, ...]]:
    """The ids only in ``new``, only in ``old``, and in both with a different entry."""
    added = tuple(sorted(new.keys() - old.keys()))
    removed = tuple(sorted(old.keys() - new.keys()))
    changed = tuple(sorted(key for key in old.keys() & new.keys() if old[key] != new[key]))
    return added, removed, changed
