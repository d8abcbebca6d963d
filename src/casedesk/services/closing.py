"""Closing and reopening a case.

Closing records the outcome and the date, gives the case its Selectielijst result type
and starts its retention term (``domain/retention.py``; per municipality in the settings
``retention.years.<result type>``) and makes the case read-only. Open referrals and
follow-ups do not block closing, but the caseworker must confirm the warnings first; open
follow-ups then lapse (marked done with a note saying so), open referrals stay as they are.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from casedesk.db import closing_repo, followups_repo, intake_repo, settings_repo
from casedesk.db.audit import record_event
from casedesk.db.closing_repo import ensure_case_open
from casedesk.db.data_store import DataStore
from casedesk.domain.answers_json import answers_from_json_dict
from casedesk.domain.closing import (
    ClosingRuleError,
    ClosingState,
    Outcome,
    Reopening,
    check_closing_date,
    check_reopen_reason,
    closing_warnings,
    retention_until,
)
from casedesk.domain.followups import LAPSED_NOTE, local_today
from casedesk.domain.intake import Scheme
from casedesk.domain.retention import (
    RETENTION_SETTINGS_PREFIX,
    ResultType,
    result_type_for,
    terms_from_settings,
)
from casedesk.errors import KnownError
from casedesk.services.outcomes import outcome_logged

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
    years_by_outcome: Mapping[Outcome, int] = field(default_factory=dict)
    """The retention term closing with each outcome gives this case."""
    result_by_outcome: Mapping[Outcome, ResultType] = field(default_factory=dict)
    """The Selectielijst result type closing with each outcome gives this case."""

    def years_for(self, outcome: Outcome | None) -> int:
        if outcome is None:
            return self.retention_years
        return self.years_by_outcome.get(outcome, self.retention_years)


@outcome_logged("case.closing_viewed")
def closing_preview(store: DataStore, case_id: int) -> ClosingPreview:
    """The case's closing state and the warnings closing it now would give (audited)."""
    with store.transaction() as session:
        state = closing_repo.closing_state(session, case_id)
        warnings = closing_warnings(closing_repo.open_work(session, case_id))
        terms = retention_terms(session)
        bbz = _led_to_bbz(session, case_id)
        results = {outcome: result_type_for(outcome, bbz) for outcome in Outcome}
        by_outcome = {outcome: terms[result] for outcome, result in results.items()}
        history = tuple(closing_repo.reopenings(session, case_id))
        actor = settings_repo.current_caseworker_id(session)
        record_event(session, actor, "case.closing_viewed", "case", case_id, case_id)
    years = max(by_outcome.values())
    return ClosingPreview(state, warnings, years, history, by_outcome, results)


@outcome_logged("case.closed")
def close_case(
    store: DataStore,
    case_id: int,
    outcome: Outcome,
    closed_on: date,
    now: datetime,
    *,
    confirmed: bool = False,
    result_type: ResultType | None = None,
) -> date:
    """Closes the case; returns the retention date stored with it.

    Raises ``ClosingNeedsConfirmationError`` (with the warnings) when referrals or
    follow-ups are open and ``confirmed`` is False, ``ClosingRuleError`` for a date in the
    future or before the registration, ``CaseClosedError`` when already closed. Without a
    ``result_type`` the case gets the one its outcome and intake give (``result_type_for``).
    """
    with store.transaction() as session:
        ensure_case_open(session, case_id)
        state = closing_repo.closing_state(session, case_id)
        check_closing_date(closed_on, state.registration_date, local_today(now))
        warnings = closing_warnings(closing_repo.open_work(session, case_id))
        if warnings and not confirmed:
            raise ClosingNeedsConfirmationError(warnings)
        result = result_type or result_type_for(outcome, _led_to_bbz(session, case_id))
        keep_until = retention_until(closed_on, retention_terms(session)[result])
        actor = settings_repo.current_caseworker_id(session)
        closing_repo.close_case(
            session, actor, case_id, outcome, closed_on, keep_until, result_type=result.value
        )
        # A closed case asks nothing of the caseworker: its open follow-ups lapse (kept,
        # marked so), which also keeps the Vandaag counts a plain index count.
        followups_repo.lapse_open_follow_ups(session, actor, case_id, now, LAPSED_NOTE)
    return keep_until


@outcome_logged("case.reopened")
def reopen_case(store: DataStore, case_id: int, reason: str) -> None:
    """Opens a closed case again; the reason is required and kept with the case."""
    cleaned = check_reopen_reason(reason)
    with store.transaction() as session:
        state = closing_repo.closing_state(session, case_id)
        if not state.is_closed:
            raise ClosingRuleError("Dit dossier is niet afgesloten; heropenen is niet nodig.")
        actor = settings_repo.current_caseworker_id(session)
        closing_repo.reopen_case(session, actor, case_id, cleaned)


def retention_terms(session: Session) -> dict[ResultType, int]:
    """Each result type's term: the Selectielijst's, or the municipality's own setting."""
    settings = settings_repo.settings_with_prefix(session, RETENTION_SETTINGS_PREFIX)
    return terms_from_settings(settings)


def _led_to_bbz(session: Session, case_id: int) -> bool:
    """Whether the re-orientation went with Bbz (procestype 8) rather than advice only."""
    stored = intake_repo.stored_answers(session, case_id)
    if stored is None:
        return False
    try:
        answers = answers_from_json_dict(stored.data)
    except KnownError:
        return False
    return Scheme.BBZ in answers.situation.schemes
