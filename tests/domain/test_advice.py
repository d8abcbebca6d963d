"""The advice rules, each with a realistic entrepreneur (rule ids in advice_rules.py)."""

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.advice import Advice, advise
from casedesk.domain.advice_rules import ALL_RULES
from casedesk.domain.catalog import Availability, InstrumentId, PartnerType, Topic
from casedesk.domain.intake import (
    AcuteDebtKind,
    Business,
    Country,
    DebtKind,
    DebtLevel,
    Entrepreneur,
    Future,
    HelpRequest,
    IntakeAnswers,
    Scheme,
    Sector,
    Signal,
    Situation,
    Wish,
)
from casedesk.domain.regions import Locality
from casedesk.domain.routes import Route
from tests.domain.catalog_examples import (
    AMSTERDAM,
    BIJSTAND_COACH,
    CATALOG,
    GELDFIT,
    KLANKBORD,
    LOKET_TILBURG,
    MKB_DIAGNOSETOOL,
    MKB_NOODLIJN,
    NL_LEERT_DOOR,
    OVER_ROOD,
    PERFORMANCE_COLLEGE,
    QREDITS,
    TILBURG,
    TODAY,
    UNKNOWN_PLACE,
    VOUCHER_TEMPLATE,
    WSP_MIDDEN_BRABANT,
    ZZP_ORGANISATIONS,
    catalog_with,
)

HAIRDRESSER_TILBURG = Entrepreneur(
    first_names="Zoë", name_prefix="van 't", surname="Hoff-Çelik", date_of_birth=date(1984, 3, 9)
)


def answers(
    wish: Wish | None = None,
    *,
    entrepreneur: Entrepreneur = HAIRDRESSER_TILBURG,
    help_requests: set[HelpRequest] | None = None,
    **situation: object,
) -> IntakeAnswers:
    return IntakeAnswers(
        entrepreneur=entrepreneur,
        business=Business(trade_name="Kapsalon Zoë", sector=Sector.PERSONAL_SERVICES),
        situation=Situation(**situation),  # type: ignore[arg-type]
        future=Future(wish=wish, help_requests=frozenset(help_requests or ())),
    )


def advice_for(intake: IntakeAnswers, locality: Locality = TILBURG) -> Advice:
    return advise(intake, CATALOG, locality, TODAY)


def routes_of(advice: Advice) -> tuple[Route, ...]:
    return tuple(item.route for item in advice.routes)


def instrument_ids(advice: Advice) -> list[str]:
    return [match.instrument.id for match in advice.instruments]


def reason_text(advice: Advice, rule_id: str) -> str:
    return next(reason.text for reason in advice.reasons if reason.rule_id == rule_id)


# --- Routes by wish -------------------------------------------------------------------------


def test_a_baker_who_wants_to_continue_gets_route_1() -> None:
    advice = advice_for(answers(Wish.CONTINUE_AS_IS, debts=DebtLevel.NONE, crisis=False))

    assert routes_of(advice) == (Route.STRENGTHEN_BUSINESS,)
    assert advice.rule_ids == ("R1-CONTINUE",)
    assert not advice.urgent
    assert not advice.diagnosis_first


def test_a_photographer_who_wants_changes_gets_route_1_with_business_model_help_first() -> None:
    advice = advice_for(answers(Wish.CONTINUE_WITH_CHANGES))

    assert routes_of(advice) == (Route.STRENGTHEN_BUSINESS,)
    assert "R1-CHANGE" in advice.rule_ids
    assert instrument_ids(advice)[0] == QREDITS.id
    assert advice.instruments[0].matched_topics == (Topic.BUSINESS_MODEL,)


def test_a_yoga_teacher_going_part_time_gets_route_1_then_route_3() -> None:
    advice = advice_for(answers(Wish.PART_TIME_WITH_JOB))

    assert routes_of(advice) == (Route.STRENGTHEN_BUSINESS, Route.EMPLOYMENT)
    assert advice.secondary_route is Route.EMPLOYMENT
    assert "R1-R3-PART-TIME" in advice.rule_ids


def test_a_florist_who_stops_without_debts_leads_with_the_job_route_and_closes_beside_it() -> None:
    advice = advice_for(answers(Wish.STOP_AND_FIND_JOB, debts=DebtLevel.NONE))

    assert routes_of(advice) == (Route.EMPLOYMENT, Route.DE_ESCALATION)
    assert "eerst samen werk" in reason_text(advice, "R3-R2-STOP")
    assert "af te sluiten" in reason_text(advice, "R3-R2-STOP")
    assert "R2-R3-STOP" not in advice.rule_ids


def test_a_florist_who_stops_with_problematic_debts_solves_them_first() -> None:
    advice = advice_for(answers(Wish.STOP_AND_FIND_JOB, debts=DebtLevel.PROBLEMATIC))

    assert routes_of(advice) == (Route.DE_ESCALATION, Route.EMPLOYMENT)
    assert "af te sluiten" in reason_text(advice, "R2-R3-STOP")
    assert not advice.urgent


def test_a_florist_who_stops_in_a_crisis_gets_help_first() -> None:
    advice = advice_for(answers(Wish.STOP_AND_FIND_JOB, debts=DebtLevel.NONE, crisis=True))

    assert routes_of(advice) == (Route.DE_ESCALATION, Route.EMPLOYMENT)
    assert advice.urgent


def test_a_florist_who_stops_and_asks_for_debt_help_solves_the_debts_first() -> None:
    intake = answers(Wish.STOP_AND_FIND_JOB, help_requests={HelpRequest.DEBT_HELP})

    assert routes_of(advice_for(intake)) == (Route.DE_ESCALATION, Route.EMPLOYMENT)


def test_a_florist_who_stops_with_manageable_debts_leads_with_the_job_route() -> None:
    advice = advice_for(answers(Wish.STOP_AND_FIND_JOB, debts=DebtLevel.MANAGEABLE))

    assert routes_of(advice) == (Route.EMPLOYMENT, Route.DE_ESCALATION)


def test_an_entrepreneur_who_does_not_know_yet_starts_with_a_diagnosis() -> None:
    advice = advice_for(answers(Wish.DONT_KNOW_YET))

    assert advice.diagnosis_first
    assert advice.rule_ids[:2] == ("INTAKE-DONT-KNOW", "R1-DEFAULT")
    assert routes_of(advice) == (Route.STRENGTHEN_BUSINESS,)
    first_three = advice.instruments[:3]
    assert all(Topic.DIAGNOSIS in match.instrument.topics for match in first_three)
    assert {m.instrument.name for m in first_three} == {
        "Good Company score",
        "KVK Zwaar weer routewijzer",
        "MKB Diagnosetool",
    }


def test_an_empty_intake_still_gets_a_route_and_a_diagnosis() -> None:
    advice = advise(IntakeAnswers(), CATALOG, UNKNOWN_PLACE, TODAY)

    assert advice.rule_ids == ("INTAKE-NO-WISH", "R1-DEFAULT")
    assert routes_of(advice) == (Route.STRENGTHEN_BUSINESS,)
    assert advice.diagnosis_first
    assert [m.field for m in advice.missing_answers] == [
        "future.wish",
        "situation.debts",
        "situation.crisis",
        "future.help_requests",
        "situation.schemes",
    ]
    assert advice.missing_answers[0].label == "Wens voor de toekomst"


def test_without_a_wish_the_hulpvraag_decides_the_route() -> None:
    advice = advice_for(answers(None, help_requests={HelpRequest.CAREER_AS_EMPLOYEE}))

    assert routes_of(advice) == (Route.EMPLOYMENT,)
    assert "R1-DEFAULT" not in advice.rule_ids
    assert advice.diagnosis_first


# --- Urgency --------------------------------------------------------------------------------


def test_hairdresser_in_tilburg_with_tax_debts_and_eviction_threat_goes_to_route_2_first() -> None:
    intake = answers(
        Wish.CONTINUE_AS_IS,
        debts=DebtLevel.ACUTE,
        acute_debt_kinds=frozenset({AcuteDebtKind.EVICTION}),
        debt_kinds=frozenset({DebtKind.TAX, DebtKind.RENT_OR_MORTGAGE}),
    )

    advice = advice_for(intake)

    assert advice.urgent
    assert routes_of(advice) == (Route.DE_ESCALATION, Route.STRENGTHEN_BUSINESS)
    assert advice.immediate_referrals == (PartnerType.DEBT_HELP,)
    assert "u kunt uit uw huis of pand worden gezet" in reason_text(advice, "R2-ACUTE-DEBT")
    assert instrument_ids(advice)[0] == OVER_ROOD.id
    assert advice.routes[0].lead_partner == LOKET_TILBURG


def test_an_acute_problem_without_the_debt_level_is_still_urgent() -> None:
    intake = answers(
        Wish.CONTINUE_AS_IS, acute_debt_kinds=frozenset({AcuteDebtKind.BANKRUPTCY_PETITION})
    )

    advice = advice_for(intake)

    assert advice.urgent
    assert advice.primary_route is Route.DE_ESCALATION
    assert "faillissement" in reason_text(advice, "R2-ACUTE-DEBT")


def test_a_psychosocial_crisis_gets_immediate_help_from_the_social_domain() -> None:
    advice = advice_for(answers(Wish.PART_TIME_WITH_JOB, crisis=True))

    assert advice.urgent
    assert routes_of(advice) == (Route.DE_ESCALATION, Route.STRENGTHEN_BUSINESS, Route.EMPLOYMENT)
    assert advice.immediate_referrals == (PartnerType.SOCIAL_DOMAIN,)
    assert "113" in reason_text(advice, "R2-CRISIS")
    assert instrument_ids(advice)[0] == MKB_NOODLIJN.id


def test_debts_and_a_crisis_together_refer_to_both() -> None:
    intake = answers(Wish.STOP_AND_FIND_JOB, debts=DebtLevel.ACUTE, crisis=True)

    advice = advice_for(intake)

    assert advice.immediate_referrals == (PartnerType.DEBT_HELP, PartnerType.SOCIAL_DOMAIN)
    assert routes_of(advice) == (Route.DE_ESCALATION, Route.EMPLOYMENT)


def test_urgent_debts_refer_to_municipal_debt_help_whoever_leads_route_2() -> None:
    region_catalog = catalog_with(
        OVER_ROOD,
        route_leads={
            Route.STRENGTHEN_BUSINESS: PartnerType.ENTREPRENEURS_ASSOCIATION,
            Route.DE_ESCALATION: PartnerType.SOCIAL_DOMAIN,
            Route.EMPLOYMENT: PartnerType.RMT,
        },
    )

    advice = advise(answers(debts=DebtLevel.ACUTE), region_catalog, TILBURG, TODAY)

    assert advice.immediate_referrals == (PartnerType.DEBT_HELP,)


# --- Routes added by the situation and the hulpvraag ----------------------------------------


def test_a_cafe_owner_with_problematic_debts_solves_them_first_and_then_goes_on() -> None:
    advice = advice_for(answers(Wish.CONTINUE_AS_IS, debts=DebtLevel.PROBLEMATIC))

    assert not advice.urgent
    assert routes_of(advice) == (Route.DE_ESCALATION, Route.STRENGTHEN_BUSINESS)
    assert "schuldhulp van de gemeente" in reason_text(advice, "R2-PROBLEMATIC-DEBT")


def test_manageable_debts_add_no_route() -> None:
    advice = advice_for(answers(Wish.CONTINUE_AS_IS, debts=DebtLevel.MANAGEABLE))

    assert routes_of(advice) == (Route.STRENGTHEN_BUSINESS,)


def test_signals_of_stress_add_support_in_route_2() -> None:
    intake = answers(Wish.CONTINUE_AS_IS, signals=frozenset({Signal.STRESS, Signal.LOW_MOOD}))

    advice = advice_for(intake)

    assert routes_of(advice) == (Route.STRENGTHEN_BUSINESS, Route.DE_ESCALATION)
    assert "veel stress of zorgen en somber of neerslachtig" in reason_text(advice, "R2-SIGNALS")
    assert not advice.urgent


def test_a_request_for_help_with_the_administration_adds_route_2() -> None:
    intake = answers(Wish.CONTINUE_AS_IS, help_requests={HelpRequest.ADMINISTRATION})

    advice = advice_for(intake)

    assert routes_of(advice) == (Route.STRENGTHEN_BUSINESS, Route.DE_ESCALATION)
    assert "de administratie" in reason_text(advice, "R2-HULPVRAAG")


def test_a_request_for_career_orientation_adds_route_3() -> None:
    intake = answers(Wish.CONTINUE_AS_IS, help_requests={HelpRequest.CAREER_AS_EMPLOYEE})

    advice = advice_for(intake)

    assert routes_of(advice) == (Route.STRENGTHEN_BUSINESS, Route.EMPLOYMENT)
    assert "R3-HULPVRAAG" in advice.rule_ids


def test_a_request_to_retrain_as_entrepreneur_adds_route_1_after_stopping() -> None:
    intake = answers(Wish.STOP_AND_FIND_JOB, help_requests={HelpRequest.RETRAIN_AS_ENTREPRENEUR})

    advice = advice_for(intake)

    assert routes_of(advice) == (Route.EMPLOYMENT, Route.DE_ESCALATION, Route.STRENGTHEN_BUSINESS)
    assert "bij- of omscholing" in reason_text(advice, "R1-HULPVRAAG")


# --- Hints: reasons only, never a decision ---------------------------------------------------


def test_a_viable_business_short_of_income_hints_at_bbz() -> None:
    intake = answers(Wish.CONTINUE_AS_IS, living_costs_covered=False)

    advice = advice_for(intake)

    assert "Bbz" in reason_text(advice, "HINT-BBZ")
    assert routes_of(advice) == (Route.STRENGTHEN_BUSINESS,)


def test_no_bbz_hint_for_who_already_receives_bbz_or_stops() -> None:
    receives = answers(
        Wish.CONTINUE_AS_IS, living_costs_covered=False, schemes=frozenset({Scheme.BBZ})
    )
    stops = answers(Wish.STOP_AND_FIND_JOB, living_costs_covered=False)

    assert "HINT-BBZ" not in advice_for(receives).rule_ids
    assert "HINT-BBZ" not in advice_for(stops).rule_ids


def test_a_58_year_old_who_stops_hints_at_ioaz() -> None:
    intake = answers(
        Wish.STOP_AND_FIND_JOB,
        entrepreneur=Entrepreneur(
            first_names="Henk", surname="Jansen", date_of_birth=date(1968, 5, 1)
        ),
    )

    advice = advice_for(intake)

    assert "U bent 58 jaar" in reason_text(advice, "HINT-IOAZ")


def test_no_ioaz_hint_the_day_before_the_55th_birthday() -> None:
    intake = answers(
        Wish.STOP_AND_FIND_JOB,
        entrepreneur=Entrepreneur(date_of_birth=date(1971, 11, 29)),
    )

    assert "HINT-IOAZ" not in advice_for(intake).rule_ids


def test_fixed_costs_not_covered_hint_at_a_viability_check() -> None:
    intake = answers(Wish.CONTINUE_WITH_CHANGES, fixed_costs_covered=False)

    advice = advice_for(intake)

    assert "HINT-VIABILITY" in advice.rule_ids
    klankbord = next(m for m in advice.instruments if m.instrument.id == KLANKBORD.id)
    assert Topic.VIABILITY in klankbord.matched_topics


def test_an_entrepreneur_living_in_belgium_is_helped_and_told_schemes_depend_on_residence() -> None:
    intake = answers(
        Wish.CONTINUE_AS_IS, entrepreneur=Entrepreneur(first_names="Lotte", country=Country.BE)
    )

    advice = advice_for(intake)

    assert "U woont in België" in reason_text(advice, "INFO-CROSS-BORDER")


# --- Instruments ----------------------------------------------------------------------------


def test_regional_offers_appear_only_in_their_region() -> None:
    debts = answers(Wish.CONTINUE_AS_IS, debts=DebtLevel.PROBLEMATIC)

    in_tilburg = instrument_ids(advice_for(debts, TILBURG))
    in_amsterdam = instrument_ids(advice_for(debts, AMSTERDAM))

    assert OVER_ROOD.id in in_tilburg and GELDFIT.id not in in_tilburg
    assert GELDFIT.id in in_amsterdam and OVER_ROOD.id not in in_amsterdam


def test_with_an_unknown_place_only_national_offers_appear() -> None:
    advice = advice_for(answers(Wish.STOP_AND_FIND_JOB), UNKNOWN_PLACE)

    assert all(match.instrument.availability.national for match in advice.instruments)
    assert advice.routes[0].lead_partner is None


def test_inactive_templates_are_never_offered() -> None:
    advice = advice_for(
        answers(Wish.STOP_AND_FIND_JOB, help_requests={HelpRequest.CAREER_AS_EMPLOYEE})
    )

    assert VOUCHER_TEMPLATE.id not in instrument_ids(advice)


def test_tozo_or_bbz_offers_appear_only_for_recipients() -> None:
    without = advice_for(answers(Wish.CONTINUE_AS_IS, schemes=frozenset({Scheme.TVL})))
    with_bbz = advice_for(answers(Wish.CONTINUE_AS_IS, schemes=frozenset({Scheme.BBZ})))

    assert BIJSTAND_COACH.id not in instrument_ids(without)
    assert BIJSTAND_COACH.id in instrument_ids(with_bbz)
    assert PERFORMANCE_COLLEGE.id not in instrument_ids(with_bbz)
    coach = next(m for m in with_bbz.instruments if m.instrument.id == BIJSTAND_COACH.id)
    assert "Voor ondernemers met Tozo of Bbz: dat geldt voor u." in coach.fits


def test_tozo_only_offers_appear_for_tozo_recipients() -> None:
    advice = advice_for(answers(Wish.CONTINUE_AS_IS, schemes=frozenset({Scheme.TOZO})))

    assert PERFORMANCE_COLLEGE.id in instrument_ids(advice)


def test_members_only_offers_say_so() -> None:
    advice = advice_for(answers(Wish.CONTINUE_AS_IS))

    match = next(m for m in advice.instruments if m.instrument.id == ZZP_ORGANISATIONS.id)
    assert any("leden" in line for line in match.fits)


def test_stale_entries_are_marked_with_the_date_not_hidden() -> None:
    advice = advice_for(answers(Wish.DONT_KNOW_YET))

    tool = next(m for m in advice.instruments if m.instrument.id == MKB_DIAGNOSETOOL.id)
    assert tool.stale
    assert any("1 juni 2021" in line for line in tool.fits)
    fresh = [m for m in advice.instruments if m.instrument.id != MKB_DIAGNOSETOOL.id]
    assert not any(m.stale for m in fresh)


def test_instruments_outside_the_advised_routes_are_left_out() -> None:
    advice = advice_for(answers(Wish.CONTINUE_AS_IS))

    assert MKB_NOODLIJN.id not in instrument_ids(advice)


def test_more_matching_topics_rank_higher() -> None:
    intake = answers(
        Wish.PART_TIME_WITH_JOB,
        help_requests={HelpRequest.CAREER_AS_EMPLOYEE, HelpRequest.ENTREPRENEUR_SKILLS},
    )

    ids = instrument_ids(advice_for(intake))

    # Leerwerkloket: loopbaan, omscholing and werk zoeken; NL leert door: two of them.
    assert ids.index("leerwerkloket-midden-brabant") < ids.index(NL_LEERT_DOOR.id)
    assert ids.index(NL_LEERT_DOOR.id) < ids.index(KLANKBORD.id)


def test_an_offer_open_to_everyone_ranks_before_an_equally_good_one_for_members() -> None:
    intake = answers(
        Wish.CONTINUE_AS_IS,
        schemes=frozenset({Scheme.TOZO}),
        help_requests={HelpRequest.ENTREPRENEUR_SKILLS},
    )

    ids = instrument_ids(advice_for(intake))

    assert ids.index(PERFORMANCE_COLLEGE.id) < ids.index(ZZP_ORGANISATIONS.id)


def test_a_regional_offer_ranks_before_an_equally_good_national_one() -> None:
    national_debt_help = replace(
        OVER_ROOD,
        id=InstrumentId("aa-landelijk"),
        name="AA Schuldhulp landelijk",
        availability=Availability(),
    )
    catalog = catalog_with(national_debt_help, OVER_ROOD)

    advice = advise(answers(Wish.STOP_AND_FIND_JOB), catalog, TILBURG, TODAY)

    assert instrument_ids(advice) == [OVER_ROOD.id, "aa-landelijk"]


def test_each_instrument_says_why_it_fits_and_how_to_reach_it() -> None:
    advice = advice_for(answers(Wish.CONTINUE_AS_IS, debts=DebtLevel.PROBLEMATIC))

    over_rood = next(m for m in advice.instruments if m.instrument.id == OVER_ROOD.id)
    assert over_rood.route is Route.DE_ESCALATION
    assert over_rood.fits[0] == "Helpt bij schulden."
    assert "Past bij route 2: problemen oplossen (schulden, stoppen, hulp)." in over_rood.fits
    assert "Dit aanbod is er in uw regio." in over_rood.fits


# --- Lead partners, missing answers, output ----------------------------------------------------


def test_each_route_names_its_lead_partner_for_the_region() -> None:
    advice = advice_for(answers(Wish.PART_TIME_WITH_JOB))

    leads = {item.route: item.lead_partner for item in advice.routes}
    assert leads == {Route.STRENGTHEN_BUSINESS: LOKET_TILBURG, Route.EMPLOYMENT: WSP_MIDDEN_BRABANT}
    assert advice.routes[1].lead_type is PartnerType.WSP


def test_the_regions_own_lead_for_route_1_is_used() -> None:
    catalog = catalog_with(
        QREDITS,
        route_leads={
            **CATALOG.route_leads,
            Route.STRENGTHEN_BUSINESS: PartnerType.ENTREPRENEURS_ASSOCIATION,
        },
    )

    advice = advise(answers(Wish.CONTINUE_AS_IS), catalog, TILBURG, TODAY)

    assert advice.routes[0].lead_type is PartnerType.ENTREPRENEURS_ASSOCIATION
    assert advice.routes[0].lead_partner is not None
    assert advice.routes[0].lead_partner.name == "Ondernemersvereniging Tilburg"


def test_stopping_without_a_date_of_birth_asks_for_it() -> None:
    intake = answers(Wish.STOP_AND_FIND_JOB, entrepreneur=Entrepreneur(first_names="Piet"))

    missing = {m.field: m for m in advice_for(intake).missing_answers}

    assert "IOAZ" in missing["entrepreneur.date_of_birth"].why
    assert "situation.living_costs_covered" not in missing


def test_advice_is_the_same_every_time() -> None:
    intake = answers(Wish.CONTINUE_AS_IS, debts=DebtLevel.PROBLEMATIC, crisis=False)

    assert advice_for(intake) == advice_for(intake)


def test_advice_as_json_has_routes_urgency_reasons_and_instruments() -> None:
    intake = answers(Wish.CONTINUE_AS_IS, debts=DebtLevel.ACUTE)

    data = json.loads(json.dumps(advice_for(intake).to_json_dict()))

    assert [r["route"] for r in data["routes"]] == [2, 1]
    assert data["routes"][0]["lead_partner"]["name"] == "Zelfstandigenloket Tilburg"
    assert data["urgent"] is True
    assert data["immediate_referrals"] == ["schuldhulpverlening"]
    assert data["reasons"][1]["rule_id"] == "R2-ACUTE-DEBT"
    first = data["instruments"][0]
    assert first["id"] == "over-rood"
    assert first["cost"] == "eigen_bijdrage"
    assert first["contact"]["website"] == "https://example.org/over-rood"
    assert first["fits"][0] == "Helpt bij schulden."


def test_every_rule_has_a_unique_id_and_cites_its_source() -> None:
    ids = [rule.id for rule in ALL_RULES]

    assert len(ids) == len(set(ids))
    assert all(rule.guide and rule.text.endswith((".", "0113.")) for rule in ALL_RULES)


# --- With the shipped default catalog ---------------------------------------------------------


def default_advice(intake: IntakeAnswers, locality: Locality = TILBURG) -> Advice:
    return advise(intake, load_default_catalog(), locality, TODAY)


def test_default_catalog_puts_debt_help_first_for_the_hairdresser_in_tilburg() -> None:
    intake = answers(
        Wish.CONTINUE_AS_IS,
        debts=DebtLevel.ACUTE,
        acute_debt_kinds=frozenset({AcuteDebtKind.EVICTION}),
        debt_kinds=frozenset({DebtKind.TAX}),
    )

    advice = default_advice(intake)

    assert Topic.DEBT_HELP in advice.instruments[0].instrument.topics
    assert "over-rood" in instrument_ids(advice)
    assert "over-rood" not in instrument_ids(default_advice(intake, UNKNOWN_PLACE))


def test_default_catalog_offers_the_guides_diagnosis_tools_first_when_undecided() -> None:
    advice = default_advice(answers(Wish.DONT_KNOW_YET))

    first = advice.instruments[:6]
    assert all(Topic.DIAGNOSIS in match.instrument.topics for match in first)
    names = {match.instrument.name for match in advice.instruments[:8]}
    assert {"MKB Diagnosetool", "Good Company score"} <= names
    assert any("Zwaar weer routewijzer" in name for name in names)


def test_default_catalog_offers_the_mkb_noodlijn_first_in_a_crisis() -> None:
    advice = default_advice(answers(Wish.CONTINUE_AS_IS, crisis=True))

    assert advice.instruments[0].instrument.id == "mkb-noodlijn"


def test_default_catalog_entries_from_2021_are_marked_stale_and_templates_left_out() -> None:
    advice = default_advice(answers(Wish.PART_TIME_WITH_JOB, schemes=frozenset({Scheme.BBZ})))

    assert advice.instruments
    assert all(match.stale for match in advice.instruments)
    assert not any(match.instrument.id.startswith("regio-") for match in advice.instruments)
    assert "praktijkleren" in instrument_ids(advice)
    assert "praktijkleren" not in instrument_ids(default_advice(answers(Wish.PART_TIME_WITH_JOB)))


def test_the_answers_format_document_lists_every_rule() -> None:
    document = (Path(__file__).parents[2] / "docs" / "answers-format.md").read_text("utf-8")

    assert all(f"`{rule.id}`" in document for rule in ALL_RULES)


def test_a_catalog_without_route_leads_falls_back_to_the_guides_usual_leads() -> None:
    catalog = catalog_with(OVER_ROOD, route_leads={})

    advice = advise(answers(Wish.STOP_AND_FIND_JOB, debts=DebtLevel.ACUTE), catalog, TILBURG, TODAY)

    assert [item.lead_type for item in advice.routes] == [
        PartnerType.ZELFSTANDIGENLOKET,
        PartnerType.WSP,
    ]
    assert advice.immediate_referrals == (PartnerType.DEBT_HELP,)
