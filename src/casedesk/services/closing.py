"""Closing and reopening a case.

Closing records the outcome and the date, starts the retention period (setting
``retention.years``, 7 by default) and makes the case read-only. Open referrals and
follow-ups do not block closing, but the caseworker must confirm the warnings first; open
follow-ups then lapse (marked done with a note saying so), open referrals stay as they are.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from casedesk.db import closing_repo, followups_repo, settings_repo
from casedesk.db.audit import record_event
from casedesk.db.closing_repo import ensure_case_open
from casedesk.db.data_store import DataStore
from casedesk.domain.closing import (
    ClosingRuleError,
    ClosingState,
    Outcome,
    Reopening,
    check_closing_date,
    check_reopen_reason,
    closing_warnings,
    parse_retention_years,
    retention_until,
)
from casedesk.domain.followups import LAPSED_NOTE, local_today
from casedesk.errors import KnownError

__all__ = [
    "ClosingNeedsConfirmationError",
    "ClosingPreview",
    "close_case",
    "closing_preview",
    "ensure_case_open",
    "reopen_case",
]


class ClosingNeedsConfirmationError(KnownError):
    """Closing was asked without confirming the warnings; nothing changed."""

    def __init__(self, warnings: tuple[str, ...]) -> None:
        super().__init__(
            "Bevestig eerst dat u het dossier wilt afsluiten ondanks deze punten:\n"
            + "\n".join(f"• {warning}" for warning in warnings)
        )
        self.warnings = warnings


@dataclass(frozen=True, slots=True)
class ClosingPreview:
    """What the closing dialog shows before the caseworker closes."""

    state: ClosingState
    warnings: tuple[str, ...]
    retention_years: int
    reopenings: tuple[Reopening, ...]


def closing_preview(store: DataStore, case_id: int) -> ClosingPreview:
    """The case's closing state and the warnings closing it now would give (audited)."""
    with store.transaction() as session:
        state = closing_repo.closing_state(session, case_id)
        warnings = closing_warnings(closing_repo.open_work(session, case_id))
        years = _retention_years(session)
        history = tuple(closing_repo.reopenings(session, case_id))
        actor = settings_repo.current_caseworker_id(session)
        record_event(session, actor, "case.closing_viewed", "case", case_id, case_id)
    return ClosingPreview(state, warnings, years, history)


def close_case(
    store: DataStore,
    case_id: int,
    outcome: Outcome,
    closed_on: date,
    now: datetime,
    *,
    confirmed: bool = False,
) -> date:
    """Closes the case; returns the retention date stored with it.

    Raises ``ClosingNeedsConfirmationError`` (with the warnings) when referrals or
    follow-ups are open and ``confirmed`` is False, ``ClosingRuleError`` for a date in the
    future or before the registration, ``CaseClosedError`` when already closed.
    """
    with store.transaction() as session:
        ensure_case_open(session, case_id)
        state = closing_repo.closing_state(session, case_id)
        check_closing_date(closed_on, state.registration_date, local_today(now))
        warnings = closing_warnings(closing_repo.open_work(session, case_id))
        if warnings and not confirmed:
            raise ClosingNeedsConfirmationError(warnings)
        years = _retention_years(session)
        keep_until = retention_until(closed_on, years)
        actor = settings_repo.current_caseworker_id(session)
        closing_repo.close_case(session, actor, case_id, outcome, closed_on, keep_until)
        # A closed case asks nothing of the caseworker: its open follow-ups lapse (kept,
        # marked so), which also keeps the Vandaag counts a plain index count.
        followups_repo.lapse_open_follow_ups(session, actor, case_id, now, LAPSED_NOTE)
    return keep_until


def reopen_case(store: DataStore, case_id: int, reason: str) -> None:
    """Opens a closed case again; the reason is required and kept with the case."""
    cleaned = check_reopen_reason(reason)
    with store.transaction() as session:
        state = closing_repo.closing_state(session, case_id)
        if not state.is_closed:
            raise ClosingRuleError("Dit dossier is niet afgesloten; heropenen is niet nodig.")
        actor = settings_repo.current_caseworker_id(session)
        closing_repo.reopen_case(session, actor, case_id, cleaned)


def _retention_years(session: Session) -> int:
    return parse_retention_years(settings_repo.get_setting(session, settings_repo.RETENTION_YEARS))
