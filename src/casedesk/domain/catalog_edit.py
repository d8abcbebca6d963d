"""Changing a catalog by hand, as the regional coordinator does in Catalogus › Beheren….

Plain functions from one ``Catalog`` to the next: save an entry, mark entries checked,
number the next version. What a change is allowed to be (the file checks) and who may make
it (the service) live elsewhere; here a change is only built.
"""

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from casedesk.domain.catalog import Catalog, Instrument, Partner
from casedesk.domain.regions import RegionCode

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
