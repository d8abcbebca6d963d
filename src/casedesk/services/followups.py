"""Follow-up use cases: add one, mark one done, the Vandaag overview, the overdue count."""

from datetime import date, datetime, time, timedelta

from casedesk.db import followups_repo, settings_repo, today_repo
from casedesk.db.audit import record_event
from casedesk.db.closing_repo import ensure_case_open
from casedesk.db.data_store import DataStore
from casedesk.db.followups_repo import FollowUpRecord
from casedesk.domain.dutch import AMSTERDAM
from casedesk.domain.followups import (
    GROUP_LIMIT,
    TodayOverview,
    check_done_note,
    check_new_follow_up,
    local_today,
    week_end,
)
from casedesk.services.outcomes import outcome_logged


@outcome_logged("follow_up.created")
def add_follow_up(store: DataStore, case_id: int, due_date: date, note: str, now: datetime) -> int:
    """A caseworker's own follow-up on any open dossier; returns its id."""
    cleaned = check_new_follow_up(note, due_date, local_today(now))
    with store.transaction() as session:
        ensure_case_open(session, case_id)
        actor = settings_repo.current_caseworker_id(session)
        return followups_repo.insert_follow_up(session, actor, case_id, due_date, cleaned)


@outcome_logged("follow_up.done", "follow_up")
def mark_follow_up_done(store: DataStore, follow_up_id: int, note: str, now: datetime) -> None:
    """Marks a follow-up done with a short note (required, Dutch message when empty)."""
    cleaned = check_done_note(note)
    with store.transaction() as session:
        case_id = followups_repo.follow_up_case_id(session, follow_up_id)
        ensure_case_open(session, case_id)
        actor = settings_repo.current_caseworker_id(session)
        followups_repo.mark_done(session, actor, follow_up_id, now, cleaned)


def today_overview(store: DataStore, now: datetime, limit: int = GROUP_LIMIT) -> TodayOverview:
    """The Vandaag view: overdue (oldest first), due today, the coming week.

    Each group holds at most ``limit`` rows (the oldest); its total is counted in full.
    Audited as one event (like the case list, it shows summary rows of many dossiers).
    """
    today = local_today(now)
    yesterday, tomorrow = today - timedelta(days=1), today + timedelta(days=1)
    groups = ((None, yesterday), (today, today), (tomorrow, week_end(today)))
    with store.transaction() as session:
        shown = [
            followups_repo.open_follow_ups_between(session, first, last, limit)
            for first, last in groups
        ]
        totals = [
            len(items) if len(items) < limit
            else followups_repo.count_open_between(session, first, last)
            for items, (first, last) in zip(shown, groups, strict=True)
        ]  # fmt: skip
        actor = settings_repo.current_caseworker_id(session)
        my_actions = today_repo.open_caseworker_actions(session, actor, week_end(today), limit)
        until = datetime.combine(week_end(today) + timedelta(days=1), time(), AMSTERDAM)
        appointments = today_repo.coming_appointments(session, now, until, limit)
        record_event(session, actor, "follow_ups.overview_viewed", "follow_up", None, None,
                     {"count": sum(len(items) for items in shown),
                      "actions": len(my_actions), "appointments": len(appointments)})  # fmt: skip
    return TodayOverview(
        today=today,
        overdue=tuple(shown[0]),
        due_today=tuple(shown[1]),
        coming_week=tuple(shown[2]),
        overdue_total=totals[0],
        due_today_total=totals[1],
        coming_week_total=totals[2],
        my_actions=tuple(my_actions),
        appointments=tuple(appointments),
    )


def overdue_count(store: DataStore, now: datetime) -> int:
    """How many follow-ups are overdue at ``now`` (for the message at start-up)."""
    with store.session() as session:
        return followups_repo.count_overdue(session, local_today(now))


def overdue_message(count: int) -> str | None:
    """The start-up message for ``count`` overdue follow-ups; None when there are none."""
    if count == 0:
        return None
    if count == 1:
        return "Er is 1 opvolging te laat. Kijk in ‘Vandaag’."
    return f"Er zijn {count} opvolgingen te laat. Kijk in ‘Vandaag’."


@outcome_logged("follow_ups.viewed")
def case_follow_ups(store: DataStore, case_id: int) -> list[FollowUpRecord]:
    """A dossier's follow-ups, open and done (an audited read)."""
    with store.transaction() as session:
        actor = settings_repo.current_caseworker_id(session)
        return followups_repo.case_follow_ups(session, actor, case_id)
