"""The administrator's use cases of a regional server (``casedesk server …``).

Each connects with the address it is given (the owner's, or for ``check`` a caseworker's)
and closes again; the safety rules of ``db/server/store.py`` apply to every address.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from casedesk.catalog.regions import load_default_region_table
from casedesk.db import erasure, settings_repo
from casedesk.db.audit_chain import ChainReport
from casedesk.db.keys import Keychain
from casedesk.db.server import admin as server_admin
from casedesk.db.server import audit_chain as server_audit_chain
from casedesk.db.server.admin import CaseworkerLogin, CoordinatorLogin, ServerCheck
from casedesk.db.server.connection import address_without_password
from casedesk.db.server.store import create_server_engine, server_url
from casedesk.domain import validation
from casedesk.domain.followups import local_today
from casedesk.errors import KnownError
from casedesk.files import os_error_reason


@contextmanager
def _engine(address: str) -> Iterator[Engine]:
    engine = create_server_engine(server_url(address))
    try:
        yield engine
    finally:
        engine.dispose()


def set_up_region(address: str) -> str:
    """Schema, caseworkers' role and rights, and the CBS municipality names; returns the
    role's name. Safe to repeat (after an upgrade of casedesk it migrates)."""
    with _engine(address) as engine:
        role = server_admin.prepare_schema(engine)
        with Session(engine) as session, session.begin():
            settings_repo.save_municipalities(session, load_default_region_table().municipalities)
    return role


def add_caseworker(
    address: str,
    login: str,
    name: str,
    municipality_codes: Sequence[str],
    password: str,
    email: str = "",
) -> None:
    """``email``: the caseworker's own address for their plans (empty: none yet); an
    address that is no e-mail address is refused before anything is made."""
    address_for_plans = checked_email(email)
    with _engine(address) as engine:
        server_admin.add_caseworker(
            engine, login, name, municipality_codes, password, address_for_plans
        )


def checked_email(email: str) -> str:
    """The address normalized ("" for none); raises ``KnownError`` (Dutch) for text that
    is no e-mail address."""
    return validation.checked_email(email, lambda problem: f"{problem} Er is niets aangemaakt.")


def remove_caseworker(address: str, login: str) -> None:
    with _engine(address) as engine:
        server_admin.remove_caseworker(engine, login)


def list_caseworkers(address: str) -> list[CaseworkerLogin]:
    with _engine(address) as engine:
        return server_admin.list_caseworkers(engine)


def add_coordinator(address: str, login: str, name: str, password: str) -> None:
    with _engine(address) as engine:
        server_admin.add_coordinator(engine, login, name, password)


def remove_coordinator(address: str, login: str) -> None:
    with _engine(address) as engine:
        server_admin.remove_coordinator(engine, login)


def list_coordinators(address: str) -> list[CoordinatorLogin]:
    with _engine(address) as engine:
        return server_admin.list_coordinators(engine)


def check_region(address: str) -> ServerCheck:
    with _engine(address) as engine:
        return server_admin.check_server(engine)


def verify_audit_log(address: str, keychain: Keychain) -> ChainReport:
    """``casedesk server audit-verify``: the server's whole hash chain, as the owner, against
    the newest hash the previous check kept in this computer's keychain; an intact chain's
    newest hash is kept for the next check."""
    kept_as = address_without_password(server_url(address))
    recorded = keychain.load_server_audit_head(kept_as)
    with _engine(address) as engine, engine.connect() as connection:
        report = server_audit_chain.verify_server_chain(connection, recorded)
        head = server_audit_chain.newest_hash(connection)
    if report.intact and head is not None:
        keychain.save_server_audit_head(kept_as, head)
    return report


def erasure_ledger(address: str) -> list[str]:
    """``casedesk server erasures``: the ledger of every dossier erased on the server, one
    line each ("31;2026-11-27", the date in the Netherlands), oldest first. Kept beside the
    server's backups, it says what to erase again after restoring one (docs/server-erasure.md)."""
    with _engine(address) as engine:
        erased = server_admin.erased_cases(engine)
    return [
        erasure.ledger_line(case_id, local_today(at.replace(tzinfo=UTC))) for case_id, at in erased
    ]


def reapply_erasures(address: str, ledger: Path) -> list[int]:
    """``casedesk server reapply-erasures``: after restoring an older backup of the server,
    erases again every dossier of the ledger that came back; returns their numbers."""
    try:
        text = ledger.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = os_error_reason(error) if isinstance(error, OSError) else "geen tekstbestand"
        raise KnownError(
            f"De lijst met verwijderde dossiers {ledger} kan niet worden gelezen ({reason}). "
            "Er is niets verwijderd."
        ) from None
    case_ids = erasure.ledger_text_case_ids(text)
    if not case_ids:
        raise KnownError(
            f"In {ledger} staat geen dossiernummer. Geef de lijst van `casedesk server "
            "erasures`, of regels met een dossiernummer. Er is niets verwijderd."
        )
    with _engine(address) as engine:
        return server_admin.reapply_erasures(engine, case_ids)
