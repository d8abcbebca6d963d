"""Route advice and instrument matching: deterministic and explainable (issue 3).

``advise`` turns intake answers into the routes of the guide (primary first), an urgency
flag, the reasons in plain Dutch (each with a stable rule id, see ``advice_rules``), the
lead partner per route, the ranked instruments and the answers still missing.

The rules, in the order they are applied:

1. The wish decides the base routes (continue: 1; with changes: 1; part-time: 1 then 3;
   stop: 2 then 3). "Don't know yet" or no wish yet: a diagnosis at intake comes first.
2. Acute debts or a psychosocial crisis make the advice urgent: route 2 goes first, with an
   immediate referral (route 2's lead for debts, the social domain for a crisis).
   Problematic debts, or a request for debt help, also put route 2 first (not urgent);
   without any of these, someone who wants to stop leads with the job route (3), with
   route 2 beside it to close the business well.
3. Problematic debts, health or psychosocial signals and the hulpvraag add routes after
   the base ones.
4. With no route at all (nothing known yet), route 1 is the provisional route: most
   entrepreneurs want to continue, and the guide warns that this route is easily forgotten.
5. Hints for the caseworker to check (Bbz, IOAZ, viability, living across the border)
   only add reasons: the advice never decides eligibility.

Instruments are ranked by: what must happen first (urgent need, then diagnosis when the
intake comes first), the number of topics that match the hulpvraag and situation, open to
everyone before mainly for members, the first advised route they serve, regional before
national, then the catalog's own order. From that ranking the short list
(``domain/short_list.py``) takes the few instruments that meet a need of this case; the rest
stay available.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casedesk.domain import advice_rules as rules
from casedesk.domain.advice_rules import Rule
from casedesk.domain.catalog import (
    Catalog,
    Condition,
    Contact,
    Instrument,
    InstrumentId,
    Partner,
    PartnerType,
    Service,
    Topic,
)
from casedesk.domain.dutch import join_dutch, long_date, lower_first
from casedesk.domain.intake import (
    FIELD_LABELS,
    AcuteDebtKind,
    Country,
    DebtLevel,
    HelpRequest,
    IntakeAnswers,
    Scheme,
    Signal,
    Wish,
    age_on,
    has_acute_debts,
    receives_tozo_or_bbz,
)
from casedesk.domain.regions import Locality
from casedesk.domain.routes import Route
from casedesk.domain.short_list import (
    CONTINUING,
    ShortListEntry,
    needs_of,
    order_needs,
    short_list,
)


@dataclass(frozen=True, slots=True)
class Reason:
    rule_id: str
    text: str
    """Plain Dutch, second person, for the caseworker to read aloud."""


@dataclass(frozen=True, slots=True)
class RouteAdvice:
    route: Route
    lead_type: PartnerType
    """Who leads this route in the region (the catalog's ``route_leads``, guide section 2)."""
    lead_partner: Partner | None
    """The catalog's partner of that type for the locality, if the catalog names one."""


@dataclass(frozen=True, slots=True)
class InstrumentMatch:
    instrument: Instrument
    route: Route | None
    """The first advised route the instrument serves; ``None`` when it is for the intake."""
    matched_topics: tuple[Topic, ...]
    fits: tuple[str, ...]
    """Why it fits, in plain Dutch, most important first."""
    stale: bool
    """Not checked for over a year: show it, marked (the offer may have changed)."""


@dataclass(frozen=True, slots=True)
class MissingAnswer:
    field: str
    """Answer path, as in ``intake.FIELD_LABELS``."""
    label: str
    why: str
    """Dutch: what the advice needs it for."""


@dataclass(frozen=True, slots=True)
class Advice:
    routes: tuple[RouteAdvice, ...]
    """One to three routes, primary first."""
    urgent: bool
    immediate_referrals: tuple[PartnerType, ...]
    """Who to refer to today when the advice is urgent."""
    diagnosis_first: bool
    """The intake starts with a diagnosis instrument before a route is settled."""
    reasons: tuple[Reason, ...]
    instruments: tuple[InstrumentMatch, ...]
    """Everything that fits the routes, best first (the short list and "ook beschikbaar")."""
    missing_answers: tuple[MissingAnswer, ...]
    short_list: tuple[ShortListEntry, ...] = ()
    """The few instruments this case needs, best first, each with the need it meets."""

    @property
    def primary_route(self) -> Route:
        return self.routes[0].route

    @property
    def secondary_route(self) -> Route | None:
        return self.routes[1].route if len(self.routes) > 1 else None

    @property
    def short_list_ids(self) -> tuple[InstrumentId, ...]:
        return tuple(entry.instrument_id for entry in self.short_list)

    def short_list_entry(self, instrument_id: InstrumentId) -> ShortListEntry | None:
        return next((e for e in self.short_list if e.instrument_id == instrument_id), None)

    @property
    def also_available(self) -> tuple[InstrumentMatch, ...]:
        """The instruments off the short list, in the advice's order."""
        short = set(self.short_list_ids)
        return tuple(m for m in self.instruments if m.instrument.id not in short)

    @property
    def route_list(self) -> tuple[Route, ...]:
        """The advised routes, primary first."""
        return tuple(item.route for item in self.routes)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(reason.rule_id for reason in self.reasons)

    def to_json_dict(self) -> dict[str, Any]:
        """Plain JSON data, as ``casedesk advise`` prints it (docs/answers-format.md)."""
        return {
            "routes": [
                {
                    "route": item.route.value,
                    "label": item.route.label,
                    "lead_type": item.lead_type.value,
                    "lead_partner": _partner_json(item.lead_partner),
                }
                for item in self.routes
            ],
            "urgent": self.urgent,
            "immediate_referrals": [partner.value for partner in self.immediate_referrals],
            "diagnosis_first": self.diagnosis_first,
            "reasons": [{"rule_id": r.rule_id, "text": r.text} for r in self.reasons],
            "short_list": list(self.short_list_ids),
            "instruments": [
                {
                    "id": match.instrument.id,
                    "name": match.instrument.name,
                    "provider": match.instrument.provider,
                    "route": match.route.value if match.route else None,
                    "topics": [topic.value for topic in match.matched_topics],
                    "fits": list(match.fits),
                    "short_list_reason": _short_list_reason(self, match.instrument.id),
                    "stale": match.stale,
                    "last_checked": match.instrument.last_checked.isoformat(),
                    "cost": match.instrument.cost.value,
                    "cost_note": match.instrument.cost_note,
                    "contact": _contact_json(match.instrument.contact),
                }
                for match in self.instruments
            ],
            "missing_answers": [
                {"field": m.field, "label": m.label, "why": m.why} for m in self.missing_answers
            ],
        }


def _short_list_reason(advice: Advice, instrument_id: InstrumentId) -> str | None:
    entry = advice.short_list_entry(instrument_id)
    return None if entry is None else entry.reason


def _contact_json(contact: Contact) -> dict[str, str | None]:
    return {"website": contact.website, "phone": contact.phone, "email": contact.email}


def _partner_json(partner: Partner | None) -> dict[str, Any] | None:
    if partner is None:
        return None
    return {"id": partner.id, "name": partner.name, "contact": _contact_json(partner.contact)}


_WISH_RULES: dict[Wish | None, tuple[Rule, tuple[Route, ...], frozenset[Topic]]] = {
    Wish.CONTINUE_AS_IS: (rules.CONTINUE, (Route.STRENGTHEN_BUSINESS,), frozenset()),
    Wish.CONTINUE_WITH_CHANGES: (
        rules.CONTINUE_WITH_CHANGES,
        (Route.STRENGTHEN_BUSINESS,),
        frozenset({Topic.BUSINESS_MODEL}),
    ),
    Wish.PART_TIME_WITH_JOB: (
        rules.PART_TIME_WITH_JOB,
        (Route.STRENGTHEN_BUSINESS, Route.EMPLOYMENT),
        frozenset({Topic.JOB_SEARCH}),
    ),
    Wish.STOP_AND_FIND_JOB: (
        rules.STOP_AND_FIND_JOB,
        (Route.DE_ESCALATION, Route.EMPLOYMENT),
        frozenset({Topic.STOPPING, Topic.JOB_SEARCH}),
    ),
    Wish.DONT_KNOW_YET: (rules.DONT_KNOW_YET, (), frozenset({Topic.DIAGNOSIS})),
    None: (rules.NO_WISH_YET, (), frozenset({Topic.DIAGNOSIS})),
}


_HELP_REQUEST_TOPICS: dict[HelpRequest, frozenset[Topic]] = {
    HelpRequest.FINANCIAL_SUPPORT: frozenset({Topic.FINANCIAL_SUPPORT}),
    HelpRequest.ENTREPRENEUR_SKILLS: frozenset({Topic.ENTREPRENEUR_TRAINING, Topic.COACHING}),
    HelpRequest.RETRAIN_AS_ENTREPRENEUR: frozenset({Topic.RETRAINING, Topic.BUSINESS_MODEL}),
    HelpRequest.CAREER_AS_EMPLOYEE: frozenset(
        {Topic.CAREER_ORIENTATION, Topic.RETRAINING, Topic.JOB_SEARCH}
    ),
    HelpRequest.DEBT_HELP: frozenset({Topic.DEBT_HELP}),
    HelpRequest.STOP_BUSINESS: frozenset({Topic.STOPPING}),
    HelpRequest.PSYCHOLOGICAL_SUPPORT: frozenset({Topic.PSYCHOSOCIAL}),
    HelpRequest.ADMINISTRATION: frozenset({Topic.ADMINISTRATION}),
}

_ROUTE_2_REQUEST_TOPIC: dict[HelpRequest, Topic] = {
    HelpRequest.DEBT_HELP: Topic.DEBT_HELP,
    HelpRequest.STOP_BUSINESS: Topic.STOPPING,
    HelpRequest.PSYCHOLOGICAL_SUPPORT: Topic.PSYCHOSOCIAL,
    HelpRequest.ADMINISTRATION: Topic.ADMINISTRATION,
}
"""The hulpvraag categories that belong to route 2, with the topic that names each."""
_ROUTE_1_REQUESTS = frozenset(
    {HelpRequest.ENTREPRENEUR_SKILLS, HelpRequest.RETRAIN_AS_ENTREPRENEUR}
)

_TOPIC_WORDS: dict[Topic, str] = {
    Topic.DIAGNOSIS: "een eerste check van uw bedrijf",
    Topic.BUSINESS_MODEL: "een nieuw plan voor uw bedrijf",
    Topic.COACHING: "coaching",
    Topic.ENTREPRENEUR_TRAINING: "training in ondernemen",
    Topic.RETRAINING: "bij- of omscholing",
    Topic.CAREER_ORIENTATION: "kiezen welk werk bij u past",
    Topic.JOB_SEARCH: "werk zoeken",
    Topic.DEBT_HELP: "schulden",
    Topic.ADMINISTRATION: "de administratie",
    Topic.STOPPING: "stoppen met het bedrijf",
    Topic.PSYCHOSOCIAL: "zorgen en psychische problemen",
    Topic.FINANCIAL_SUPPORT: "geldzaken",
    Topic.VIABILITY: "de toekomst van uw bedrijf",
}

_ACUTE_WORDS: dict[AcuteDebtKind, str] = {
    AcuteDebtKind.EVICTION: "u kunt uit uw huis of pand worden gezet",
    AcuteDebtKind.ENERGY_CUT_OFF: "gas, water of stroom kan worden afgesloten",
    AcuteDebtKind.SEIZURE: "er is beslag gelegd of dat dreigt",
    AcuteDebtKind.BANKRUPTCY_PETITION: "uw faillissement is aangevraagd",
}


@dataclass
class _Draft:
    """What the rules have decided so far; only ``advise`` sees it."""

    routes: list[Route] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    wanted: set[Topic] = field(default_factory=set)
    """Topics that match the hulpvraag and situation: more matches rank higher."""
    urgent_topics: set[Topic] = field(default_factory=set)
    """Topics of what must happen today: instruments with these come first."""
    referrals: list[PartnerType] = field(default_factory=list)

    def fire(self, rule: Rule, **values: object) -> None:
        self.reasons.append(Reason(rule.id, rule.text.format(**values)))

    def add_route(self, route: Route) -> None:
        if route not in self.routes:
            self.routes.append(route)


def advise(answers: IntakeAnswers, catalog: Catalog, locality: Locality, today: date) -> Advice:
    """The advice for one intake; never fails on answers that pass the type checks.

    This is the issue's ``advise(answers, catalog, region)``: ``locality`` (municipality
    and arbeidsmarktregio where the entrepreneur is helped: their own, or the counter's for
    someone living across the border) decides which regional offers apply, and ``today``
    is passed in for ages and stale catalog entries, so the same input always gives the
    same advice. Works on an incomplete intake: with nothing
    known it advises a diagnosis at intake with route 1 as provisional route.
    """
    situation = answers.situation
    future = answers.future
    draft = _Draft()
    acute = has_acute_debts(situation)
    crisis = situation.crisis is True
    problems_first = _problems_first(answers)

    wish_rule, wish_routes, wish_topics = _WISH_RULES[future.wish]
    if future.wish is Wish.STOP_AND_FIND_JOB and not problems_first:
        # The goal leads: nothing must be solved before looking for a job.
        wish_rule, wish_routes = rules.STOP_JOB_FIRST, (Route.EMPLOYMENT, Route.DE_ESCALATION)
    draft.fire(wish_rule)
    for route in wish_routes:
        draft.add_route(route)
    draft.wanted |= wish_topics
    diagnosis_first = not wish_routes

    if acute:
        kinds = join_dutch(
            _ACUTE_WORDS[kind] for kind in AcuteDebtKind if kind in situation.acute_debt_kinds
        )
        draft.fire(rules.ACUTE_DEBTS, problems=f": {kinds}" if kinds else "")
        draft.urgent_topics.add(Topic.DEBT_HELP)
        # Not the route 2 lead (often the zelfstandigenloket, where the entrepreneur
        # already sits): the municipal debt help, which must see them within three days.
        draft.referrals.append(PartnerType.DEBT_HELP)
    if crisis:
        draft.fire(rules.CRISIS)
        draft.urgent_topics.add(Topic.PSYCHOSOCIAL)
        draft.referrals.append(PartnerType.SOCIAL_DOMAIN)
    urgent = acute or crisis
    draft.wanted |= draft.urgent_topics

    if situation.debts is DebtLevel.PROBLEMATIC and not acute:
        draft.fire(rules.PROBLEMATIC_DEBTS)
        draft.add_route(Route.DE_ESCALATION)
        draft.wanted.add(Topic.DEBT_HELP)
    if situation.signals and not crisis:
        signals = join_dutch(
            lower_first(signal.label) for signal in Signal if signal in situation.signals
        )
        draft.fire(rules.SIGNALS, signals=signals)
        draft.add_route(Route.DE_ESCALATION)
        draft.wanted.add(Topic.PSYCHOSOCIAL)

    requests = future.help_requests
    for request in requests:
        draft.wanted |= _HELP_REQUEST_TOPICS[request]
    route_2_requests = sorted(requests & _ROUTE_2_REQUEST_TOPIC.keys())
    if route_2_requests and Route.DE_ESCALATION not in draft.routes and not urgent:
        draft.fire(
            rules.HELP_REQUEST_ROUTE_2,
            requests=join_dutch(_TOPIC_WORDS[_ROUTE_2_REQUEST_TOPIC[r]] for r in route_2_requests),
        )
        draft.add_route(Route.DE_ESCALATION)
    if HelpRequest.CAREER_AS_EMPLOYEE in requests and Route.EMPLOYMENT not in draft.routes:
        draft.fire(rules.HELP_REQUEST_ROUTE_3)
        draft.add_route(Route.EMPLOYMENT)
    route_1_requests = sorted(requests & _ROUTE_1_REQUESTS)
    if route_1_requests and Route.STRENGTHEN_BUSINESS not in draft.routes:
        draft.fire(
            rules.HELP_REQUEST_ROUTE_1,
            requests=join_dutch(lower_first(r.label) for r in route_1_requests),
        )
        draft.add_route(Route.STRENGTHEN_BUSINESS)

    if problems_first:
        # Guide, route 2: acute debts and urgent psychological problems come first; the
        # entrepreneur "gaat door na het wegwerken van" problematic debts.
        if Route.DE_ESCALATION in draft.routes:
            draft.routes.remove(Route.DE_ESCALATION)
        draft.routes.insert(0, Route.DE_ESCALATION)
    if not draft.routes:
        draft.fire(rules.DEFAULT_ROUTE_1)
        draft.add_route(Route.STRENGTHEN_BUSINESS)

    _fire_hints(draft, answers, today)

    routes = tuple(draft.routes)
    instruments = _rank_instruments(
        catalog, locality, answers, routes, diagnosis_first, draft, today
    )
    needs = order_needs(needs_of(answers, diagnosis_first), routes)
    return Advice(
        routes=tuple(_route_advice(route, catalog, locality) for route in routes),
        urgent=urgent,
        immediate_referrals=tuple(dict.fromkeys(draft.referrals)),
        diagnosis_first=diagnosis_first,
        reasons=tuple(draft.reasons),
        instruments=instruments,
        missing_answers=_missing_answers(answers),
        short_list=short_list(needs, tuple(m.instrument for m in instruments)),
    )


def _problems_first(answers: IntakeAnswers) -> bool:
    """Route 2 leads: debts that are a problem (or help asked for them), acute or a crisis."""
    situation = answers.situation
    return (
        has_acute_debts(situation)
        or situation.crisis is True
        or situation.debts is DebtLevel.PROBLEMATIC
        or HelpRequest.DEBT_HELP in answers.future.help_requests
    )


def _fire_hints(draft: _Draft, answers: IntakeAnswers, today: date) -> None:
    situation = answers.situation
    wish = answers.future.wish
    person = answers.entrepreneur
    continuing = wish in CONTINUING
    short_of_income = (
        situation.living_costs_covered is False
        or HelpRequest.FINANCIAL_SUPPORT in answers.future.help_requests
    )
    if continuing and short_of_income and Scheme.BBZ not in situation.schemes:
        draft.fire(rules.BBZ_HINT)
        draft.wanted.add(Topic.FINANCIAL_SUPPORT)
    if (
        wish is Wish.STOP_AND_FIND_JOB
        and person.date_of_birth is not None
        and person.date_of_birth <= today
        and age_on(person.date_of_birth, today) >= rules.IOAZ_MIN_AGE
        and Scheme.IOAZ not in situation.schemes
    ):
        draft.fire(rules.IOAZ_HINT, age=age_on(person.date_of_birth, today))
    if continuing and situation.fixed_costs_covered is False:
        draft.fire(rules.VIABILITY_HINT)
        draft.wanted.add(Topic.VIABILITY)
    if person.country in (Country.BE, Country.DE):
        draft.fire(rules.CROSS_BORDER, country=person.country.label)


def _route_advice(route: Route, catalog: Catalog, locality: Locality) -> RouteAdvice:
    lead_type = catalog.lead_type(route)
    candidates = [
        partner
        for partner in catalog.partners
        if partner.active
        and partner.partner_type is lead_type
        and partner.availability.covers(locality)
    ]
    # A partner that says it leads this route beats one that does not; a local partner
    # beats a national one; then by name, so the choice is stable.
    candidates.sort(
        key=lambda p: (route not in p.leads_routes, p.availability.national, p.name.casefold())
    )
    return RouteAdvice(route, lead_type, candidates[0] if candidates else None)


def _conditions_met(instrument: Instrument, answers: IntakeAnswers) -> bool:
    schemes = answers.situation.schemes
    if Condition.TOZO_OR_BBZ in instrument.conditions and not receives_tozo_or_bbz(
        answers.situation
    ):
        return False
    return not (Condition.TOZO in instrument.conditions and Scheme.TOZO not in schemes)


def _rank_instruments(
    catalog: Catalog,
    locality: Locality,
    answers: IntakeAnswers,
    routes: tuple[Route, ...],
    diagnosis_first: bool,
    draft: _Draft,
    today: date,
) -> tuple[InstrumentMatch, ...]:
    route_services = [Service.for_route(route) for route in routes]
    ranked: list[tuple[tuple[int, int, bool, int, bool, int], InstrumentMatch]] = []
    for position, instrument in enumerate(catalog.instruments):
        if not instrument.active or not instrument.availability.covers(locality):
            continue
        if not _conditions_met(instrument, answers):
            continue
        route_position = next(
            (i for i, service in enumerate(route_services) if service in instrument.services),
            None,
        )
        for_intake = diagnosis_first and (
            Service.INTAKE in instrument.services or Topic.DIAGNOSIS in instrument.topics
        )
        if route_position is None and not for_intake:
            continue
        matched = tuple(sorted(instrument.topics & draft.wanted))
        if instrument.topics & draft.urgent_topics:
            tier = 0
        elif for_intake:
            tier = 1
        else:
            tier = 2
        route = routes[route_position] if route_position is not None else None
        stale = instrument.is_stale(today)
        match = InstrumentMatch(
            instrument=instrument,
            route=route,
            matched_topics=matched,
            fits=_why_it_fits(instrument, route, matched, for_intake, stale),
            stale=stale,
        )
        key = (
            tier,
            -len(matched),
            Condition.MEMBERS_ONLY in instrument.conditions,
            len(routes) if route_position is None else route_position,
            instrument.availability.national,
            # The catalog's own order: the region lists what it prefers first; the shipped
            # catalog follows the guide, public parties before market parties.
            position,
        )
        ranked.append((key, match))
    ranked.sort(key=lambda pair: pair[0])
    return tuple(match for _, match in ranked)


def _why_it_fits(
    instrument: Instrument,
    route: Route | None,
    matched: tuple[Topic, ...],
    for_intake: bool,
    stale: bool,
) -> tuple[str, ...]:
    fits = []
    if for_intake:
        fits.append("Een korte test om samen te zien hoe uw bedrijf ervoor staat.")
        # The sentence above already says it; don't repeat the diagnosis topic.
        matched = tuple(topic for topic in matched if topic is not Topic.DIAGNOSIS)
    if matched:
        fits.append(f"Helpt bij {join_dutch(_TOPIC_WORDS[topic] for topic in matched)}.")
    if route is not None:
        fits.append(f"Past bij route {route.value}: {route.label.split(': ', 1)[1]}.")
    if Condition.TOZO_OR_BBZ in instrument.conditions:
        fits.append("Voor ondernemers met Tozo of Bbz: dat geldt voor u.")
    elif Condition.TOZO in instrument.conditions:
        fits.append("Voor ondernemers met Tozo: dat geldt voor u.")
    if Condition.MEMBERS_ONLY in instrument.conditions:
        fits.append("Vooral voor leden van een organisatie van ondernemers; soms ook voor anderen.")
    if not instrument.availability.national:
        fits.append("Dit aanbod is er in uw regio.")
    if stale:
        fits.append(
            f"Let op: deze gegevens zijn voor het laatst nagekeken op "
            f"{long_date(instrument.last_checked)}. Vraag na of het aanbod er nog is."
        )
    return tuple(fits)


_WHY_MISSING = {
    "future.wish": "nodig om de route te kiezen",
    "situation.debts": "nodig om te zien of er eerst iets dringends moet gebeuren",
    "situation.crisis": "nodig om te zien of er vandaag hulp nodig is",
    "future.help_requests": "nodig om de best passende hulp bovenaan te zetten",
    "situation.schemes": "nodig om aanbod voor ondernemers met Tozo of Bbz te tonen",
    "situation.living_costs_covered": "nodig om te zien of Bbz een optie is",
    "situation.fixed_costs_covered": "nodig om te zien of het bedrijf genoeg kan opleveren",
    "entrepreneur.date_of_birth": "nodig om te zien of IOAZ een optie is (vanaf 55 jaar)",
}


def _missing_answers(answers: IntakeAnswers) -> tuple[MissingAnswer, ...]:
    """The unanswered questions that could change this advice, most important first."""
    situation = answers.situation
    wish = answers.future.wish
    missing = {
        "future.wish": wish is None,
        "situation.debts": situation.debts is None and not situation.acute_debt_kinds,
        "situation.crisis": situation.crisis is None,
        "future.help_requests": not answers.future.help_requests,
        "situation.schemes": not situation.schemes,
        "situation.living_costs_covered": (
            wish in CONTINUING and situation.living_costs_covered is None
        ),
        "situation.fixed_costs_covered": (
            wish in CONTINUING and situation.fixed_costs_covered is None
        ),
        "entrepreneur.date_of_birth": (
            wish is Wish.STOP_AND_FIND_JOB and answers.entrepreneur.date_of_birth is None
        ),
    }
    return tuple(
        MissingAnswer(path, FIELD_LABELS[path], _WHY_MISSING[path])
        for path, is_missing in missing.items()
        if is_missing
    )
