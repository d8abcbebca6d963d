"""The report's counts as a regional coordinator reads them: from the server's function.

``casedesk_report_counts(first, last, today)`` (migration 0026) runs as the owner and
returns counts only, one row per (figure, municipality, value): the same groups
``db/report_repo.py`` counts for a caseworker or on one laptop, with the days to the first
plan and the state of each follow-up already counted in the Dutch calendar. They become
the same :class:`RawFigures`, so ``domain/report.py`` protects the small numbers for both
in one place.
"""

from collections import defaultdict
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from casedesk.db.settings_repo import municipality_names
from casedesk.domain.report import FollowUpCount, ItemCount, PlanDelayRow, RawFigures, Topic


def aggregate_counts(session: Session, first: date, last: date, today: date) -> RawFigures:
    rows = session.execute(
        text(
            "SELECT topic, municipality_code, item, amount "
            "FROM casedesk_report_counts(:first, :last, :today)"
        ),
        {"first": first, "last": last, "today": today},
    )
    intakes: dict[str, int] = {}
    items: dict[Topic, list[ItemCount]] = defaultdict(list)
    plan_delays = []
    follow_ups = []
    for topic, code, item, amount in rows:
        match Topic(topic):
            case Topic.INTAKES:
                intakes[code] = int(amount)
            case Topic.FIRST_PLAN:
                plan_delays.append(PlanDelayRow(code, int(item), int(amount)))
            case Topic.FOLLOW_UP:
                follow_ups.append(FollowUpCount(code, str(item), int(amount)))
            case other:
                items[other].append(ItemCount(code, item, int(amount)))
    return RawFigures(
        intakes=intakes,
        items=dict(items),
        plan_delays=plan_delays,
        follow_ups=follow_ups,
        municipality_names=municipality_names(session),
    )
