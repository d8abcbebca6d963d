"""The wall clock, read in one place: the moment (UTC) and the date at the counter.

The date is the one in the Netherlands whatever the laptop's own time zone, so a dossier
closed or a file named at 23:30 carries the same date as the counter's agenda.
"""

from datetime import UTC, date, datetime


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    """The date in the Netherlands now."""
    # Imported here: the time zone data costs the empty window milliseconds it never needs.
    from casedesk.domain.followups import local_today

    return local_today(now())
