"""Removing a dossier's personal data for good: rows, search index, stored documents.

Every row :func:`read_dossier_rows` finds is deleted (children first), with SQLite's
``secure_delete`` on so the freed pages are overwritten with zeros instead of keeping the
old bytes; the full-text index is merged afterwards so no old segment still holds the
name. The audit events stay: they hold no personal data (``db/audit.py``), so the chain
stays whole. The caller folds the ``-wal`` in after the commit (:func:`fold_in_wal`).

An erasure is also written to a ledger beside the store (dossier numbers and dates only),
so that a backup restored later, made before the erasure, has it applied again.

On a regional server the caseworker's login may not delete plans or log events, so the
server erases: :func:`erase_on_server` calls the owner's function of migration 0025, which
checks the login's municipality and the retention term itself and writes the event.
"""

import os
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, delete, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from casedesk.db.audit import workstation
from casedesk.db.dossier_rows import dossier_tables, read_dossier_rows
from casedesk.db.models import Business, Case, Entrepreneur
from casedesk.errors import KnownError
from casedesk.files import make_private

LEDGER_NAME = "verwijderde-dossiers.txt"
_SEARCH_INDEXES = ("case_search",)
_MUST_STILL_BE_KEPT = "CD001"
"""The SQLSTATE the server's erasure raises for a dossier that is open or not yet expired."""


class ErasureRefusedError(KnownError):
    """The dossier must still be kept; nothing was removed."""


def erase_dossier(session: Session, case_id: int, *, merge_index: bool = True) -> int:
    """Deletes every row of the dossier in the caller's transaction; returns how many.

    ``merge_index`` False leaves the search index's merge to :func:`merge_search_index`
    once a purge has erased all its dossiers: a merge rewrites the whole index (seconds
    at 100,000 dossiers), so once per purge, not once per dossier.
    """
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:
        session.execute(text("PRAGMA secure_delete = ON"))
    rows = read_dossier_rows(session, case_id)
    case = rows.tables[Case.__tablename__][0]
    removed = 0
    for table in reversed(dossier_tables()):
        if table.name in (Entrepreneur.__tablename__, Business.__tablename__):
            continue
        if table.name == Case.__tablename__:
            session.execute(delete(table).where(table.c.id == case_id))
        elif "case_id" in table.c:
            session.execute(delete(table).where(table.c.case_id == case_id))
        else:
            ids = [row["id"] for row in rows.tables[table.name]]
            session.execute(delete(table).where(table.c.id.in_(ids)))
        removed += len(rows.tables[table.name])
    # A person or business another dossier still points at stays for that dossier.
    for model, key in ((Business, "business_id"), (Entrepreneur, "entrepreneur_id")):
        owner = case[key]
        if owner is None:
            continue
        column = Case.business_id if model is Business else Case.entrepreneur_id
        still_used = session.scalar(select(Case.id).where(column == owner).limit(1))
        if still_used is None:
            if model is Entrepreneur:
                session.execute(delete(Business).where(Business.entrepreneur_id == owner))
            session.execute(delete(model).where(model.id == owner))
            removed += 1
    if merge_index:
        merge_search_index(session)
    session.flush()
    return removed


def erase_on_server(session: Session, case_id: int, reason: str) -> int:
    """Erases the dossier on the regional server and logs it there; returns the rows removed.

    ``reason`` is ``request`` or ``purge`` (``restore`` only as the owner). The server
    refuses a dossier of another municipality (as not allowed, like any other row of it)
    and one it must still keep (:class:`ErasureRefusedError`), by its own date.
    """
    try:
        removed = session.scalar(select(func.casedesk_erase_case(case_id, reason, workstation())))
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) != _MUST_STILL_BE_KEPT:
            raise
        raise ErasureRefusedError(
            f"De regionale server weigert dossier {case_id} te verwijderen: het is niet "
            "afgesloten, of de bewaartermijn is volgens de datum van de server nog niet "
            "voorbij. Er is niets verwijderd."
        ) from None
    return int(removed or 0)


def merge_search_index(session: Session) -> None:
    """Merges every segment of the full-text index into one, dropping deleted entries (an
    erased name would otherwise stay in an old segment until FTS5 merged it some day)."""
    if session.get_bind().dialect.name != "sqlite":
        return
    session.execute(text("PRAGMA secure_delete = ON"))
    for index in _SEARCH_INDEXES:
        session.execute(text(f"INSERT INTO {index}({index}) VALUES ('optimize')"))


def fold_in_wal(engine: Engine) -> None:
    """Empties the ``-wal`` into the file, so no old page image of the dossier stays there."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def ledger_line(case_id: int, erased_on: date) -> str:
    """One line of a ledger: the dossier number and the date, nothing about the person."""
    return f"{case_id};{erased_on.isoformat()}"


def note_in_ledger(data_dir: Path, case_id: int, erased_on: date) -> None:
    ledger = data_dir / LEDGER_NAME
    with ledger.open("a", encoding="utf-8") as file:
        file.write(ledger_line(case_id, erased_on) + "\n")
        file.flush()
        os.fsync(file.fileno())
    make_private(ledger)


def ledger_case_ids(data_dir: Path) -> list[int]:
    """The dossiers erased at this store, oldest erasure first; a bad line is skipped."""
    ledger = data_dir / LEDGER_NAME
    if not ledger.is_file():
        return []
    return ledger_text_case_ids(ledger.read_text(encoding="utf-8"))


def ledger_text_case_ids(text: str) -> list[int]:
    """The dossier numbers of a ledger's lines ("31;2026-11-27", or just "31"), in order;
    a line that starts with no number is skipped."""
    found = []
    for line in text.splitlines():
        number = line.split(";", 1)[0].strip()
        if number.isascii() and number.isdigit():
            found.append(int(number))
    return found
