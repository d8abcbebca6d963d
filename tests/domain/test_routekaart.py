"""The routekaart: per route the lead partner and the region's offer (guide, step 2)."""

import dataclasses
from datetime import date

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.catalog import (
    Availability,
    Catalog,
    Contact,
    Instrument,
    InstrumentId,
    Partner,
    PartnerId,
    PartnerType,
    Service,
)
from casedesk.domain.regions import MunicipalityCode, RegionCode
from casedesk.domain.routekaart import Routekaart, build_routekaart
from casedesk.domain.routes import Route

TWENTE = RegionCode("AM05")
ENSCHEDE = MunicipalityCode("GM0153")
TODAY = date(2026, 12, 1)


def _instrument(
    name: str, availability: Availability, *, active: bool = True, checked: date = TODAY
) -> Instrument:
    first = load_default_catalog().instruments[0]
    return dataclasses.replace(
        first,
        id=InstrumentId(name.lower().replace(" ", "-")),
        name=name,
        provider="Regio Twente",
        services=frozenset({Service.ROUTE_1}),
        availability=availability,
        active=active,
        last_checked=checked,
    )


def _partner(name: str, kind: PartnerType, leads: frozenset[Route]) -> Partner:
    return Partner(
        id=PartnerId(name.lower().replace(" ", "-")),
        name=name,
        partner_type=kind,
        description="",
        leads_routes=leads,
        availability=Availability(national=False, regions=frozenset({TWENTE})),
        contact=Contact(phone="053 481 1111", website="https://www.wsptwente.nl/"),
        source="regio Twente",
        last_checked=TODAY,
        address="Postbus 1200\n7500 AB  Enschede",
    )


def _catalog(instruments: list[Instrument], partners: list[Partner]) -> Catalog:
    return dataclasses.replace(
        load_default_catalog(), instruments=tuple(instruments), partners=tuple(partners)
    )


def _kaart(
    catalog: Catalog, municipalities: frozenset[MunicipalityCode] = frozenset()
) -> Routekaart:
    return build_routekaart(catalog, TWENTE, "Arbeidsmarktregio Twente", municipalities, TODAY)


def test_a_partner_that_leads_a_route_is_its_lead_with_contact_and_address() -> None:
    wsp = _partner("WSP Twente", PartnerType.WSP, frozenset({Route.EMPLOYMENT}))
    kaart = _kaart(_catalog([], [wsp]))
    route_3 = kaart.sections[2]
    assert [p.name for p in route_3.leads] == ["WSP Twente"]
    assert route_3.leads[0].contact == (
        "053 481 1111",
        "wsptwente.nl",
        "Postbus 1200",
        "7500 AB  Enschede",
    )
    assert route_3.lead_missing == ""


def test_without_a_named_lead_the_agreed_kind_of_partner_leads() -> None:
    loket = _partner("Zelfstandigenloket Twente", PartnerType.ZELFSTANDIGENLOKET, frozenset())
    kaart = _kaart(_catalog([], [loket]))
    assert [p.name for p in kaart.sections[0].leads] == ["Zelfstandigenloket Twente"]


def test_the_regions_own_lead_replaces_the_shipped_national_stand_in() -> None:
    own = _partner("Zelfstandigenloket Enschede", PartnerType.ZELFSTANDIGENLOKET,
                   frozenset({Route.STRENGTHEN_BUSINESS}))  # fmt: skip
    stand_in = dataclasses.replace(
        own, id=PartnerId("loket-van-uw-gemeente"), name="Zelfstandigenloket van uw gemeente",
        availability=Availability(),
    )  # fmt: skip
    kaart = _kaart(_catalog([], [stand_in, own]))
    assert [p.name for p in kaart.sections[0].leads] == ["Zelfstandigenloket Enschede"]


def test_a_route_nobody_leads_says_so_and_what_to_do() -> None:
    kaart = _kaart(_catalog([], []))
    assert kaart.sections[2].lead_missing == (
        "Er staat nog geen partner in de catalogus die deze route leidt. Volgens de afspraak "
        "is dat: Werkgeversservicepunt (WSP). Vul de partner in bij Catalogus › Beheren."
    )


def test_only_active_offers_of_this_region_and_the_nation_are_listed() -> None:
    offers = [
        _instrument("Landelijk", Availability()),
        _instrument("In Twente", Availability(national=False, regions=frozenset({TWENTE}))),
        _instrument(
            "In Enschede", Availability(national=False, municipalities=frozenset({ENSCHEDE}))
        ),
        _instrument(
            "In Amsterdam", Availability(national=False, regions=frozenset({RegionCode("AM18")}))
        ),
        _instrument("Sjabloon", Availability(), active=False),
    ]
    kaart = _kaart(_catalog(offers, []), frozenset({ENSCHEDE}))
    names = [o.name for o in kaart.sections[0].offers]
    assert names == ["In Enschede", "In Twente", "Landelijk"]  # the region's own first


def test_entries_unchecked_for_over_a_year_are_marked_and_counted() -> None:
    old = _instrument("Oud aanbod", Availability(), checked=date(2021, 10, 1))
    kaart = _kaart(_catalog([old, _instrument("Nieuw", Availability())], []))
    stale = {o.name: o.stale for o in kaart.sections[0].offers}
    assert stale == {"Nieuw": False, "Oud aanbod": True}
    assert kaart.stale_count == 1
    assert kaart.sections[0].offers[1].last_checked == "oktober 2021"


def test_the_header_names_the_catalog_version_and_its_author() -> None:
    catalog = dataclasses.replace(_catalog([], []), author="Ingrid de Vries", version="2026.4")
    about = dict(_kaart(catalog).about)
    assert about["Door"] == "Ingrid de Vries"
    assert about["Catalogus"].endswith("versie 2026.4")
