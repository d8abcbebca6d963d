"""Dutch time, dates and lists as people at the counter read them, for every layer alike."""

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
"""The counter's time zone, also on a laptop whose clock is set to another zone."""

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def long_date(day: date) -> str:
    """``27 november 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_year(day: date) -> str:
    """``oktober 2021``: enough to see how old an entry is."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def dutch_time(moment: datetime) -> datetime:
    """A stored (aware) moment in Dutch time; a naive moment is taken as already Dutch."""
    return moment.astimezone(AMSTERDAM) if moment.tzinfo is not None else moment


def join_dutch(words: Iterable[str]) -> str:
    """``a, b en c``: the way a Dutch sentence lists things."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} en {items[-1]}"


def lower_first(text: str) -> str:
    """A label made to go inside a sentence: ``Schulden`` becomes ``schulden``."""
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """A sentence part made to open a sentence: ``de ondernemer`` becomes ``De ondernemer``."""
    return text[:1].upper() + text[1:]
