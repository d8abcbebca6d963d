"""Follow-up use cases on a real encrypted store: add, done, Vandaag, overdue count."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from casedesk.db.models import Action as ActionRow
from casedesk.db.models import Appointment as AppointmentRow
from casedesk.db.models import FollowUp
from casedesk.db.store import Store
from casedesk.domain.closing import CaseClosedError, Outcome
from casedesk.domain.dutch import AMSTERDAM
from casedesk.domain.followups import FollowUpRuleError
from casedesk.domain.referrals import ReferralDraft
from casedesk.errors import KnownError
from casedesk.services.closing import close_case
from casedesk.services.followups import (
    add_follow_up,
    case_follow_ups,
    mark_follow_up_done,
    overdue_count,
    overdue_message,
    today_overview,
)
from casedesk.services.referrals import create_referral
from tests.services.casework_store import NOW, actions, add_case, events, store

__all__ = ["store"]

TODAY = date(2026, 11, 27)


def add_due(store: Store, case_id: int, due: date, note: str = "Bellen over de offerte") -> int:
    # Added "earlier" so a due date in the past is allowed, as if it was planned back then.
    return add_follow_up(store, case_id, due, note, datetime(2026, 1, 1, tzinfo=UTC))


def test_a_caseworker_adds_a_follow_up_to_any_dossier(store: Store) -> None:
    case_id = add_case(store)
    follow_up_id = add_follow_up(store, case_id, TODAY + timedelta(days=3), " Bellen ", NOW)
    [record] = case_follow_ups(store, case_id)
    assert (record.follow_up_id, record.note, record.done_at) == (follow_up_id, "Bellen", None)
    assert actions(store, case_id)[-2:] == ["follow_up.created", "follow_ups.viewed"]


def test_a_follow_up_in_the_past_is_refused_and_nothing_is_stored(store: Store) -> None:
    case_id = add_case(store)
    with pytest.raises(FollowUpRuleError, match="in het verleden"):
        add_follow_up(store, case_id, TODAY - timedelta(days=1), "Bellen", NOW)
    assert case_follow_ups(store, case_id) == []


def test_marking_done_keeps_the_note_and_the_moment(store: Store) -> None:
    case_id = add_case(store)
    follow_up_id = add_due(store, case_id, TODAY)
    mark_follow_up_done(store, follow_up_id, "Gebeld: coaching is gestart", NOW)
    [record] = case_follow_ups(store, case_id)
    assert (record.done_at, record.done_note) == (NOW, "Gebeld: coaching is gestart")


def test_marking_done_without_a_note_is_refused_and_it_stays_open(store: Store) -> None:
    case_id = add_case(store)
    follow_up_id = add_due(store, case_id, TODAY)
    with pytest.raises(FollowUpRuleError) as raised:
        mark_follow_up_done(store, follow_up_id, "  ", NOW)
    assert "De opvolging staat nog open." in raised.value.message
    assert case_follow_ups(store, case_id)[0].done_at is None


def test_marking_done_twice_is_refused(store: Store) -> None:
    follow_up_id = add_due(store, add_case(store), TODAY)
    mark_follow_up_done(store, follow_up_id, "Gedaan", NOW)
    with pytest.raises(FollowUpRuleError, match="al als gedaan"):
        mark_follow_up_done(store, follow_up_id, "Nog eens", NOW)


def test_marking_an_unknown_follow_up_done_says_to_refresh(store: Store) -> None:
    case_id = add_case(store)
    with pytest.raises(KnownError, match=re.escape("Opvolging 404 bestaat niet (meer). Vernieuw")):
        mark_follow_up_done(store, 404, "Gedaan", NOW)
    assert case_follow_ups(store, case_id) == []


def test_vandaag_lists_overdue_oldest_first_today_and_the_coming_week(store: Store) -> None:
    first, second = add_case(store), add_case(store, "Jan-Willem", "Bergh", "van den")
    late = add_due(store, second, TODAY - timedelta(days=2))
    oldest = add_due(store, first, TODAY - timedelta(days=30))
    due_today = add_due(store, first, TODAY)
    next_week = add_due(store, second, TODAY + timedelta(days=7))
    add_due(store, second, TODAY + timedelta(days=8))  # later than the coming week
    done = add_due(store, first, TODAY - timedelta(days=5))
    mark_follow_up_done(store, done, "Gedaan", NOW)

    overview = today_overview(store, NOW)
    assert [i.follow_up_id for i in overview.overdue] == [oldest, late]
    assert [i.follow_up_id for i in overview.due_today] == [due_today]
    assert [i.follow_up_id for i in overview.coming_week] == [next_week]
    assert overview.overdue[1].entrepreneur_name == "Jan-Willem van den Bergh"


def test_vandaag_shows_the_partner_of_a_referral_follow_up(store: Store) -> None:
    case_id = add_case(store)
    create_referral(
        store, case_id,
        ReferralDraft("Geldfit Zakelijk", "Schulden", TODAY - timedelta(days=14)), NOW,
    )  # fmt: skip
    [item] = today_overview(store, NOW).due_today
    assert (item.partner_name, item.note) == ("Geldfit Zakelijk", "Nagaan of de hulp is gestart")


def test_closing_a_case_lets_its_follow_ups_lapse_and_leave_vandaag(store: Store) -> None:
    case_id = add_case(store)
    add_due(store, case_id, TODAY - timedelta(days=1))
    close_case(store, case_id, Outcome.MOVED_AWAY, TODAY, NOW, confirmed=True)
    assert today_overview(store, NOW).is_empty
    assert overdue_count(store, NOW) == 0
    [record] = case_follow_ups(store, case_id)
    assert (record.done_at, record.done_note) == (NOW, "Vervallen: het dossier is afgesloten.")
    assert "follow_up.lapsed" in actions(store, case_id)


def test_each_group_shows_the_oldest_rows_up_to_the_limit_and_counts_all(store: Store) -> None:
    case_id = add_case(store)
    late = [add_due(store, case_id, TODAY - timedelta(days=days)) for days in (1, 5, 3, 9)]
    add_due(store, case_id, TODAY)
    overview = today_overview(store, NOW, limit=2)
    assert [item.follow_up_id for item in overview.overdue] == [late[3], late[1]]
    assert overview.overdue_total == 4
    assert (len(overview.due_today), overview.due_today_total) == (1, 1)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 27, 23, 59, tzinfo=AMSTERDAM), 0),
        (datetime(2026, 11, 28, 0, 0, tzinfo=AMSTERDAM), 1),
        (datetime(2026, 11, 27, 22, 59, tzinfo=UTC), 0),
        (datetime(2026, 11, 27, 23, 0, tzinfo=UTC), 1),
    ],
)
def test_overdue_count_turns_at_midnight_in_amsterdam(
    store: Store, now: datetime, expected: int
) -> None:
    add_due(store, add_case(store), TODAY)
    assert overdue_count(store, now) == expected


@pytest.mark.parametrize(
    ("due", "now", "expected"),
    [
        # Clocks go forward on Sunday 29 March 2026: that midnight is 22:00 UTC.
        (date(2026, 3, 29), datetime(2026, 3, 29, 21, 59, tzinfo=UTC), 0),
        (date(2026, 3, 29), datetime(2026, 3, 29, 22, 0, tzinfo=UTC), 1),
        # Clocks go back on Sunday 25 October 2026: that midnight is 23:00 UTC.
        (date(2026, 10, 25), datetime(2026, 10, 25, 22, 59, tzinfo=UTC), 0),
        (date(2026, 10, 25), datetime(2026, 10, 25, 23, 0, tzinfo=UTC), 1),
    ],
)
def test_overdue_count_is_right_across_daylight_saving_changes(
    store: Store, due: date, now: datetime, expected: int
) -> None:
    add_due(store, add_case(store), due)
    assert overdue_count(store, now) == expected


def test_the_start_message_counts_overdue_follow_ups_in_dutch() -> None:
    assert overdue_message(0) is None
    assert overdue_message(1) == "Er is 1 opvolging te laat. Kijk in ‘Vandaag’."
    assert overdue_message(3) == "Er zijn 3 opvolgingen te laat. Kijk in ‘Vandaag’."


def test_a_closed_case_refuses_new_and_done_follow_ups(store: Store) -> None:
    case_id = add_case(store)
    follow_up_id = add_due(store, case_id, TODAY)
    close_case(store, case_id, Outcome.DROPPED_OUT, TODAY, NOW, confirmed=True)
    with pytest.raises(CaseClosedError):
        add_follow_up(store, case_id, TODAY, "Bellen", NOW)
    with pytest.raises(CaseClosedError):
        mark_follow_up_done(store, follow_up_id, "Gedaan", NOW)
    with store.session() as session:
        assert session.scalars(select(FollowUp.done_note)).all() == [
            "Vervallen: het dossier is afgesloten."
        ]


def test_follow_up_notes_stay_out_of_the_audit_log(store: Store) -> None:
    case_id = add_case(store)
    follow_up_id = add_due(store, case_id, TODAY, "Zoë bellen over schulden")
    mark_follow_up_done(store, follow_up_id, "Zoë gebeld", NOW)
    logged = " ".join(str(event.details) for event in events(store, case_id))
    assert "Zoë" not in logged and "schulden" not in logged


def add_work(store: Store, case_id: int) -> None:
    """Actions of every kind and two appointments (one passed) for the Vandaag tests."""
    with store.transaction() as session:
        for description, owner, due, done in (
            ("Schuldhulp bellen", "klantmanager", TODAY + timedelta(days=1), False),
            ("Offerte nakijken", "klantmanager", None, False),
            ("Al gebeld", "klantmanager", TODAY, True),
            ("Brief meenemen", "ondernemer", TODAY, False),
            ("Later in het jaar", "klantmanager", TODAY + timedelta(days=60), False),
        ):
            session.add(ActionRow(case_id=case_id, description=description, owner=owner,
                                  due_date=due, done=done))  # fmt: skip
        for starts_at in (NOW - timedelta(hours=2), NOW + timedelta(days=2)):
            session.add(AppointmentRow(case_id=case_id, starts_at=starts_at, mode="telefoon",
                                       location="06 12345678"))  # fmt: skip


def test_vandaag_lists_the_caseworkers_own_open_actions_earliest_first(store: Store) -> None:
    add_work(store, add_case(store))
    shown = today_overview(store, NOW).my_actions
    assert [item.description for item in shown] == ["Schuldhulp bellen", "Offerte nakijken"]
    assert shown[0].entrepreneur_name == "Zoë Çelik"


def test_vandaag_lists_only_coming_appointments(store: Store) -> None:
    add_work(store, add_case(store))
    [appointment] = today_overview(store, NOW).appointments
    assert appointment.starts_at == NOW + timedelta(days=2)
    assert (appointment.how, appointment.where) == ("Telefonisch", "06 12345678")


def test_a_closed_case_leaves_no_work_on_vandaag(store: Store) -> None:
    case_id = add_case(store)
    add_work(store, case_id)
    close_case(store, case_id, Outcome.BUSINESS_CONTINUED, TODAY, NOW, confirmed=True)
    overview = today_overview(store, NOW)
    assert overview.my_actions == () and overview.appointments == ()
