"""A small, realistic catalog for the advice tests, built from the guide's section 5.

Localities: Tilburg lies in Midden-Brabant (AM26), where Over Rood works; Amsterdam lies in
Groot Amsterdam (AM18). The real default catalog is tested separately once it ships.
"""

from dataclasses import replace
from datetime import date

from casedesk.domain.catalog import (
    Availability,
    Catalog,
    Condition,
    Contact,
    CostKind,
    Form,
    Instrument,
    InstrumentId,
    Partner,
    PartnerId,
    PartnerType,
    Service,
    Topic,
)
from casedesk.domain.regions import Locality, MunicipalityCode, RegionCode
from casedesk.domain.routes import Route

TODAY = date(2026, 11, 28)
RECENTLY = date(2026, 9, 1)
GUIDE_DATE = date(2021, 6, 1)

TILBURG = Locality(MunicipalityCode("GM0855"), RegionCode("AM26"))
AMSTERDAM = Locality(MunicipalityCode("GM0363"), RegionCode("AM18"))
UNKNOWN_PLACE = Locality(None, None)
NATIONAL = Availability()


def instrument(
    instrument_id: str,
    name: str,
    services: set[Service],
    topics: set[Topic],
    *,
    availability: Availability = NATIONAL,
    cost: CostKind = CostKind.FREE,
    conditions: frozenset[Condition] = frozenset(),
    last_checked: date = RECENTLY,
    active: bool = True,
    phone: str | None = None,
) -> Instrument:
    return Instrument(
        id=InstrumentId(instrument_id),
        name=name,
        provider=name,
        description=f"{name}: aanbod uit de leidraad.",
        services=frozenset(services),
        topics=frozenset(topics),
        availability=availability,
        cost=cost,
        cost_note="",
        forms=frozenset({Form.ONLINE}),
        contact=Contact(website=f"https://example.org/{instrument_id}", phone=phone),
        source="leidraad 2021",
        last_checked=last_checked,
        conditions=conditions,
        active=active,
    )


MKB_DIAGNOSETOOL = instrument(
    "mkb-diagnosetool",
    "MKB Diagnosetool",
    {Service.INTAKE, Service.ROUTE_1},
    {Topic.DIAGNOSIS, Topic.VIABILITY},
    last_checked=GUIDE_DATE,
)
KVK_ZWAAR_WEER = instrument(
    "kvk-zwaar-weer",
    "KVK Zwaar weer routewijzer",
    {Service.INTAKE, Service.ROUTE_1, Service.ROUTE_2},
    {Topic.DIAGNOSIS},
    phone="0800 2117",
)
GOOD_COMPANY_SCORE = instrument(
    "good-company-score", "Good Company score", {Service.INTAKE}, {Topic.DIAGNOSIS}
)
QREDITS = instrument(
    "qredits-toekomstgericht",
    "Qredits: Toekomstgericht ondernemen",
    {Service.ROUTE_1},
    {Topic.BUSINESS_MODEL, Topic.ENTREPRENEUR_TRAINING, Topic.COACHING},
    cost=CostKind.MUNICIPALITY_PAYS,
)
KLANKBORD = instrument(
    "ondernemersklankbord",
    "Ondernemersklankbord",
    {Service.ROUTE_1, Service.ROUTE_2},
    {Topic.COACHING, Topic.VIABILITY},
)
NL_LEERT_DOOR = instrument(
    "nl-leert-door",
    "NL leert door",
    {Service.ROUTE_1, Service.ROUTE_3},
    {Topic.CAREER_ORIENTATION, Topic.RETRAINING},
)
PERFORMANCE_COLLEGE = instrument(
    "performance-college",
    "Performance College",
    {Service.ROUTE_1},
    {Topic.ENTREPRENEUR_TRAINING},
    conditions=frozenset({Condition.TOZO}),
)
BIJSTAND_COACH = instrument(
    "fcbw-stew",
    "Begeleiding door FCBW en STEW",
    {Service.ROUTE_1, Service.ROUTE_2},
    {Topic.COACHING, Topic.DEBT_HELP},
    conditions=frozenset({Condition.TOZO_OR_BBZ}),
)
ZZP_ORGANISATIONS = instrument(
    "zelfstandigenorganisaties",
    "Dienstverlening door zelfstandigenorganisaties",
    {Service.ROUTE_1},
    {Topic.ENTREPRENEUR_TRAINING},
    conditions=frozenset({Condition.MEMBERS_ONLY}),
    cost=CostKind.PAID,
)
MKB_NOODLIJN = instrument(
    "mkb-noodlijn", "MKB-noodlijn", {Service.ROUTE_2}, {Topic.PSYCHOSOCIAL}, phone="088 999 0000"
)
OVER_ROOD = instrument(
    "over-rood",
    "Over Rood",
    {Service.ROUTE_2},
    {Topic.DEBT_HELP, Topic.ADMINISTRATION, Topic.STOPPING},
    availability=Availability(national=False, regions=frozenset({RegionCode("AM26")})),
    cost=CostKind.OWN_CONTRIBUTION,
)
GELDFIT = instrument(
    "geldfit-zakelijk",
    "Geldfit Zakelijk",
    {Service.ROUTE_2},
    {Topic.DEBT_HELP, Topic.FINANCIAL_SUPPORT},
    availability=Availability(
        national=False, municipalities=frozenset({MunicipalityCode("GM0363")})
    ),
)
LEERWERKLOKET = instrument(
    "leerwerkloket-midden-brabant",
    "Leerwerkloket Midden-Brabant",
    {Service.ROUTE_3},
    {Topic.CAREER_ORIENTATION, Topic.RETRAINING, Topic.JOB_SEARCH},
    availability=Availability(national=False, regions=frozenset({RegionCode("AM26")})),
)
VOUCHER_TEMPLATE = instrument(
    "scholingsvoucher-voorbeeld",
    "Scholingsvoucher (voorbeeld uit de leidraad)",
    {Service.ROUTE_3},
    {Topic.RETRAINING},
    active=False,
)

ALL_INSTRUMENTS = (
    MKB_DIAGNOSETOOL,
    KVK_ZWAAR_WEER,
    GOOD_COMPANY_SCORE,
    QREDITS,
    KLANKBORD,
    NL_LEERT_DOOR,
    PERFORMANCE_COLLEGE,
    BIJSTAND_COACH,
    ZZP_ORGANISATIONS,
    MKB_NOODLIJN,
    OVER_ROOD,
    GELDFIT,
    LEERWERKLOKET,
    VOUCHER_TEMPLATE,
)


def partner(
    partner_id: str,
    name: str,
    partner_type: PartnerType,
    leads: set[Route],
    availability: Availability,
) -> Partner:
    return Partner(
        id=PartnerId(partner_id),
        name=name,
        partner_type=partner_type,
        description=name,
        leads_routes=frozenset(leads),
        availability=availability,
        contact=Contact(phone="013 000 00 00"),
        source="regio",
        last_checked=RECENTLY,
    )


MIDDEN_BRABANT = Availability(national=False, regions=frozenset({RegionCode("AM26")}))

LOKET_TILBURG = partner(
    "zl-tilburg",
    "Zelfstandigenloket Tilburg",
    PartnerType.ZELFSTANDIGENLOKET,
    {Route.STRENGTHEN_BUSINESS, Route.DE_ESCALATION},
    MIDDEN_BRABANT,
)
WSP_MIDDEN_BRABANT = partner(
    "wsp-midden-brabant",
    "Werkgeversservicepunt Midden-Brabant",
    PartnerType.WSP,
    {Route.EMPLOYMENT},
    MIDDEN_BRABANT,
)
ONDERNEMERSVERENIGING = partner(
    "ondernemend-tilburg",
    "Ondernemersvereniging Tilburg",
    PartnerType.ENTREPRENEURS_ASSOCIATION,
    {Route.STRENGTHEN_BUSINESS},
    MIDDEN_BRABANT,
)

CATALOG = Catalog(
    version="2026.1",
    title="Testcatalogus",
    issued=RECENTLY,
    instruments=ALL_INSTRUMENTS,
    partners=(LOKET_TILBURG, WSP_MIDDEN_BRABANT, ONDERNEMERSVERENIGING),
)


def catalog_with(*instruments: Instrument, **changes: object) -> Catalog:
    """The test catalog with only the given instruments (and other changes)."""
    return replace(CATALOG, instruments=instruments, **changes)  # type: ignore[arg-type]
