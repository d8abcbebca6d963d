"""The intake's storage: answers, registration, duplicate look-ups and the dossier's lists.

Runs in the caller's transaction; the caller records the audit events (one per use case).
The answers are kept as the domain's JSON document (``domain/answers_json.py``); the
columns the case list and search read are kept in step by ``cases.sync_core_data``.
"""

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from casedesk.db.audit import record_event
from casedesk.db.cases import (
    BusinessData,
    CaseNotFoundError,
    EntrepreneurData,
    case_row,
    entrepreneur_and_business,
    search_index_hits,
)
from casedesk.db.models import (
    Business,
    Case,
    CaseNeed,
    Caseworker,
    Entrepreneur,
    IntakeAnswers,
    IntakePart,
    PlanVersion,
    Referral,
    ReferralStatusChange,
)
from casedesk.domain.case import CaseId, CaseStatus
from casedesk.domain.closing import CaseClosedError
from casedesk.domain.intake import NEED_ASKED, NEED_UNMET


@dataclass(frozen=True, slots=True)
class StoredAnswers:
    data: dict[str, Any]
    """The parsed answers JSON document."""
    saved_at: datetime


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the intake reads from the case row itself."""

    case_id: CaseId
    status: CaseStatus
    registration_date: date
    municipality_code: str
    region_code: str | None


@dataclass(frozen=True, slots=True)
class CandidateCase:
    """A dossier found by a duplicate look-up, before the reason is worded."""

    case_id: CaseId
    voornamen: str
    tussenvoegsel: str
    achternaam: str
    trade_name: str
    status: CaseStatus
    date_of_birth: date | None


@dataclass(frozen=True, slots=True)
class ReferralRow:
    referral_id: int
    partner_name: str
    request_text: str
    referred_on: date
    status: str
    """The latest status change's status, else the referral's own."""


@dataclass(frozen=True, slots=True)
class DocumentRow:
    version_id: int
    kind: str
    created_at: datetime
    caseworker: str | None
    sha256: str


# --- the case row -----------------------------------------------------------------------


def case_facts(session: Session, case_id: int) -> CaseFacts:
    """Raises :class:`CaseNotFoundError`."""
    case = case_row(session, case_id)
    return CaseFacts(
        CaseId(case.id),
        case.status,
        case.registration_date,
        case.municipality_code,
        case.region_code,
    )


def core_data(
    session: Session, case_id: int
) -> tuple[EntrepreneurData, BusinessData | None, str | None]:
    """The entrepreneur's and business's columns and the channel (not audited: the caller
    reads them as part of a use case that is)."""
    case = case_row(session, case_id)
    entrepreneur, business = entrepreneur_and_business(session, case)
    return entrepreneur, business, case.channel


def case_municipality(session: Session, case_id: int) -> str:
    """The counter's municipality of a case (one indexed read, for the advice's locality)."""
    code = session.scalar(select(Case.municipality_code).where(Case.id == case_id))
    if code is None:
        raise CaseNotFoundError(case_id)
    return code


def set_registration(
    session: Session,
    case_id: int,
    registration_date: date,
    municipality_code: str,
    region_code: str | None,
    at: datetime,
) -> list[str]:
    """Change the registration; returns the names of the changed columns."""
    case = case_row(session, case_id)
    values = {
        "registration_date": registration_date,
        "municipality_code": municipality_code,
        "region_code": region_code,
    }
    changed = [name for name, value in values.items() if getattr(case, name) != value]
    for name in changed:
        setattr(case, name, values[name])
    if changed:
        case.updated_at = at
        session.flush()
    return changed


def touch_case(
    session: Session, case_id: int, at: datetime, status: CaseStatus | None = None
) -> None:
    """Move the case to the top of the list (and set its status when given)."""
    case = case_row(session, case_id)
    case.updated_at = at
    if status is not None:
        case.status = status
    session.flush()


_FLOW_ORDER = (
    CaseStatus.REGISTERED,
    CaseStatus.INTAKE,
    CaseStatus.ADVICE,
    CaseStatus.PLAN_MADE,
    CaseStatus.ACTIVE,
)
"""The statuses an open case passes, in order; a case only ever moves on (issue 10)."""


def mark_case_under_way(
    session: Session,
    actor_id: int | None,
    case_id: int,
    status: CaseStatus = CaseStatus.ACTIVE,
) -> None:
    """A stored plan makes the case "Plan gemaakt", a referral "Lopend": the status follows
    the case. A case further on, or closed, keeps its status."""
    case = case_row(session, case_id)
    if case.status not in _FLOW_ORDER:  # closed
        return
    if _FLOW_ORDER.index(case.status) >= _FLOW_ORDER.index(status):
        return
    before = case.status
    case.status = status
    session.flush()
    record_event(
        session, actor_id, "case.status_changed", "case", case_id, case_id,
        {"from": before.value, "to": status.value},
    )  # fmt: skip


# --- answers ----------------------------------------------------------------------------


def stored_answers(session: Session, case_id: int) -> StoredAnswers | None:
    row = session.get(IntakeAnswers, case_id)
    if row is None:
        return None
    return StoredAnswers(json.loads(row.answers_json), row.updated_at)


def save_answers(
    session: Session, case_id: int, schema_version: int, data: dict[str, Any], at: datetime
) -> None:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    values = {"schema_version": schema_version, "answers_json": text, "updated_at": at}
    # One UPDATE, not a read of the row first: an autosave every second on the server.
    stored = cast(
        CursorResult[Any],
        session.execute(
            update(IntakeAnswers).where(IntakeAnswers.case_id == case_id).values(**values)
        ),
    )
    if stored.rowcount == 0:
        session.add(IntakeAnswers(case_id=case_id, **values))
    session.flush()


def lock_open_case(session: Session, case_id: int) -> Case:
    """The case's row, read under a lock this transaction keeps: waits until no other
    transaction is saving this case's intake, and keeps the next one waiting until this one
    ends. Raises :class:`CaseNotFoundError` or :class:`CaseClosedError` (both Dutch): a
    closed case is read-only.

    A save reads the stored answers, merges and writes them back whole: two saves of
    different parts must not both start from the same stored answers. On the server the
    case's row is locked (``FOR NO KEY UPDATE``: rows that refer to the case can still be
    added meanwhile); SQLite lets one transaction write at a time anyway, and SQLAlchemy
    leaves the clause out there. The same lock keeps the saves of the registration, the
    chosen instruments, the actions and the appointment of a case one after another.

    The row is read only under the lock, so the transaction goes on from what the save it
    waited for left. The session keeps it until it ends: a session keeps a loaded row
    only while something refers to it, and so the use case's later reads of the case
    (``case_row``, ``touch_case``, ``sync_core_data``) cost no further query.
    """
    case = session.scalars(
        select(Case)
        .where(Case.id == case_id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).one_or_none()
    if case is None:
        raise CaseNotFoundError(case_id)
    if case.status is CaseStatus.CLOSED:
        raise CaseClosedError(case_id)
    session.info.setdefault(_LOCKED_CASES, []).append(case)
    return case


_LOCKED_CASES = "casedesk.db.intake_repo.locked_cases"


def part_versions(session: Session, case_id: int) -> dict[str, int]:
    """The version of each stored part of the case's intake: the answers' parts and the
    others (``domain/part_merge.STEP_PARTS``); a part not listed is at version 0."""
    rows = session.execute(
        select(IntakePart.part, IntakePart.version).where(IntakePart.case_id == case_id)
    )
    return {part: version for part, version in rows}


def advance_parts(
    session: Session, case_id: int, parts: Iterable[str], read: Mapping[str, int]
) -> dict[str, int]:
    """Moves the version of each of these parts on by one; returns every part's version.

    ``read`` is what :func:`part_versions` gave this transaction. Each UPDATE matches the
    version read, as SQLAlchemy's ``version_id_col`` would: had another transaction moved
    it meanwhile, ``StaleDataError`` is raised instead of writing over it. No second read:
    an autosave comes every second on the server.
    """
    versions = dict(read)
    for part in sorted(set(parts)):
        old = read.get(part, 0)
        if old == 0:
            session.add(IntakePart(case_id=case_id, part=part, version=1))
        else:
            moved = cast(
                CursorResult[Any],
                session.execute(
                    update(IntakePart)
                    .where(IntakePart.case_id == case_id, IntakePart.part == part,
                           IntakePart.version == old)
                    .values(version=old + 1)
                    .execution_options(synchronize_session=False)
                ),
            )  # fmt: skip
            if moved.rowcount != 1:
                raise StaleDataError(f"part {part} of case {case_id} moved past version {old}")
        versions[part] = old + 1
    session.flush()
    return versions


HELP_REQUEST = NEED_ASKED
UNMET_NEED = NEED_UNMET
"""The kinds of ``case_needs`` rows (``domain/intake.py``)."""


def stored_needs(session: Session, case_id: int) -> dict[str, list[str]]:
    """The case's help requests and needs the region lacks, by kind, as codes."""
    rows = session.execute(
        select(CaseNeed.kind, CaseNeed.code).where(CaseNeed.case_id == case_id)
    )
    needs: dict[str, list[str]] = {HELP_REQUEST: [], UNMET_NEED: []}
    for kind, code in rows:
        needs.setdefault(kind, []).append(code)
    return needs


def save_needs(
    session: Session, case_id: int, help_requests: Iterable[str], unmet_needs: Iterable[str]
) -> None:
    """Keep the case's countable needs in step with its answers (replaces what was there)."""
    session.execute(delete(CaseNeed).where(CaseNeed.case_id == case_id))
    for kind, codes in ((HELP_REQUEST, help_requests), (UNMET_NEED, unmet_needs)):
        session.add_all(CaseNeed(case_id=case_id, kind=kind, code=code) for code in set(codes))
    session.flush()


# --- duplicates ---------------------------------------------------------------------------


def cases_with_kvk(session: Session, kvk_number: str, except_case: int) -> list[CandidateCase]:
    """Uses the index on ``businesses.kvk_number``."""
    return _candidates(session, Business.kvk_number == kvk_number, except_case)


def cases_with_bsn(session: Session, bsn: str, except_case: int) -> list[CandidateCase]:
    """Uses the index on ``entrepreneurs.bsn``."""
    return _candidates(session, Entrepreneur.bsn == bsn, except_case)


def cases_with_name_words_and_birth_date(
    session: Session, name_words: list[str], date_of_birth: date, except_case: int
) -> list[CandidateCase]:
    """Cases whose searched text holds every word and whose entrepreneur has this birth date.

    A superset: the caller compares the full names. On SQLite the case search index (which
    ignores case and diacritics) drives the look-up, so it costs the hits, not the table.
    """
    condition = Entrepreneur.date_of_birth == date_of_birth
    if session.get_bind().dialect.name == "sqlite" and name_words:
        hits = search_index_hits(name_words)
        return _candidates(session, condition & Case.id.in_(hits), except_case)
    return _candidates(session, condition, except_case)


def _candidates(session: Session, condition: Any, except_case: int) -> list[CandidateCase]:
    statement = (
        select(
            Case.id,
            Entrepreneur.voornamen,
            Entrepreneur.tussenvoegsel,
            Entrepreneur.achternaam,
            Business.trade_name,
            Case.status,
            Entrepreneur.date_of_birth,
        )
        .join(Entrepreneur, Entrepreneur.id == Case.entrepreneur_id)
        .outerjoin(Business, Business.id == Case.business_id)
        .where(condition, Case.id != except_case)
        .order_by(Case.updated_at.desc(), Case.id.desc())
        .limit(50)
    )
    return [
        CandidateCase(
            CaseId(row.id),
            row.voornamen,
            row.tussenvoegsel,
            row.achternaam,
            row.trade_name or "",
            row.status,
            row.date_of_birth,
        )
        for row in session.execute(statement)
    ]


# --- the dossier's other lists ------------------------------------------------------------


def caseworker_names(session: Session) -> dict[int, str]:
    """Every caseworker's name by id (a handful of rows)."""
    return {row.id: row.name for row in session.execute(select(Caseworker.id, Caseworker.name))}


def referral_rows(session: Session, case_id: int) -> list[ReferralRow]:
    latest = (
        select(ReferralStatusChange.status)
        .where(ReferralStatusChange.referral_id == Referral.id)
        .order_by(ReferralStatusChange.changed_on.desc(), ReferralStatusChange.id.desc())
        .limit(1)
        .correlate(Referral)
        .scalar_subquery()
    )
    statement = (
        select(
            Referral.id,
            Referral.partner_name,
            Referral.request_text,
            Referral.referred_on,
            Referral.status,
            latest.label("latest_status"),
        )
        .where(Referral.case_id == case_id)
        .order_by(Referral.referred_on, Referral.id)
    )
    return [
        ReferralRow(
            row.id,
            row.partner_name,
            row.request_text,
            row.referred_on,
            row.latest_status or row.status,
        )
        for row in session.execute(statement)
    ]


def document_rows(session: Session, case_id: int) -> list[DocumentRow]:
    """The stored documents, newest first, without their PDF bytes."""
    statement = (
        select(
            PlanVersion.id,
            PlanVersion.kind,
            PlanVersion.created_at,
            Caseworker.name,
            PlanVersion.sha256,
        )
        .outerjoin(Caseworker, Caseworker.id == PlanVersion.caseworker_id)
        .where(PlanVersion.case_id == case_id)
        .order_by(PlanVersion.created_at.desc(), PlanVersion.id.desc())
    )
    return [
        DocumentRow(row.id, row.kind, row.created_at, row.name, row.sha256)
        for row in session.execute(statement)
    ]
