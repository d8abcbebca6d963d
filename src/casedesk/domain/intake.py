"""The intake answers: one typed model of everything the intake asks (issue 3).

Every field is optional, because an intake is typed while the entrepreneur talks and may be
saved half-way: text fields are ``""`` until filled, other fields ``None`` (or an empty set)
until answered. Choice fields are ``StrEnum``s whose ``label`` is the Dutch (B1) text shown in
the UI and printed in the action plan; the enum *values* are the stable words stored in the
answers JSON (``docs/answers-format.md``).

Validation lives in ``casedesk.domain.validation``, the route advice in
``casedesk.domain.advice``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from casedesk.domain.regions import MunicipalityCode

_LABELS: dict[tuple[type[StrEnum], str], str] = {}
"""Keyed by enum class and value: members of different StrEnums with the same value
("anders") are equal strings, so the members themselves cannot be the keys."""


class LabelledEnum(StrEnum):
    """A choice with a Dutch label for people and a stable value for files."""

    @property
    def label(self) -> str:
        return _LABELS[(type(self), self.value)]


_E = TypeVar("_E", bound=LabelledEnum)


def register_labels(enum: type[_E], labels: Mapping[_E, str]) -> None:
    # Fail at import, not in front of an entrepreneur, when a choice has no Dutch label.
    missing = [member.value for member in enum if member not in labels]
    if missing:
        raise AssertionError(f"{enum.__name__} has no Dutch label for {missing}")
    for member, label in labels.items():
        _LABELS[(enum, member.value)] = label


class Country(LabelledEnum):
    """Country of residence. The guide (section 1, 'Voor alle zelfstandigen'): the help is
    also for entrepreneurs near the border who live in Belgium or Germany."""

    NL = "NL"
    BE = "BE"
    DE = "DE"


register_labels(Country, {Country.NL: "Nederland", Country.BE: "België", Country.DE: "Duitsland"})


class Sector(LabelledEnum):
    HORECA = "horeca"
    RETAIL = "detailhandel"
    PERSONAL_SERVICES = "persoonlijke_dienstverlening"
    CONSTRUCTION = "bouw"
    TRANSPORT = "vervoer"
    CULTURE = "kunst_cultuur"
    BUSINESS_SERVICES = "zakelijke_dienstverlening"
    ICT_MEDIA = "ict_media"
    CARE = "zorg_welzijn"
    EDUCATION = "onderwijs_training"
    AGRICULTURE = "landbouw"
    TRADE_MANUFACTURING = "handel_productie"
    OTHER = "anders"


register_labels(
    Sector,
    {
        Sector.HORECA: "Horeca",
        Sector.RETAIL: "Winkel (detailhandel)",
        Sector.PERSONAL_SERVICES: "Persoonlijke dienstverlening (zoals kapper of schoonheidssalon)",
        Sector.CONSTRUCTION: "Bouw en installatie",
        Sector.TRANSPORT: "Vervoer (zoals taxi of koerier)",
        Sector.CULTURE: "Kunst, cultuur en evenementen",
        Sector.BUSINESS_SERVICES: "Zakelijke dienstverlening",
        Sector.ICT_MEDIA: "ICT en media",
        Sector.CARE: "Zorg en welzijn",
        Sector.EDUCATION: "Onderwijs en training",
        Sector.AGRICULTURE: "Landbouw",
        Sector.TRADE_MANUFACTURING: "Groothandel en productie",
        Sector.OTHER: "Iets anders",
    },
)


class LegalForm(LabelledEnum):
    SOLE_PROPRIETORSHIP = "eenmanszaak"
    GENERAL_PARTNERSHIP = "vof"
    PROFESSIONAL_PARTNERSHIP = "maatschap"
    LIMITED_PARTNERSHIP = "cv"
    PRIVATE_COMPANY = "bv"
    OTHER = "anders"


register_labels(
    LegalForm,
    {
        LegalForm.SOLE_PROPRIETORSHIP: "Eenmanszaak",
        LegalForm.GENERAL_PARTNERSHIP: "Vennootschap onder firma (vof)",
        LegalForm.PROFESSIONAL_PARTNERSHIP: "Maatschap",
        LegalForm.LIMITED_PARTNERSHIP: "Commanditaire vennootschap (cv)",
        LegalForm.PRIVATE_COMPANY: "Besloten vennootschap (bv)",
        LegalForm.OTHER: "Andere rechtsvorm",
    },
)


class Scheme(LabelledEnum):
    """Support schemes the entrepreneur receives or received."""

    TOZO = "tozo"
    BBZ = "bbz"
    IOAZ = "ioaz"
    TONK = "tonk"
    TVL = "tvl"
    NOW = "now"
    OTHER = "anders"
    NONE = "geen"


register_labels(
    Scheme,
    {
        Scheme.TOZO: "Tozo (overbruggingsregeling zelfstandigen)",
        Scheme.BBZ: "Bbz (bijstand voor zelfstandigen)",
        Scheme.IOAZ: "IOAZ (inkomen voor oudere zelfstandigen)",
        Scheme.TONK: "TONK (hulp bij woonkosten)",
        Scheme.TVL: "TVL (hulp bij vaste lasten)",
        Scheme.NOW: "NOW (hulp bij loonkosten)",
        Scheme.OTHER: "Een andere regeling",
        Scheme.NONE: "Geen regeling",
    },
)


class DebtLevel(LabelledEnum):
    NONE = "geen"
    MANAGEABLE = "overzichtelijk"
    PROBLEMATIC = "problematisch"
    ACUTE = "acuut"


register_labels(
    DebtLevel,
    {
        DebtLevel.NONE: "Geen schulden",
        DebtLevel.MANAGEABLE: "Schulden, maar de betalingen lukken",
        DebtLevel.PROBLEMATIC: "Problematische schulden: de betalingen lukken niet meer",
        DebtLevel.ACUTE: "Acute schulden: er dreigt direct gevaar",
    },
)


class AcuteDebtKind(LabelledEnum):
    """What makes debts acute: something happens soon unless someone acts now."""

    EVICTION = "dreigende_uitzetting"
    ENERGY_CUT_OFF = "afsluiting_energie"
    SEIZURE = "beslag"
    BANKRUPTCY_PETITION = "faillissementsaanvraag"


register_labels(
    AcuteDebtKind,
    {
        AcuteDebtKind.EVICTION: "Dreigende uitzetting uit huis of bedrijfspand",
        AcuteDebtKind.ENERGY_CUT_OFF: "Dreigende afsluiting van gas, water of stroom",
        AcuteDebtKind.SEIZURE: "Beslag (op loon, rekening of spullen)",
        AcuteDebtKind.BANKRUPTCY_PETITION: "Aanvraag van een faillissement",
    },
)


class DebtKind(LabelledEnum):
    TAX = "belasting"
    RENT_OR_MORTGAGE = "huur_hypotheek"
    SUPPLIERS = "leveranciers"
    ENERGY = "energie"
    HEALTH_INSURANCE = "zorgverzekering"
    PRIVATE = "prive"


register_labels(
    DebtKind,
    {
        DebtKind.TAX: "Belastingschuld",
        DebtKind.RENT_OR_MORTGAGE: "Achterstand met huur of hypotheek",
        DebtKind.SUPPLIERS: "Schulden bij leveranciers",
        DebtKind.ENERGY: "Achterstand met de energierekening",
        DebtKind.HEALTH_INSURANCE: "Achterstand met de zorgverzekering",
        DebtKind.PRIVATE: "Privéschulden (zoals leningen van familie of vrienden)",
    },
)


class Signal(LabelledEnum):
    """Psychosocial and health signals the caseworker noticed or was told about."""

    STRESS = "stress"
    LOW_MOOD = "somberheid"
    SLEEP_PROBLEMS = "slaapproblemen"
    PHYSICAL_HEALTH = "lichamelijke_klachten"
    RELATIONSHIP_PROBLEMS = "relatieproblemen"
    ADDICTION = "verslaving"
    LONELINESS = "eenzaamheid"


register_labels(
    Signal,
    {
        Signal.STRESS: "Veel stress of zorgen",
        Signal.LOW_MOOD: "Somber of neerslachtig",
        Signal.SLEEP_PROBLEMS: "Slaapt slecht",
        Signal.PHYSICAL_HEALTH: "Lichamelijke klachten of ziekte",
        Signal.RELATIONSHIP_PROBLEMS: "Problemen thuis of in de relatie",
        Signal.ADDICTION: "Problemen met alcohol, drugs of gokken",
        Signal.LONELINESS: "Voelt zich eenzaam",
    },
)


class Household(LabelledEnum):
    SINGLE = "alleenstaand"
    SINGLE_PARENT = "alleenstaande_ouder"
    COUPLE = "samen"
    COUPLE_WITH_CHILDREN = "samen_met_kinderen"
    OTHER = "anders"


register_labels(
    Household,
    {
        Household.SINGLE: "Alleenstaand",
        Household.SINGLE_PARENT: "Alleenstaande ouder met kinderen",
        Household.COUPLE: "Samenwonend of getrouwd, zonder kinderen",
        Household.COUPLE_WITH_CHILDREN: "Samenwonend of getrouwd, met kinderen",
        Household.OTHER: "Anders",
    },
)


class Wish(LabelledEnum):
    """What the entrepreneur wants for the future."""

    CONTINUE_AS_IS = "doorgaan"
    CONTINUE_WITH_CHANGES = "doorgaan_met_veranderingen"
    PART_TIME_WITH_JOB = "deels_ondernemer_deels_baan"
    STOP_AND_FIND_JOB = "stoppen_en_werk_zoeken"
    DONT_KNOW_YET = "weet_nog_niet"


register_labels(
    Wish,
    {
        Wish.CONTINUE_AS_IS: "Doorgaan met het bedrijf zoals het is",
        Wish.CONTINUE_WITH_CHANGES: "Doorgaan met het bedrijf, met veranderingen",
        Wish.PART_TIME_WITH_JOB: "Deels ondernemer blijven, met een (bij)baan in loondienst",
        Wish.STOP_AND_FIND_JOB: "Stoppen met het bedrijf en werk zoeken in loondienst",
        Wish.DONT_KNOW_YET: "Weet het nog niet",
    },
)


class HelpRequest(LabelledEnum):
    """The hulpvraag: the guide's national survey categories (section 1, 'Veel hulpvragen
    van ondernemers') plus the problems route 2 solves."""

    FINANCIAL_SUPPORT = "financiele_steun"
    ENTREPRENEUR_SKILLS = "ondernemersvaardigheden"
    RETRAIN_AS_ENTREPRENEUR = "omscholing_als_ondernemer"
    CAREER_AS_EMPLOYEE = "loopbaan_als_werknemer"
    DEBT_HELP = "schuldhulp"
    STOP_BUSINESS = "stoppen_met_bedrijf"
    PSYCHOLOGICAL_SUPPORT = "psychische_steun"
    ADMINISTRATION = "administratie"


register_labels(
    HelpRequest,
    {
        HelpRequest.FINANCIAL_SUPPORT: "Financiële steun omdat er te weinig inkomen is",
        HelpRequest.ENTREPRENEUR_SKILLS: "Coaching of training in ondernemen",
        HelpRequest.RETRAIN_AS_ENTREPRENEUR: "Bij- of omscholing naar ander werk als ondernemer",
        HelpRequest.CAREER_AS_EMPLOYEE: "Hulp bij de keuze voor een baan of omscholing daarvoor",
        HelpRequest.DEBT_HELP: "Hulp bij schulden",
        HelpRequest.STOP_BUSINESS: "Hulp bij stoppen met het bedrijf",
        HelpRequest.PSYCHOLOGICAL_SUPPORT: "Steun bij psychische problemen",
        HelpRequest.ADMINISTRATION: "De administratie op orde krijgen",
    },
)


NEED_ASKED = "hulpvraag"
NEED_UNMET = "ontbreekt"
"""The kinds of a dossier's countable needs (``case_needs.kind``): a :class:`HelpRequest`
the entrepreneur asked for, or an :class:`UnmetNeed` the region does not offer."""


class UnmetNeed(LabelledEnum):
    """Help the entrepreneur asked for that the region does not offer (guide step 1: ask
    what entrepreneurs need, and section 3: "het aanbod dat nog ontbreekt"). Counted in the
    regional report, so that a region can decide what to buy."""

    ENTREPRENEUR_COACHING = "coaching_ondernemen"
    RETRAINING_AS_ENTREPRENEUR = "omscholing_als_ondernemer"
    CAREER_GUIDANCE = "loopbaanbegeleiding"
    BUSINESS_FINANCE = "financiering"
    BUSINESS_DEBT_HELP = "schuldhulp_zakelijk"
    LEGAL_ADVICE = "juridisch_advies"
    BOOKKEEPING = "administratie"
    ONLINE_AND_MARKETING = "online_en_marketing"
    PSYCHOLOGICAL_SUPPORT = "psychische_steun"
    STOPPING_GUIDANCE = "begeleiding_stoppen"
    OTHER_LANGUAGE = "andere_taal"
    OTHER = "anders"


register_labels(
    UnmetNeed,
    {
        UnmetNeed.ENTREPRENEUR_COACHING: "Coaching of training in ondernemen",
        UnmetNeed.RETRAINING_AS_ENTREPRENEUR: "Bij- of omscholing voor ander werk als ondernemer",
        UnmetNeed.CAREER_GUIDANCE: "Begeleiding naar een baan in loondienst",
        UnmetNeed.BUSINESS_FINANCE: "Een lening of krediet voor het bedrijf",
        UnmetNeed.BUSINESS_DEBT_HELP: "Schuldhulp die ook zakelijke schulden aanpakt",
        UnmetNeed.LEGAL_ADVICE: "Juridisch advies (zoals over contracten of huur)",
        UnmetNeed.BOOKKEEPING: "Hulp bij de administratie en de boekhouding",
        UnmetNeed.ONLINE_AND_MARKETING: "Hulp bij online verkopen en marketing",
        UnmetNeed.PSYCHOLOGICAL_SUPPORT: "Psychische steun voor ondernemers",
        UnmetNeed.STOPPING_GUIDANCE: "Begeleiding bij het stoppen met het bedrijf",
        UnmetNeed.OTHER_LANGUAGE: "Hulp in een andere taal dan Nederlands",
        UnmetNeed.OTHER: "Iets anders (zie de toelichting)",
    },
)


class Channel(LabelledEnum):
    """How the entrepreneur reached the counter: the guide's step 6 channels (website,
    media, entrepreneurs' organisations), the national tools of step 3, and what a counter
    sees every day."""

    WEBSITE = "website"
    MEDIA = "media"
    ENTREPRENEURS_ASSOCIATION = "ondernemersorganisatie"
    TOZO_OR_BBZ = "tozo_bbz"
    KVK_ZWAAR_WEER = "kvk_zwaar_weer"
    MKB_DIAGNOSETOOL = "mkb_diagnosetool"
    PARTNER_REFERRAL = "verwijzing_partner"
    OWN_INITIATIVE = "eigen_initiatief"
    OTHER = "anders"


register_labels(
    Channel,
    {
        Channel.WEBSITE: "Via de website over hulp aan ondernemers",
        Channel.MEDIA: "Via de media (krant, radio, sociale media)",
        Channel.ENTREPRENEURS_ASSOCIATION: "Via een organisatie van ondernemers of zzp'ers",
        Channel.TOZO_OR_BBZ: "Via de Tozo of het Bbz",
        Channel.KVK_ZWAAR_WEER: "Via de KVK Zwaar weer routewijzer",
        Channel.MKB_DIAGNOSETOOL: "Via de MKB Diagnosetool",
        Channel.PARTNER_REFERRAL: "Doorverwezen door een andere organisatie",
        Channel.OWN_INITIATIVE: "Op eigen initiatief",
        Channel.OTHER: "Op een andere manier",
    },
)


@dataclass(frozen=True, slots=True)
class Entrepreneur:
    first_names: str = ""
    """Voornamen, as written on the ID (``Zoë Maria``)."""
    name_prefix: str = ""
    """Tussenvoegsel (``van 't``), kept apart because Dutch sorting ignores it."""
    surname: str = ""
    """Achternaam (``Hoff-Çelik``)."""
    date_of_birth: date | None = None
    phone: str = ""
    email: str = ""
    street_address: str = ""
    postcode: str = ""
    place: str = ""
    municipality_code: MunicipalityCode | None = None
    country: Country | None = None
    """``None`` until asked; validation then assumes the Netherlands."""
    bsn: str = ""
    """Optional: store only where a scheme needs it (DESIGN.md, data safety)."""


@dataclass(frozen=True, slots=True)
class Business:
    trade_name: str = ""
    kvk_number: str = ""
    sector: Sector | None = None
    legal_form: LegalForm | None = None
    start_date: date | None = None
    staff: int | None = None
    """People employed besides the entrepreneur."""
    hours_per_week: int | None = None
    """Hours the entrepreneur works in the business in a normal week."""


@dataclass(frozen=True, slots=True)
class Situation:
    schemes: frozenset[Scheme] = frozenset()
    """Empty: not asked yet; ``{Scheme.NONE}``: asked, none received."""
    turnover_drop_percent: int | None = None
    """Drop in turnover compared with a normal year, 0 to 100."""
    fixed_costs_covered: bool | None = None
    """Does the turnover pay the business's fixed costs?"""
    living_costs_covered: bool | None = None
    """Is there enough income for the household's living costs?"""
    debts: DebtLevel | None = None
    acute_debt_kinds: frozenset[AcuteDebtKind] = frozenset()
    debt_kinds: frozenset[DebtKind] = frozenset()
    signals: frozenset[Signal] = frozenset()
    crisis: bool | None = None
    """A psychosocial crisis that needs help today (e.g. thoughts of suicide, violence)."""
    household: Household | None = None


@dataclass(frozen=True, slots=True)
class Future:
    wish: Wish | None = None
    help_requests: frozenset[HelpRequest] = frozenset()
    """The hulpvraag; several categories may apply."""
    unmet_needs: frozenset[UnmetNeed] = frozenset()
    """Asked for, but not offered in the region (the report counts these)."""
    unmet_needs_note: str = ""
    """The same in the entrepreneur's words; stays in the dossier, never in a report."""


@dataclass(frozen=True, slots=True)
class IntakeAnswers:
    """Everything the intake asks; a new intake is ``IntakeAnswers()``."""

    entrepreneur: Entrepreneur = Entrepreneur()
    business: Business = Business()
    situation: Situation = Situation()
    future: Future = Future()
    channel: Channel | None = None


FIELD_LABELS: dict[str, str] = {
    "entrepreneur.first_names": "Voornamen",
    "entrepreneur.name_prefix": "Tussenvoegsel",
    "entrepreneur.surname": "Achternaam",
    "entrepreneur.date_of_birth": "Geboortedatum",
    "entrepreneur.phone": "Telefoonnummer",
    "entrepreneur.email": "E-mailadres",
    "entrepreneur.street_address": "Straat en huisnummer",
    "entrepreneur.postcode": "Postcode",
    "entrepreneur.place": "Woonplaats",
    "entrepreneur.municipality_code": "Gemeente",
    "entrepreneur.country": "Land",
    "entrepreneur.bsn": "BSN",
    "business.trade_name": "Handelsnaam",
    "business.kvk_number": "KvK-nummer",
    "business.sector": "Sector",
    "business.legal_form": "Rechtsvorm",
    "business.start_date": "Startdatum bedrijf",
    "business.staff": "Aantal mensen in dienst",
    "business.hours_per_week": "Uren per week in het bedrijf",
    "situation.schemes": "Regelingen",
    "situation.turnover_drop_percent": "Daling van de omzet",
    "situation.fixed_costs_covered": "Vaste lasten betaald",
    "situation.living_costs_covered": "Kosten van levensonderhoud betaald",
    "situation.debts": "Schulden",
    "situation.acute_debt_kinds": "Acute problemen met schulden",
    "situation.debt_kinds": "Soorten schulden",
    "situation.signals": "Signalen over gezondheid en welzijn",
    "situation.crisis": "Crisis die vandaag hulp nodig heeft",
    "situation.household": "Huishouden",
    "future.wish": "Wens voor de toekomst",
    "future.help_requests": "Hulpvraag",
    "future.unmet_needs": "Gevraagde hulp die de regio niet biedt",
    "future.unmet_needs_note": "Toelichting op de hulp die ontbreekt",
    "channel": "Hoe bij het loket gekomen",
}
"""Dutch label of every answer, by its path (``section.field``), as the UI and errors name it."""


_SECTION_LABELS = {
    "entrepreneur": "Ondernemer",
    "business": "Onderneming",
    "situation": "Situatie",
    "future": "Toekomst en hulpvraag",
    # The intake's other versioned parts (domain/part_merge.py), as the inzage names them.
    "registration": "Aanmelding",
    "instruments": "Gekozen instrumenten",
    "actions": "Afspraken",
}


def field_label(path: str) -> str:
    """The Dutch label of an answer path; section names for the sections themselves."""
    return FIELD_LABELS.get(path) or _SECTION_LABELS.get(path, path)


def apply_value(answers: IntakeAnswers, path: str, value: Any) -> IntakeAnswers:
    """The answers with one answer replaced, by its path."""
    if "." not in path:
        return replace(answers, **{path: value})
    section_name, field_name = path.split(".", 1)
    section = getattr(answers, section_name)
    return replace(answers, **{section_name: replace(section, **{field_name: value})})


def read_value(answers: IntakeAnswers, path: str) -> Any:
    """One answer, by its path (``business.kvk_number``)."""
    value: Any = answers
    for part in path.split("."):
        value = getattr(value, part)
    return value


def display_name(entrepreneur: Entrepreneur) -> str:
    """The name as a Dutch letter writes it: voornamen, tussenvoegsel, achternaam.

    >>> display_name(Entrepreneur(first_names="Zoë", name_prefix="van 't", surname="Hoff-Çelik"))
    "Zoë van 't Hoff-Çelik"
    """
    return full_name(entrepreneur.first_names, entrepreneur.name_prefix, entrepreneur.surname)


def full_name(first_names: str, name_prefix: str, surname: str) -> str:
    """Voornamen, tussenvoegsel and achternaam joined as written, spacing tidied."""
    parts = (first_names, name_prefix, surname)
    return " ".join(" ".join(part.split()) for part in parts if part.strip())


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on a date (a birthday on 29 February counts from 1 March)."""
    had_birthday = (on.month, on.day) >= (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - (0 if had_birthday else 1)


PAST_SCHEMES: dict[Scheme, int] = {
    Scheme.TOZO: 2021, Scheme.TONK: 2021, Scheme.TVL: 2022, Scheme.NOW: 2022,
}  # fmt: skip
"""The corona schemes and the year they ended: an entrepreneur can only have had them."""


def schemes_to_choose() -> list[Scheme]:
    """The schemes in the order the intake offers them: current ones, the past ones, then
    "another scheme" and "none"."""
    last = (Scheme.OTHER, Scheme.NONE)
    return sorted(Scheme, key=lambda scheme: 2 if scheme in last else scheme in PAST_SCHEMES)


def scheme_choice_label(scheme: Scheme) -> str:
    """``Tozo (…) — gehad, gestopt in 2021`` for a past scheme; else its label."""
    ended = PAST_SCHEMES.get(scheme)
    return scheme.label if ended is None else f"{scheme.label} — gehad, gestopt in {ended}"


def receives_tozo_or_bbz(situation: Situation) -> bool:
    return bool(situation.schemes & {Scheme.TOZO, Scheme.BBZ})


def has_acute_debts(situation: Situation) -> bool:
    """Acute when so marked, or when an acute problem (eviction, cut-off…) is ticked."""
    return situation.debts is DebtLevel.ACUTE or bool(situation.acute_debt_kinds)
