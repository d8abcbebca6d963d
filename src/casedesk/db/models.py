"""The store's tables as typed SQLAlchemy 2 models.

Portable between the embedded SQLCipher store and a regional PostgreSQL server: nothing
here is SQLite-only. The SQLite full-text index (FTS5) and its triggers live only in the
SQLite branch of the migrations (``migrations/versions/rev_0002_case_search.py`` and
``rev_0003_word_start_markers.py``).

Conventions:
- Timestamps are stored as naive UTC and handed out as aware UTC (:class:`UtcDateTime`),
  so SQLite (no time zones) and PostgreSQL behave the same and sort as text correctly.
- Documents whose shape belongs to the domain layer (intake answers, advice reasons,
  catalog documents, the data a plan was built from) are stored as JSON text: the domain
  owns their schema and version, the store only keeps them safe.
- Audit ``details`` never hold personal data (names, BSN, addresses): ids and codes only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from casedesk.domain.case import CaseStatus
from casedesk.domain.routes import Route

# Named constraints, so batch migrations on SQLite can find and alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime, stored as a naive UTC timestamp.

    A naive datetime is refused: guessing its zone is how follow-ups end up an hour off.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class RouteType(TypeDecorator[Route]):
    """A :class:`Route`, stored as its number (1, 2 or 3)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Route | None, dialect: Dialect) -> int | None:
        return None if value is None else int(value)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Route | None:
        return None if value is None else Route(value)


def utc_now() -> datetime:
    return datetime.now(UTC)


CASE_STATUS_TYPE = Enum(
    CaseStatus,
    name="case_status",
    native_enum=False,
    create_constraint=True,
    length=20,
    values_callable=lambda statuses: [status.value for status in statuses],
    validate_strings=True,
)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        Route: RouteType(),
        str: Text(),
    }


class Caseworker(Base):
    __tablename__ = "caseworkers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Setting(Base):
    """One key/value setting (municipality name and code, address, privacy text…)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str]


class Municipality(Base):
    """The CBS municipality table, so the case list can show names instead of codes."""

    __tablename__ = "municipalities"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(String(4))


class Entrepreneur(Base):
    __tablename__ = "entrepreneurs"

    id: Mapped[int] = mapped_column(primary_key=True)
    voornamen: Mapped[str] = mapped_column(String(200), default="")
    tussenvoegsel: Mapped[str] = mapped_column(String(50), default="")
    achternaam: Mapped[str] = mapped_column(String(200), default="")
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(320))
    street_address: Mapped[str | None] = mapped_column(String(300))
    postcode: Mapped[str | None] = mapped_column(String(20))
    place: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2), default="NL")
    # Only where a scheme needs it (DESIGN.md: personal data is minimal).
    bsn: Mapped[str | None] = mapped_column(String(9), index=True)
    # Whose row it is on a regional server (migration 0016): the dossier's municipality.
    municipality_code: Mapped[str | None] = mapped_column(String(6), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)

    __table_args__ = (Index("ix_entrepreneurs_name_dob", "achternaam", "date_of_birth"),)


class Business(Base):
    __tablename__ = "businesses"

    id: Mapped[int] = mapped_column(primary_key=True)
    entrepreneur_id: Mapped[int] = mapped_column(ForeignKey("entrepreneurs.id"), index=True)
    trade_name: Mapped[str] = mapped_column(String(300), default="")
    kvk_number: Mapped[str | None] = mapped_column(String(8), index=True)
    sector: Mapped[str | None] = mapped_column(String(200))
    legal_form: Mapped[str | None] = mapped_column(String(100))
    start_date: Mapped[date | None] = mapped_column(Date)
    staff_count: Mapped[int | None] = mapped_column(Integer)
    hours_per_week: Mapped[int | None] = mapped_column(Integer)
    municipality_code: Mapped[str | None] = mapped_column(String(6), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class Case(Base):
    """A dossier: one entrepreneur's path through the flow of DESIGN.md."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    entrepreneur_id: Mapped[int] = mapped_column(ForeignKey("entrepreneurs.id"), index=True)
    business_id: Mapped[int | None] = mapped_column(ForeignKey("businesses.id"), index=True)
    caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    municipality_code: Mapped[str] = mapped_column(String(6))
    region_code: Mapped[str | None] = mapped_column(String(4))
    channel: Mapped[str | None] = mapped_column(String(50))
    registration_date: Mapped[date] = mapped_column(Date)
    status: Mapped[CaseStatus] = mapped_column(CASE_STATUS_TYPE, default=CaseStatus.REGISTERED)
    primary_route: Mapped[Route | None]
    secondary_route: Mapped[Route | None]
    third_route: Mapped[Route | None]
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    closing_outcome: Mapped[str | None] = mapped_column(String(50))
    closed_on: Mapped[date | None] = mapped_column(Date)
    retention_until: Mapped[date | None] = mapped_column(Date)
    result_type: Mapped[str | None] = mapped_column(String(30))
    """The Selectielijst result the retention term follows (``domain/retention.py``)."""
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)

    # The case list pages by (updated_at desc, id desc); SQLite and PostgreSQL both walk
    # an ascending index backwards, so no DESC index (which autogenerate cannot compare).
    # Sorted by status, route or municipality, the list walks one group at a time
    # (db/case_order.py, migration 0019).
    __table_args__ = (
        Index("ix_cases_updated_at_id", "updated_at", "id"),
        Index("ix_cases_status_updated_at_id", "status", "updated_at", "id"),
        Index("ix_cases_primary_route_updated_at_id", "primary_route", "updated_at", "id"),
        Index("ix_cases_municipality_code_updated_at_id", "municipality_code", "updated_at", "id"),
    )


class IntakeAnswers(Base):
    """The intake answers of one case, as the domain's versioned JSON document."""

    __tablename__ = "intake_answers"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    schema_version: Mapped[int] = mapped_column(Integer)
    answers_json: Mapped[str]
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class IntakePart(Base):
    """How often one part of a case's answers was stored: a section (``business``) or a
    field of its own (``channel``), as ``domain/answer_merge.part_of`` names it.

    Optimistic locking per part (issue 12): a window saves against the versions it
    loaded, and a part whose version moved since was stored by someone else, so the save
    merges with it field by field. Per part, so that two caseworkers typing in different
    steps of one intake never even compare values. No row: never stored (version 0).
    """

    __tablename__ = "intake_parts"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    part: Mapped[str] = mapped_column(String(30), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)

    # The service moves the version itself (only when the part's answers change); the
    # UPDATE still only matches the version it read, so a save that raced another one
    # fails instead of writing over it.
    __mapper_args__ = {  # noqa: RUF012 (SQLAlchemy's hook, read once when mapping)
        "version_id_col": version,
        "version_id_generator": False,
    }


class AdviceDecision(Base):
    """A suggested advice and what the caseworker did with it; rows are never replaced."""

    __tablename__ = "advice_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    suggested_primary_route: Mapped[Route]
    suggested_secondary_route: Mapped[Route | None]
    suggested_third_route: Mapped[Route | None]
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    reasons_json: Mapped[str]
    accepted: Mapped[bool] = mapped_column(Boolean)
    chosen_primary_route: Mapped[Route]
    chosen_secondary_route: Mapped[Route | None]
    chosen_third_route: Mapped[Route | None]
    override_reason: Mapped[str | None]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    decided_at: Mapped[datetime] = mapped_column(default=utc_now)


class CaseNeed(Base):
    """One help request (``hulpvraag``) or need the region does not offer (``ontbreekt``)
    of a case, kept in step with the intake answers so the report can count them."""

    __tablename__ = "case_needs"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    code: Mapped[str] = mapped_column(String(50), primary_key=True)


class CatalogVersion(Base):
    """An imported catalog file, kept whole so what was advised can be traced back."""

    __tablename__ = "catalog_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(300))
    issued: Mapped[date | None] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(default=utc_now)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    document_json: Mapped[str]


class CatalogPartner(Base):
    """A partner of the catalog in use, keyed by its catalog id."""

    __tablename__ = "catalog_partners"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_versions.id"))
    name: Mapped[str] = mapped_column(String(300))
    partner_type: Mapped[str] = mapped_column(String(50))
    document_json: Mapped[str]


class CatalogInstrument(Base):
    """An instrument of the catalog in use, keyed by its catalog id."""

    __tablename__ = "catalog_instruments"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_versions.id"))
    name: Mapped[str] = mapped_column(String(300))
    last_checked: Mapped[date | None] = mapped_column(Date)
    document_json: Mapped[str]


class CaseInstrument(Base):
    """An instrument chosen for a case.

    No foreign key to ``catalog_instruments``: a newer catalog may drop an instrument, and
    the dossier must still say what was chosen, hence the name kept alongside the id.
    """

    __tablename__ = "case_instruments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    instrument_id: Mapped[str] = mapped_column(String(100))
    instrument_name: Mapped[str] = mapped_column(String(300))
    reason: Mapped[str | None]
    position: Mapped[int] = mapped_column(Integer, default=0)
    chosen_by: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    chosen_at: Mapped[datetime] = mapped_column(default=utc_now)


class Action(Base):
    """An agreed action: what, who (entrepreneur, caseworker, partner), by when, done."""

    __tablename__ = "actions"
    # The Vandaag view asks for a caseworker's open actions by due date.
    __table_args__ = (Index("ix_actions_owner_done_due_date", "owner", "done", "due_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    description: Mapped[str]
    owner: Mapped[str] = mapped_column(String(20))
    owner_detail: Mapped[str | None] = mapped_column(String(300))
    due_date: Mapped[date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Appointment(Base):
    __tablename__ = "appointments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime | None]
    mode: Mapped[str] = mapped_column(String(20))
    """Where it happens: ``ter_plaatse``, ``telefoon`` or ``video``."""
    location: Mapped[str | None]
    note: Mapped[str | None]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Referral(Base):
    """A referral (verwijzing) to a catalog partner or instrument."""

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    # Catalog ids without foreign keys, for the same reason as CaseInstrument.
    partner_id: Mapped[str | None] = mapped_column(String(100))
    instrument_id: Mapped[str | None] = mapped_column(String(100))
    partner_name: Mapped[str] = mapped_column(String(300))
    contact_person: Mapped[str | None] = mapped_column(String(300))
    request_text: Mapped[str]
    referred_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    shares_data: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class Consent(Base):
    """The entrepreneur's consent (or refusal) to share data with a partner."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"), index=True)
    given: Mapped[bool] = mapped_column(Boolean)
    data_shared: Mapped[str]
    recipient: Mapped[str] = mapped_column(String(300))
    given_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))
    """How it was given: ``mondeling`` or ``getekend``."""
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utc_now)


class ReferralStatusChange(Base):
    """One dated step in a referral's history; the full history stays visible."""

    __tablename__ = "referral_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None]
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utc_now)


class FollowUp(Base):
    """A follow-up moment, proposed by a referral or added by the caseworker."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"), index=True)
    due_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(default="")
    done_at: Mapped[datetime | None]
    done_note: Mapped[str | None]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)

    # The Vandaag view asks "open (done_at IS NULL) and due before X, oldest first".
    __table_args__ = (Index("ix_follow_ups_done_at_due_date", "done_at", "due_date"),)


class PlanVersion(Base):
    """A printed or saved plan (or referral letter), kept exactly as it was.

    Immutable: on SQLite a trigger refuses any UPDATE (migration 0001).
    """

    __tablename__ = "plan_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="actieplan")
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    source_json: Mapped[str]


class AuditEvent(Base):
    """Who did what to which record, when, where, and how it ended; chained by hash.

    ``details_json`` holds no personal data, so erasing a dossier never breaks the chain.

    ``case_id`` has no foreign key on purpose: the log outlives a dossier removed at the
    end of its retention period.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utc_now)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    action: Mapped[str] = mapped_column(String(50))
    entity_type: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str | None] = mapped_column(String(100))
    case_id: Mapped[int | None] = mapped_column(Integer)
    details_json: Mapped[str] = mapped_column(default="{}")
    outcome: Mapped[str] = mapped_column(String(20), default="done")
    """done, refused or failed (BIO2 8.15.01)."""
    origin: Mapped[str] = mapped_column(String(200), default="")
    """The workstation the event happened on."""
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    event_hash: Mapped[str] = mapped_column(String(64), default="", index=True)
    """SHA-256 over this event and ``prev_hash`` (``db/audit_chain.py``); '' until sealed."""

    __table_args__ = (Index("ix_audit_events_case_id_at", "case_id", "at"),)


class CaseReopening(Base):
    """A closed case opened again: why, by whom, and what the closing had been.

    The reason is free text (it may name people), so it lives here, not in the audit log.
    """

    __tablename__ = "case_reopenings"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    reason: Mapped[str]
    previous_outcome: Mapped[str | None] = mapped_column(String(50))
    previous_closed_on: Mapped[date | None] = mapped_column(Date)
    reopened_by: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    reopened_at: Mapped[datetime] = mapped_column(default=utc_now)


class FieldCorrection(Base):
    """A stored answer corrected in a later sitting (AVG art. 16): the field, was and became.

    The values are personal data, so they live here (erased with the dossier), never in
    the audit log; the ``field.corrected`` event names this row's id and the field only.
    """

    __tablename__ = "field_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    field: Mapped[str] = mapped_column(String(100))
    old_value: Mapped[str]
    """The value before, as JSON text."""
    new_value: Mapped[str]
    corrected_by: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    corrected_at: Mapped[datetime] = mapped_column(default=utc_now)


class StoreCommitMark(Base):
    """The store's last commit: how many commits wrote to it, and a random id of the last.

    One row. Every transaction that changes a row advances it (``db/commit_marks.py``), and
    the app keeps a copy outside the file (in the keychain), so that an older store file, a
    lost or damaged ``-wal`` or a store file from elsewhere is noticed at the next start
    instead of silently missing dossiers. ``store_id`` is made once and kept by backups.
    """

    __tablename__ = "store_commit_mark"

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[str] = mapped_column(String(32))
    commit_count: Mapped[int] = mapped_column(Integer)
    last_commit: Mapped[str] = mapped_column(String(32))
