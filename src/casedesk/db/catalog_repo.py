"""The catalog in use, kept in the store: each imported file whole, plus one row per entry.

The file text is kept exactly as imported (with its sha256), so an export gives back what a
region distributed and an advice can be traced to the catalog it came from. The catalog
package parses and checks; this module only stores and reads.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, or_, select, text, union
from sqlalchemy.orm import Session

from casedesk.db.audit import record_event
from casedesk.db.models import (
    CaseInstrument,
    CatalogInstrument,
    CatalogPartner,
    CatalogVersion,
    Referral,
)
from casedesk.db.server.coordinator_session import is_coordinator
from casedesk.db.settings_repo import get_setting, set_setting

CURRENT_CATALOG_VERSION_ID = "catalog.current_version_id"


@dataclass(frozen=True, slots=True)
class CatalogEntryRow:
    entry_id: str
    name: str
    document_json: str
    last_checked: date | None = None
    partner_type: str | None = None
    """Set for partners, None for instruments."""


@dataclass(frozen=True, slots=True)
class StoredCatalog:
    version_id: int
    version: str
    title: str
    sha256: str
    document_json: str


def store_catalog(
    session: Session,
    document_text: str,
    version: str,
    title: str,
    issued: date | None,
    instruments: Sequence[CatalogEntryRow],
    partners: Sequence[CatalogEntryRow],
    actor_id: int | None,
    action: str = "catalog.imported",
    details: dict[str, str] | None = None,
) -> int:
    """Make this (already checked) catalog the one in use; returns its version row id.

    Runs in the caller's transaction: if anything fails, the catalog in use stays as it was.
    ``action`` and ``details`` say in the audit log how it came (an import, an entry saved
    in the app, a new version exported).
    """
    digest = hashlib.sha256(document_text.encode("utf-8")).hexdigest()
    existing = session.scalar(select(CatalogVersion).where(CatalogVersion.sha256 == digest))
    if existing is None:
        existing = CatalogVersion(
            version=version, title=title, issued=issued, sha256=digest,
            document_json=document_text,
        )
        session.add(existing)
        session.flush()
    version_id = existing.id
    session.execute(delete(CatalogInstrument))
    session.execute(delete(CatalogPartner))
    session.add_all(
        CatalogInstrument(
            id=row.entry_id, catalog_version_id=version_id, name=row.name,
            last_checked=row.last_checked, document_json=row.document_json,
        )
        for row in instruments
    )
    session.add_all(
        CatalogPartner(
            id=row.entry_id, catalog_version_id=version_id, name=row.name,
            partner_type=row.partner_type or "", document_json=row.document_json,
        )
        for row in partners
    )
    set_setting(session, CURRENT_CATALOG_VERSION_ID, str(version_id))
    record_event(
        session, actor_id, action, "catalog_version", version_id, None,
        {
            "version": version, "instruments": len(instruments), "partners": len(partners),
            **(details or {}),
        },
    )
    session.flush()
    return version_id


def current_catalog(session: Session) -> StoredCatalog | None:
    """The catalog in use, or None while the store still uses the shipped default."""
    current_id = get_setting(session, CURRENT_CATALOG_VERSION_ID)
    if current_id is None:
        return None
    row = session.get(CatalogVersion, int(current_id))
    if row is None:
        return None
    return StoredCatalog(row.id, row.version, row.title, row.sha256, row.document_json)


CATALOG_CHANGE_LOCK = 0x6361_7461_6C6F_67
"""The key of the server's advisory lock that lines up catalog changes ("catalog")."""


def wait_for_other_catalog_changes(session: Session) -> None:
    """On a server, waits until a colleague's catalog change has committed, and keeps
    the next one waiting until this transaction ends: under READ COMMITTED two
    coordinators could otherwise both check the same catalog and both write, the last
    one overwriting the first unseen. A laptop's store has one writer at a time already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CATALOG_CHANGE_LOCK})


def current_catalog_sha256(session: Session) -> str | None:
    """The sha256 of the catalog in use (None: the shipped default), without its text."""
    current_id = get_setting(session, CURRENT_CATALOG_VERSION_ID)
    if current_id is None:
        return None
    return session.scalar(
        select(CatalogVersion.sha256).where(CatalogVersion.id == int(current_id))
    )


def may_change_catalog(session: Session) -> bool:
    """Whether this store lets its user change the catalog in use.

    On one machine (the encrypted SQLite store) the people at that counter keep their
    own catalog. On a regional server the server decides from the login's grants: only
    the coordinators' role may add a catalog version (``db/server/admin.py``), so what
    the app asks is what the server would allow.
    """
    if session.get_bind().dialect.name == "sqlite":
        return True
    # Column grants: the version's id is the server's to give.
    allowed = session.scalar(text("SELECT has_any_column_privilege('catalog_versions', 'INSERT')"))
    return bool(allowed)


def dossiers_using_entry(session: Session, entry_id: str) -> int:
    """How many dossiers chose the instrument ``entry_id`` or refer to it (or to the
    partner ``entry_id``).

    A caseworker on the server counts the dossiers of their own municipalities (row-level
    security). A coordinator may read no dossier; the owner's function counts for them
    over every municipality, the same rule (migration 0035), and returns only the number.
    """
    if is_coordinator(session):
        return int(session.scalar(select(func.casedesk_catalog_entry_use(entry_id))) or 0)
    chosen = select(CaseInstrument.case_id).where(CaseInstrument.instrument_id == entry_id)
    referred = select(Referral.case_id).where(
        or_(Referral.partner_id == entry_id, Referral.instrument_id == entry_id)
    )
    dossiers = union(chosen, referred).subquery()
    return session.scalar(select(func.count()).select_from(dossiers)) or 0
