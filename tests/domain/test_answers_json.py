"""The answers JSON format: round trips, the documented examples, and bad files."""

import json
from datetime import date
from pathlib import Path

import pytest

from casedesk.domain.answers_json import (
    AnswersFormatError,
    FormatProblem,
    answers_from_json_dict,
    answers_from_json_text,
    answers_to_json_dict,
)
from casedesk.domain.intake import (
    AcuteDebtKind,
    Business,
    Channel,
    Country,
    DebtLevel,
    Entrepreneur,
    Future,
    HelpRequest,
    IntakeAnswers,
    Scheme,
    Situation,
    Wish,
)
from casedesk.domain.regions import MunicipalityCode
from casedesk.domain.validation import validate

EXAMPLES = sorted((Path(__file__).parents[2] / "docs" / "examples").glob("*.json"))

ZOE = IntakeAnswers(
    entrepreneur=Entrepreneur(
        first_names="Zoë",
        name_prefix="van 't",
        surname="Hoff-Çelik",
        date_of_birth=date(1984, 3, 9),
        municipality_code=MunicipalityCode("GM0855"),
        country=Country.NL,
    ),
    business=Business(trade_name="Kapsalon Zoë", kvk_number="69599084", staff=1),
    situation=Situation(
        schemes=frozenset({Scheme.TOZO, Scheme.TVL}),
        living_costs_covered=False,
        debts=DebtLevel.ACUTE,
        acute_debt_kinds=frozenset({AcuteDebtKind.EVICTION}),
        crisis=False,
    ),
    future=Future(
        wish=Wish.CONTINUE_WITH_CHANGES, help_requests=frozenset({HelpRequest.DEBT_HELP})
    ),
    channel=Channel.TOZO_OR_BBZ,
)


def problems_of(data: object) -> tuple[FormatProblem, ...]:
    with pytest.raises(AnswersFormatError) as caught:
        answers_from_json_dict(data)
    return caught.value.problems


def test_answers_survive_a_round_trip_through_json_text() -> None:
    text = json.dumps(answers_to_json_dict(ZOE), ensure_ascii=False)

    assert answers_from_json_text(text) == ZOE


def test_sets_are_saved_in_the_order_of_the_form() -> None:
    data = answers_to_json_dict(ZOE)

    assert data["situation"]["schemes"] == ["tozo", "tvl"]
    assert data["format_version"] == 1
    assert data["entrepreneur"]["date_of_birth"] == "1984-03-09"


def test_an_incomplete_intake_is_fine() -> None:
    assert answers_from_json_dict({"format_version": 1}) == IntakeAnswers()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_the_documented_examples_are_valid_answers(example: Path) -> None:
    answers = answers_from_json_text(example.read_text(encoding="utf-8"))

    assert validate(answers, date(2026, 11, 28)) == []


def test_there_are_documented_examples() -> None:
    assert len(EXAMPLES) >= 3


def test_a_misspelt_field_is_refused_with_a_suggestion() -> None:
    data = {"format_version": 1, "business": {"kvk_nummer": "69599084"}}

    (problem,) = problems_of(data)

    assert problem.field == "business.kvk_nummer"
    assert problem.message == (
        "Het veld “business.kvk_nummer” kent casedesk niet. Bedoelt u “business.kvk_number”?"
    )


def test_a_number_where_text_belongs_names_the_field_in_dutch() -> None:
    (problem,) = problems_of({"format_version": 1, "business": {"kvk_number": 69599084}})

    assert problem.message == (
        "Het veld “business.kvk_number” (KvK-nummer) moet tekst tussen aanhalingstekens zijn, "
        "maar is een getal."
    )


def test_an_unknown_choice_lists_the_choices() -> None:
    (problem,) = problems_of({"format_version": 1, "future": {"wish": "doorgaan_zoals_nu"}})

    assert problem.field == "future.wish"
    assert problem.message.startswith(
        "Het veld “future.wish” (Wens voor de toekomst) heeft “doorgaan_zoals_nu”: "
        "dat is geen keuze die casedesk kent. Kies uit: “doorgaan”,"
    )


def test_a_bad_element_of_a_list_is_named_by_its_position() -> None:
    (problem,) = problems_of({"format_version": 1, "situation": {"schemes": ["tozo", "tozoo"]}})

    assert problem.message.startswith(
        "Het veld “situation.schemes” (Regelingen), keuze 2, heeft “tozoo”"
    )


def test_a_dutch_date_notation_is_refused_with_the_iso_form() -> None:
    data = {"format_version": 1, "entrepreneur": {"date_of_birth": "09-03-1984"}}

    (problem,) = problems_of(data)

    assert "JJJJ-MM-DD" in problem.message and "Geboortedatum" in problem.message


@pytest.mark.parametrize(
    ("section", "field", "value", "expected"),
    [
        ("business", "staff", "1", "een heel getal"),
        ("business", "staff", True, "een heel getal"),
        ("situation", "crisis", "nee", "true, false of null"),
        ("situation", "schemes", "tozo", "een lijst"),
        ("entrepreneur", "first_names", None, "tekst"),
    ],
)
def test_wrong_types_say_what_was_expected(
    section: str, field: str, value: object, expected: str
) -> None:
    (problem,) = problems_of({"format_version": 1, section: {field: value}})

    assert problem.field == f"{section}.{field}"
    assert f"moet {expected}" in problem.message


def test_a_section_that_is_not_an_object_is_refused() -> None:
    (problem,) = problems_of({"format_version": 1, "situation": ["acuut"]})

    assert problem.message == (
        "Het veld “situation” (Situatie) moet een object zijn ({ … }), maar is een lijst."
    )


def test_every_problem_is_reported_at_once() -> None:
    data = {
        "format_version": 1,
        "business": {"kvk_number": 1, "staff": "2"},
        "future": {"wish": "x"},
    }

    assert [p.field for p in problems_of(data)] == [
        "business.kvk_number",
        "business.staff",
        "future.wish",
    ]


def test_the_message_tells_what_to_do() -> None:
    with pytest.raises(AnswersFormatError) as caught:
        answers_from_json_dict({"format_version": 1, "channel": "fax"})

    assert str(caught.value).startswith(
        "Het antwoordenbestand klopt niet. Pas deze punten aan en probeer het opnieuw:\n- "
    )


def test_a_missing_format_version_is_refused() -> None:
    (problem,) = problems_of({"future": {"wish": "doorgaan"}})

    assert (
        problem.message == 'Het veld “format_version” ontbreekt. Zet bovenaan: "format_version": 1.'
    )


def test_a_newer_format_version_is_refused() -> None:
    (problem,) = problems_of({"format_version": 2})

    assert "Versie 2 van het antwoordenformaat" in problem.message


def test_a_list_instead_of_an_object_is_refused() -> None:
    (problem,) = problems_of([{"format_version": 1}])

    assert "één JSON-object" in problem.message


def test_broken_json_names_line_and_column() -> None:
    text = '{\n  "format_version": 1,\n  "future": {"wish": "doorgaan",}\n}'

    with pytest.raises(AnswersFormatError) as caught:
        answers_from_json_text(text)

    assert "op regel 3, kolom 33" in str(caught.value)


def test_the_format_document_lists_every_field_and_choice() -> None:
    document = (Path(__file__).parents[2] / "docs" / "answers-format.md").read_text("utf-8")
    data = answers_to_json_dict(IntakeAnswers())
    fields = [key for section in data.values() if isinstance(section, dict) for key in section]
    choices = [
        member.value
        for choice in (Country, Channel, Scheme, DebtLevel, AcuteDebtKind, Wish, HelpRequest)
        for member in choice
    ]

    assert all(f"`{field}`" in document for field in fields)
    assert all(f"`{value}`" in document for value in choices)
