"""Retention and erasure: the purge of expired dossiers, and erasure on request (AVG art. 17).

A dossier may only be erased once it is closed and its retention term (Selectielijst,
``domain/retention.py``) has passed: before that the archive law requires the municipality
to keep it, and the request is refused with that reason (and the refusal logged). The
purge removes every dossier whose term has passed, after a preview that names dossier
numbers only. Each erasure leaves a ``case.erased`` event without personal data, and a
line in the ledger beside the store so a restored older backup has it applied again.

On a regional server the same rules hold, and the server enforces them a second time: the
caseworker's login may not delete a dossier's plans or log events, so the server's own
function erases (``db/erasure.py``, migration 0025), only for the login's municipalities
and only once the term has passed by the server's date. Its log line is the ledger there
(docs/server-erasure.md).
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casedesk.db import erasure, settings_repo
from casedesk.db.audit import last_own_event_at, record_event
from casedesk.db.cases import case_row
from casedesk.db.data_store import DataStore
from casedesk.db.erasure import ErasureRefusedError as ErasureRefusedError  # re-exported
from casedesk.db.models import Case
from casedesk.db.store import Store
from casedesk.domain.case import CaseStatus
from casedesk.domain.closing import MAX_RETENTION_YEARS
from casedesk.domain.dutch import long_date
from casedesk.domain.followups import local_today
from casedesk.domain.retention import (
    RETENTION_SETTINGS_PREFIX,
    ResultType,
    setting_key,
    terms_from_settings,
)
from casedesk.errors import KnownError
from casedesk.services.outcomes import outcome_logged


def retention_terms_in_use(store: DataStore) -> dict[ResultType, int]:
    """Each result type's term as this municipality keeps it (its setting or the default)."""
    with store.session() as session:
        settings = settings_repo.settings_with_prefix(session, RETENTION_SETTINGS_PREFIX)
    return terms_from_settings(settings)


def set_retention_term(store: DataStore, result: ResultType, years: int) -> None:
    """The municipality's own term for a result type; applies to dossiers closed from now."""
    if not 1 <= years <= MAX_RETENTION_YEARS:
        raise KnownError(
            f"Een bewaartermijn is 1 tot {MAX_RETENTION_YEARS} jaar (u gaf {years}). Er is niets "
            "veranderd."
        )
    with store.transaction() as session:
        settings_repo.set_setting(session, setting_key(result), str(years))
        record_event(session, settings_repo.current_caseworker_id(session),
                     "retention.term_set", "settings", result.value, None,
                     {"result_type": result.value, "years": years})  # fmt: skip


@dataclass(frozen=True)
class PurgePreview:
    today: date
    case_ids: tuple[int, ...]
    """The dossiers whose retention term has passed, by number."""

    def lines(self) -> list[str]:
        if not self.case_ids:
            return ["Er zijn geen dossiers waarvan de bewaartermijn voorbij is."]
        numbers = ", ".join(str(case_id) for case_id in self.case_ids)
        count = len(self.case_ids)
        what = "1 dossier" if count == 1 else f"{count} dossiers"
        return [f"De bewaartermijn is voorbij van {what}: {numbers}."]


@outcome_logged("purge.previewed", "store")
def purge_preview(store: DataStore, today: date) -> PurgePreview:
    """What a purge on ``today`` removes; reading it is logged (numbers only)."""
    with store.transaction() as session:
        ids = tuple(
            session.scalars(
                select(Case.id)
                .where(Case.status == CaseStatus.CLOSED, Case.retention_until < today)
                .order_by(Case.id)
            )
        )
        record_event(session, settings_repo.current_caseworker_id(session), "purge.previewed",
                     "store", None, None, {"cases": list(ids)})  # fmt: skip
    return PurgePreview(today, ids)


REMINDER_SETTING = "purge.last_reminded"
REMINDER_INTERVAL_DAYS = 30


def purge_reminder(store: DataStore, today: date) -> PurgePreview | None:
    """Once a month: the purge preview if anything has expired, else None.

    The app asks at start; the date it asked is kept, so the question comes back a month
    later (a caseworker who says no is not asked again every morning).
    """
    asked_on = _last_reminded(store)
    if asked_on is not None and (today - asked_on).days < REMINDER_INTERVAL_DAYS:
        return None
    if isinstance(store, Store):
        with store.transaction() as session:
            settings_repo.set_setting(session, REMINDER_SETTING, today.isoformat())
    preview = purge_preview(store, today)
    return preview if preview.case_ids else None


def _last_reminded(store: DataStore) -> date | None:
    """When this store last asked. On a regional server the settings are the region's
    (a caseworker may not write them), so there it is the login's own newest preview in
    the log, which row-level security shows to that login alone."""
    with store.session() as session:
        if not isinstance(store, Store):
            seen = last_own_event_at(session, "purge.previewed")
            return None if seen is None else local_today(seen)
        last = settings_repo.get_setting(session, REMINDER_SETTING)
    try:
        return date.fromisoformat(last) if last else None
    except ValueError:
        return None


@outcome_logged("store.purged", "store")
def purge(store: DataStore, preview: PurgePreview) -> tuple[int, ...]:
    """Erases the previewed dossiers whose term has still passed; returns their numbers."""
    erased = []
    for case_id in preview.case_ids:
        with store.transaction() as session:
            case = session.get(Case, case_id)
            if case is None or not _expired(case, preview.today):
                continue  # reopened, or already gone, since the preview
            _erase(store, session, case_id, preview.today, "purge", merge_index=False)
        erased.append(case_id)
    with store.transaction() as session:
        if erased:
            erasure.merge_search_index(session)
        record_event(session, settings_repo.current_caseworker_id(session), "store.purged",
                     "store", None, None, {"cases": erased})  # fmt: skip
    _fold_in_wal(store)
    return tuple(erased)


@outcome_logged("case.erased")
def erase_on_request(store: DataStore, case_id: int, today: date) -> None:
    """Erases one dossier at the entrepreneur's request, if the law allows it yet."""
    with store.session() as session:
        case = case_row(session, case_id)
        reason = _refusal(case, today)
    if reason is not None:
        raise ErasureRefusedError(reason)  # logged as refused by the decorator
    with store.transaction() as session:
        _erase(store, session, case_id, today, "request")
    _fold_in_wal(store)


def reapply_erasures(store: Store) -> tuple[int, ...]:
    """After a restore: erases again every dossier the ledger says was erased here."""
    again = []
    for case_id in erasure.ledger_case_ids(store.location.data_dir):
        with store.transaction() as session:
            if session.get(Case, case_id) is None:
                continue
            erasure.erase_dossier(session, case_id, merge_index=False)
            record_event(session, None, "case.erased", "case", case_id, case_id,
                         {"reason": "restore"})  # fmt: skip
        again.append(case_id)
    if again:
        with store.transaction() as session:
            erasure.merge_search_index(session)
        erasure.fold_in_wal(store.engine)
    return tuple(again)


def _erase(
    store: DataStore,
    session: Session,
    case_id: int,
    today: date,
    why: str,
    *,
    merge_index: bool = True,
) -> None:
    if not isinstance(store, Store):
        erasure.erase_on_server(session, case_id, why)  # logs the event itself
        return
    rows = erasure.erase_dossier(session, case_id, merge_index=merge_index)
    record_event(session, settings_repo.current_caseworker_id(session), "case.erased", "case",
                 case_id, case_id, {"reason": why, "rows": rows})  # fmt: skip
    erasure.note_in_ledger(store.location.data_dir, case_id, today)


def _fold_in_wal(store: DataStore) -> None:
    if isinstance(store, Store):
        erasure.fold_in_wal(store.engine)


def _expired(case: Case, today: date) -> bool:
    return (
        case.status is CaseStatus.CLOSED
        and case.retention_until is not None
        and case.retention_until < today
    )


def _refusal(case: Case, today: date) -> str | None:
    if case.status is not CaseStatus.CLOSED or case.retention_until is None:
        return (
            f"Dossier {case.id} is nog niet afgesloten. Een dossier dat loopt, moet de "
            "gemeente bewaren. Sluit het dossier eerst af; daarna geldt de bewaartermijn. "
            "Er is niets verwijderd."
        )
    if case.retention_until >= today:
        return (
            f"Dossier {case.id} moet volgens de Archiefwet (Selectielijst gemeenten) bewaard "
            f"blijven tot en met {long_date(case.retention_until)}. Daarna kan het worden "
            "verwijderd. Er is niets verwijderd."
        )
    return None
