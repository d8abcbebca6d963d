"""Changing a catalog by hand, as the regional coordinator does in Catalogus › Beheren….

Plain functions from one ``Catalog`` to the next: save or remove an entry, mark entries
checked, choose who leads each route, number the next version. What a change is allowed
to be (the file checks) and who may make it (the service) live elsewhere; here a change
is only built, and the rule that every route keeps a lead partner is worded.
"""

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from casedesk.domain.catalog import (
    PARTNER_TYPE_LABELS,
    Catalog,
    Instrument,
    Partner,
    PartnerType,
)
from casedesk.domain.dutch import join_dutch
from casedesk.domain.regions import RegionCode, RegionTable
from casedesk.domain.report import too_small_to_show
from casedesk.domain.routes import Route
from casedesk.errors import KnownError

Entry = Instrument | Partner

INSTRUMENT_FIELD_LABELS: dict[str, str] = {
    "id": "id",
    "name": "naam",
    "provider": "aanbieder",
    "description": "tekst voor de ondernemer",
    "services": "dienstverlening",
    "topics": "onderwerpen",
    "availability": "waar aangeboden",
    "cost": "kosten",
    "cost_note": "uitleg over de kosten",
    "forms": "vorm",
    "contact": "contact",
    "source": "bron",
    "last_checked": "laatst nagekeken",
    "conditions": "voorwaarden",
    "active": "in gebruik",
    "caseworker_note": "notitie voor de klantmanager",
}
"""The fields of an instrument as the coordinator reads them, in the form's order."""

PARTNER_FIELD_LABELS: dict[str, str] = {
    "id": "id",
    "name": "naam",
    "partner_type": "soort partner",
    "description": "beschrijving",
    "leads_routes": "regie over route",
    "availability": "waar aangeboden",
    "contact": "contact",
    "address": "postadres",
    "source": "bron",
    "last_checked": "laatst nagekeken",
    "active": "in gebruik",
    "caseworker_note": "notitie voor de klantmanager",
}


def field_labels(entry: Entry) -> dict[str, str]:
    return INSTRUMENT_FIELD_LABELS if isinstance(entry, Instrument) else PARTNER_FIELD_LABELS


def changed_fields(old: Entry, new: Entry) -> tuple[str, ...]:
    """The Dutch names of the fields that differ, in the form's order."""
    labels = field_labels(new)
    return tuple(
        label for name, label in labels.items() if getattr(old, name) != getattr(new, name)
    )


def save_entry(catalog: Catalog, entry: Entry, replaces: str | None = None) -> Catalog:
    """``catalog`` with ``entry`` in the place of the entry with id ``replaces`` (or of
    its own id); a new entry goes at the end of its list. ``replaces`` lets a coordinator
    correct the id of an entry without leaving the old one behind."""
    old_id = replaces if replaces is not None else entry.id
    if isinstance(entry, Instrument):
        return dataclasses.replace(catalog, instruments=_put(catalog.instruments, entry, old_id))
    return dataclasses.replace(catalog, partners=_put(catalog.partners, entry, old_id))


def _put[E: (Instrument, Partner)](entries: tuple[E, ...], entry: E, old_id: str) -> tuple[E, ...]:
    if any(existing.id == old_id for existing in entries):
        return tuple(entry if existing.id == old_id else existing for existing in entries)
    return entries + (entry,)  # noqa: RUF005 (mypy cannot type the unpacking here)


class EntryGoneError(KnownError):
    def __init__(self, entry_id: str) -> None:
        super().__init__(
            f"“{entry_id}” staat niet (meer) in de catalogus; misschien is het net op een "
            "andere plek verwijderd. Er is niets veranderd."
        )


@dataclass(frozen=True, slots=True)
class DossierUse:
    """How many dossiers chose or refer to a catalog entry, as far as this login may know."""

    count: int | None
    """None: 1 to 4, which a login that sees figures only is not told exactly."""

    @property
    def in_use(self) -> bool:
        return self.count != 0


def dossier_use(count: int, *, figures_only: bool) -> DossierUse:
    """``count`` as this login may see it: exactly where it may look into the dossiers;
    where it sees the region's figures only (a coordinator), a small number is protected
    as the region's report protects it (``domain/report.py``)."""
    return DossierUse(None if figures_only and too_small_to_show(count) else count)


def find_entry(catalog: Catalog, entry_id: str) -> Entry | None:
    """The instrument or partner with id ``entry_id`` (ids are unique over both lists)."""
    entries: list[Entry] = [*catalog.instruments, *catalog.partners]
    return next((entry for entry in entries if entry.id == entry_id), None)


def remove_entry(catalog: Catalog, entry_id: str) -> Catalog:
    """``catalog`` without the instrument or partner with id ``entry_id``.

    Dossiers keep only the id and the name of what they chose or referred to, so whether
    a removal is wise (or should be "In gebruik" off) is for the caller to ask first.
    """
    if find_entry(catalog, entry_id) is None:
        raise EntryGoneError(entry_id)
    return dataclasses.replace(
        catalog,
        instruments=tuple(i for i in catalog.instruments if i.id != entry_id),
        partners=tuple(p for p in catalog.partners if p.id != entry_id),
    )


def with_route_leads(catalog: Catalog, leads: dict[Route, PartnerType]) -> Catalog:
    """``catalog`` with ``leads`` as the lead partner type of the routes they name."""
    return dataclasses.replace(catalog, route_leads={**catalog.route_leads, **leads})


def lead_partners(
    catalog: Catalog, partner_type: PartnerType, regions: RegionTable
) -> tuple[Partner, ...]:
    """The active partners of ``partner_type`` that work in the catalog's region (any,
    for a national catalog): the ones advice can name as a route's lead."""
    if catalog.region is None:
        here = None
    else:
        here = {m.code for m in regions.municipalities_in(catalog.region)}
    return tuple(
        partner
        for partner in catalog.partners
        if partner.active
        and partner.partner_type is partner_type
        and (
            here is None
            or partner.availability.national
            or catalog.region in partner.availability.regions
            or not here.isdisjoint(partner.availability.municipalities)
        )
    )


def routes_without_lead(catalog: Catalog, regions: RegionTable) -> tuple[Route, ...]:
    """The routes whose lead type has no active partner in the region."""
    return tuple(
        route for route in Route if not lead_partners(catalog, catalog.lead_type(route), regions)
    )


def routes_losing_lead(before: Catalog, after: Catalog, regions: RegionTable) -> tuple[Route, ...]:
    """The routes that have no lead partner in ``after`` because of the change: they had
    one in ``before``, or their lead type was changed to one without a partner. A route
    that had none already and keeps its type does not block an unrelated change."""
    without_before = set(routes_without_lead(before, regions))
    return tuple(
        route
        for route in routes_without_lead(after, regions)
        if route not in without_before or before.lead_type(route) != after.lead_type(route)
    )


def lead_loss_reason(
    before: Catalog, after: Catalog, regions: RegionTable, refused: str
) -> str | None:
    """Why ``after`` may not replace ``before`` (a route would lose its lead partner), in
    Dutch after the opening ``refused`` ("“WSP” kan niet worden verwijderd"); None if
    every route keeps its lead."""
    lost = routes_losing_lead(before, after, regions)
    if not lost:
        return None
    types = join_dutch(
        dict.fromkeys(f"“{PARTNER_TYPE_LABELS[after.lead_type(route)]}”" for route in lost)
    )
    named = join_dutch(route.short_label for route in lost)
    has = "heeft" if len(lost) == 1 else "hebben"
    return (
        f"{refused}: dan {has} {named} geen partner meer die de regie heeft (soort "
        f"{types}, in gebruik in de regio). Voeg eerst een andere partner van dat soort "
        f"toe, of kies bij Regie per route een ander soort partner voor {named}."
    )


def route_lead_problems(
    catalog: Catalog, leads: dict[Route, PartnerType], regions: RegionTable
) -> dict[Route, str]:
    """Per route, why ``leads`` may not be taken: its new lead type has no active partner
    in the region. Shown at the choice before saving, and refused when saving."""
    changed = with_route_leads(catalog, leads)
    return {
        route: (
            f"{route.short_label} kan niet worden geleid door "
            f"“{PARTNER_TYPE_LABELS[changed.lead_type(route)]}”: de catalogus heeft geen "
            "partner van dat soort in gebruik in de regio. Voeg eerst zo'n partner toe, of "
            "kies een ander soort."
        )
        for route in routes_losing_lead(catalog, changed, regions)
    }


def mark_checked(catalog: Catalog, entry_ids: Iterable[str], on: date) -> Catalog:
    """``catalog`` with the listed entries checked on ``on`` ("Nagekeken")."""
    wanted = set(entry_ids)
    return dataclasses.replace(
        catalog,
        instruments=tuple(
            dataclasses.replace(i, last_checked=on) if i.id in wanted else i
            for i in catalog.instruments
        ),
        partners=tuple(
            dataclasses.replace(p, last_checked=on) if p.id in wanted else p
            for p in catalog.partners
        ),
    )


def by_last_checked(catalog: Catalog) -> list[Entry]:
    """Every entry, the longest unchecked first: the work list for bringing 2021 up to date."""
    entries: list[Entry] = [*catalog.instruments, *catalog.partners]
    return sorted(entries, key=lambda entry: (entry.last_checked, entry.name.casefold()))


_YEAR_NUMBER = re.compile(r"^(\d{4})\.(\d+)$")
_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


def next_version(version: str, today: date) -> str:
    """The version number an export gives: ``2026.2`` after ``2026.1`` in 2026, ``2027.1``
    in a new year; another scheme keeps its form with its last number one up (``v7`` →
    ``v8``), and a version without a number gets the year form."""
    year_number = _YEAR_NUMBER.match(version)
    if year_number is not None:
        year, number = int(year_number[1]), int(year_number[2])
        return f"{today.year}.{number + 1}" if year == today.year else f"{today.year}.1"
    trailing = _TRAILING_NUMBER.match(version)
    if trailing is not None and not _looks_like_a_date(version):
        return f"{trailing[1]}{int(trailing[2]) + 1}"
    return f"{today.year}.1"


def _looks_like_a_date(version: str) -> bool:
    return re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", version) is not None


@dataclass(frozen=True, slots=True)
class VersionDetails:
    """What the coordinator says about a version when it is sent out."""

    MAX_AUTHOR_LENGTH: ClassVar[int] = 120
    MAX_TITLE_LENGTH: ClassVar[int] = 200
    """What the catalog file allows (``resources/catalog/catalog.schema.json``)."""

    author: str
    title: str
    region: RegionCode | None
    """The labour-market region the catalog is for; None for a national catalog."""

    @classmethod
    def of(cls, catalog: Catalog, author: str) -> "VersionDetails":
        """The catalog's own title and region, issued by ``author``."""
        return cls(author, catalog.title, catalog.region)


def issue_version(catalog: Catalog, details: VersionDetails, today: date) -> Catalog:
    """The catalog as the next version, issued today with ``details``."""
    return dataclasses.replace(
        catalog,
        version=next_version(catalog.version, today),
        issued=today,
        author=details.author.strip(),
        title=details.title.strip(),
        region=details.region,
    )
