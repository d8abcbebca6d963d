"""Dates as a caseworker types them: ``1-12-2026``, ``01-12-2026``, ``01122026``,
``1/12/26``, ``1 dec 2026`` or ``1 december 2026``, all read the same way.

Every date field and date cell of the app reads its text here, so one rule decides what a
typed date means. A text that is not a date says why in plain Dutch ("31 februari 1979
bestaat niet"), never a silent guess.
"""

import re
from dataclasses import dataclass
from datetime import date

from casedesk.domain.dutch import MONTHS, long_date

EXAMPLE = "27-11-2026"

_MONTH_WORDS: dict[str, int] = {
    **{name: number for number, name in enumerate(MONTHS, start=1)},
    **{name[:3]: number for number, name in enumerate(MONTHS, start=1)},
    "mrt": 3, "sept": 9, "okt": 10,
    # The English abbreviations that differ, as a laptop's calendar may print them.
    "mar": 3, "may": 5, "oct": 10,
}  # fmt: skip

_PARTS = re.compile(r"\d+|[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class DateReading:
    """What a typed text means: a date, nothing (empty), or why it is not a date."""

    day: date | None
    problem: str | None = None
    """A Dutch sentence (lower case start) that says what is wrong and what to do."""


def read_date(text: str, today: date, *, in_the_past: bool = False) -> DateReading:
    """Read a typed date. ``today`` fills a missing year and places a two-digit year: in the
    century that keeps it at most 20 years ahead, or, with ``in_the_past`` (a birth date),
    not after this year."""
    words = _PARTS.findall(text.strip().lower())
    if not words:
        return DateReading(None)
    parts = _numbers(words)
    if parts is None:
        return DateReading(None, unreadable())
    day_number, month_number, year_text = parts
    if month_number < 1 or month_number > 12:
        return DateReading(None, f"er is geen maand {month_number}. {_how_to_type()}")
    year = _full_year(year_text, today, in_the_past)
    try:
        return DateReading(date(year, month_number, day_number))
    except ValueError:
        month = MONTHS[month_number - 1]
        return DateReading(
            None, f"{day_number} {month} {year} bestaat niet. Kijk de dag en de maand na."
        )


def unreadable() -> str:
    return f"dit is geen datum die de app kan lezen. {_how_to_type()}"


def _how_to_type() -> str:
    return f"Typ de datum als dag-maand-jaar, zoals {EXAMPLE}."


def _numbers(words: list[str]) -> tuple[int, int, str | None] | None:
    """Day, month and the year as typed (``None`` when left out)."""
    if len(words) == 1 and words[0].isdigit() and len(words[0]) in (6, 8):
        digits = words[0]
        return int(digits[:2]), int(digits[2:4]), digits[4:]
    if len(words) == 3 and words[0].isdigit() and len(words[0]) == 4:
        words = [words[2], words[1], words[0]]  # 2026-12-01, as a computer writes it
    if len(words) not in (2, 3) or not words[0].isdigit() or len(words[0]) > 2:
        return None
    if words[1].isdigit():
        if len(words[1]) > 2:
            return None
        month = int(words[1])
    elif words[1] in _MONTH_WORDS:
        month = _MONTH_WORDS[words[1]]
    else:
        return None
    year = words[2] if len(words) == 3 else None
    if year is not None and (not year.isdigit() or len(year) not in (2, 4)):
        return None
    return int(words[0]), month, year


def _full_year(typed: str | None, today: date, in_the_past: bool) -> int:
    if typed is None:
        return today.year
    if len(typed) == 4:
        return int(typed)
    in_this_century = today.year // 100 * 100 + int(typed)
    latest = today.year if in_the_past else today.year + 20
    return in_this_century if in_this_century <= latest else in_this_century - 100


def far_ahead(day: date, today: date) -> bool:
    """More than two years ahead: a date the caseworker is asked to be sure of."""
    try:
        limit = today.replace(year=today.year + 2)
    except ValueError:  # 29 February
        limit = date(today.year + 2, 3, 1)
    return day > limit


def far_ahead_question(day: date) -> str:
    return f"{long_date(day)} ligt meer dan twee jaar vooruit. Klopt dat?"
