"""Retention and erasure: the purge of expired dossiers, and erasure on request (AVG art. 17).

A dossier may only be erased once it is closed and its retention term (Selectielijst,
``domain/retention.py``) has passed: before that the archive law requires the municipality
to keep it, and the request is refused with that reason (and the refusal logged). The
purge removes every dossier whose term has passed, after a preview that names dossier
numbers only. Each erasure leaves a ``case.erased`` event without personal data, and a
line in the ledger beside the store so a restored older backup has it applied again.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casedesk.db import erasure, settings_repo
from casedesk.db.audit import record_event
from casedesk.db.cases import case_row
from casedesk.db.data_store import DataStore
from casedesk.db.models import Case
from casedesk.db.store import Store
from casedesk.domain.case import CaseStatus
from casedesk.domain.closing import MAX_RETENTION_YEARS
from casedesk.domain.dutch import long_date
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


class ErasureRefusedError(KnownError):
    """The dossier must still be kept; nothing was removed."""


def erasing_store(store: DataStore) -> Store:
    """The store an erasure works on: the encrypted file, whose pages, ``-wal``, search
    index and backups it cleans. On the regional server that is the administrator's task
    (its backups are the server's), so a caseworker's erasure there is refused."""
    if not isinstance(store, Store):
        raise KnownError(
            "Dossiers voorgoed verwijderen kan op de regionale server alleen de beheerder van "
            "de server. Vraag de beheerder om het dossier te verwijderen. Er is niets veranderd."
        )
    return store


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
    with store.session() as session:
        last = settings_repo.get_setting(session, REMINDER_SETTING)
    try:
        asked_on = date.fromisoformat(last) if last else None
    except ValueError:
        asked_on = None
    if asked_on is not None and (today - asked_on).days < REMINDER_INTERVAL_DAYS:
        return None
    with store.transaction() as session:
        settings_repo.set_setting(session, REMINDER_SETTING, today.isoformat())
    preview = purge_preview(store, today)
    return preview if preview.case_ids else None


@outcome_logged("store.purged", "store")
def purge(store: Store, preview: PurgePreview) -> tuple[int, ...]:
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
    erasure.fold_in_wal(store.engine)
    return tuple(erased)


@outcome_logged("case.erased")
def erase_on_request(store: Store, case_id: int, today: date) -> None:
    """Erases one dossier at the entrepreneur's request, if the law allows it yet."""
    with store.session() as session:
        case = case_row(session, case_id)
        reason = _refusal(case, today)
    if reason is not None:
        raise ErasureRefusedError(reason)  # logged as refused by the decorator
    with store.transaction() as session:
        _erase(store, session, case_id, today, "request")
    erasure.fold_in_wal(store.engine)


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
    store: Store, session: Session, case_id: int, today: date, why: str, *, merge_index: bool = True
) -> None:
    rows = erasure.erase_dossier(session, case_id, merge_index=merge_index)
    record_event(session, settings_repo.current_caseworker_id(session), "case.erased", "case",
                 case_id, case_id, {"reason": why, "rows": rows})  # fmt: skip
    erasure.note_in_ledger(store.location.data_dir, case_id, today)


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
