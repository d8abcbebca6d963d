"""The short list (issue 15): the few instruments a case needs, each with its reason.

The reference intakes in ``tests/data/reference-intakes.json`` are checked against the
shipped catalog; the behaviours below use the small example catalog of the advice tests.
"""

from dataclasses import replace

import pytest
import textstat  # type: ignore[import-untyped]
from bench.bench_suggestion import (
    ReferenceIntake,
    load_reference_intakes,
    missed,
    reference_advice,
)

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.advice import Advice, advise
from casedesk.domain.catalog import Condition, InstrumentId, Topic
from casedesk.domain.intake import (
    AcuteDebtKind,
    DebtLevel,
    Future,
    HelpRequest,
    IntakeAnswers,
    Scheme,
    Signal,
    Situation,
    Wish,
)
from casedesk.domain.plain_words import unexplained_trade_words
from casedesk.domain.short_list import SHORT_LIST_MAX, Need, needs_of
from tests.domain.catalog_examples import (
    CATALOG,
    KLANKBORD,
    LEERWERKLOKET,
    MKB_NOODLIJN,
    OVER_ROOD,
    QREDITS,
    TILBURG,
    TODAY,
    ZZP_ORGANISATIONS,
    catalog_with,
)

REFERENCE_INTAKES = load_reference_intakes()


def intake(
    wish: Wish | None = None, *, help_requests: set[HelpRequest] | None = None, **situation: object
) -> IntakeAnswers:
    return IntakeAnswers(
        situation=Situation(**situation),  # type: ignore[arg-type]
        future=Future(wish=wish, help_requests=frozenset(help_requests or ())),
    )


def short_ids(advice: Advice) -> list[str]:
    return list(advice.short_list_ids)


def test_there_are_at_least_fifteen_varied_reference_intakes() -> None:
    wishes = {case.answers.future.wish for case in REFERENCE_INTAKES}

    assert len(REFERENCE_INTAKES) >= 15
    assert set(Wish) <= wishes
    assert any(case.answers.entrepreneur.country is not None for case in REFERENCE_INTAKES)


@pytest.mark.parametrize("case", REFERENCE_INTAKES, ids=lambda case: case.name)
def test_each_reference_intake_gets_the_instruments_a_caseworker_expects(
    case: ReferenceIntake,
) -> None:
    advice = reference_advice(case)

    assert missed(case, advice) == ()
    assert len(advice.short_list) <= SHORT_LIST_MAX


def test_the_default_catalog_no_longer_suggests_most_of_itself() -> None:
    lengths = [len(reference_advice(case).short_list) for case in REFERENCE_INTAKES]

    assert max(lengths) <= SHORT_LIST_MAX
    assert sum(lengths) / len(lengths) < 4


def test_each_short_listed_instrument_says_which_need_of_this_case_it_meets() -> None:
    advice = advise(
        intake(Wish.CONTINUE_AS_IS, signals=frozenset({Signal.STRESS})), CATALOG, TILBURG, TODAY
    )

    support = advice.short_list_entry(MKB_NOODLIJN.id)
    assert support is not None
    assert support.need_id == "steun"
    assert "veel stress of zorgen" in support.reason
    assert advice.short_list_entry(KLANKBORD.id) is not None


def test_acute_debts_put_debt_help_first_on_the_short_list() -> None:
    answers = intake(
        Wish.CONTINUE_AS_IS,
        debts=DebtLevel.ACUTE,
        acute_debt_kinds=frozenset({AcuteDebtKind.EVICTION}),
    )

    advice = advise(answers, CATALOG, TILBURG, TODAY)

    assert short_ids(advice)[0] == OVER_ROOD.id
    assert advice.short_list[0].need_id == "acute-schulden"


def test_in_a_crisis_a_phone_line_to_talk_to_comes_first_even_before_acute_debts() -> None:
    answers = intake(
        Wish.CONTINUE_AS_IS,
        debts=DebtLevel.ACUTE,
        acute_debt_kinds=frozenset({AcuteDebtKind.ENERGY_CUT_OFF}),
        crisis=True,
    )

    advice = advise(answers, CATALOG, TILBURG, TODAY)

    assert short_ids(advice)[:2] == [MKB_NOODLIJN.id, OVER_ROOD.id]


def test_without_debts_no_debt_help_is_short_listed_even_where_it_ranks_high() -> None:
    advice = advise(intake(Wish.CONTINUE_AS_IS, debts=DebtLevel.NONE), CATALOG, TILBURG, TODAY)

    assert not any(
        Topic.DEBT_HELP in match.instrument.topics
        for match in advice.instruments
        if match.instrument.id in advice.short_list_ids
    )


def test_someone_who_stops_gets_help_to_close_the_business_even_from_a_debt_helper() -> None:
    advice = advise(intake(Wish.STOP_AND_FIND_JOB, debts=DebtLevel.NONE), CATALOG, TILBURG, TODAY)

    assert short_ids(advice)[0] == LEERWERKLOKET.id
    assert OVER_ROOD.id in short_ids(advice)
    over_rood = advice.short_list_entry(OVER_ROOD.id)
    assert over_rood is not None and over_rood.need_id == "stoppen"


def test_one_membership_organisation_at_most_and_only_when_nothing_open_fits() -> None:
    clones = [
        replace(ZZP_ORGANISATIONS, id=InstrumentId(f"vereniging-{n}"), name=f"Vereniging {n}")
        for n in range(7)
    ]
    skills = intake(Wish.CONTINUE_AS_IS, help_requests={HelpRequest.ENTREPRENEUR_SKILLS})

    with_open_offer = advise(skills, catalog_with(*clones, QREDITS), TILBURG, TODAY)
    members_only = advise(skills, catalog_with(*clones), TILBURG, TODAY)

    assert short_ids(with_open_offer)[0] == QREDITS.id
    members = [i for i in members_only.short_list_ids if i.startswith("vereniging-")]
    assert len(members) == 1
    assert len(members_only.instruments) == 7


def test_an_offer_for_the_entrepreneurs_scheme_comes_first_among_equals() -> None:
    for_tozo = replace(
        QREDITS,
        id=InstrumentId("qredits-tozo"),
        name="Zz Toekomstgericht ondernemen voor Tozo",
        conditions=frozenset({Condition.TOZO}),
    )
    answers = intake(
        Wish.CONTINUE_AS_IS,
        schemes=frozenset({Scheme.TOZO}),
        help_requests={HelpRequest.ENTREPRENEUR_SKILLS},
    )

    advice = advise(answers, catalog_with(QREDITS, for_tozo), TILBURG, TODAY)

    assert short_ids(advice) == [for_tozo.id, QREDITS.id]


def test_the_rest_stays_available_in_the_advices_order() -> None:
    advice = advise(intake(Wish.PART_TIME_WITH_JOB), load_default_catalog(), TILBURG, TODAY)

    rest = [m.instrument.id for m in advice.also_available]
    everything = [m.instrument.id for m in advice.instruments]
    assert set(rest) | set(advice.short_list_ids) == set(everything)
    assert rest == [i for i in everything if i not in advice.short_list_ids]
    assert not set(rest) & set(advice.short_list_ids)


def test_advice_json_gives_the_short_list_best_first_beside_all_instruments() -> None:
    answers = intake(Wish.CONTINUE_AS_IS, debts=DebtLevel.PROBLEMATIC)
    advice = advise(answers, CATALOG, TILBURG, TODAY)

    data = advice.to_json_dict()

    assert data["short_list"] == list(advice.short_list_ids)
    assert data["short_list"][0] == OVER_ROOD.id
    reasons = {item["id"]: item["short_list_reason"] for item in data["instruments"]}
    assert reasons[OVER_ROOD.id] == advice.short_list[0].reason
    assert sum(reason is not None for reason in reasons.values()) == len(data["short_list"])


def test_an_empty_catalog_gives_an_empty_short_list() -> None:
    advice = advise(intake(Wish.CONTINUE_AS_IS), catalog_with(), TILBURG, TODAY)

    assert advice.short_list == ()


def every_need() -> list[Need]:
    """Every need the short list knows, each in all its wordings."""
    intakes = [
        intake(
            Wish.CONTINUE_AS_IS,
            debts=DebtLevel.ACUTE,
            crisis=True,
            help_requests=set(HelpRequest),
            fixed_costs_covered=False,
            living_costs_covered=False,
        ),
        intake(
            Wish.STOP_AND_FIND_JOB,
            debts=DebtLevel.PROBLEMATIC,
            signals=frozenset({Signal.STRESS, Signal.ADDICTION}),
        ),
        intake(
            Wish.PART_TIME_WITH_JOB,
            help_requests={HelpRequest.DEBT_HELP, HelpRequest.PSYCHOLOGICAL_SUPPORT},
        ),
        intake(Wish.CONTINUE_WITH_CHANGES),
        intake(Wish.DONT_KNOW_YET),
        intake(None),
    ]
    undecided = (Wish.DONT_KNOW_YET, None)
    return [
        need
        for answers in intakes
        for need in needs_of(answers, diagnosis_first=answers.future.wish in undecided)
    ]


def test_every_need_is_worded() -> None:
    assert {need.id for need in every_need()} == {
        "acute-schulden", "crisis", "schulden", "steun", "stoppen", "administratie",
        "eerste-check", "nieuw-plan", "ondernemen", "omscholen-ondernemer",
        "levensvatbaarheid", "doorgaan", "werk", "inkomen",
    }  # fmt: skip


@pytest.mark.parametrize("reason", sorted({need.reason for need in every_need()}))
def test_each_reason_is_plain_dutch_for_the_entrepreneur(reason: str) -> None:
    textstat.set_lang("nl")

    assert unexplained_trade_words(reason) == []
    assert all(len(sentence.split()) <= 20 for sentence in reason.split(". "))
    assert textstat.flesch_reading_ease(reason) >= 65
    assert " u " in f" {reason.lower()} " or reason.startswith("U ")
