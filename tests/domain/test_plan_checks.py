from dataclasses import replace
from datetime import UTC, date, datetime

from casedesk.domain.intake import Business, IntakeAnswers
from casedesk.domain.municipality import MunicipalitySettings
from casedesk.domain.plan_checks import points_to_check

TODAY = date(2026, 12, 1)
FULL = MunicipalitySettings(name="Gemeente Tilburg", address="Stadhuisplein 130", phone="14 013")


def test_a_seven_digit_kvk_number_needs_a_look() -> None:
    answers = IntakeAnswers(business=Business(kvk_number="1234567"))
    [point] = points_to_check(answers, TODAY)
    assert point.startswith("KvK-nummer: moet uit 8 cijfers bestaan")


def test_a_passed_appointment_is_named_with_its_date() -> None:
    passed = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    [point] = points_to_check(IntakeAnswers(), TODAY, passed_appointment=passed)
    assert "20 november 2026 is voorbij en komt niet op het actieplan" in point


def test_empty_details_of_the_counter_are_named_together() -> None:
    points = points_to_check(
        IntakeAnswers(), TODAY, municipality=replace(FULL, address="", phone=" "),
        caseworker_email="a@b.nl",
    )  # fmt: skip
    assert points == (
        "Op het actieplan ontbreekt het adres en het telefoonnummer van het loket. "
        "Vul het in via Bestand › Gegevens van de gemeente.",
    )


def test_complete_details_and_answers_leave_nothing_to_check() -> None:
    points = points_to_check(IntakeAnswers(), TODAY, municipality=FULL, caseworker_email="a@b.nl")
    assert points == ()
