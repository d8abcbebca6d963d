"""Closing rules: outcomes, retention date, warnings, dates and the reopen reason."""

from datetime import date

import pytest

from casedesk.domain.closing import (
    MAX_REASON_LENGTH,
    ClosingRuleError,
    OpenWork,
    Outcome,
    check_closing_date,
    check_reopen_reason,
    closing_warnings,
    retention_until,
)


def test_every_outcome_has_a_dutch_label() -> None:
    assert len({outcome.label for outcome in Outcome}) == 8
    assert Outcome.REFERRED_ON.label == "Doorverwezen (bijvoorbeeld naar schuldhulp)"


def test_retention_runs_the_set_years_from_the_closing_date() -> None:
    assert retention_until(date(2026, 11, 27), 7) == date(2033, 11, 27)


def test_retention_from_29_february_ends_on_28_february() -> None:
    assert retention_until(date(2028, 2, 29), 7) == date(2035, 2, 28)


def test_nothing_open_gives_no_warnings() -> None:
    assert closing_warnings(OpenWork(0, 0)) == ()


def test_open_referrals_and_follow_ups_are_both_warned_about() -> None:
    assert closing_warnings(OpenWork(2, 1)) == (
        "Er lopen nog 2 verwijzingen. Die blijven staan zoals ze zijn.",
        "Er staat nog 1 opvolging open. Die vervalt bij het afsluiten.",
    )


def test_a_closing_date_in_the_future_is_refused() -> None:
    with pytest.raises(ClosingRuleError, match="in de toekomst"):
        check_closing_date(date(2026, 11, 28), date(2026, 1, 1), date(2026, 11, 27))


def test_a_closing_date_before_the_registration_is_refused() -> None:
    with pytest.raises(ClosingRuleError, match="vóór de aanmelding"):
        check_closing_date(date(2025, 12, 31), date(2026, 1, 1), date(2026, 11, 27))


def test_reopening_needs_a_reason() -> None:
    with pytest.raises(ClosingRuleError, match="waarom het dossier weer opengaat"):
        check_reopen_reason("  ")
    assert check_reopen_reason(" Meldt zich opnieuw ") == "Meldt zich opnieuw"


def test_a_too_long_reopen_reason_is_refused_and_the_case_stays_closed() -> None:
    with pytest.raises(ClosingRuleError) as raised:
        check_reopen_reason("x" * (MAX_REASON_LENGTH + 1))
    assert raised.value.message == (
        f"De reden is te lang (meer dan {MAX_REASON_LENGTH} tekens). Maak hem korter. "
        "Het dossier is nog afgesloten."
    )
