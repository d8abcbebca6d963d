"""What the personal action plan and a referral letter say, as plain data (issue 5).

``build_plan_content`` turns a dossier's data into a :class:`PlanContent`: every sentence
the entrepreneur reads, in plain Dutch (B1), second person, in the order the plan prints
it. The renderer in ``casedesk.plan`` only lays this out; the same content is stored as
JSON next to each printed version, so a version always says what it was built from.
"""

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from babel.dates import format_date, format_time

from casedesk.domain.agreements import Action, ActionOwner, Appointment, AppointmentMode
from casedesk.domain.catalog import Catalog, Contact, CostKind, Form, Instrument, InstrumentId
from casedesk.domain.dutch import join_dutch, long_date, lower_first, upper_first
from casedesk.domain.intake import (
    Country,
    DebtLevel,
    HelpRequest,
    IntakeAnswers,
    Scheme,
    Sector,
    Signal,
    Wish,
    display_name,
)
from casedesk.domain.municipality import MunicipalitySettings
from casedesk.domain.referrals import ConsentMethod, ReferralStatus
from casedesk.domain.routes import Route

LOCALE = "nl_NL"
_E = TypeVar("_E", bound=StrEnum)

ACTION_PLAN_TITLE = "Persoonlijk actieplan"
REFERRAL_LETTER_TITLE = "Verwijsbrief"

SECTION_SITUATION = "Uw situatie"
SECTION_ROUTE = "Uw route"
SECTION_ACTIONS = "Wat gaan we doen"
SECTION_INSTRUMENTS = "Hulp en contacten"
SECTION_REFERRALS = "Verwijzingen"
SECTION_NUMBERS = "Belangrijke nummers"
SECTION_PRIVACY = "Uw gegevens"
PLAN_SECTIONS = (
    SECTION_SITUATION,
    SECTION_ROUTE,
    SECTION_ACTIONS,
    SECTION_INSTRUMENTS,
    SECTION_REFERRALS,
    SECTION_NUMBERS,
    SECTION_PRIVACY,
)
"""The plan's section headings, in the order they are printed."""

DEFAULT_PRIVACY_TEXT = (
    "De gemeente bewaart wat u ons vertelt in uw dossier. Dat doen we om u te helpen. We "
    "delen het alleen met anderen als u dat goed vindt. U mag altijd vragen wat we van u "
    "weten. Klopt er iets niet? Dan passen we het aan."
)
"""Printed when the municipality has not written its own privacy text."""


class DocumentKind(StrEnum):
    """What a stored version is (the values are stored in ``plan_versions.kind``)."""

    ACTION_PLAN = "actieplan"
    REFERRAL_LETTER = "verwijsbrief"

    @property
    def label(self) -> str:
        return "Actieplan" if self is DocumentKind.ACTION_PLAN else "Verwijsbrief"


# --- the content tree -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The top of every page-one: who sends it, to whom, when."""

    title: str
    municipality_name: str
    municipality_address: str
    municipality_phone: str
    date_text: str
    """The printing date in Dutch: "27 november 2026"."""
    entrepreneur_name: str
    """Empty on a referral letter without consent to share data."""
    trade_name: str
    caseworker_name: str
    caseworker_contact: str
    """How to reach the caseworker, as a sentence."""


@dataclass(frozen=True, slots=True)
class RouteText:
    title: str
    explanation: str
    this_week: tuple[str, ...] = ()
    """Only for an urgent route 2: what happens this week."""


@dataclass(frozen=True, slots=True)
class ActionRow:
    what: str
    who: str
    """Speaks to the reader: "U", the caseworker's name, the partner's name."""
    when: str
    """Weekday and date: "vrijdag 27 november 2026"."""
    due_date: date | None
    this_week: bool = False
    """Due within seven days (or overdue) and not done yet."""
    done: bool = False


@dataclass(frozen=True, slots=True)
class FirstThings:
    """The box that opens page 1, "Dit is nu het belangrijkste"."""

    lines: tuple[str, ...]
    """In reading order: a crisis line first, then the next seven days."""
    appointment: str
    """The next appointment, with what to bring; empty when there is none."""
    call: str
    """The one number to call."""


@dataclass(frozen=True, slots=True)
class InstrumentText:
    name: str
    provider: str
    what_it_is: str
    why_it_fits: tuple[str, ...]
    cost: str
    phone: str
    website: str
    email: str


@dataclass(frozen=True, slots=True)
class ReferralText:
    to: str
    request: str
    expectation: str


@dataclass(frozen=True, slots=True)
class AppointmentText:
    when: str
    how: str
    where: str
    note: str


@dataclass(frozen=True, slots=True)
class ImportantNumber:
    label: str
    number: str


@dataclass(frozen=True, slots=True)
class PlanContent:
    """Everything the action plan prints, section by section (``PLAN_SECTIONS``)."""

    letterhead: Letterhead
    situation: tuple[str, ...]
    """Short paragraphs of second-person sentences."""
    routes: tuple[RouteText, ...]
    route_reasons: tuple[str, ...]
    actions: tuple[ActionRow, ...]
    instruments: tuple[InstrumentText, ...]
    referrals: tuple[ReferralText, ...]
    appointment: AppointmentText | None
    important_numbers: tuple[ImportantNumber, ...]
    privacy_text: str
    signature_names: tuple[str, ...]
    """Who signs under the plan; empty when the municipality prints no signature lines."""
    first_things: FirstThings = FirstThings((), "", "")
    closed_note: str = ""
    """Set for a closed case: printed instead of a next appointment."""

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _json_ready(asdict(self))
        return data


@dataclass(frozen=True, slots=True)
class ReferralLetterContent:
    """A referral letter (warme overdracht) to one partner."""

    letterhead: Letterhead
    addressee: str
    addressee_contact: tuple[str, ...]
    introduction: str
    request: str
    consent_statement: str
    shared_data: tuple[tuple[str, str], ...]
    """What is shared (label, value); empty when the entrepreneur did not consent."""
    privacy_text: str
    signature_names: tuple[str, ...]
    greeting: str = ""
    deadline: str = ""
    """By when the partner is asked to act: "vandaag nog" for an urgent case."""
    sender_contact: str = ""
    closing: tuple[str, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _json_ready(asdict(self))
        return data


TextPath = tuple[str | int, ...]


def printed_texts(value: object, path: TextPath = ()) -> Iterator[tuple[TextPath, str]]:
    """Every text of a content tree with where it sits (``("actions", 2, "what")``)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from printed_texts(item, (*path, index))
    elif is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            yield from printed_texts(getattr(value, item.name), (*path, item.name))


def _json_ready(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- inputs ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChosenRoutes:
    """The routes the caseworker chose, and the advice's reasons for them."""

    primary: Route
    secondary: Route | None
    urgent: bool
    reasons: tuple[str, ...]
    override_reason: str = ""
    third: Route | None = None


@dataclass(frozen=True, slots=True)
class ChosenInstrumentInput:
    """An instrument chosen for the case; ``instrument`` is None when the catalog in use
    no longer has it (the name kept in the dossier is printed then)."""

    name: str
    instrument: Instrument | None
    why_it_fits: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReferralInput:
    referral_id: int
    partner_name: str
    contact_person: str
    request: str
    referred_on: date
    partner_contact: Contact = field(default_factory=Contact)
    status: ReferralStatus = ReferralStatus.REFERRED
    partner_address: str = ""
    """The partner's postal address from the catalog, one line per line of the envelope."""


@dataclass(frozen=True, slots=True)
class ConsentInput:
    given: bool
    data_shared: str
    """As recorded: which data the entrepreneur agreed to share."""
    given_on: date
    method: str
    """A ``ConsentMethod`` value: ``mondeling`` or ``getekend``."""


@dataclass(frozen=True, slots=True)
class PlanInputs:
    """Everything a plan is built from; the service reads it from the store."""

    answers: IntakeAnswers
    routes: ChosenRoutes | None
    instruments: tuple[ChosenInstrumentInput, ...]
    actions: tuple[Action, ...]
    appointment: Appointment | None
    """With ``starts_at`` already in the local time zone of the counter."""
    referrals: tuple[ReferralInput, ...]
    catalog: Catalog
    municipality: MunicipalitySettings
    caseworker_name: str
    today: date
    caseworker_email: str = ""
    closed_on: date | None = None
    """Set for a closed case: the plan says so and has no next appointment."""
    short_list: tuple[InstrumentId, ...] = ()
    """The advice's short list: the catalog's phone lines print only when on it (what is
    merely "ook beschikbaar" never reaches the entrepreneur's paper)."""


# --- building the plan ----------------------------------------------------------------


FIRST_THINGS_TITLE = "Dit is nu het belangrijkste"
FIRST_THINGS_MAX_ACTIONS = 5
"""More would push the rest of page 1 away; the actions table has them all."""
CRISIS_LINE = (
    "Denkt u aan zelfdoding, of bent u bang dat u iets doet? Bel dan direct 113 of gratis "
    "0800-0113. Dat kan dag en nacht."
)


def build_plan_content(inputs: PlanInputs) -> PlanContent:
    answers = inputs.answers
    closed = inputs.closed_on is not None
    if closed:
        inputs = replace(inputs, appointment=None)
    content = _plan_content(inputs)
    country = answers.entrepreneur.country
    if country in _ABROAD:
        content = _dialable_from_abroad(content, inputs, country)
    return content


_ABROAD = {Country.BE: "België", Country.DE: "Duitsland"}


def _dialable_from_abroad(
    content: PlanContent, inputs: PlanInputs, country: Country
) -> PlanContent:
    """Every number as a reader in Belgium or Germany dials it (``+31 …``).

    A municipal 14 0xx number cannot be dialled from abroad: the plan says so and gives
    the municipality's full number from its settings, or tells the reader to ask for it.
    """

    # Imported here: phonenumbers is only needed for readers abroad.
    from casedesk.domain.validation import dialable_from

    def dial(number: str) -> str:
        return dialable_from(number, country) or number

    municipal = inputs.municipality.phone.strip()
    from_abroad = municipal and dialable_from(municipal, country) is None
    full = dial(inputs.municipality.phone_from_abroad.strip())
    # A number that cannot be dialled from there is not printed at the top either.
    municipal_here = full if from_abroad else dial(municipal)
    lines = list(content.first_things.lines)
    if from_abroad:
        # Without a full number the call line below says how to reach the municipality.
        instead = f" Bel daarom {full}." if full else ""
        lines.append(
            f"U woont in {_ABROAD[country]}. Het nummer {municipal} werkt niet vanuit het "
            f"buitenland.{instead}"
        )
    call = content.first_things.call
    email = inputs.caseworker_email.strip()
    if from_abroad and not full:
        call = (
            f"Vragen? Mail naar {email}."
            if email
            else "Vragen? Schrijf de gemeente: het adres staat bovenaan."
        )
    elif municipal:
        call = call.replace(municipal, municipal_here)
    contact = content.letterhead.caseworker_contact
    if from_abroad and not full:
        contact = call.removeprefix("Vragen? ")
    elif municipal:
        contact = contact.replace(municipal, municipal_here)
    return replace(
        content,
        letterhead=replace(
            content.letterhead, municipality_phone=municipal_here, caseworker_contact=contact
        ),
        first_things=replace(content.first_things, lines=tuple(lines), call=call),
        instruments=tuple(
            replace(instrument, phone=dial(instrument.phone) if instrument.phone else "")
            for instrument in content.instruments
        ),
        important_numbers=tuple(
            replace(number, number=dial(number.number)) for number in content.important_numbers
        ),
    )


def _plan_content(inputs: PlanInputs) -> PlanContent:
    answers = inputs.answers
    closed = inputs.closed_on is not None
    return PlanContent(
        letterhead=_letterhead(
            # The situation's first sentence names the business.
            inputs, ACTION_PLAN_TITLE, with_entrepreneur=True, with_trade_name=False
        ),
        situation=situation_paragraphs(answers),
        routes=_route_texts(inputs),
        route_reasons=_route_reasons(inputs.routes),
        # A closed dossier has no "this week": its actions are what was agreed.
        actions=action_rows(
            inputs.actions, None if closed else inputs.today, inputs.caseworker_name
        ),
        instruments=tuple(_instrument_text(chosen) for chosen in inputs.instruments),
        referrals=tuple(
            _referral_text(referral, closed=closed)
            for referral in inputs.referrals
            if referral.status not in _ENDED_WITHOUT_HELP
        ),
        appointment=None if inputs.appointment is None else _appointment(inputs.appointment),
        important_numbers=_numbers_not_printed_above(inputs),
        privacy_text=_privacy_text(inputs.municipality),
        signature_names=_signature_names(inputs, display_name(answers.entrepreneur)),
        first_things=_first_things(inputs),
        closed_note=_closed_note(inputs),
    )


_ENDED_WITHOUT_HELP = frozenset({ReferralStatus.NOT_STARTED, ReferralStatus.ABORTED})
"""Referrals that are not (or no longer) going on: not printed as if they were."""


def _closed_note(inputs: PlanInputs) -> str:
    if inputs.closed_on is None:
        return ""
    again = _call_line(inputs).replace("Vragen?", "Wilt u later toch weer hulp?")
    return (
        f"Uw dossier is afgesloten op {long_date(inputs.closed_on)}. Er komt geen nieuwe "
        f"afspraak. {again}"
    )


def _call_line(inputs: PlanInputs) -> str:
    phone = inputs.municipality.phone.strip()
    caseworker = inputs.caseworker_name.strip()
    email = inputs.caseworker_email.strip()
    if phone and caseworker:
        line = f"Vragen? Bel {phone} en vraag naar {caseworker}."
    elif phone:
        line = f"Vragen? Bel {phone}."
    elif email:
        return f"Vragen? Mail naar {email}."
    else:
        line = "Vragen? Bel de gemeente en vraag naar uw klantmanager."
    return f"{line} Of mail naar {email}." if email else line


def weekday_date(day: date) -> str:
    """``vrijdag 27 november 2026``."""
    return format_date(day, format="EEEE d MMMM y", locale=LOCALE)


def weekday_date_in_year(day: date, today: date | None) -> str:
    """``vrijdag 27 november``: the year of the plan goes without saying (and keeps a
    line short); a date in another year keeps it."""
    text = weekday_date(day)
    return text.rsplit(" ", 1)[0] if today is not None and day.year == today.year else text


def _first_things(inputs: PlanInputs) -> FirstThings:
    lines: list[str] = []
    if inputs.answers.situation.crisis is True:
        lines.append(CRISIS_LINE)
    if inputs.closed_on is None:
        week_end = inputs.today + timedelta(days=7)
        due = [
            action
            for action in sorted_actions(inputs.actions)
            if not action.done and action.due_date is not None and action.due_date <= week_end
        ]
        for action in due[:FIRST_THINGS_MAX_ACTIONS]:
            assert action.due_date is not None
            who = _who(action, inputs.caseworker_name)
            day = upper_first(weekday_date_in_year(action.due_date, inputs.today))
            what = action.description.strip().rstrip(".")
            lines.append(f"{day}: {what}. Wie: {who}.")
        if len(due) > FIRST_THINGS_MAX_ACTIONS:
            more = len(due) - FIRST_THINGS_MAX_ACTIONS
            lines.append(f"En nog {more} andere afspraken voor deze week: zie ‘{SECTION_ACTIONS}’.")
        for referral in inputs.referrals:
            waiting = referral.status is ReferralStatus.REFERRED
            if waiting and referral.referred_on >= inputs.today - timedelta(days=7):
                lines.append(f"{referral.partner_name} neemt contact met u op.")
        if not lines:
            lines.append("Deze week hoeft u niets te doen.")
    appointment = ""
    if inputs.appointment is not None and inputs.closed_on is None:
        text = _appointment(inputs.appointment)
        appointment = f"Volgende afspraak: {lower_first(text.when)}."
        if inputs.appointment.mode is not AppointmentMode.IN_PERSON or not text.where:
            appointment += f" {text.how}"
        if text.where:
            # "Waar: …" says enough of a visit; "U komt langs." would only repeat it.
            appointment += f" Waar: {text.where}."
        if text.note:
            appointment += f" Neem mee of let op: {text.note}"
            if text.note[-1] not in ".!?":
                appointment += "."
    if inputs.closed_on is not None:
        # The note ends in the call line ("Wilt u later toch weer hulp? Bel …"): once.
        return FirstThings((*lines, _closed_note(inputs)), "", "")
    return FirstThings(tuple(lines), appointment, _call_line(inputs))


def _who(action: Action, caseworker_name: str) -> str:
    detail = action.owner_detail.strip()
    if action.owner is ActionOwner.ENTREPRENEUR:
        return "u"
    if action.owner is ActionOwner.CASEWORKER:
        return detail or caseworker_name.strip() or "uw klantmanager"
    return detail or "de organisatie waar u naartoe gaat"


def _letterhead(
    inputs: PlanInputs, title: str, *, with_entrepreneur: bool, with_trade_name: bool
) -> Letterhead:
    municipality = inputs.municipality
    phone = municipality.phone.strip()
    caseworker = inputs.caseworker_name.strip()
    if phone and caseworker:
        contact = f"Bel {phone} en vraag naar {caseworker}."
    elif phone:
        contact = f"Bel {phone}."
    else:
        contact = "Vraag bij de gemeente naar uw klantmanager."
    email = inputs.caseworker_email.strip()
    if email:
        contact = f"{contact} Of mail naar {email}." if phone else f"Mail naar {email}."
    business = inputs.answers.business
    return Letterhead(
        title=title,
        municipality_name=municipality.name.strip(),
        municipality_address=municipality.address.strip(),
        municipality_phone=phone,
        date_text=long_date(inputs.today),
        entrepreneur_name=display_name(inputs.answers.entrepreneur) if with_entrepreneur else "",
        trade_name=business.trade_name.strip() if with_trade_name else "",
        caseworker_name=caseworker,
        caseworker_contact=contact,
    )


_WISH_SENTENCES: dict[Wish, str] = {
    Wish.CONTINUE_AS_IS: "U wilt doorgaan met uw bedrijf zoals het is.",
    Wish.CONTINUE_WITH_CHANGES: "U wilt doorgaan met uw bedrijf, maar er moet iets veranderen.",
    Wish.PART_TIME_WITH_JOB: (
        "U wilt ondernemer blijven en daarnaast werken in loondienst (een bijbaan)."
    ),
    Wish.STOP_AND_FIND_JOB: "U wilt stoppen met uw bedrijf en werk zoeken in loondienst.",
    Wish.DONT_KNOW_YET: "U weet nog niet hoe het verder moet met uw bedrijf.",
}

_DEBT_SENTENCES: dict[DebtLevel, str] = {
    DebtLevel.NONE: "U hebt geen schulden.",
    DebtLevel.MANAGEABLE: "U hebt schulden, maar u kunt de betalingen nog doen.",
    DebtLevel.PROBLEMATIC: "U hebt schulden en u kunt de betalingen niet meer doen.",
    DebtLevel.ACUTE: "U hebt schulden die nu direct problemen geven.",
}

_SIGNAL_WORDS: dict[Signal, str] = {
    Signal.STRESS: "veel stress of zorgen",
    Signal.LOW_MOOD: "u voelt zich somber",
    Signal.SLEEP_PROBLEMS: "u slaapt slecht",
    Signal.PHYSICAL_HEALTH: "lichamelijke klachten",
    Signal.RELATIONSHIP_PROBLEMS: "problemen thuis",
    Signal.ADDICTION: "problemen met alcohol, drugs of gokken",
    Signal.LONELINESS: "u voelt zich eenzaam",
}


_SECTOR_WORDS: dict[Sector, str] = {
    Sector.HORECA: "horeca",
    Sector.RETAIL: "winkel",
    Sector.PERSONAL_SERVICES: "persoonlijke dienstverlening",
    Sector.CONSTRUCTION: "bouw en installatie",
    Sector.TRANSPORT: "vervoer",
    Sector.CULTURE: "kunst, cultuur en evenementen",
    Sector.BUSINESS_SERVICES: "zakelijke dienstverlening",
    Sector.ICT_MEDIA: "ICT en media",
    Sector.CARE: "zorg en welzijn",
    Sector.EDUCATION: "onderwijs en training",
    Sector.AGRICULTURE: "landbouw",
    Sector.TRADE_MANUFACTURING: "groothandel en productie",
}
"""The sector inside a sentence; "Iets anders" says nothing, so it is left out."""

_HELP_WORDS: dict[HelpRequest, str] = {
    HelpRequest.FINANCIAL_SUPPORT: "geld om van te leven, omdat u te weinig inkomen hebt",
    HelpRequest.ENTREPRENEUR_SKILLS: "coaching of een training in ondernemen",
    HelpRequest.RETRAIN_AS_ENTREPRENEUR: "scholing voor ander werk als ondernemer",
    HelpRequest.CAREER_AS_EMPLOYEE: "hulp bij de keuze voor een baan, of scholing daarvoor",
    HelpRequest.DEBT_HELP: "hulp bij schulden",
    HelpRequest.STOP_BUSINESS: "hulp bij het stoppen met uw bedrijf",
    HelpRequest.PSYCHOLOGICAL_SUPPORT: "steun omdat het psychisch zwaar is",
    HelpRequest.ADMINISTRATION: "hulp om uw administratie op orde te krijgen",
}
"""What the entrepreneur asks for, completing "U vraagt om: …"."""

PAST_SCHEMES = frozenset({Scheme.TOZO, Scheme.TONK, Scheme.TVL, Scheme.NOW})
"""Corona schemes that ended in 2021–2022: printed as past, never as current support."""

_SCHEME_WORDS: dict[Scheme, str] = {
    Scheme.TOZO: "Tozo (steun voor zelfstandigen in de coronatijd)",
    Scheme.TONK: "TONK (hulp bij woonkosten in de coronatijd)",
    Scheme.TVL: "TVL (hulp bij vaste lasten in de coronatijd)",
    Scheme.NOW: "NOW (hulp bij loonkosten in de coronatijd)",
    Scheme.BBZ: "Bbz (een uitkering voor zelfstandigen)",
    Scheme.IOAZ: "IOAZ (een uitkering voor oudere zelfstandigen die stoppen)",
    Scheme.OTHER: "een andere regeling",
}


_NOTHING_KNOWN_YET = "We weten nog niet alles over hoe het met u gaat."


def situation_sentences(answers: IntakeAnswers) -> tuple[str, ...]:
    """'Uw situatie': what the intake found, in the second person; unanswered is left out."""
    sentences = tuple(sentence for group in _situation_groups(answers) for sentence in group)
    return sentences or (_NOTHING_KNOWN_YET,)


def situation_paragraphs(answers: IntakeAnswers) -> tuple[str, ...]:
    """The same sentences as short paragraphs: the business, money, how you are, the future."""
    paragraphs = tuple(" ".join(group) for group in _situation_groups(answers) if group)
    return paragraphs or (_NOTHING_KNOWN_YET,)


def _situation_groups(answers: IntakeAnswers) -> tuple[list[str], ...]:
    business = answers.business
    situation = answers.situation
    company: list[str] = []
    money: list[str] = []
    personal: list[str] = []
    future: list[str] = []
    sentences = company  # each block below adds to the paragraph it belongs to
    trade_name = business.trade_name.strip()
    sector = _SECTOR_WORDS.get(business.sector) if business.sector is not None else None
    if trade_name and sector:
        sentences.append(f"U hebt het bedrijf {trade_name} (sector: {sector}).")
    elif trade_name:
        sentences.append(f"U hebt het bedrijf {trade_name}.")
    if business.hours_per_week is not None:
        sentences.append(f"U werkt ongeveer {business.hours_per_week} uur per week in uw bedrijf.")
    if situation.turnover_drop_percent:
        sentences.append(
            f"Uw omzet is ongeveer {situation.turnover_drop_percent}% lager dan in een "
            "normaal jaar."
        )
    if situation.fixed_costs_covered is False:
        sentences.append("Met de omzet kunt u de vaste lasten van het bedrijf niet betalen.")
    elif situation.fixed_costs_covered is True:
        sentences.append("Met de omzet kunt u de vaste lasten van het bedrijf betalen.")
    sentences = money
    if situation.living_costs_covered is False:
        sentences.append("U hebt niet genoeg inkomen om van te leven.")
    received = [scheme for scheme in Scheme if scheme in situation.schemes]
    current = [_SCHEME_WORDS[s] for s in received if s in _SCHEME_WORDS and s not in PAST_SCHEMES]
    past = [_SCHEME_WORDS[s] for s in received if s in PAST_SCHEMES]
    if current:
        sentences.append(f"U krijgt steun: {join_dutch(current)}.")
    if past:
        sentences.append(f"Eerder kreeg u steun: {join_dutch(past)}.")
    debts = situation.debts
    if debts is None and situation.acute_debt_kinds:
        debts = DebtLevel.ACUTE
    if debts is not None:
        sentences.append(_DEBT_SENTENCES[debts])
    if situation.debt_kinds:
        kinds = [lower_first(kind.label) for kind in type_sorted(situation.debt_kinds)]
        sentences.append(f"Het gaat om: {join_dutch(kinds)}.")
    if situation.acute_debt_kinds:
        kinds = [lower_first(kind.label) for kind in type_sorted(situation.acute_debt_kinds)]
        sentences.append(f"Wat dringend is: {join_dutch(kinds)}.")
    sentences = personal
    if situation.signals:
        signals = [_SIGNAL_WORDS[signal] for signal in Signal if signal in situation.signals]
        sentences.append(f"U vertelde ook dat het persoonlijk zwaar is: {join_dutch(signals)}.")
    sentences = future
    if answers.future.wish is not None:
        sentences.append(_WISH_SENTENCES[answers.future.wish])
    if answers.future.help_requests:
        requests = [_HELP_WORDS[request] for request in type_sorted(answers.future.help_requests)]
        sentences.append(f"U vraagt om: {join_dutch(requests)}.")
    return company, money, personal, future


def type_sorted(members: Iterable[_E]) -> list[_E]:
    """Enum members in the order their enum declares them (stable, as the intake asks)."""
    chosen = list(members)
    if not chosen:
        return []
    order = list(type(chosen[0]))
    return sorted(chosen, key=order.index)


_ROUTE_EXPLANATIONS: dict[Route, str] = {
    Route.STRENGTHEN_BUSINESS: (
        "U werkt aan een sterker bedrijf. Denk aan een nieuw plan, coaching of een "
        "training, zodat uw bedrijf weer genoeg oplevert."
    ),
    Route.DE_ESCALATION: (
        "We lossen eerst de problemen op die u nu het meest last geven, zoals schulden of "
        "zorgen. Wilt u stoppen met uw bedrijf, dan helpen we u daar ook bij."
    ),
    Route.EMPLOYMENT: (
        "We helpen u een baan of bijbaan in loondienst te vinden. Dat kan naast uw bedrijf "
        "of in plaats van uw bedrijf."
    ),
}


def _route_texts(inputs: PlanInputs) -> tuple[RouteText, ...]:
    chosen = inputs.routes
    if chosen is None:
        return (
            RouteText(
                title="Nog geen route gekozen",
                explanation=(
                    "We kiezen samen een route als we uw situatie goed genoeg kennen. "
                    "Dat doen we in het volgende gesprek."
                ),
            ),
        )
    routes = chosen_route_list(chosen)
    texts = []
    for route in routes:
        urgent = chosen.urgent and route is Route.DE_ESCALATION
        texts.append(
            RouteText(
                title=route.label + (" — dringend" if urgent else ""),
                explanation=_ROUTE_EXPLANATIONS[route],
            )
        )
    return tuple(texts)


_ROUTE_MENTION = re.compile(r"\s*\(?\broute ([123])\)?")


def chosen_route_list(chosen: ChosenRoutes) -> list[Route]:
    routes = [r for r in (chosen.primary, chosen.secondary, chosen.third) if r is not None]
    if chosen.urgent and Route.DE_ESCALATION in routes:
        # An urgent route 2 comes first, whatever the caseworker put first.
        routes.remove(Route.DE_ESCALATION)
        routes.insert(0, Route.DE_ESCALATION)
    return routes


def _route_reasons(chosen: ChosenRoutes | None) -> tuple[str, ...]:
    """The advice's reasons for the chosen routes only, or the caseworker's own reason.

    A reason names its route ("(route 2)"); a reason for a route that was not chosen is
    left out, and the bare route number (a word of the trade) is not printed.
    """
    if chosen is None:
        return ()
    override = chosen.override_reason.strip()
    if override:
        sentence = upper_first(override)
        if sentence[-1] not in ".!?":
            sentence += "."
        return (f"U en uw klantmanager kozen samen voor deze route. De reden: {sentence}",)
    numbers = {str(int(route)) for route in chosen_route_list(chosen)}
    reasons = []
    for reason in chosen.reasons:
        mentioned = set(_ROUTE_MENTION.findall(reason))
        if mentioned and not mentioned & numbers:
            continue
        reasons.append(_without_route_numbers(reason))
    return tuple(reasons)


def _without_route_numbers(reason: str) -> str:
    # "Daarvoor is route 2: problemen oplossen." names the route; "(route 2)" is dropped.
    named = re.sub(r"\broute ([123]): ", "de route ", reason)
    return re.sub(r"\s*\(route [123]\)", "", named)


def sorted_actions(actions: Sequence[Action]) -> list[Action]:
    """By date, actions without a date last; equal dates keep the agreed order."""
    return sorted(
        actions, key=lambda action: (action.due_date is None, action.due_date or date.max)
    )


def action_rows(
    actions: Sequence[Action], today: date | None = None, caseworker_name: str = ""
) -> tuple[ActionRow, ...]:
    """The agreed actions as the reader reads them: who is "U" or a name, dates with the
    weekday; ``this_week`` marks what is due within seven days of ``today``."""
    week_end = None if today is None else today + timedelta(days=7)
    rows = []
    for action in sorted_actions(actions):
        who = upper_first(_who(action, caseworker_name))
        when = "Geen datum"
        if action.due_date is not None:
            when = weekday_date_in_year(action.due_date, today)
        what = action.description.strip() + (" (klaar)" if action.done else "")
        this_week = (
            week_end is not None
            and not action.done
            and action.due_date is not None
            and action.due_date <= week_end
        )
        rows.append(
            ActionRow(
                what=what, who=who, when=when, due_date=action.due_date,
                this_week=this_week, done=action.done,
            )
        )  # fmt: skip
    return tuple(rows)


_COST_WORDS: dict[CostKind, str] = {
    CostKind.FREE: "Gratis.",
    CostKind.OWN_CONTRIBUTION: "U betaalt zelf een deel.",
    CostKind.MUNICIPALITY_PAYS: "De gemeente kan dit voor u betalen.",
    CostKind.PAID: "U betaalt dit zelf.",
    CostKind.UNKNOWN: "De kosten zijn niet bekend.",
}


_CASEWORKER_ONLY_FITS = (
    "Let op: deze gegevens zijn voor het laatst nagekeken",
    "Voor ondernemers met Tozo",
)
"""Advice lines meant for the caseworker: a stale catalog entry, a 2021 condition."""


def _instrument_text(chosen: ChosenInstrumentInput) -> InstrumentText:
    instrument = chosen.instrument
    if instrument is None:
        return InstrumentText(
            name=chosen.name,
            provider="",
            what_it_is="Dit aanbod staat niet meer in de catalogus. Vraag uw klantmanager "
            "hoe u het kunt bereiken.",
            why_it_fits=chosen.why_it_fits,
            cost="",
            phone="",
            website="",
            email="",
        )
    cost = _COST_WORDS[instrument.cost]
    # The catalog keeps notes for the caseworker apart (``caseworker_note``, never printed).
    if instrument.cost_note.strip():
        cost = f"{cost} {instrument.cost_note.strip()}"
    contact = instrument.contact
    return InstrumentText(
        name=instrument.name,
        provider=instrument.provider,
        what_it_is=instrument.description,
        why_it_fits=tuple(
            _without_route_numbers(reason)
            for reason in chosen.why_it_fits
            # "Past bij route 2": the route section above already says which route.
            if not reason.startswith((*_CASEWORKER_ONLY_FITS, "Past bij route"))
        ),
        cost=cost,
        # Exactly as in the catalog: a number dialled from paper must be the right one.
        phone=contact.phone or "",
        website=contact.website or "",
        email=contact.email or "",
    )


def _referral_text(referral: ReferralInput, *, closed: bool = False) -> ReferralText:
    to = referral.partner_name
    if referral.contact_person.strip():
        to = f"{to} (contactpersoon: {referral.contact_person.strip()})"
    if referral.status is ReferralStatus.COMPLETED:
        expectation = "Deze hulp is afgerond."
    elif referral.status is ReferralStatus.PROPOSED:
        expectation = (
            "Dit is een voorstel. U en uw klantmanager beslissen samen of u deze hulp vraagt."
        )
    elif referral.status is ReferralStatus.STARTED:
        expectation = f"U krijgt nu hulp van {referral.partner_name}."
    elif closed:
        # The dossier is closed: no caseworker to turn to if the partner stays silent.
        expectation = f"{referral.partner_name} neemt contact met u op over uw vraag."
    else:
        expectation = (
            # Not "Bel": from abroad the municipality's number may not work.
            f"{referral.partner_name} neemt contact met u op over uw vraag. Hoort u binnen "
            "twee weken niets? Neem dan contact op met uw klantmanager."
        )
    return ReferralText(to=to, request=referral.request.strip(), expectation=expectation)


_APPOINTMENT_HOW: dict[AppointmentMode, str] = {
    AppointmentMode.IN_PERSON: "U komt langs.",
    AppointmentMode.PHONE: "Wij bellen u.",
    AppointmentMode.VIDEO: "We spreken elkaar via videobellen.",
}


def _appointment(appointment: Appointment) -> AppointmentText:
    starts = appointment.starts_at
    day = format_date(starts.date(), format="EEEE d MMMM y", locale=LOCALE)
    when = f"{day} om {_clock(starts)} uur"
    if appointment.ends_at is not None:
        when = f"{day}, van {_clock(starts)} tot {_clock(appointment.ends_at)} uur"
    return AppointmentText(
        when=upper_first(when),
        how=_APPOINTMENT_HOW[appointment.mode],
        where=appointment.location.strip(),
        note=appointment.note.strip(),
    )


def _clock(moment: datetime) -> str:
    return format_time(moment, format="HH:mm", locale=LOCALE)


def phone_lines(catalog: Catalog) -> tuple[ImportantNumber, ...]:
    """The catalog's national phone lines: active, national instruments offered by
    telephone with a number (in the shipped catalog: the KVK Adviesteam zwaar weer and the
    MKB-noodlijn)."""
    return tuple(
        ImportantNumber(instrument.name, instrument.contact.phone)
        for instrument in catalog.instruments
        if instrument.active
        and instrument.availability.national
        and Form.PHONE in instrument.forms
        and instrument.contact.phone
    )


def _numbers_not_printed_above(inputs: PlanInputs) -> tuple[ImportantNumber, ...]:
    """The short-listed phone lines whose number is not printed above already.

    A chosen instrument's number stands in its own block, the municipality's at the top
    and in the box's call line: neither is printed twice.
    """
    above = {
        chosen.instrument.contact.phone
        for chosen in inputs.instruments
        if chosen.instrument is not None and chosen.instrument.contact.phone
    }
    # A phone line off the short list is merely "ook beschikbaar": not for the paper.
    listed = tuple(i for i in inputs.catalog.instruments if i.id in inputs.short_list)
    return tuple(
        number
        for number in phone_lines(replace(inputs.catalog, instruments=listed))
        if number.number not in above
    )


def _privacy_text(municipality: MunicipalitySettings) -> str:
    return municipality.privacy_text.strip() or DEFAULT_PRIVACY_TEXT


def _signature_names(inputs: PlanInputs, entrepreneur_name: str) -> tuple[str, ...]:
    if not inputs.municipality.signature_lines:
        return ()
    return (
        f"Ondernemer: {entrepreneur_name}" if entrepreneur_name else "Ondernemer",
        f"Klantmanager: {inputs.caseworker_name}" if inputs.caseworker_name else "Klantmanager",
    )


# --- referral letters -----------------------------------------------------------------


PARTNER_PRIVACY_TEXT = (
    "Deze gegevens zijn alleen voor u. Gebruik ze alleen om de ondernemer te helpen. Bewaar "
    "ze niet langer dan nodig. Geef ze aan niemand anders, tenzij de ondernemer dat goed "
    "vindt. De ondernemer mag altijd zeggen dat het niet meer mag."
)
"""What the partner may do with the data: printed on every referral letter."""


def build_referral_letter(
    inputs: PlanInputs, referral: ReferralInput, consent: ConsentInput | None
) -> ReferralLetterContent:
    """A letter to one partner that shares exactly what the consent covers, nothing more.

    Without a given consent it holds no personal data at all, not even the name or the
    request as typed: the entrepreneur takes the letter along and tells the partner.
    """
    allowed = (
        shared_fields(consent.data_shared) if consent is not None and consent.given else frozenset()
    )
    letterhead = _letterhead(
        inputs,
        REFERRAL_LETTER_TITLE,
        with_entrepreneur="Naam" in allowed,
        with_trade_name="Handelsnaam" in allowed,
    )
    contact = referral.partner_contact
    person = referral.contact_person.strip()
    addressee_contact = tuple(
        line
        for line in (
            f"T.a.v. {person}" if person else "",
            *(line.strip() for line in referral.partner_address.splitlines()),
            f"Telefoon: {contact.phone}" if contact.phone else "",
            f"E-mail: {contact.email}" if contact.email else "",
            f"Website: {contact.website}" if contact.website else "",
        )
        if line
    )
    name = display_name(inputs.answers.entrepreneur) if "Naam" in allowed else ""
    who = name or "de ondernemer"
    municipality = inputs.municipality.name.strip() or "de gemeente"
    urgent = inputs.routes is not None and inputs.routes.urgent
    reachable = bool(allowed & {"Telefoon", "E-mail", "Adres"})
    if consent is not None and consent.given:
        introduction = (
            f"Met deze brief verwijzen wij {who} naar u door. Wij vragen u om te helpen met "
            "de vraag hieronder."
        )
        method = "op papier" if consent.method == ConsentMethod.SIGNED else "mondeling"
        statement = (
            f"{upper_first(who)} gaf ons op {long_date(consent.given_on)} toestemming. "
            f"Dat was {method}. Wij mogen dit met u delen: "
            f"{consent.data_shared.strip() or 'de gegevens hieronder'}."
        )
    else:
        introduction = (
            f"De ondernemer die deze brief bij zich heeft, was bij {municipality}. Wij "
            "verwijzen hem of haar naar u door."
        )
        statement = (
            "De ondernemer wil niet dat wij gegevens delen. Daarom staan er in deze brief "
            "geen namen of andere gegevens. De ondernemer vertelt u zelf wat u moet weten."
        )
    if "Hulpvraag" in allowed and referral.request.strip():
        request = referral.request.strip()
    else:
        request = "De ondernemer vertelt u zelf waarbij hij of zij hulp nodig heeft."
    when = "vandaag nog" if urgent else "binnen twee weken"
    if reachable:
        deadline = f"Wilt u {when} contact opnemen met {who}? De gegevens staan hieronder."
    else:
        deadline = f"De ondernemer neemt zelf contact met u op. Wilt u {when} helpen?"
    return ReferralLetterContent(
        letterhead=letterhead,
        addressee=referral.partner_name,
        addressee_contact=addressee_contact,
        introduction=introduction,
        request=request,
        consent_statement=statement,
        shared_data=_shared_data(inputs.answers, allowed),
        privacy_text=PARTNER_PRIVACY_TEXT,
        signature_names=(),
        greeting=f"Beste {person}," if person else "Geachte heer of mevrouw,",
        deadline=deadline,
        sender_contact=_sender_contact(inputs),
        closing=_closing(inputs),
    )


def _closing(inputs: PlanInputs) -> tuple[str, ...]:
    sender = inputs.caseworker_name.strip() or "De klantmanager"
    lines = ("Met vriendelijke groet,", sender, inputs.municipality.name.strip())
    return tuple(line for line in lines if line)


def _sender_contact(inputs: PlanInputs) -> str:
    phone = inputs.municipality.phone.strip()
    caseworker = inputs.caseworker_name.strip()
    email = inputs.caseworker_email.strip()
    if phone and caseworker:
        # Signed by the caseworker: "Bel mij … en vraag naar" herself would read oddly.
        line = f"Hebt u vragen? Bel {phone} en vraag naar {caseworker}."
    elif phone:
        line = f"Hebt u vragen? Bel {phone}."
    elif email:
        return f"Hebt u vragen? Mail naar {email}."
    else:
        return "Hebt u vragen? Bel de gemeente en vraag naar de klantmanager."
    return f"{line} Of mail naar {email}." if email else line


_SHARED_FIELD_WORDS: tuple[tuple[str, str], ...] = (
    ("Naam", r"\bnaam\b|\bnamen\b|\bvoornaam\b|\bachternaam\b"),
    ("Geboortedatum", r"geboortedatum|geboren"),
    ("Adres", r"(?<!e-mail)(?<!e-mail-)(?<!mail)\badres|woonadres|postcode|woonplaats"),
    ("Telefoon", r"telefoon|\bmobiel|\bnummer om te bellen"),
    ("E-mail", r"e-?mail|\bmail"),
    ("Handelsnaam", r"handelsnaam|bedrijfsnaam|naam van het bedrijf"),
    ("KvK-nummer", r"\bkvk"),
    ("Hulpvraag", r"hulpvraag|\bvraag\b|waarvoor hulp"),
    ("Schulden", r"schuld"),
    ("Inkomen en omzet", r"inkomen|\bomzet"),
    ("Persoonlijke situatie", r"persoonlijk|gezondheid|psychisch|zorgen|huishouden|gezin"),
)
"""Which recorded words in the consent ("naam en telefoonnummer") share which field."""


def shared_fields(data_shared: str) -> frozenset[str]:
    """The letter's fields that the consent's own words cover; nothing beyond them."""
    words = data_shared.casefold()
    return frozenset(label for label, pattern in _SHARED_FIELD_WORDS if re.search(pattern, words))


def _listed(labels: Sequence[str]) -> str:
    """Labels as one list: ``Hulp bij schulden; coaching of training``. A label that opens
    with an abbreviation ("KvK", "WW") keeps its capitals."""
    return "; ".join(
        label if index == 0 or label[1:2].isupper() else lower_first(label)
        for index, label in enumerate(labels)
    )


def _shared_data(answers: IntakeAnswers, allowed: frozenset[str]) -> tuple[tuple[str, str], ...]:
    person = answers.entrepreneur
    business = answers.business
    situation = answers.situation
    address = ", ".join(
        part.strip()
        for part in (person.street_address, f"{person.postcode} {person.place}")
        if part.strip()
    )
    debts = [situation.debts.label] if situation.debts is not None else []
    debts += [kind.label for kind in type_sorted(situation.debt_kinds)]
    debts += [kind.label for kind in type_sorted(situation.acute_debt_kinds)]
    income = []
    if situation.turnover_drop_percent:
        income.append(f"Omzet ongeveer {situation.turnover_drop_percent}% lager dan normaal")
    if situation.living_costs_covered is False:
        income.append("Niet genoeg inkomen om van te leven")
    personal = [signal.label for signal in type_sorted(situation.signals)]
    if situation.household is not None:
        personal.append(situation.household.label)
    requests = [request.label for request in type_sorted(answers.future.help_requests)]
    if answers.future.wish is not None:
        requests.insert(0, answers.future.wish.label)
    pairs = (
        ("Naam", display_name(person)),
        ("Geboortedatum", "" if person.date_of_birth is None else long_date(person.date_of_birth)),
        ("Adres", address),
        ("Telefoon", person.phone.strip()),
        ("E-mail", person.email.strip()),
        ("Handelsnaam", business.trade_name.strip()),
        ("KvK-nummer", business.kvk_number.strip()),
        ("Hulpvraag", _listed(requests)),
        ("Schulden", _listed(debts)),
        ("Inkomen en omzet", _listed(income)),
        ("Persoonlijke situatie", _listed(personal)),
    )
    return tuple((label, value) for label, value in pairs if value and label in allowed)
