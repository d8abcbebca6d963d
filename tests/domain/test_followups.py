"""Due today, overdue and the coming week, in Europe/Amsterdam time."""

from datetime import UTC, date, datetime

import pytest

from casedesk.domain.dutch import AMSTERDAM
from casedesk.domain.followups import (
    MAX_NOTE_LENGTH,
    FollowUpItem,
    FollowUpRuleError,
    check_done_note,
    check_new_follow_up,
    is_overdue,
    local_today,
    overview,
)


def item(follow_up_id: int, due: date) -> FollowUpItem:
    return FollowUpItem(follow_up_id, 100 + follow_up_id, due, "Nagaan", "Zoë Çelik", "")


def test_just_before_midnight_in_amsterdam_a_follow_up_due_today_is_not_overdue() -> None:
    now = datetime(2026, 11, 27, 23, 59, tzinfo=AMSTERDAM)
    assert not is_overdue(date(2026, 11, 27), now)


def test_at_midnight_in_amsterdam_yesterdays_follow_up_is_overdue() -> None:
    now = datetime(2026, 11, 28, 0, 0, tzinfo=AMSTERDAM)
    assert is_overdue(date(2026, 11, 27), now)


def test_at_23_00_utc_in_winter_it_is_already_tomorrow_in_amsterdam() -> None:
    now = datetime(2026, 11, 27, 23, 0, tzinfo=UTC)  # 00:00 on the 28th, CET
    assert local_today(now) == date(2026, 11, 28)
    assert is_overdue(date(2026, 11, 27), now)


def test_at_22_59_utc_in_winter_it_is_still_today_in_amsterdam() -> None:
    now = datetime(2026, 11, 27, 22, 59, tzinfo=UTC)
    assert not is_overdue(date(2026, 11, 27), now)


def test_in_summer_amsterdam_midnight_is_22_00_utc() -> None:
    assert local_today(datetime(2026, 7, 1, 21, 59, tzinfo=UTC)) == date(2026, 7, 1)
    assert local_today(datetime(2026, 7, 1, 22, 0, tzinfo=UTC)) == date(2026, 7, 2)


def test_the_night_the_clocks_go_forward_counts_midnight_in_winter_time() -> None:
    # Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST. Midnight before it is 23:00 UTC.
    assert local_today(datetime(2026, 3, 28, 22, 59, tzinfo=UTC)) == date(2026, 3, 28)
    assert local_today(datetime(2026, 3, 28, 23, 0, tzinfo=UTC)) == date(2026, 3, 29)
    # And the next midnight already in summer time, at 22:00 UTC.
    assert local_today(datetime(2026, 3, 29, 21, 59, tzinfo=UTC)) == date(2026, 3, 29)
    assert is_overdue(date(2026, 3, 29), datetime(2026, 3, 29, 22, 0, tzinfo=UTC))


def test_the_night_the_clocks_go_back_counts_midnight_in_summer_time() -> None:
    # Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET. Midnight before it is 22:00 UTC.
    assert local_today(datetime(2026, 10, 24, 21, 59, tzinfo=UTC)) == date(2026, 10, 24)
    assert is_overdue(date(2026, 10, 24), datetime(2026, 10, 24, 22, 0, tzinfo=UTC))
    # The hour that happens twice (02:00–03:00 local) is still the 25th.
    assert local_today(datetime(2026, 10, 25, 0, 30, tzinfo=UTC)) == date(2026, 10, 25)
    assert local_today(datetime(2026, 10, 25, 1, 30, tzinfo=UTC)) == date(2026, 10, 25)
    # The next midnight is in winter time, at 23:00 UTC.
    assert not is_overdue(date(2026, 10, 25), datetime(2026, 10, 25, 22, 59, tzinfo=UTC))
    assert is_overdue(date(2026, 10, 25), datetime(2026, 10, 25, 23, 0, tzinfo=UTC))


def test_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        local_today(datetime(2026, 11, 27, 12, 0))


def test_overview_groups_overdue_oldest_first_today_and_the_coming_week() -> None:
    today = date(2026, 11, 27)
    result = overview(
        [
            item(1, date(2026, 12, 4)),   # a week from today: coming week
            item(2, date(2026, 11, 20)),
            item(3, today),
            item(4, date(2026, 12, 5)),   # eight days: later, not shown
            item(5, date(2026, 10, 1)),
            item(6, date(2026, 11, 28)),
        ],
        today,
    )  # fmt: skip
    assert [i.follow_up_id for i in result.overdue] == [5, 2]
    assert [i.follow_up_id for i in result.due_today] == [3]
    assert [i.follow_up_id for i in result.coming_week] == [6, 1]


def test_overview_of_nothing_is_empty() -> None:
    assert overview([], date(2026, 11, 27)).is_empty


def test_marking_done_needs_a_note() -> None:
    with pytest.raises(FollowUpRuleError) as raised:
        check_done_note("   ")
    assert raised.value.message == (
        "Schrijf in een paar woorden wat er is gedaan of afgesproken, bijvoorbeeld "
        "‘Gebeld, coaching is gestart’. De opvolging staat nog open."
    )


def test_the_done_note_is_stripped() -> None:
    assert check_done_note("  Gebeld, gestart.\n") == "Gebeld, gestart."


def test_a_new_follow_up_cannot_be_due_in_the_past() -> None:
    with pytest.raises(FollowUpRuleError, match="in het verleden"):
        check_new_follow_up("Bellen", date(2026, 11, 26), date(2026, 11, 27))


def test_a_new_follow_up_needs_a_note() -> None:
    with pytest.raises(FollowUpRuleError, match="wat er nagegaan moet worden"):
        check_new_follow_up(" ", date(2026, 11, 28), date(2026, 11, 27))


def test_a_too_long_done_note_is_refused_and_the_follow_up_stays_open() -> None:
    with pytest.raises(FollowUpRuleError) as raised:
        check_done_note("x" * (MAX_NOTE_LENGTH + 1))
    assert raised.value.message == (
        f"De notitie is te lang (meer dan {MAX_NOTE_LENGTH} tekens). Maak hem korter. "
        "De opvolging staat nog open."
    )


def test_a_too_long_note_for_a_new_follow_up_is_refused() -> None:
    with pytest.raises(FollowUpRuleError) as raised:
        check_new_follow_up("x" * (MAX_NOTE_LENGTH + 1), date(2026, 11, 28), date(2026, 11, 27))
    assert raised.value.message == (
        f"De notitie is te lang (meer dan {MAX_NOTE_LENGTH} tekens). Maak hem korter. "
        "De opvolging is niet opgeslagen."
    )


def test_group_totals_default_to_the_rows_shown() -> None:
    result = overview([item(1, date(2026, 11, 20))], date(2026, 11, 27))
    assert (result.overdue_total, result.due_today_total, result.coming_week_total) == (1, 0, 0)
