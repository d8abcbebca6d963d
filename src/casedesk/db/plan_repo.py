"""Stored plan and referral-letter versions: written once, read back exactly, never changed.

A version keeps the PDF bytes, their sha256, when and by whom it was made, what kind it is
(``actieplan`` or ``verwijsbrief`` with its referral) and the content it was built from as
JSON. The table refuses UPDATEs (a trigger, migration 0001); this module never issues one.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casedesk.db.audit import record_event
from casedesk.db.models import Caseworker, PlanVersion
from casedesk.errors import KnownError


class PlanVersionNotFoundError(KnownError):
    def __init__(self, version_id: int) -> None:
        super().__init__(
            f"Document {version_id} bestaat niet (meer). Vernieuw de lijst met documenten en "
            "kies het document opnieuw."
        )
        self.version_id = version_id


class PlanVersionDamagedError(KnownError):
    """The stored bytes no longer match their checksum: never hand them out as the version."""

    def __init__(self, version_id: int) -> None:
        super().__init__(
            f"Document {version_id} is beschadigd: de opgeslagen PDF klopt niet meer met de "
            "controlecode. Open het niet als origineel. Zet een reservekopie terug met "
            "`casedesk restore BESTAND`, of maak een nieuwe versie van het document."
        )
        self.version_id = version_id


@dataclass(frozen=True, slots=True)
class PlanVersionInfo:
    """A stored version without its bytes, as the documents tab lists it."""

    version_id: int
    case_id: int
    kind: str
    """``actieplan`` or ``verwijsbrief`` (``casedesk.domain.plan_content.DocumentKind``)."""
    referral_id: int | None
    sha256: str
    created_at: datetime
    caseworker_id: int | None
    caseworker_name: str
    size: int


def add_version(
    session: Session,
    actor_id: int | None,
    *,
    case_id: int,
    kind: str,
    referral_id: int | None,
    pdf: bytes,
    source_json: str,
    created_at: datetime,
) -> PlanVersionInfo:
    """Stores a new version (in the caller's transaction) and audits it."""
    digest = hashlib.sha256(pdf).hexdigest()
    row = PlanVersion(
        case_id=case_id,
        kind=kind,
        referral_id=referral_id,
        pdf=pdf,
        sha256=digest,
        created_at=created_at,
        caseworker_id=actor_id,
        source_json=source_json,
    )
    session.add(row)
    session.flush()
    record_event(
        session, actor_id, "document.stored", "plan_version", row.id, case_id,
        {"kind": kind, "referral_id": referral_id, "sha256": digest},
    )  # fmt: skip
    caseworker = None if actor_id is None else session.get(Caseworker, actor_id)
    name = "" if caseworker is None else caseworker.name
    return PlanVersionInfo(
        row.id, case_id, kind, referral_id, digest, created_at, actor_id, name, len(pdf)
    )


def list_versions(session: Session, case_id: int) -> list[PlanVersionInfo]:
    """A case's versions, newest first; the PDF bytes are not read."""
    rows = session.execute(
        select(
            PlanVersion.id,
            PlanVersion.kind,
            PlanVersion.referral_id,
            PlanVersion.sha256,
            PlanVersion.created_at,
            PlanVersion.caseworker_id,
            Caseworker.name,
            func.length(PlanVersion.pdf).label("size"),
        )
        .outerjoin(Caseworker, Caseworker.id == PlanVersion.caseworker_id)
        .where(PlanVersion.case_id == case_id)
        .order_by(PlanVersion.created_at.desc(), PlanVersion.id.desc())
    )
    return [
        PlanVersionInfo(
            version_id=row.id,
            case_id=case_id,
            kind=row.kind,
            referral_id=row.referral_id,
            sha256=row.sha256,
            created_at=row.created_at,
            caseworker_id=row.caseworker_id,
            caseworker_name=row.name or "",
            size=int(row.size or 0),
        )
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class StoredVersion:
    info: PlanVersionInfo
    pdf: bytes
    source_json: str


def load_version(session: Session, actor_id: int | None, version_id: int) -> StoredVersion:
    """One version exactly as stored (an audited read). Raises if missing or damaged."""
    row = session.get(PlanVersion, version_id)
    if row is None:
        raise PlanVersionNotFoundError(version_id)
    pdf = bytes(row.pdf)
    if hashlib.sha256(pdf).hexdigest() != row.sha256:
        raise PlanVersionDamagedError(version_id)
    caseworker = None if row.caseworker_id is None else session.get(Caseworker, row.caseworker_id)
    record_event(
        session, actor_id, "document.viewed", "plan_version", row.id, row.case_id,
        {"kind": row.kind},
    )  # fmt: skip
    info = PlanVersionInfo(
        version_id=row.id,
        case_id=row.case_id,
        kind=row.kind,
        referral_id=row.referral_id,
        sha256=row.sha256,
        created_at=row.created_at,
        caseworker_id=row.caseworker_id,
        caseworker_name="" if caseworker is None else caseworker.name,
        size=len(pdf),
    )
    return StoredVersion(info, pdf, row.source_json)
