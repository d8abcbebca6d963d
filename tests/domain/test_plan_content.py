"""What the plan says, built from a dossier's data (no PDF involved)."""

import json
from dataclasses import replace
from datetime import timedelta

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.agreements import Action, ActionOwner
from casedesk.domain.catalog import InstrumentId
from casedesk.domain.intake import (
    Business,
    DebtLevel,
    Entrepreneur,
    Future,
    IntakeAnswers,
    Situation,
    Wish,
)
from casedesk.domain.plan_content import (
    DEFAULT_PRIVACY_TEXT,
    ChosenInstrumentInput,
    ChosenRoutes,
    ConsentInput,
    build_plan_content,
    build_referral_letter,
    shared_fields,
    situation_paragraphs,
    situation_sentences,
)
from casedesk.domain.routes import Route
from casedesk.plan.samples import SAMPLE_DAY, typical_plan_inputs


def test_situation_speaks_to_the_entrepreneur_in_the_second_person() -> None:
    answers = IntakeAnswers(
        business=Business(trade_name="Bakkerij Öztürk", hours_per_week=50),
        situation=Situation(turnover_drop_percent=30, debts=DebtLevel.PROBLEMATIC),
        future=Future(wish=Wish.STOP_AND_FIND_JOB),
    )
    sentences = situation_sentences(answers)
    assert sentences == (
        "U hebt het bedrijf Bakkerij Öztürk.",
        "U werkt ongeveer 50 uur per week in uw bedrijf.",
        "Uw omzet is ongeveer 30% lager dan in een normaal jaar.",
        "U hebt schulden en u kunt de betalingen niet meer doen.",
        "U wilt stoppen met uw bedrijf en werk zoeken in loondienst.",
    )


def test_an_empty_intake_still_says_something_plain() -> None:
    assert situation_sentences(IntakeAnswers()) == (
        "We hebben nog niet alles over uw situatie besproken.",
    )
    assert situation_paragraphs(IntakeAnswers()) == situation_sentences(IntakeAnswers())


def test_urgent_route_2_comes_first_and_says_what_happens_this_week() -> None:
    inputs = typical_plan_inputs()
    assert inputs.routes is not None and inputs.routes.primary is Route.STRENGTHEN_BUSINESS
    content = build_plan_content(inputs)
    first, second = content.routes
    assert first.title.startswith("Route 2") and "dringend" in first.title
    assert first.this_week[0] == "Dit is dringend. Dit gebeurt deze week:"
    assert "28 november 2026: Energieleverancier bellen over een betalingsregeling" in (
        first.this_week
    )
    # Ten days away is not "this week".
    assert not any("Over Rood" in line for line in first.this_week)
    assert second.title.startswith("Route 1") and second.this_week == ()


def test_route_reasons_are_the_advices_reasons_and_the_override_reason() -> None:
    inputs = typical_plan_inputs()
    assert inputs.routes is not None
    routes = replace(inputs.routes, override_reason="u wilt eerst rust in uw hoofd.")
    content = build_plan_content(replace(inputs, routes=routes))
    assert content.route_reasons[: len(routes.reasons)] == routes.reasons
    assert content.route_reasons[-1].endswith("u wilt eerst rust in uw hoofd.")


def test_without_a_route_decision_the_plan_says_the_route_is_chosen_later() -> None:
    content = build_plan_content(replace(typical_plan_inputs(), routes=None))
    assert [route.title for route in content.routes] == ["Nog geen route gekozen"]
    assert content.route_reasons == ()


def test_non_urgent_routes_keep_the_chosen_order() -> None:
    routes = ChosenRoutes(Route.EMPLOYMENT, Route.DE_ESCALATION, urgent=False, reasons=())
    content = build_plan_content(replace(typical_plan_inputs(), routes=routes))
    assert [route.title[:7] for route in content.routes] == ["Route 3", "Route 2"]
    assert all(route.this_week == () for route in content.routes)


def test_actions_are_sorted_by_date_with_undated_ones_last() -> None:
    day = SAMPLE_DAY
    actions = (
        Action("Zonder datum", ActionOwner.CASEWORKER),
        Action("Later", ActionOwner.ENTREPRENEUR, due_date=day + timedelta(days=9)),
        Action("Eerst", ActionOwner.PARTNER, "Over Rood", due_date=day + timedelta(days=1)),
    )
    content = build_plan_content(replace(typical_plan_inputs(), actions=actions))
    assert [row.what for row in content.actions] == ["Eerst", "Later", "Zonder datum"]
    assert content.actions[0].who == "Partner: Over Rood"
    assert content.actions[0].when == "28 november 2026"
    assert content.actions[2].when == "Geen datum"


def test_instrument_contact_is_printed_exactly_as_in_the_catalog() -> None:
    catalog = load_default_catalog()
    kvk = catalog.instrument(InstrumentId("kvk-adviesteam-zwaar-weer"))
    assert kvk is not None
    chosen = (ChosenInstrumentInput(kvk.name, kvk, ("Past bij u.",)),)
    content = build_plan_content(replace(typical_plan_inputs(catalog), instruments=chosen))
    (text,) = content.instruments
    assert text.phone == kvk.contact.phone == "0800 21 17"
    assert text.website == kvk.contact.website
    assert text.what_it_is == kvk.description
    assert text.cost.startswith("De kosten zijn niet bekend.")
    assert text.why_it_fits == ("Past bij u.",)


def test_an_instrument_gone_from_the_catalog_keeps_its_name() -> None:
    chosen = (ChosenInstrumentInput("Oud aanbod", None),)
    content = build_plan_content(replace(typical_plan_inputs(), instruments=chosen))
    (text,) = content.instruments
    assert text.name == "Oud aanbod"
    assert "niet meer in de catalogus" in text.what_it_is


def test_important_numbers_are_the_municipality_and_the_catalogs_phone_lines() -> None:
    content = build_plan_content(typical_plan_inputs())
    numbers = {number.label: number.number for number in content.important_numbers}
    assert numbers == {
        "Gemeente Súdwest-Fryslân": "14 0515",
        "KvK Adviesteam zwaar weer": "0800 21 17",
        "MKB-noodlijn": "088 999 0000",
    }


def test_privacy_text_falls_back_to_a_plain_default() -> None:
    inputs = typical_plan_inputs()
    municipality = replace(inputs.municipality, privacy_text="  ")
    content = build_plan_content(replace(inputs, municipality=municipality))
    assert content.privacy_text == DEFAULT_PRIVACY_TEXT


def test_signature_lines_only_when_the_municipality_wants_them() -> None:
    inputs = typical_plan_inputs()
    assert build_plan_content(inputs).signature_names == (
        "Ondernemer: Zoë van 't Hoff-Çelik",
        "Klantmanager: Fatma Özdemir",
    )
    without = replace(inputs.municipality, signature_lines=False)
    assert build_plan_content(replace(inputs, municipality=without)).signature_names == ()


def test_letterhead_names_the_entrepreneur_and_how_to_reach_the_caseworker() -> None:
    head = build_plan_content(typical_plan_inputs()).letterhead
    assert head.entrepreneur_name == "Zoë van 't Hoff-Çelik"
    assert head.trade_name == "Kapsalon Zoë & IJsbrand"
    assert head.date_text == "27 november 2026"
    assert head.caseworker_contact == "Bel 14 0515 en vraag naar Fatma Özdemir."


def test_content_is_plain_json() -> None:
    content = build_plan_content(typical_plan_inputs())
    data = json.loads(json.dumps(content.to_json_dict(), ensure_ascii=False))
    assert data["letterhead"]["entrepreneur_name"] == "Zoë van 't Hoff-Çelik"
    assert data["actions"][0]["due_date"] == "2026-11-28"


def test_referral_letter_without_consent_names_nobody() -> None:
    inputs = replace(
        typical_plan_inputs(),
        answers=IntakeAnswers(
            entrepreneur=Entrepreneur(first_names="Zoë", surname="Hoff-Çelik", phone="0612"),
            business=Business(trade_name="Kapsalon Zoë", kvk_number="12345678"),
        ),
    )
    for consent in (None, ConsentInput(False, "naam", SAMPLE_DAY, "mondeling")):
        letter = build_referral_letter(inputs, inputs.referrals[0], consent)
        text = json.dumps(letter.to_json_dict(), ensure_ascii=False)
        assert "Zoë" not in text and "Hoff" not in text and "12345678" not in text
        assert letter.shared_data == ()
        assert "geen toestemming" in letter.consent_statement


def test_referral_letter_with_consent_lists_what_is_shared() -> None:
    inputs = typical_plan_inputs()
    consent = ConsentInput(True, "naam en telefoonnummer", SAMPLE_DAY, "mondeling")
    letter = build_referral_letter(inputs, inputs.referrals[0], consent)
    assert ("Naam", "Zoë van 't Hoff-Çelik") in letter.shared_data
    assert "mondeling toestemming" in letter.consent_statement
    assert "naam en telefoonnummer" in letter.consent_statement
    assert letter.request == inputs.referrals[0].request


def test_situation_is_printed_as_short_paragraphs_by_subject() -> None:
    content = build_plan_content(typical_plan_inputs())
    company, money, personal, future = content.situation
    assert company.startswith("U hebt het bedrijf Kapsalon Zoë & IJsbrand")
    assert money.startswith("U hebt niet genoeg inkomen om van te leven.")
    assert personal.startswith("U vertelde ook dat het persoonlijk zwaar is")
    assert future.startswith("U wilt doorgaan met uw bedrijf, maar er moet iets veranderen.")


def test_referral_letter_shares_only_what_the_consent_names() -> None:
    inputs = typical_plan_inputs()
    consent = ConsentInput(True, "Alleen het telefoonnummer", SAMPLE_DAY, "mondeling")
    letter = build_referral_letter(inputs, inputs.referrals[0], consent)
    assert letter.shared_data == (("Telefoon", "06 12345678"),)
    text = json.dumps(letter.to_json_dict(), ensure_ascii=False)
    assert "Zoë" not in text and "Kapsalon" not in text and "zoe@voorbeeld.nl" not in text
    assert letter.consent_statement.startswith("De ondernemer heeft op 27 november 2026")


def test_consent_words_map_to_the_fields_they_name() -> None:
    assert shared_fields("naam, telefoonnummer, e-mailadres") == {"Naam", "Telefoon", "E-mail"}
    assert shared_fields("handelsnaam en KvK-nummer") == {"Handelsnaam", "KvK-nummer"}
    assert shared_fields("hulpvraag") == frozenset()
