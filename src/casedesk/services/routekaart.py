"""Printing the routekaart of the region from the catalog in use."""

from datetime import date
from pathlib import Path

from casedesk.db import settings_repo
from casedesk.db.data_store import DataStore
from casedesk.domain.catalog import Catalog
from casedesk.domain.regions import MunicipalityCode, RegionCode, RegionTable
from casedesk.domain.routekaart import Routekaart, build_routekaart
from casedesk.errors import KnownError
from casedesk.files import os_error_reason, write_atomically
from casedesk.plan.routekaart import render_routekaart
from casedesk.services.catalog import read_catalog_in_use
from casedesk.services.municipality_settings import load_municipality_settings
from casedesk.services.regions import region_table_in_use


def routekaart_of_store(store: DataStore, today: date) -> Routekaart:
    """The routekaart of the catalog's region, or else of this counter's region."""
    table = region_table_in_use(store)
    with store.session() as session:
        catalog = read_catalog_in_use(session)
        counter = settings_repo.get_setting(session, settings_repo.MUNICIPALITY_CODE)
    return routekaart_for(catalog, table, counter, today)


def routekaart_for(
    catalog: Catalog, table: RegionTable, counter: str | None, today: date
) -> Routekaart:
    region = catalog.region
    if region is None and counter is not None:
        municipality = table.municipality(MunicipalityCode(counter))
        region = municipality.region_code if municipality is not None else None
    return build_routekaart(
        catalog, region, _region_name(table, region), _members(table, region), today
    )


def _region_name(table: RegionTable, region: RegionCode | None) -> str:
    if region is None:
        return "Landelijk aanbod (geen arbeidsmarktregio bekend)"
    found = table.region(region)
    return f"Arbeidsmarktregio {found.name}" if found is not None else f"Arbeidsmarktregio {region}"


def _members(table: RegionTable, region: RegionCode | None) -> frozenset[MunicipalityCode]:
    if region is None:
        return frozenset()
    return frozenset(m.code for m in table.current_municipalities() if m.region_code == region)


def render_routekaart_of_store(store: DataStore, today: date) -> bytes:
    settings = load_municipality_settings(store)
    name = settings.name.strip() or _counter_name(store)
    sender = [name, settings.address, settings.phone]
    return render_routekaart(routekaart_of_store(store, today), sender, logo=settings.logo)


def _counter_name(store: DataStore) -> str:
    """ "Gemeente Enschede" when the municipality's own details were never filled in."""
    with store.session() as session:
        code = settings_repo.get_setting(session, settings_repo.MUNICIPALITY_CODE)
        name = settings_repo.municipality_name(session, code) if code else None
    return f"Gemeente {name}" if name else ""


def write_routekaart(store: DataStore, path: Path, today: date) -> None:
    """Writes the routekaart PDF to ``path`` (atomically: the old file or the new one)."""
    pdf = render_routekaart_of_store(store, today)
    try:
        write_atomically(path, pdf, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise KnownError(
            f"De routekaart kan niet worden opgeslagen als “{path}” "
            f"({os_error_reason(error)}). Kies een andere map, of maak ruimte vrij als de "
            "schijf vol is."
        ) from None
