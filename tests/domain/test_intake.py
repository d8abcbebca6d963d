"""The intake answers model: labels, names, ages."""

from dataclasses import fields
from datetime import date
from typing import Any

import pytest

from casedesk.domain.intake import (
    FIELD_LABELS,
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
    LabelledEnum,
    LegalForm,
    Scheme,
    Sector,
    Signal,
    Situation,
    Wish,
    age_on,
    display_name,
    field_label,
    has_acute_debts,
    receives_tozo_or_bbz,
    scheme_choice_label,
    schemes_to_choose,
)

ALL_CHOICES: list[type[LabelledEnum]] = [
    Country,
    Sector,
    LegalForm,
    Scheme,
    DebtLevel,
    AcuteDebtKind,
    DebtKind,
    Signal,
    Household,
    Wish,
    HelpRequest,
    Channel,
]


@pytest.mark.parametrize("choice", ALL_CHOICES, ids=lambda c: c.__name__)
def test_every_choice_has_its_own_dutch_label(choice: type[LabelledEnum]) -> None:
    labels = [member.label for member in choice]

    assert all(label and label[0].isupper() for label in labels)
    assert len(set(labels)) == len(labels)


def test_choices_with_the_same_value_in_different_lists_keep_their_own_label() -> None:
    assert Scheme.NONE.label == "Geen regeling"
    assert DebtLevel.NONE.label == "Geen schulden"
    assert Sector.OTHER.label == "Iets anders"
    assert LegalForm.OTHER.label == "Andere rechtsvorm"


def test_the_hulpvraag_holds_the_four_survey_categories_of_the_guide() -> None:
    survey = {
        HelpRequest.FINANCIAL_SUPPORT,
        HelpRequest.ENTREPRENEUR_SKILLS,
        HelpRequest.RETRAIN_AS_ENTREPRENEUR,
        HelpRequest.CAREER_AS_EMPLOYEE,
    }

    assert survey <= set(HelpRequest)


def test_a_new_intake_has_every_answer_empty() -> None:
    intake = IntakeAnswers()

    assert intake.entrepreneur == Entrepreneur()
    assert intake.situation.schemes == frozenset()
    assert intake.future.wish is None
    assert intake.channel is None


def test_every_answer_has_a_dutch_label() -> None:
    sections: dict[str, type[Any]] = {
        "entrepreneur": Entrepreneur,
        "business": Business,
        "situation": Situation,
        "future": Future,
    }
    paths = {f"{name}.{f.name}" for name, cls in sections.items() for f in fields(cls)}
    paths.add("channel")

    assert paths == set(FIELD_LABELS)


def test_field_label_names_sections_too() -> None:
    assert field_label("business.kvk_number") == "KvK-nummer"
    assert field_label("situation") == "Situatie"


@pytest.mark.parametrize(
    ("first_names", "prefix", "surname", "expected"),
    [
        ("Zoë", "van 't", "Hoff-Çelik", "Zoë van 't Hoff-Çelik"),
        ("Jan Willem", "", "Bakker", "Jan Willem Bakker"),
        ("", "de", "Vries", "de Vries"),
        ("  Anouk ", " ", "  Smit", "Anouk Smit"),
        ("", "", "", ""),
    ],
)
def test_display_name_puts_the_tussenvoegsel_between_the_names(
    first_names: str, prefix: str, surname: str, expected: str
) -> None:
    person = Entrepreneur(first_names=first_names, name_prefix=prefix, surname=surname)

    assert display_name(person) == expected


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(1971, 11, 28), date(2026, 11, 28), 55),
        (date(1971, 11, 29), date(2026, 11, 28), 54),
        (date(1984, 2, 29), date(2026, 2, 28), 41),
        (date(1984, 2, 29), date(2026, 3, 1), 42),
    ],
)
def test_age_counts_whole_years(born: date, on: date, age: int) -> None:
    assert age_on(born, on) == age


def test_acute_debts_are_recognised_by_level_or_by_an_acute_problem() -> None:
    assert has_acute_debts(Situation(debts=DebtLevel.ACUTE))
    assert has_acute_debts(Situation(acute_debt_kinds=frozenset({AcuteDebtKind.SEIZURE})))
    assert not has_acute_debts(Situation(debts=DebtLevel.PROBLEMATIC))


def test_tozo_or_bbz_recipients_are_recognised() -> None:
    assert receives_tozo_or_bbz(Situation(schemes=frozenset({Scheme.TOZO})))
    assert not receives_tozo_or_bbz(Situation(schemes=frozenset({Scheme.TVL, Scheme.NOW})))


def test_the_corona_schemes_are_offered_last_as_schemes_one_had() -> None:
    order = schemes_to_choose()
    assert order.index(Scheme.BBZ) < order.index(Scheme.TOZO)
    assert scheme_choice_label(Scheme.TVL).endswith("— gehad, gestopt in 2022")
    assert scheme_choice_label(Scheme.BBZ) == Scheme.BBZ.label
    assert {scheme for scheme in Scheme if "gehad" in scheme_choice_label(scheme)} == {
        Scheme.TOZO, Scheme.TONK, Scheme.TVL, Scheme.NOW,
    }  # fmt: skip
