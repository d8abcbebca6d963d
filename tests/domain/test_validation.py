"""Validation and normalization of the intake answers, with their Dutch messages."""

from datetime import date

import pytest

from casedesk.domain.intake import (
    AcuteDebtKind,
    Business,
    Country,
    DebtKind,
    DebtLevel,
    Entrepreneur,
    IntakeAnswers,
    Scheme,
    Situation,
)
from casedesk.domain.regions import MunicipalityCode
from casedesk.domain.validation import (
    ValidationIssue,
    check_bsn,
    check_date_of_birth,
    check_email,
    check_kvk_number,
    check_municipality_code,
    check_phone,
    check_postcode,
    check_start_date,
    normalize,
    normalize_bsn,
    normalize_phone,
    normalize_postcode,
    validate,
    validate_field,
)

TODAY = date(2026, 11, 28)


# --- KvK number -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["", "69599084", "6959 9084", "69.59.90.84"])
def test_an_empty_or_8_digit_kvk_number_is_fine(value: str) -> None:
    assert check_kvk_number(value) is None


def test_a_short_kvk_number_says_how_many_digits_were_typed() -> None:
    assert check_kvk_number("6959908") == (
        "KvK-nummer: moet uit 8 cijfers bestaan. U typte 7 cijfers."
    )


def test_a_single_digit_is_one_cijfer() -> None:
    assert check_kvk_number("6") == "KvK-nummer: moet uit 8 cijfers bestaan. U typte 1 cijfer."


def test_letters_in_a_kvk_number_are_refused() -> None:
    message = check_kvk_number("KVK12345")

    assert message is not None and message.startswith("KvK-nummer: mag alleen cijfers")


# --- BSN ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["", "111222333", "111.222.333", "12345672"])
def test_a_bsn_that_passes_the_11_proef_is_fine(value: str) -> None:
    assert check_bsn(value) is None


def test_a_bsn_that_fails_the_11_proef_is_refused_with_where_to_look() -> None:
    message = check_bsn("123456789")

    assert message is not None
    assert message.startswith("BSN: dit nummer bestaat niet (de elfproef klopt niet).")
    assert "ID-kaart" in message


def test_a_bsn_of_the_wrong_length_says_so() -> None:
    assert check_bsn("1234") == "BSN: moet uit 9 cijfers bestaan. U typte 4 cijfers."


def test_an_8_digit_bsn_gets_its_leading_zero() -> None:
    assert normalize_bsn("1234 5672") == "012345672"


# --- Postcode -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "country", "written"),
    [
        ("5038ab", None, "5038 AB"),
        (" 5038 ab ", Country.NL, "5038 AB"),
        ("NL-5038AB", Country.NL, "5038 AB"),
        ("2300", Country.BE, "2300"),
        ("B-2300", Country.BE, "2300"),
        ("52062", Country.DE, "52062"),
        ("D-52062", Country.DE, "52062"),
    ],
)
def test_postcodes_are_written_as_on_a_letter(
    value: str, country: Country | None, written: str
) -> None:
    assert check_postcode(value, country) is None
    assert normalize_postcode(value, country) == written


def test_a_dutch_postcode_without_letters_is_refused_with_an_example() -> None:
    assert check_postcode("5038", Country.NL) == (
        "Postcode: een Nederlandse postcode heeft 4 cijfers en 2 letters, zoals 5038 AB. "
        "U typte 5038."
    )


def test_a_dutch_postcode_with_unused_letters_is_refused() -> None:
    message = check_postcode("2611 SS", None)

    assert message == (
        "Postcode: 2611 SS bestaat niet in Nederland: de letters SA, SD en SS komen niet voor."
    )


def test_a_dutch_postcode_is_wrong_for_someone_living_in_belgium() -> None:
    assert check_postcode("5038 AB", Country.BE) == (
        "Postcode: een Belgische postcode heeft 4 cijfers, zoals 2300. U typte 5038 AB."
    )


def test_a_german_postcode_needs_5_digits() -> None:
    message = check_postcode("5206", Country.DE)

    assert message is not None and "5 cijfers" in message


def test_an_invalid_postcode_is_kept_as_typed() -> None:
    assert normalize_postcode(" 50 38 ", Country.NL) == "50 38"


# --- Phone and e-mail -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "country", "readable"),
    [
        ("0612345678", None, "06 12345678"),
        ("+31 13 123 4567", Country.NL, "013 123 4567"),
        ("0470123456", Country.BE, "0470 12 34 56"),
        ("+32470123456", Country.NL, "+32 470 12 34 56"),
        ("0241 1234567", Country.DE, "0241 1234567"),
    ],
)
def test_phone_numbers_are_checked_by_country_and_made_readable(
    value: str, country: Country | None, readable: str
) -> None:
    assert check_phone(value, country) is None
    assert normalize_phone(value, country) == readable


def test_a_phone_number_too_short_for_the_netherlands_is_refused_with_examples() -> None:
    message = check_phone("06 1234", Country.NL)

    assert message is not None
    assert message.startswith("Telefoonnummer: dit is geen geldig Nederlands nummer.")
    assert "06 12345678" in message


def test_a_wrong_german_number_is_refused_in_plain_dutch_with_an_example() -> None:
    message = check_phone("0241 12", Country.DE)

    assert message == (
        "Telefoonnummer: dit is geen geldig Duits nummer. Typ het nummer met netnummer, "
        "zoals 0241 1234567. Een buitenlands nummer begint met + en de landcode."
    )


def test_text_instead_of_a_phone_number_is_refused() -> None:
    message = check_phone("geen telefoon", None)

    assert message is not None and message.startswith("Telefoonnummer:")


@pytest.mark.parametrize("value", ["", "zoe@kapsalon-zoe.nl", "zoë.vanthoff@example.nl"])
def test_well_formed_email_addresses_are_fine(value: str) -> None:
    assert check_email(value) is None


def test_an_email_address_without_at_sign_says_so() -> None:
    assert check_email("zoe.kapsalon.nl") == (
        "E-mailadres: er staat geen @ in. Een e-mailadres ziet eruit als naam@voorbeeld.nl."
    )


def test_an_email_address_with_a_space_is_refused() -> None:
    message = check_email("zoe van t hoff@kapsalon.nl")

    assert message is not None and message.startswith("E-mailadres: dit is geen geldig")


# --- Dates and numbers ----------------------------------------------------------------------


def test_a_date_of_birth_in_the_future_is_refused() -> None:
    assert check_date_of_birth(date(2027, 1, 1), TODAY) == (
        "Geboortedatum: deze datum ligt in de toekomst. Kijk de datum na."
    )


@pytest.mark.parametrize("born", [date(2020, 1, 1), date(1900, 1, 1)])
def test_an_implausible_age_is_refused(born: date) -> None:
    message = check_date_of_birth(born, TODAY)

    assert message is not None and "Kijk de datum na" in message


def test_a_start_date_in_the_future_is_refused() -> None:
    message = check_start_date(date(2026, 12, 1), TODAY, None)

    assert message == "Startdatum bedrijf: deze datum ligt in de toekomst. Kijk de datum na."


def test_a_start_date_before_birth_is_refused() -> None:
    message = check_start_date(date(1980, 1, 1), TODAY, date(1984, 3, 9))

    assert message is not None and "vóór de geboortedatum" in message


def test_a_start_date_before_1900_is_refused() -> None:
    message = check_start_date(date(1890, 1, 1), TODAY, None)

    assert message == "Startdatum bedrijf: deze datum ligt te ver terug. Kijk de datum na."


def test_letters_in_a_bsn_are_refused() -> None:
    assert check_bsn("12345678A") == (
        "BSN: mag alleen cijfers bevatten. Typ de 9 cijfers van het BSN."
    )


def test_a_municipality_code_must_be_a_cbs_code() -> None:
    assert check_municipality_code(MunicipalityCode("GM0855")) is None
    message = check_municipality_code(MunicipalityCode("Tilburg"))
    assert message is not None and "GM0855" in message


def test_hours_per_week_out_of_range_say_what_was_typed() -> None:
    intake = IntakeAnswers(business=Business(hours_per_week=120))

    assert validate_field(intake, "business.hours_per_week", TODAY) == (
        "Uren per week in het bedrijf: moet tussen 0 en 100 uur liggen. U typte 120 uur."
    )


def test_a_turnover_drop_above_100_percent_is_refused() -> None:
    intake = IntakeAnswers(situation=Situation(turnover_drop_percent=140))

    message = validate_field(intake, "situation.turnover_drop_percent", TODAY)

    assert message == "Daling van de omzet: moet tussen 0 en 100% liggen. U typte 140%."


# --- Answers that contradict each other -----------------------------------------------------


def test_no_scheme_and_a_scheme_together_are_refused() -> None:
    intake = IntakeAnswers(situation=Situation(schemes=frozenset({Scheme.NONE, Scheme.TOZO})))

    message = validate_field(intake, "situation.schemes", TODAY)

    assert message is not None and "Kies één van beide" in message


def test_an_acute_problem_with_debts_marked_manageable_asks_to_choose() -> None:
    intake = IntakeAnswers(
        situation=Situation(
            debts=DebtLevel.MANAGEABLE, acute_debt_kinds=frozenset({AcuteDebtKind.EVICTION})
        )
    )

    message = validate_field(intake, "situation.acute_debt_kinds", TODAY)

    assert message is not None
    assert "Schulden, maar de betalingen lukken" in message
    assert "Acute schulden: er dreigt direct gevaar" in message


def test_kinds_of_debt_with_no_debts_are_refused() -> None:
    intake = IntakeAnswers(
        situation=Situation(debts=DebtLevel.NONE, debt_kinds=frozenset({DebtKind.TAX}))
    )

    assert validate_field(intake, "situation.debt_kinds", TODAY) is not None


# --- The whole intake -----------------------------------------------------------------------


def test_an_empty_intake_has_no_issues() -> None:
    assert validate(IntakeAnswers(), TODAY) == []


def test_the_postcode_is_checked_against_the_country_of_residence() -> None:
    intake = IntakeAnswers(entrepreneur=Entrepreneur(postcode="2300", country=Country.BE))

    assert validate(intake, TODAY) == []


def test_validate_lists_every_issue_in_form_order_with_its_field() -> None:
    intake = IntakeAnswers(
        entrepreneur=Entrepreneur(email="zoe", postcode="50", bsn="123456789"),
        business=Business(kvk_number="1234567"),
    )

    issues = validate(intake, TODAY)

    assert [issue.field for issue in issues] == [
        "entrepreneur.email",
        "entrepreneur.postcode",
        "entrepreneur.bsn",
        "business.kvk_number",
    ]
    assert issues[3] == ValidationIssue(
        "business.kvk_number", "KvK-nummer: moet uit 8 cijfers bestaan. U typte 7 cijfers."
    )


def test_a_field_without_a_check_is_always_fine() -> None:
    assert validate_field(IntakeAnswers(), "entrepreneur.first_names", TODAY) is None


def test_normalize_writes_valid_values_and_keeps_invalid_ones_as_typed() -> None:
    intake = IntakeAnswers(
        entrepreneur=Entrepreneur(
            postcode="5038ab", phone="0612345678", email=" zoe@Kapsalon.NL ", bsn="1234 5672"
        ),
        business=Business(kvk_number="6959 9084"),
    )
    broken = IntakeAnswers(entrepreneur=Entrepreneur(postcode="50", phone="06 1234"))

    written = normalize(intake)

    assert written.entrepreneur.postcode == "5038 AB"
    assert written.entrepreneur.phone == "06 12345678"
    assert written.entrepreneur.email == "zoe@kapsalon.nl"
    assert written.entrepreneur.bsn == "012345672"
    assert written.business.kvk_number == "69599084"
    assert normalize(broken).entrepreneur.postcode == "50"
    assert normalize(broken).entrepreneur.phone == "06 1234"
