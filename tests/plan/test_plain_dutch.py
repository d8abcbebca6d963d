"""What the entrepreneur reads is plain Dutch: no unexplained trade word, readable sections.

Readability is Flesch-Douma (the Dutch Flesch formula, 206.835 − 0.93 × words per sentence
− 77 × syllables per word), as textstat computes it with language "nl" (checked by hand
on the default privacy text: 16 words, 26 syllables, 2 sentences).
"""

import re
from collections.abc import Iterable

import pytest
import textstat  # type: ignore[import-untyped]

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain import advice_rules
from casedesk.domain.plain_words import unexplained_trade_words
from casedesk.domain.plan_content import (
    CRISIS_LINE,
    DEFAULT_PRIVACY_TEXT,
    FIRST_THINGS_TITLE,
    PLAN_SECTIONS,
    ConsentInput,
    PlanContent,
    ReferralLetterContent,
    build_plan_content,
    build_referral_letter,
    printed_texts,
)
from casedesk.plan.samples import SAMPLE_DAY, sample_dossiers

MIN_FLESCH_DOUMA = 65
MAX_WORDS_IN_A_FIXED_SENTENCE = 20


def flesch_douma(text: str) -> float:
    textstat.set_lang("nl")
    score: float = textstat.flesch_reading_ease(text)
    return score


def _plans() -> dict[str, PlanContent]:
    return {name: build_plan_content(inputs) for name, inputs in sample_dossiers().items()}


def _letters() -> dict[str, ReferralLetterContent]:
    inputs = sample_dossiers()["typisch"]
    referral = inputs.referrals[0]
    consent = ConsentInput(True, "naam en telefoonnummer", SAMPLE_DAY, "mondeling")
    refused = ConsentInput(False, "", SAMPLE_DAY, "mondeling")
    return {
        "brief met toestemming": build_referral_letter(inputs, referral, consent),
        "brief zonder toestemming": build_referral_letter(inputs, referral, refused),
    }


def _joined(texts: Iterable[str]) -> str:
    return " ".join(text if text.rstrip()[-1:] in ".!?:" else f"{text}." for text in texts if text)


_ACTION_LINE = re.compile(r"^\w+dag \d+ \w+( \d{4})?: ")


def plan_sections(content: PlanContent) -> dict[str, str]:
    """The running text of each section of the plan (names, numbers and tables left out).

    The box's lines about this week's actions quote what the caseworker typed
    ("Energieleverancier bellen over een betalingsregeling"): those are not ours to
    simplify, so the box is measured on its own words.
    """
    first = content.first_things
    own_lines = [line for line in first.lines if not _ACTION_LINE.match(line)]
    return {
        "Dit is nu het belangrijkste": _joined((*own_lines, first.appointment, first.call)),
        "Uw situatie": _joined(content.situation),
        "Uw route": _joined(
            (*(route.explanation for route in content.routes), *content.route_reasons)
        ),
        "Hulp en contacten": _joined(
            text
            for instrument in content.instruments
            for text in (instrument.what_it_is, *instrument.why_it_fits, instrument.cost)
        ),
        "Verwijzingen": _joined(referral.expectation for referral in content.referrals),
        "Uw gegevens": content.privacy_text,
    }


def letter_sections(content: ReferralLetterContent) -> dict[str, str]:
    return {
        "Waarom deze brief": content.introduction,
        "Toestemming": content.consent_statement,
        "Over gegevens": content.privacy_text,
    }


def _sections() -> list[tuple[str, str, str]]:
    found = []
    for name, plan in _plans().items():
        found += [(name, section, text) for section, text in plan_sections(plan).items()]
    for name, letter in _letters().items():
        found += [(name, section, text) for section, text in letter_sections(letter).items()]
    return [(name, section, text) for name, section, text in found if text.strip()]


@pytest.mark.parametrize(("dossier", "section", "text"), _sections())
def test_every_section_reads_at_flesch_douma_65_or_more(
    dossier: str, section: str, text: str
) -> None:
    assert flesch_douma(text) >= MIN_FLESCH_DOUMA, text


def test_no_printed_text_holds_an_unexplained_word_of_the_trade() -> None:
    contents: list[PlanContent | ReferralLetterContent] = [*_plans().values()]
    contents += _letters().values()
    texts = [text for content in contents for _, text in printed_texts(content)]
    texts += [*PLAN_SECTIONS, FIRST_THINGS_TITLE]
    assert {text: words for text in texts if (words := unexplained_trade_words(text))} == {}


def test_the_catalog_texts_the_entrepreneur_reads_explain_their_trade_words() -> None:
    catalog = load_default_catalog()
    texts = [
        *(t for i in catalog.instruments for t in (i.name, i.description, i.cost_note)),
        *(t for p in catalog.partners for t in (p.name, p.description)),
    ]
    assert {t: w for t in texts if (w := unexplained_trade_words(t))} == {}


def test_a_bare_route_number_and_a_bare_abbreviation_are_caught() -> None:
    assert unexplained_trade_words("Dit past bij route 2.") == ["route 2"]
    assert unexplained_trade_words("U kunt Bbz krijgen.") == ["Bbz"]
    assert unexplained_trade_words("Route 2: problemen oplossen") == []
    assert unexplained_trade_words("Werkgeversservicepunt (WSP)") == []
    assert unexplained_trade_words("Bbz (een uitkering voor zelfstandigen)") == []


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def test_no_fixed_sentence_is_longer_than_twenty_words() -> None:
    from casedesk.domain import plan_content

    fixed = [
        CRISIS_LINE,
        DEFAULT_PRIVACY_TEXT,
        *plan_content._ROUTE_EXPLANATIONS.values(),
        *plan_content._WISH_SENTENCES.values(),
        *plan_content._DEBT_SENTENCES.values(),
        *(rule.text for rule in advice_rules.ALL_RULES),
    ]
    long = [s for text in fixed for s in _sentences(text) if len(s.split()) > 20]
    assert long == []


def test_the_default_privacy_text_reads_easily() -> None:
    assert flesch_douma(DEFAULT_PRIVACY_TEXT) >= 70
