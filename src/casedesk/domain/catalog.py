"""The instrument and partner catalog as plain data (DESIGN.md, section Catalog).

The file format, its validation and the shipped default live in ``casedesk.catalog``.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NewType

from casedesk.domain.regions import Locality, MunicipalityCode, RegionCode
from casedesk.domain.routes import Route

InstrumentId = NewType("InstrumentId", str)
PartnerId = NewType("PartnerId", str)

STALE_AFTER_DAYS = 365
"""An entry not checked for over a year is shown as possibly out of date."""


class Service(StrEnum):
    """The guide's icons: where in the service an instrument fits (section 5)."""

    INTAKE = "intake"
    ROUTE_1 = "route1"
    ROUTE_2 = "route2"
    ROUTE_3 = "route3"

    @classmethod
    def for_route(cls, route: Route) -> "Service":
        return {1: cls.ROUTE_1, 2: cls.ROUTE_2, 3: cls.ROUTE_3}[route.value]


class Topic(StrEnum):
    """What an instrument helps with; advice matches these to the hulpvraag and situation."""

    DIAGNOSIS = "diagnose"
    BUSINESS_MODEL = "bedrijfsmodel"
    COACHING = "coaching"
    ENTREPRENEUR_TRAINING = "ondernemersvaardigheden"
    RETRAINING = "omscholing"
    CAREER_ORIENTATION = "loopbaanorientatie"
    JOB_SEARCH = "werk_zoeken"
    DEBT_HELP = "schulden"
    ADMINISTRATION = "administratie"
    STOPPING = "stoppen"
    PSYCHOSOCIAL = "psychosociaal"
    FINANCIAL_SUPPORT = "financiele_steun"
    VIABILITY = "levensvatbaarheid"


class Condition(StrEnum):
    """Who an instrument is for, beyond route and region."""

    TOZO_OR_BBZ = "tozo_of_bbz"
    """Only for entrepreneurs who receive(d) Tozo or Bbz."""
    TOZO = "tozo"
    MEMBERS_ONLY = "leden"
    """Mainly for members of an association (non-members sometimes partly)."""


class CostKind(StrEnum):
    FREE = "gratis"
    OWN_CONTRIBUTION = "eigen_bijdrage"
    MUNICIPALITY_PAYS = "gemeente_koopt_in"
    PAID = "betaald"
    UNKNOWN = "onbekend"


class Form(StrEnum):
    ONLINE = "online"
    GROUP = "groep"
    INDIVIDUAL = "individueel"
    PHONE = "telefonisch"


class PartnerType(StrEnum):
    """The parties of the guide's section 2."""

    ZELFSTANDIGENLOKET = "zelfstandigenloket"
    WSP = "werkgeversservicepunt"
    LEERWERKLOKET = "leerwerkloket"
    RMT = "regionaal_mobiliteitsteam"
    ENTREPRENEURS_ASSOCIATION = "ondernemersvereniging"
    MARKET_PARTY = "marktpartij"
    SOCIAL_DOMAIN = "sociaal_domein"
    DEBT_HELP = "schuldhulpverlening"
    """The municipality's own debt help: by law a first talk within three working days
    when eviction, cut-off of energy or water, or cancelled health insurance threatens."""


COST_LABELS: dict[CostKind, str] = {
    CostKind.FREE: "Gratis",
    CostKind.OWN_CONTRIBUTION: "Eigen bijdrage",
    CostKind.MUNICIPALITY_PAYS: "Gemeente betaalt",
    CostKind.PAID: "Betaald",
    CostKind.UNKNOWN: "Kosten onbekend",
}

PARTNER_TYPE_LABELS: dict[PartnerType, str] = {
    PartnerType.ZELFSTANDIGENLOKET: "Zelfstandigenloket",
    PartnerType.WSP: "Werkgeversservicepunt (WSP)",
    PartnerType.LEERWERKLOKET: "Leerwerkloket",
    PartnerType.RMT: "Regionaal mobiliteitsteam (RMT)",
    PartnerType.ENTREPRENEURS_ASSOCIATION: "Organisatie van ondernemers",
    PartnerType.MARKET_PARTY: "Marktpartij",
    PartnerType.SOCIAL_DOMAIN: "Sociaal domein van de gemeente",
    PartnerType.DEBT_HELP: "Schuldhulpverlening van de gemeente",
}
"""How screens and the routekaart name these values."""

SERVICE_LABELS: dict[Service, str] = {
    Service.INTAKE: "Intake",
    Service.ROUTE_1: "Route 1",
    Service.ROUTE_2: "Route 2",
    Service.ROUTE_3: "Route 3",
}

TOPIC_LABELS: dict[Topic, str] = {
    Topic.DIAGNOSIS: "Diagnose, scan",
    Topic.BUSINESS_MODEL: "Nieuw bedrijfsmodel",
    Topic.COACHING: "Coaching, begeleiding",
    Topic.ENTREPRENEUR_TRAINING: "Training als ondernemer",
    Topic.RETRAINING: "Bij- of omscholing",
    Topic.CAREER_ORIENTATION: "Loopbaanoriëntatie",
    Topic.JOB_SEARCH: "Werk zoeken",
    Topic.DEBT_HELP: "Schulden",
    Topic.ADMINISTRATION: "Administratie op orde",
    Topic.STOPPING: "Bedrijf beëindigen",
    Topic.PSYCHOSOCIAL: "Psychische of sociale steun",
    Topic.FINANCIAL_SUPPORT: "Geldzorgen, financiering",
    Topic.VIABILITY: "Is het bedrijf levensvatbaar?",
}

CONDITION_LABELS: dict[Condition, str] = {
    Condition.TOZO_OR_BBZ: "Alleen met (of na) Tozo of Bbz",
    Condition.TOZO: "Alleen met (of na) Tozo",
    Condition.MEMBERS_ONLY: "Vooral voor leden",
}

FORM_LABELS: dict[Form, str] = {
    Form.ONLINE: "Online",
    Form.GROUP: "In een groep",
    Form.INDIVIDUAL: "Persoonlijk",
    Form.PHONE: "Telefonisch",
}


@dataclass(frozen=True, slots=True)
class Contact:
    website: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Availability:
    """Where an offer can be used: everywhere, or only in listed regions or municipalities."""

    national: bool = True
    regions: frozenset[RegionCode] = frozenset()
    municipalities: frozenset[MunicipalityCode] = frozenset()

    def covers(self, locality: Locality) -> bool:
        if self.national:
            return True
        if locality.region_code is not None and locality.region_code in self.regions:
            return True
        return (
            locality.municipality_code is not None
            and locality.municipality_code in self.municipalities
        )


@dataclass(frozen=True, slots=True)
class Instrument:
    id: InstrumentId
    name: str
    provider: str
    description: str
    """Short description in plain (B1) Dutch, as printed for the entrepreneur."""
    services: frozenset[Service]
    topics: frozenset[Topic]
    availability: Availability
    cost: CostKind
    cost_note: str
    forms: frozenset[Form]
    contact: Contact
    source: str
    last_checked: date
    conditions: frozenset[Condition] = frozenset()
    active: bool = True
    """Inactive entries are templates a region can adopt; advice never offers them."""
    caseworker_note: str = ""
    """For the caseworker only (history, how a municipality buys it in); never printed."""

    def is_stale(self, today: date) -> bool:
        return (today - self.last_checked).days > STALE_AFTER_DAYS


@dataclass(frozen=True, slots=True)
class Partner:
    id: PartnerId
    name: str
    partner_type: PartnerType
    description: str
    leads_routes: frozenset[Route]
    availability: Availability
    contact: Contact
    source: str
    last_checked: date
    active: bool = True
    caseworker_note: str = ""
    """For the caseworker only; never printed."""
    address: str = ""
    """The postal address, one line per line of the envelope; referral letters use it."""

    def is_stale(self, today: date) -> bool:
        return (today - self.last_checked).days > STALE_AFTER_DAYS


def provided_by(name: str, provider: str, pattern: str) -> str:
    """``name`` with its provider added by ``pattern`` (" ({})"), unless the name already
    says who provides it: "Dienstverlening door ZZP Nederland" needs no "(ZZP Nederland)"."""
    if not provider.strip() or provider.casefold() in name.casefold():
        return name
    return name + pattern.format(provider)


DEFAULT_ROUTE_LEADS: dict[Route, PartnerType] = {
    # Guide, section 2: de-escalation usually at the zelfstandigenloket; other work at the
    # WSP (with Leerwerkloket and RMT); strengthening the business varies, most often the
    # zelfstandigenloket of the centrumgemeente.
    Route.STRENGTHEN_BUSINESS: PartnerType.ZELFSTANDIGENLOKET,
    Route.DE_ESCALATION: PartnerType.ZELFSTANDIGENLOKET,
    Route.EMPLOYMENT: PartnerType.WSP,
}


@dataclass(frozen=True)
class Catalog:
    """One version of a (regional) catalog: what a region distributes as one file."""

    version: str
    title: str
    issued: date
    instruments: tuple[Instrument, ...]
    partners: tuple[Partner, ...]
    route_leads: dict[Route, PartnerType] = field(
        default_factory=lambda: dict(DEFAULT_ROUTE_LEADS)
    )
    region: RegionCode | None = None
    """The arbeidsmarktregio the catalog was made for; None for a national catalog."""
    author: str = ""
    """Who issued this version (the region's coordinator); empty in older files."""

    def instrument(self, instrument_id: InstrumentId) -> Instrument | None:
        return next((i for i in self.instruments if i.id == instrument_id), None)

    def partner(self, partner_id: PartnerId) -> Partner | None:
        return next((p for p in self.partners if p.id == partner_id), None)

    def lead_type(self, route: Route) -> PartnerType:
        """Who leads ``route`` in the region; the guide's usual lead where the catalog is
        silent."""
        return self.route_leads.get(route, DEFAULT_ROUTE_LEADS[route])
