"""What Catalogus › Beheren… needs from the rest of casedesk, as one small port.

Every callable may raise ``KnownError``; the window then shows the message and keeps what
the coordinator typed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casedesk.domain.catalog import Catalog, PartnerType
from casedesk.domain.catalog_edit import DossierUse, Entry, VersionDetails
from casedesk.domain.regions import RegionTable
from casedesk.domain.routes import Route

FieldProblems = dict[str, list[str]]
"""Dutch reasons by the field's path in the catalog file (``"contact.phone"``)."""


@dataclass(frozen=True)
class ImportChoice:
    """A checked catalog file, not yet in use: what it would change, and how to take it."""

    summary: str
    """Dutch lines: what the file holds and what changes (added, changed with the fields,
    removed)."""
    changes_nothing: bool
    take_into_use: Callable[[], Catalog]
    """Makes exactly the previewed catalog the one in use."""


@dataclass(frozen=True)
class CatalogPorts:
    load: Callable[[], Catalog]
    check: Callable[[Entry, str | None], FieldProblems]
    """What a file import would refuse in the entry (saved in place of the given id)."""
    save: Callable[[Entry, str | None], Catalog]
    mark_checked: Callable[[list[str]], Catalog]
    """"Nagekeken": the entries with these ids were checked today."""
    export: Callable[[Path, VersionDetails], Catalog]
    """Writes the next version, issued today with these details, to the file."""
    preview_import: Callable[[Path], ImportChoice]
    write_routekaart: Callable[[Path], None]
    dossiers_using: Callable[[str], DossierUse]
    """How many dossiers chose or refer to the entry, as far as this login may know."""
    remove: Callable[[str], Catalog]
    """Takes the entry with this id out of the catalog in use."""
    set_route_leads: Callable[[dict[Route, PartnerType]], Catalog]
    """Which partner type leads each route ("Regie per route")."""
    regions: RegionTable
    today: Callable[[], date]
    author: str = ""
    """Offered as the author of an exported version (the caseworker's name)."""
