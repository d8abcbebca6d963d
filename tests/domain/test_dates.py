from datetime import date

import pytest

from casedesk.domain.dates import far_ahead, read_date

TODAY = date(2026, 12, 1)

THE_FIRST_OF_DECEMBER = [
    "1-12-2026", "01-12-2026", "01122026", "1/12/26", "1 dec 2026", "1 december 2026",
    "1 dec. 2026", "1.12.2026", " 1 - 12 - 2026 ", "011226", "2026-12-01", "1 DEC 2026",
]  # fmt: skip


@pytest.mark.parametrize("typed", THE_FIRST_OF_DECEMBER)
def test_every_usual_way_of_typing_a_date_reads_the_same_date(typed: str) -> None:
    assert read_date(typed, TODAY) == read_date("1-12-2026", TODAY)
    assert read_date(typed, TODAY).day == date(2026, 12, 1)


@pytest.mark.parametrize("typed", ["09-12-2026", "08-12-2026", "11-12-2026"])
def test_a_leading_zero_never_changes_the_year(typed: str) -> None:
    reading = read_date(typed, TODAY)
    assert reading.day is not None and reading.day.year == 2026


@pytest.mark.parametrize(
    ("typed", "month"),
    [("3 mrt 2027", 3), ("3 maart 2027", 3), ("3 mei 2027", 5), ("3 okt 2027", 10),
     ("3 sept 2027", 9), ("3 jun 2027", 6), ("3 feb 2027", 2)],
)  # fmt: skip
def test_dutch_month_names_and_abbreviations_are_read(typed: str, month: int) -> None:
    assert read_date(typed, TODAY).day == date(2027, month, 3)


def test_a_date_that_does_not_exist_says_so() -> None:
    reading = read_date("31-02-1979", TODAY)
    assert reading.day is None
    assert reading.problem is not None and "31 februari 1979 bestaat niet" in reading.problem


def test_month_thirteen_says_there_is_no_such_month() -> None:
    reading = read_date("1-13-2026", TODAY)
    assert reading.problem is not None and "geen maand 13" in reading.problem


@pytest.mark.parametrize("typed", ["morgen", "1-12-202", "12345", "1 foo 2026", "1-2-3-4"])
def test_text_that_is_no_date_says_how_to_type_one(typed: str) -> None:
    reading = read_date(typed, TODAY)
    assert reading.day is None
    assert reading.problem is not None and "dag-maand-jaar" in reading.problem


def test_an_empty_text_is_no_date_and_no_problem() -> None:
    assert read_date("  ", TODAY).day is None
    assert read_date("  ", TODAY).problem is None


def test_a_two_digit_year_lands_at_most_twenty_years_ahead() -> None:
    assert read_date("1-1-46", TODAY).day == date(2046, 1, 1)
    assert read_date("1-1-47", TODAY).day == date(1947, 1, 1)


def test_a_two_digit_birth_year_never_lies_ahead() -> None:
    assert read_date("27-11-79", TODAY, in_the_past=True).day == date(1979, 11, 27)
    assert read_date("27-11-30", TODAY, in_the_past=True).day == date(1930, 11, 27)
    assert read_date("27-11-05", TODAY, in_the_past=True).day == date(2005, 11, 27)


def test_a_date_without_a_year_is_this_year() -> None:
    assert read_date("24-12", TODAY).day == date(2026, 12, 24)


def test_only_dates_beyond_two_years_are_far_ahead() -> None:
    assert not far_ahead(date(2028, 12, 1), TODAY)
    assert far_ahead(date(2028, 12, 2), TODAY)
    assert far_ahead(date(2202, 12, 1), TODAY)
    assert not far_ahead(date(2029, 2, 28), date(2027, 2, 28))
