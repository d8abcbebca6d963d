"""What the plan says, built from a dossier's data (no PDF involved)."""

import json
import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.agreements import Action, ActionOwner, AppointmentMode
from casedesk.domain.catalog import InstrumentId
from casedesk.domain.intake import (
    Business,
    DebtLevel,
    Entrepreneur,
    Future,
    HelpRequest,
    Household,
    IntakeAnswers,
    Signal,
    Situation,
    Wish,
)
from casedesk.domain.plan_content import (
    CRISIS_LINE,
    DEFAULT_PRIVACY_TEXT,
    FIRST_THINGS_MAX_ACTIONS,
    ChosenInstrumentInput,
    ChosenRoutes,
    ConsentInput,
    ReferralLetterContent,
    build_plan_content,
    build_referral_letter,
    printed_texts,
    shared_fields,
    situation_paragraphs,
    situation_sentences,
)
from casedesk.domain.referrals import ReferralStatus
from casedesk.domain.routes import Route
from casedesk.plan.samples import SAMPLE_DAY, sample_dossiers, typical_plan_inputs


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
        "We weten nog niet alles over hoe het met u gaat.",
    )
    assert situation_paragraphs(IntakeAnswers()) == situation_sentences(IntakeAnswers())


def test_urgent_route_2_comes_first() -> None:
    inputs = typical_plan_inputs()
    assert inputs.routes is not None and inputs.routes.primary is Route.STRENGTHEN_BUSINESS
    first, second = build_plan_content(inputs).routes
    assert first.title.startswith("Route 2") and "dringend" in first.title
    assert second.title.startswith("Route 1")


def test_page_one_box_says_what_happens_in_the_next_seven_days_and_who_does_it() -> None:
    first = build_plan_content(typical_plan_inputs()).first_things
    assert (
        "Zaterdag 28 november: Energieleverancier bellen over een betalingsregeling. "
        "Wie: Fatma Özdemir."
    ) in first.lines
    assert "Maandag 30 november: Brieven van de Belastingdienst meenemen. Wie: u." in (
        first.lines
    )
    # Ten days away is not "this week".
    assert not any("Aanmelden bij Over Rood" in line for line in first.lines)
    assert first.appointment.startswith("Volgende afspraak: donderdag 3 december 2026")
    assert first.call == "Vragen? Bel 14 0515 en vraag naar Fatma Özdemir."


def test_the_box_says_what_to_bring_to_the_next_appointment_and_how_it_takes_place() -> None:
    inputs = typical_plan_inputs()
    assert inputs.appointment is not None
    visit = replace(inputs.appointment, note="uw laatste belastingaangifte")
    first = build_plan_content(replace(inputs, appointment=visit)).first_things
    assert first.appointment == (
        "Volgende afspraak: donderdag 3 december 2026, van 10:00 tot 11:00 uur. Waar: "
        "Gemeentehuis, Marktstraat 15, Sneek (balie 3). Neem mee of let op: uw laatste "
        "belastingaangifte."
    )
    call = replace(visit, mode=AppointmentMode.PHONE, location="")
    first = build_plan_content(replace(inputs, appointment=call)).first_things
    assert "van 10:00 tot 11:00 uur. Wij bellen u. Neem mee" in first.appointment


def test_in_a_crisis_the_box_opens_with_113() -> None:
    inputs = typical_plan_inputs()
    situation = replace(inputs.answers.situation, crisis=True)
    inputs = replace(inputs, answers=replace(inputs.answers, situation=situation))
    first = build_plan_content(inputs).first_things
    assert first.lines[0] == CRISIS_LINE
    assert "113" in first.lines[0] and "0800-0113" in first.lines[0]


def test_a_full_week_is_cut_short_in_the_box_and_points_to_the_table() -> None:
    day = SAMPLE_DAY
    actions = tuple(Action(f"Stap {n}", ActionOwner.ENTREPRENEUR, due_date=day) for n in range(9))
    first = build_plan_content(replace(typical_plan_inputs(), actions=actions)).first_things
    assert len([line for line in first.lines if "Stap" in line]) == FIRST_THINGS_MAX_ACTIONS
    assert "En nog 4 andere afspraken voor deze week" in first.lines[FIRST_THINGS_MAX_ACTIONS]


def test_actions_speak_to_the_reader_with_weekday_and_this_week_apart() -> None:
    day = SAMPLE_DAY
    actions = (
        Action("Bellen", ActionOwner.CASEWORKER, due_date=day + timedelta(days=1)),
        Action("Papieren", ActionOwner.ENTREPRENEUR, due_date=day + timedelta(days=3)),
        Action("Gesprek", ActionOwner.PARTNER, "Over Rood", due_date=day + timedelta(days=12)),
        Action("Al gedaan", ActionOwner.ENTREPRENEUR, due_date=day, done=True),
    )
    rows = build_plan_content(replace(typical_plan_inputs(), actions=actions)).actions
    by_what = {row.what: row for row in rows}
    assert by_what["Bellen"].who == "Fatma Özdemir"
    assert by_what["Papieren"].who == "U"
    assert by_what["Gesprek"].who == "Over Rood"
    assert by_what["Bellen"].when == "zaterdag 28 november"
    assert [row.what for row in rows if row.this_week] == ["Bellen", "Papieren"]
    assert by_what["Al gedaan (klaar)"].done


def test_route_reasons_are_only_those_of_the_chosen_routes_without_route_numbers() -> None:
    reasons = (
        "U wilt doorgaan, maar het moet anders. Daarom werken we aan een nieuwe aanpak voor uw "
        "bedrijf (route 1).",
        "U wilt ook kijken naar werk in loondienst. Daarom zoeken we daarnaast naar een "
        "(bij)baan (route 3).",
        "U vroeg om hulp bij schulden. Daarvoor is route 2: problemen oplossen.",
        "Uw omzet is nu niet genoeg voor de vaste lasten van uw bedrijf.",
    )
    routes = ChosenRoutes(Route.STRENGTHEN_BUSINESS, Route.DE_ESCALATION, False, reasons)
    content = build_plan_content(replace(typical_plan_inputs(), routes=routes))
    assert [route.title[:7] for route in content.routes] == ["Route 1", "Route 2"]
    assert content.route_reasons == (
        "U wilt doorgaan, maar het moet anders. Daarom werken we aan een nieuwe aanpak voor uw "
        "bedrijf.",
        "U vroeg om hulp bij schulden. Daarvoor is de route problemen oplossen.",
        "Uw omzet is nu niet genoeg voor de vaste lasten van uw bedrijf.",
    )


def test_an_override_prints_its_reason_as_a_sentence_instead_of_the_advice() -> None:
    inputs = typical_plan_inputs()
    assert inputs.routes is not None
    routes = replace(inputs.routes, override_reason="u wilt eerst rust in uw hoofd")
    content = build_plan_content(replace(inputs, routes=routes))
    assert content.route_reasons == (
        "U en uw klantmanager kozen samen voor deze route. De reden: U wilt eerst rust in uw "
        "hoofd.",
    )


def test_a_referral_that_did_not_start_is_not_printed_as_active() -> None:
    inputs = typical_plan_inputs()
    stopped = tuple(replace(r, status=ReferralStatus.NOT_STARTED) for r in inputs.referrals)
    content = build_plan_content(replace(inputs, referrals=stopped))
    assert content.referrals == ()
    assert not any("neemt contact met u op" in line for line in content.first_things.lines)


def test_a_closed_case_prints_as_closed_without_a_next_appointment() -> None:
    content = build_plan_content(replace(typical_plan_inputs(), closed_on=SAMPLE_DAY))
    assert content.appointment is None
    assert content.first_things.appointment == ""
    assert content.first_things.lines[-1].startswith(
        "Uw dossier is afgesloten op 27 november 2026. Er komt geen nieuwe afspraak."
    )
    assert not any(line.startswith("Zaterdag") for line in content.first_things.lines)


def test_a_closed_case_says_whom_to_call_once_and_has_no_this_week() -> None:
    content = build_plan_content(replace(typical_plan_inputs(), closed_on=SAMPLE_DAY))
    first = content.first_things
    assert first.call == ""
    assert sum("Bel 14 0515" in line for line in first.lines) == 1
    assert not any(row.this_week for row in content.actions)
    # No "bel uw klantmanager als u niets hoort": the dossier is closed.
    assert [r.expectation for r in content.referrals] == [
        "Schuldhulp voor ondernemers neemt contact met u op over uw vraag."
    ]


def test_without_a_route_decision_the_plan_says_the_route_is_chosen_later() -> None:
    content = build_plan_content(replace(typical_plan_inputs(), routes=None))
    assert [route.title for route in content.routes] == ["Nog geen route gekozen"]
    assert content.route_reasons == ()


def test_non_urgent_routes_keep_the_chosen_order() -> None:
    routes = ChosenRoutes(Route.EMPLOYMENT, Route.DE_ESCALATION, urgent=False, reasons=())
    content = build_plan_content(replace(typical_plan_inputs(), routes=routes))
    assert [route.title[:7] for route in content.routes] == ["Route 3", "Route 2"]


def test_actions_are_sorted_by_date_with_undated_ones_last() -> None:
    day = SAMPLE_DAY
    actions = (
        Action("Zonder datum", ActionOwner.CASEWORKER),
        Action("Later", ActionOwner.ENTREPRENEUR, due_date=day + timedelta(days=9)),
        Action("Eerst", ActionOwner.PARTNER, "Over Rood", due_date=day + timedelta(days=1)),
    )
    content = build_plan_content(replace(typical_plan_inputs(), actions=actions))
    assert [row.what for row in content.actions] == ["Eerst", "Later", "Zonder datum"]
    assert content.actions[0].who == "Over Rood"
    assert content.actions[0].when == "zaterdag 28 november"
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


def test_important_numbers_are_the_short_listed_phone_lines_not_printed_above() -> None:
    inputs = typical_plan_inputs()
    lines = (InstrumentId("kvk-adviesteam-zwaar-weer"), InstrumentId("mkb-noodlijn"))
    # The typical plan chose both phone lines: their numbers stand in their own blocks;
    # the municipality's stands at the top and in the box's call line.
    content = build_plan_content(inputs)
    assert content.important_numbers == ()
    assert "14 0515" in content.first_things.call
    content = build_plan_content(replace(inputs, instruments=(), short_list=lines))
    numbers = {number.label: number.number for number in content.important_numbers}
    assert numbers == {
        "KvK Adviesteam zwaar weer": "0800 21 17",
        "MKB-noodlijn": "088 999 0000",
    }


def test_a_phone_line_that_is_only_also_available_is_not_printed() -> None:
    inputs = replace(
        typical_plan_inputs(), instruments=(), short_list=(InstrumentId("mkb-noodlijn"),)
    )

    numbers = [number.label for number in build_plan_content(inputs).important_numbers]

    assert numbers == ["MKB-noodlijn"]


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
    # The business is named once, in the situation's first sentence.
    assert head.trade_name == ""
    assert build_plan_content(typical_plan_inputs()).situation[0].startswith(
        "U hebt het bedrijf Kapsalon Zoë & IJsbrand"
    )
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
        assert "wil niet dat wij gegevens delen" in letter.consent_statement


def test_referral_letter_with_consent_lists_what_is_shared() -> None:
    inputs = typical_plan_inputs()
    consent = ConsentInput(True, "naam, telefoonnummer en hulpvraag", SAMPLE_DAY, "mondeling")
    letter = build_referral_letter(inputs, inputs.referrals[0], consent)
    assert ("Naam", "Zoë van 't Hoff-Çelik") in letter.shared_data
    assert "Dat was mondeling." in letter.consent_statement
    assert "naam, telefoonnummer en hulpvraag" in letter.consent_statement
    assert letter.request == inputs.referrals[0].request


def test_a_referral_letter_is_a_letter_to_the_partner() -> None:
    inputs = typical_plan_inputs()
    consent = ConsentInput(True, "naam en telefoonnummer", SAMPLE_DAY, "mondeling")
    letter = build_referral_letter(inputs, inputs.referrals[0], consent)
    assert letter.greeting == "Beste Ingrid de Wit,"
    assert letter.addressee == "Schuldhulp voor ondernemers"
    assert letter.deadline.startswith("Wilt u vandaag nog contact opnemen met Zoë")
    assert letter.sender_contact == "Hebt u vragen? Bel 14 0515 en vraag naar Fatma Özdemir."
    assert letter.closing == (
        "Met vriendelijke groet,", "Fatma Özdemir", "Gemeente Súdwest-Fryslân"
    )
    assert "alleen voor u" in letter.privacy_text
    assert "uw klantmanager" not in json.dumps(letter.to_json_dict(), ensure_ascii=False)


def test_a_referral_letter_is_addressed_to_the_partners_postal_address() -> None:
    inputs = typical_plan_inputs()
    referral = replace(inputs.referrals[0], partner_address="Postbus 1200\n8900 CE  Leeuwarden")
    letter = build_referral_letter(inputs, referral, None)
    assert letter.addressee_contact[:3] == (
        "T.a.v. Ingrid de Wit",
        "Postbus 1200",
        "8900 CE  Leeuwarden",
    )


def test_a_letter_on_a_case_that_is_not_urgent_asks_for_contact_within_two_weeks() -> None:
    inputs = typical_plan_inputs()
    assert inputs.routes is not None
    inputs = replace(inputs, routes=replace(inputs.routes, urgent=False))
    consent = ConsentInput(True, "telefoonnummer", SAMPLE_DAY, "mondeling")
    letter = build_referral_letter(inputs, inputs.referrals[0], consent)
    assert "binnen twee weken" in letter.deadline
    assert "vandaag nog" not in letter.deadline


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
    assert letter.consent_statement.startswith("De ondernemer gaf ons op 27 november 2026")
    # The request as typed is personal too: only with consent for the hulpvraag.
    assert inputs.referrals[0].request not in text


_EVERY_FIELD = IntakeAnswers(
    entrepreneur=Entrepreneur(
        first_names="Zoë", surname="Hoff-Çelik", phone="06 98765432", email="zoe@voorbeeld.nl",
        street_address="Kerkstraat 1", postcode="8601 AB", place="Sneek",
        date_of_birth=date(1979, 2, 14),
    ),
    business=Business(trade_name="Kapsalon Zoë", kvk_number="12345678"),
    situation=Situation(
        debts=DebtLevel.PROBLEMATIC, turnover_drop_percent=45, living_costs_covered=False,
        signals=frozenset({Signal.LOW_MOOD}), household=Household.SINGLE,
    ),
    future=Future(wish=Wish.CONTINUE_AS_IS, help_requests=frozenset({HelpRequest.DEBT_HELP})),
)  # fmt: skip

_CONSENT_WORDS = {
    "Naam": ("naam", "Zoë Hoff-Çelik"),
    "Geboortedatum": ("geboortedatum", "14 februari 1979"),
    "Adres": ("adres", "Kerkstraat 1, 8601 AB Sneek"),
    "Telefoon": ("telefoonnummer", "06 98765432"),
    "E-mail": ("e-mailadres", "zoe@voorbeeld.nl"),
    "Handelsnaam": ("handelsnaam", "Kapsalon Zoë"),
    "KvK-nummer": ("KvK-nummer", "12345678"),
    "Hulpvraag": ("hulpvraag", "hulp bij schulden"),
    "Schulden": ("overzicht van de schulden", "Problematische schulden"),
    "Inkomen en omzet": ("inkomen en omzet", "Omzet ongeveer 45% lager"),
    "Persoonlijke situatie": ("persoonlijke situatie", "Somber of neerslachtig"),
}


def _letter_for(words: str) -> ReferralLetterContent:
    inputs = replace(typical_plan_inputs(), answers=_EVERY_FIELD)
    consent = ConsentInput(True, words, SAMPLE_DAY, "mondeling")
    return build_referral_letter(inputs, inputs.referrals[0], consent)


@pytest.mark.parametrize("field", list(_CONSENT_WORDS))
def test_consent_for_one_field_shares_that_field_and_nothing_else(field: str) -> None:
    words, value = _CONSENT_WORDS[field]
    letter = _letter_for(words)
    assert [label for label, _ in letter.shared_data] == [field]
    assert value in letter.shared_data[0][1]
    text = json.dumps(letter.to_json_dict()["shared_data"], ensure_ascii=False)
    others = [v for f, (_, v) in _CONSENT_WORDS.items() if f != field and v not in value]
    assert [other for other in others if other in text] == []


@pytest.mark.parametrize("field", list(_CONSENT_WORDS))
def test_consent_for_all_but_one_field_never_shares_that_one(field: str) -> None:
    words = ", ".join(w for f, (w, _) in _CONSENT_WORDS.items() if f != field)
    letter = _letter_for(words)
    labels = {label for label, _ in letter.shared_data}
    assert labels == set(_CONSENT_WORDS) - {field}
    shared = json.dumps(letter.to_json_dict()["shared_data"], ensure_ascii=False)
    assert _CONSENT_WORDS[field][1] not in shared


def test_a_shared_list_reads_as_one_list_in_lower_case_after_its_first_item() -> None:
    inputs = typical_plan_inputs()
    consent = ConsentInput(True, "hulpvraag", SAMPLE_DAY, "mondeling")
    letter = build_referral_letter(inputs, inputs.referrals[0], consent)
    assert letter.shared_data == (
        (
            "Hulpvraag",
            "Doorgaan met het bedrijf, met veranderingen; coaching of training in "
            "ondernemen; hulp bij schulden",
        ),
    )


def test_consent_words_map_to_the_fields_they_name() -> None:
    assert shared_fields("naam, telefoonnummer, e-mailadres") == {"Naam", "Telefoon", "E-mail"}
    assert shared_fields("handelsnaam en KvK-nummer") == {"Handelsnaam", "KvK-nummer"}
    assert shared_fields("hulpvraag") == {"Hulpvraag"}
    assert shared_fields("e-mailadres") == {"E-mail"}
    assert shared_fields("niets") == frozenset()


def _broken_dutch(sentence: str) -> list[str]:
    problems = []
    if not sentence[:1].isupper():
        problems.append("does not open with a capital")
    if not sentence.endswith("."):
        problems.append("does not end with a full stop")
    if "  " in sentence or " ." in sentence or " ," in sentence or ".." in sentence:
        problems.append("stray space or stop")
    if re.search(r"\bhulp bij: hulp bij\b|\bom: om\b", sentence):
        problems.append("repeats itself")
    if re.search(r"\b[a-z][A-Z]{2,}", sentence):  # "iCT", "tVL"
        problems.append("an acronym lost its capital")
    return problems


def test_situation_sentences_stay_good_dutch_for_every_choice_and_combination() -> None:
    from itertools import combinations

    from casedesk.domain.intake import AcuteDebtKind, DebtKind, HelpRequest, Scheme, Sector

    def all_subsets(members: list[Any]) -> list[frozenset[Any]]:
        sizes = range(len(members) + 1)
        return [frozenset(c) for size in sizes for c in combinations(members, size)]

    variants: list[IntakeAnswers] = []
    for sector in [None, *Sector]:
        variants.append(IntakeAnswers(business=Business(trade_name="Zaak", sector=sector)))
    for requests in all_subsets(list(HelpRequest)):
        variants.append(IntakeAnswers(future=Future(help_requests=requests)))
    for schemes in all_subsets(list(Scheme)):
        variants.append(IntakeAnswers(situation=Situation(schemes=schemes)))
    for kinds in all_subsets(list(DebtKind)):
        variants.append(IntakeAnswers(situation=Situation(debt_kinds=kinds)))
    for acute in all_subsets(list(AcuteDebtKind)):
        variants.append(IntakeAnswers(situation=Situation(acute_debt_kinds=acute)))
    for wish in Wish:
        variants.append(IntakeAnswers(future=Future(wish=wish)))
    for level in DebtLevel:
        variants.append(IntakeAnswers(situation=Situation(debts=level)))
    broken = {
        sentence: problems
        for answers in variants
        for sentence in situation_sentences(answers)
        if (problems := _broken_dutch(sentence))
    }
    assert broken == {}


def test_past_corona_schemes_are_never_printed_as_current_support() -> None:
    from casedesk.domain.intake import Scheme

    answers = IntakeAnswers(situation=Situation(schemes=frozenset({Scheme.TOZO, Scheme.BBZ})))
    sentences = situation_sentences(answers)
    assert "U krijgt steun: Bbz (een uitkering voor zelfstandigen)." in sentences
    assert "Eerder kreeg u steun: Tozo (steun voor zelfstandigen in de coronatijd)." in sentences
    assert not any("krijgt of kreeg" in sentence for sentence in sentences)


def test_no_note_for_the_caseworker_or_the_municipality_reaches_the_plan() -> None:
    catalog = load_default_catalog()
    chosen = tuple(
        ChosenInstrumentInput(
            i.name, i, ("Let op: deze gegevens zijn voor het laatst nagekeken op 1 oktober 2021.",
                        "Voor ondernemers met Tozo: dat geldt voor u.", "Past bij u.")
        )
        for i in catalog.instruments
    )  # fmt: skip
    content = build_plan_content(replace(typical_plan_inputs(catalog), instruments=chosen))
    printed = " ".join(" ".join((i.cost, *i.why_it_fits)) for i in content.instruments)
    for words in ("nagekeken", "Tozo", "leidraad", "Gemeenten", "kostprijs"):
        assert words not in printed
    assert all(i.why_it_fits == ("Past bij u.",) for i in content.instruments)


def test_for_a_reader_in_belgium_every_number_is_in_plus_31_form() -> None:
    content = build_plan_content(sample_dossiers()["België, route 2 en 3"])
    phones = [instrument.phone for instrument in content.instruments if instrument.phone]
    assert phones == ["+31 800 2117", "+31 88 999 0000"]
    lines = (InstrumentId("kvk-adviesteam-zwaar-weer"), InstrumentId("mkb-noodlijn"))
    inputs = replace(sample_dossiers()["België, route 2 en 3"], instruments=(), short_list=lines)
    numbers = [n.number for n in build_plan_content(inputs).important_numbers]
    assert numbers == ["+31 800 2117", "+31 88 999 0000"]


def test_a_14_number_is_said_not_to_work_from_abroad_and_the_full_number_given() -> None:
    inputs = sample_dossiers()["België, route 2 en 3"]
    without = build_plan_content(inputs).first_things
    assert "U woont in België. Het nummer 14 0515 werkt niet vanuit het buitenland." in (
        without.lines
    )
    assert without.call == "Vragen? Schrijf de gemeente: het adres staat bovenaan."
    with_email = replace(inputs, caseworker_email="f.ozdemir@sudwestfryslan.nl")
    assert build_plan_content(with_email).first_things.call == (
        "Vragen? Mail naar f.ozdemir@sudwestfryslan.nl."
    )
    municipality = replace(inputs.municipality, phone_from_abroad="0515 489 000")
    first = build_plan_content(replace(inputs, municipality=municipality)).first_things
    assert (
        "U woont in België. Het nummer 14 0515 werkt niet vanuit het buitenland. Bel daarom "
        "+31 515 489 000."
    ) in first.lines
    assert first.call == "Vragen? Bel +31 515 489 000 en vraag naar Fatma Özdemir."


def test_abroad_without_a_full_number_nothing_asks_to_call_the_municipality() -> None:
    content = build_plan_content(sample_dossiers()["België, route 2 en 3"])
    texts = [text for _, text in printed_texts(content)]
    assert [text for text in texts if "14 0515" in text] == [
        "U woont in België. Het nummer 14 0515 werkt niet vanuit het buitenland."
    ]
    assert not any("Bel dan uw klantmanager" in text for text in texts)


def test_the_letterhead_abroad_never_shows_a_number_that_cannot_be_dialled_from_there() -> None:
    inputs = sample_dossiers()["België, route 2 en 3"]
    assert build_plan_content(inputs).letterhead.municipality_phone == ""
    municipality = replace(inputs.municipality, phone_from_abroad="0515 489 000")
    head = build_plan_content(replace(inputs, municipality=municipality)).letterhead
    assert head.municipality_phone == "+31 515 489 000"


def test_for_a_reader_in_the_netherlands_numbers_stay_as_in_the_catalog() -> None:
    content = build_plan_content(typical_plan_inputs())
    assert [i.phone for i in content.instruments if i.phone] == ["0800 21 17", "088 999 0000"]
    assert not any("buitenland" in line for line in content.first_things.lines)
