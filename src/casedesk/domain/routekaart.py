"""The routekaart: per route the lead partner and the offer of the region (guide, step 2).

The region's coordinator prints it for the regional meeting and the partners, so it says
who has the lead of each route, at which scale the guide expects the route to be
organised, and which active offers of the catalog fit it in this region, with how to reach
them. Entries not checked for over a year are marked, so the meeting sees what to update.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from casedesk.domain.catalog import (
    COST_LABELS,
    PARTNER_TYPE_LABELS,
    Availability,
    Catalog,
    Contact,
    Instrument,
    Partner,
    Service,
)
from casedesk.domain.dutch import long_date, month_year
from casedesk.domain.regions import MunicipalityCode, RegionCode
from casedesk.domain.routes import Route

ROUTEKAART_TITLE = "Routekaart heroriëntatie zelfstandig ondernemers"

ROUTE_SCALES: dict[Route, str] = {
    # The guide, step 2: "Elke route kan op verschillende schaal georganiseerd zijn".
    Route.STRENGTHEN_BUSINESS: "Lokaal of regionaal ingericht; vaak met aanbod dat de "
    "gemeente of de regio inkoopt.",
    Route.DE_ESCALATION: "Meestal bij een lokale of subregionale organisatie, vaak het "
    "zelfstandigenloket.",
    Route.EMPLOYMENT: "Altijd regionaal georganiseerd: werkgeversservicepunt, Leerwerkloket "
    "en regionaal mobiliteitsteam.",
}

STALE_MARK = "nakijken"
"""Printed beside an entry that was not checked for over a year."""


@dataclass(frozen=True, slots=True)
class RoutekaartPartner:
    name: str
    kind: str
    contact: tuple[str, ...]
    """Phone, website, e-mail and the postal address's lines, as far as known."""
    last_checked: str
    stale: bool


@dataclass(frozen=True, slots=True)
class RoutekaartOffer:
    name: str
    provider: str
    cost: str
    national: bool
    contact: tuple[str, ...]
    last_checked: str
    """``oktober 2021``."""
    stale: bool


@dataclass(frozen=True, slots=True)
class RoutekaartSection:
    title: str
    scale: str
    leads: tuple[RoutekaartPartner, ...]
    lead_missing: str
    """Said when no partner in the catalog leads this route; empty otherwise."""
    offers: tuple[RoutekaartOffer, ...]


@dataclass(frozen=True, slots=True)
class Routekaart:
    title: str
    region_name: str
    about: tuple[tuple[str, str], ...]
    """The catalog version, date and author, as labels with values."""
    intake: tuple[RoutekaartOffer, ...]
    sections: tuple[RoutekaartSection, ...]
    stale_count: int


def build_routekaart(
    catalog: Catalog,
    region: RegionCode | None,
    region_name: str,
    region_municipalities: frozenset[MunicipalityCode],
    today: date,
) -> Routekaart:
    """The routekaart of ``region`` (``None``: only the national offer) from ``catalog``."""

    def here(availability: Availability) -> bool:
        return (
            availability.national
            or (region is not None and region in availability.regions)
            or bool(availability.municipalities & region_municipalities)
        )

    instruments = [i for i in catalog.instruments if i.active and here(i.availability)]
    partners = [p for p in catalog.partners if p.active and here(p.availability)]
    sections = tuple(
        _section(route, catalog, instruments, partners, today) for route in sorted(Route)
    )
    intake = tuple(
        _offer(i, today) for i in _in_order(i for i in instruments if Service.INTAKE in i.services)
    )
    stale = (
        {o.name for s in sections for o in s.offers if o.stale}
        | {p.name for s in sections for p in s.leads if p.stale}
        | {o.name for o in intake if o.stale}
    )
    about = [("Catalogus", f"{catalog.title}, versie {catalog.version}")]
    about.append(("Uitgegeven", long_date(catalog.issued)))
    if catalog.author:
        about.append(("Door", catalog.author))
    about.append(("Gemaakt op", long_date(today)))
    return Routekaart(
        title=ROUTEKAART_TITLE,
        region_name=region_name,
        about=tuple(about),
        intake=intake,
        sections=sections,
        stale_count=len(stale),
    )


def _regional_before_placeholders(leads: list[Partner]) -> list[Partner]:
    """A lead the region entered itself replaces the shipped catalog's national entry of
    the same kind ("Zelfstandigenloket van uw gemeente"), which only stands in for it."""
    regional_types = {p.partner_type for p in leads if not p.availability.national}
    return [
        p for p in leads if not (p.availability.national and p.partner_type in regional_types)
    ]


def _section(
    route: Route,
    catalog: Catalog,
    instruments: list[Instrument],
    partners: list[Partner],
    today: date,
) -> RoutekaartSection:
    leads = [p for p in partners if route in p.leads_routes]
    lead_type = catalog.route_leads.get(route)
    if not leads and lead_type is not None:
        leads = [p for p in partners if p.partner_type == lead_type]
    leads = _regional_before_placeholders(leads)
    lead_missing = ""
    if not leads:
        lead_missing = "Er staat nog geen partner in de catalogus die deze route leidt."
        if lead_type is not None:
            lead_missing += f" Volgens de afspraak is dat: {PARTNER_TYPE_LABELS[lead_type]}."
        lead_missing += " Vul de partner in bij Catalogus › Beheren."
    service = Service.for_route(route)
    offers = _in_order(i for i in instruments if service in i.services)
    return RoutekaartSection(
        title=route.label,
        scale=ROUTE_SCALES[route],
        leads=tuple(_partner(p, today) for p in leads),
        lead_missing=lead_missing,
        offers=tuple(_offer(i, today) for i in offers),
    )


def _in_order(entries: Iterable[Instrument]) -> list[Instrument]:
    """Regional offers first (they are what the region arranged), then by name."""
    return sorted(entries, key=lambda e: (e.availability.national, e.name.casefold()))


def _partner(partner: Partner, today: date) -> RoutekaartPartner:
    address = [line.strip() for line in partner.address.splitlines() if line.strip()]
    return RoutekaartPartner(
        name=partner.name,
        kind=PARTNER_TYPE_LABELS[partner.partner_type],
        contact=(*_contact_lines(partner.contact), *address),
        last_checked=month_year(partner.last_checked),
        stale=partner.is_stale(today),
    )


def _offer(instrument: Instrument, today: date) -> RoutekaartOffer:
    # The cost kind only: the notes are written for the entrepreneur's plan.
    return RoutekaartOffer(
        name=instrument.name,
        provider=instrument.provider,
        cost=COST_LABELS[instrument.cost],
        national=instrument.availability.national,
        contact=tuple(_contact_lines(instrument.contact)) or ("Geen contactgegevens bekend",),
        last_checked=month_year(instrument.last_checked),
        stale=instrument.is_stale(today),
    )


def _contact_lines(contact: Contact) -> list[str]:
    website = contact.website
    if website:
        # Typed from paper: "kvk.nl/…" is what people type, and it fits the column.
        website = website.removeprefix("https://").removeprefix("http://").rstrip("/")
        website = website.removeprefix("www.")
    return [part for part in (contact.phone, website, contact.email) if part]
