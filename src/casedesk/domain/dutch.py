"""Dutch time and dates as people at the counter read them, for every layer alike."""

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


def dutch_time(moment: datetime) -> datetime:
    """A stored (aware) moment in Dutch time; a naive moment is taken as already Dutch."""
    return moment.astimezone(AMSTERDAM) if moment.tzinfo is not None else moment
