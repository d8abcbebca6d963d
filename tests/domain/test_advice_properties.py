"""Properties of the advice that hold for every intake, checked with generated answers.

Answers are generated with every field free (any choice, any set, missing or not), so an
incomplete or contradictory intake is covered too; catalogs are generated with random
availability, conditions, active flags and check dates.
"""

import json
from datetime import date
from enum import Enum
from typing import TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.advice import Advice, advise
from casedesk.domain.answers_json import answers_from_json_dict, answers_to_json_dict
from casedesk.domain.catalog import (
    Availability,
    Catalog,
    Condition,
    CostKind,
    Instrument,
    Service,
    Topic,
)
from casedesk.domain.intake import (
    AcuteDebtKind,
    Business,
    Channel,
    Country,
    DebtKind,
    DebtLevel,
    Entrepreneur,
    Future,
    HelpRequest,
    Household,
    IntakeAnswers,
    LegalForm,
    Scheme,
    Sector,
    Signal,
    Situation,
    Wish,
    has_acute_debts,
    receives_tozo_or_bbz,
)
from casedesk.domain.regions import Locality, MunicipalityCode, RegionCode
from casedesk.domain.routes import Route
from casedesk.domain.short_list import needs_of
from tests.domain.catalog_examples import AMSTERDAM, CATALOG, TILBURG, UNKNOWN_PLACE, instrument

E = TypeVar("E", bound=Enum)
T = TypeVar("T")

TODAY = date(2026, 11, 28)
REGIONS = [RegionCode("AM26"), RegionCode("AM18"), RegionCode("AM01")]
MUNICIPALITIES = [
    MunicipalityCode("GM0855"),
    MunicipalityCode("GM0363"),
    MunicipalityCode("GM0014"),
]

localities = st.sampled_from(
    [
        TILBURG,
        AMSTERDAM,
        UNKNOWN_PLACE,
        Locality(MunicipalityCode("GM0014"), RegionCode("AM01")),
        Locality(MunicipalityCode("GM0855"), None),
        Locality(None, RegionCode("AM18")),
    ]
)


def sets_of(choices: type[E]) -> st.SearchStrategy[frozenset[E]]:
    return st.frozensets(st.sampled_from(list(choices)))


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


short_text = st.text(max_size=12)
answers_strategy = st.builds(
    IntakeAnswers,
    entrepreneur=st.builds(
        Entrepreneur,
        first_names=short_text,
        surname=short_text,
        date_of_birth=optional(st.dates(date(1920, 1, 1), date(2030, 12, 31))),
        phone=short_text,
        postcode=short_text,
        municipality_code=optional(st.sampled_from(MUNICIPALITIES)),
        country=optional(st.sampled_from(list(Country))),
    ),
    business=st.builds(
        Business,
        kvk_number=short_text,
        sector=optional(st.sampled_from(list(Sector))),
        legal_form=optional(st.sampled_from(list(LegalForm))),
        staff=optional(st.integers(-5, 500)),
        hours_per_week=optional(st.integers(0, 200)),
    ),
    situation=st.builds(
        Situation,
        schemes=sets_of(Scheme),
        turnover_drop_percent=optional(st.integers(-10, 150)),
        fixed_costs_covered=optional(st.booleans()),
        living_costs_covered=optional(st.booleans()),
        debts=optional(st.sampled_from(list(DebtLevel))),
        acute_debt_kinds=sets_of(AcuteDebtKind),
        debt_kinds=sets_of(DebtKind),
        signals=sets_of(Signal),
        crisis=optional(st.booleans()),
        household=optional(st.sampled_from(list(Household))),
    ),
    future=st.builds(
        Future, wish=optional(st.sampled_from(list(Wish))), help_requests=sets_of(HelpRequest)
    ),
    channel=optional(st.sampled_from(list(Channel))),
)

availabilities = st.builds(
    Availability,
    national=st.booleans(),
    regions=st.frozensets(st.sampled_from(REGIONS)),
    municipalities=st.frozensets(st.sampled_from(MUNICIPALITIES)),
)


@st.composite
def instruments(draw: st.DrawFn) -> Instrument:
    return instrument(
        f"i{draw(st.integers(0, 10**6))}",
        draw(st.sampled_from(["Alfa", "Beta", "Gamma", "Delta"])),
        set(draw(sets_of(Service))),
        set(draw(sets_of(Topic))),
        availability=draw(availabilities),
        cost=draw(st.sampled_from(list(CostKind))),
        conditions=draw(sets_of(Condition)),
        last_checked=draw(st.dates(date(2019, 1, 1), TODAY)),
        active=draw(st.booleans()),
    )


catalogs = st.builds(
    lambda found: Catalog("p", "gegenereerd", TODAY, tuple(found), CATALOG.partners),
    st.lists(instruments(), max_size=15, unique_by=lambda found: found.id),
)


def check_offers(advice: Advice, answers: IntakeAnswers, locality: Locality) -> None:
    advised_services = {Service.for_route(item.route) for item in advice.routes}
    for match in advice.instruments:
        offered = match.instrument
        assert offered.active
        assert offered.availability.covers(locality)
        if Condition.TOZO_OR_BBZ in offered.conditions:
            assert receives_tozo_or_bbz(answers.situation)
        if Condition.TOZO in offered.conditions:
            assert Scheme.TOZO in answers.situation.schemes
        assert offered.services & advised_services or advice.diagnosis_first
        assert match.stale == offered.is_stale(TODAY)
        assert match.fits


def check_routes(advice: Advice, answers: IntakeAnswers) -> None:
    routes = [item.route for item in advice.routes]
    assert 1 <= len(routes) == len(set(routes))
    urgent = has_acute_debts(answers.situation) or answers.situation.crisis is True
    assert advice.urgent == urgent
    if urgent:
        assert advice.primary_route is Route.DE_ESCALATION
    assert advice.reasons


@settings(max_examples=250, deadline=None)
@given(answers=answers_strategy, catalog=catalogs, locality=localities)
def test_advice_never_fails_and_offers_only_what_fits(
    answers: IntakeAnswers, catalog: Catalog, locality: Locality
) -> None:
    advice = advise(answers, catalog, locality, TODAY)

    check_routes(advice, answers)
    check_offers(advice, answers, locality)
    ids = [match.instrument.id for match in advice.instruments]
    assert len(ids) == len(set(ids))
    json.dumps(advice.to_json_dict())


@settings(max_examples=200, deadline=None)
@given(answers=answers_strategy, locality=localities)
def test_advice_with_the_default_catalog_holds_the_same_properties(
    answers: IntakeAnswers, locality: Locality
) -> None:
    advice = advise(answers, load_default_catalog(), locality, TODAY)

    check_routes(advice, answers)
    check_offers(advice, answers, locality)
    assert advice == advise(answers, load_default_catalog(), locality, TODAY)


@settings(max_examples=200, deadline=None)
@given(answers=answers_strategy)
def test_any_answers_survive_the_json_round_trip(answers: IntakeAnswers) -> None:
    text = json.dumps(answers_to_json_dict(answers))

    assert answers_from_json_dict(json.loads(text)) == answers


def without_money_trouble(answers: IntakeAnswers) -> bool:
    """No debts that are a problem, enough to live on, and no help asked for either."""
    situation = answers.situation
    return (
        not situation.acute_debt_kinds
        and situation.debts not in (DebtLevel.PROBLEMATIC, DebtLevel.ACUTE)
        and situation.living_costs_covered is not False
        and not answers.future.help_requests
        & {HelpRequest.DEBT_HELP, HelpRequest.FINANCIAL_SUPPORT}
    )


def check_short_list(advice: Advice, answers: IntakeAnswers) -> None:
    offered = {match.instrument.id: match.instrument for match in advice.instruments}
    needs = {need.id: need for need in needs_of(answers, advice.diagnosis_first)}
    ids = advice.short_list_ids
    assert len(ids) <= 5
    assert len(ids) == len(set(ids))
    for entry in advice.short_list:
        instrument = offered[entry.instrument_id]
        need = needs[entry.need_id]
        assert entry.reason == need.reason
        assert entry.reason.strip()
        assert instrument.topics & need.topics
        if Topic.DEBT_HELP in instrument.topics:
            # Debt help is no coach: it enters for money, or for what the guide's debt
            # offers do as well, stopping and the administration, and only when asked.
            if without_money_trouble(answers):
                assert entry.need_id in {"stoppen", "administratie"}
            else:
                assert entry.need_id in {
                    "acute-schulden", "schulden", "inkomen", "stoppen", "administratie"
                }
    assert [m.instrument.id for m in advice.also_available] == [
        i for i in offered if i not in ids
    ]


@settings(max_examples=250, deadline=None)
@given(answers=answers_strategy, catalog=catalogs, locality=localities)
def test_the_short_list_is_short_and_each_entry_meets_a_need_of_the_case(
    answers: IntakeAnswers, catalog: Catalog, locality: Locality
) -> None:
    check_short_list(advise(answers, catalog, locality, TODAY), answers)


@settings(max_examples=200, deadline=None)
@given(answers=answers_strategy, locality=localities)
def test_the_default_catalogs_short_list_holds_the_same_properties(
    answers: IntakeAnswers, locality: Locality
) -> None:
    check_short_list(advise(answers, load_default_catalog(), locality, TODAY), answers)


@settings(max_examples=200, deadline=None)
@given(answers=answers_strategy, locality=localities)
def test_problems_come_first_and_otherwise_the_goal_leads(
    answers: IntakeAnswers, locality: Locality
) -> None:
    advice = advise(answers, load_default_catalog(), locality, TODAY)
    situation = answers.situation
    problems = (
        has_acute_debts(situation)
        or situation.crisis is True
        or situation.debts is DebtLevel.PROBLEMATIC
        or HelpRequest.DEBT_HELP in answers.future.help_requests
    )

    if problems:
        assert advice.primary_route is Route.DE_ESCALATION
    elif answers.future.wish is Wish.STOP_AND_FIND_JOB:
        assert advice.primary_route is Route.EMPLOYMENT
        assert advice.secondary_route is Route.DE_ESCALATION
