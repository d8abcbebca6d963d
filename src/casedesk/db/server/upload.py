"""The SQL of ``casedesk server upload``: a laptop's dossiers copied onto the regional server.

The rows are found by walking the models (``db/dossier_rows.py``), so a table or column
added later travels with the dossier without anyone remembering to. On the server every
row gets a new id (a caseworker may not choose one, ``db/server/admin.py``); the columns
that point at another row of the dossier are given the new ids, and those that name a
caseworker a colleague of the same name on the server (or the uploading login). Each
dossier is written with its row in ``case_uploads`` (migration 0034), which says which
laptop dossier it was, so the upload is done once per dossier however often it runs.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Integer, String, Table, column, insert, select, table, text
from sqlalchemy.orm import Session

from casedesk.db.audit import record_event
from casedesk.db.dossier_rows import DossierRows, dossier_tables
from casedesk.db.models import Case, Caseworker, StoreCommitMark
from casedesk.db.server.search import index_cases

CASE_UPLOADS = table(
    "case_uploads",
    column("source_store", String),
    column("source_case_id", Integer),
    column("server_case_id", Integer),
    column("municipality_code", String),
)

UPLOADED_ACTION = "case.uploaded"


@dataclass(frozen=True)
class LocalDossier:
    """A dossier of the laptop's store, as the upload's overview names it."""

    case_id: int
    municipality_code: str
    entrepreneur_id: int
    business_id: int | None


def local_store_id(session: Session) -> str:
    """The laptop store's own id (made once, kept by its backups)."""
    store_id = session.scalar(select(StoreCommitMark.store_id))
    if store_id is None:
        raise AssertionError("a store at head always has its commit mark")
    return str(store_id)


def local_dossiers(session: Session) -> list[LocalDossier]:
    rows = session.execute(
        select(Case.id, Case.municipality_code, Case.entrepreneur_id, Case.business_id).order_by(
            Case.id
        )
    )
    return [LocalDossier(*row) for row in rows]


def login_caseworker(connection: Connection) -> int | None:
    """The server's caseworker row of the login (the log and the plans name it)."""
    value = connection.scalar(text("SELECT casedesk_login_caseworker()"))
    return None if value is None else int(value)


def login_colleagues(connection: Connection) -> set[int]:
    """The caseworkers of the login's municipalities, itself included: whom a dossier it
    adds may name as its caseworker (migration 0039)."""
    return {int(found) for found in connection.scalars(text("SELECT casedesk_login_colleagues()"))}


def login_municipalities(connection: Connection) -> set[str]:
    return set(connection.scalars(text("SELECT casedesk_login_municipalities()")))


def uploaded_before(connection: Connection, store_id: str) -> dict[int, int]:
    """Laptop dossier number -> server number, of what this store uploaded before (of the
    login's municipalities: row-level security shows no other)."""
    rows = connection.execute(
        select(CASE_UPLOADS.c.source_case_id, CASE_UPLOADS.c.server_case_id).where(
            CASE_UPLOADS.c.source_store == store_id
        )
    )
    return {int(local): int(server) for local, server in rows}


def existing_cases(connection: Connection, case_ids: Iterable[int]) -> set[int]:
    """Which of these server dossiers are still there (an erased one is not)."""
    wanted = sorted(set(case_ids))
    if not wanted:
        return set()
    return set(connection.scalars(select(Case.id).where(Case.id.in_(wanted))))


def next_case_numbers(connection: Connection, count: int) -> list[int]:
    """The numbers the server's sequence would give the next ``count`` dossiers now
    (another caseworker registering meanwhile moves them on)."""
    row = connection.execute(
        text(
            "SELECT s.last_value, s.start_value, s.increment_by FROM pg_sequences s "
            "WHERE quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename) = "
            "pg_get_serial_sequence('cases', 'id')"
        )
    ).one_or_none()
    if row is None:
        return []
    last, start, step = row
    first = start if last is None else last + step
    return [first + step * number for number in range(count)]


def server_people_of(connection: Connection, server_case_id: int) -> tuple[int, int | None] | None:
    """The entrepreneur and business rows an uploaded dossier points at on the server."""
    row = connection.execute(
        select(Case.entrepreneur_id, Case.business_id).where(Case.id == server_case_id)
    ).one_or_none()
    return None if row is None else (int(row[0]), row[1])


@dataclass(frozen=True)
class CopyContext:
    """What the copy of one dossier needs besides its rows."""

    store_id: str
    caseworkers: Mapping[int, int | None]
    """Laptop caseworker id -> the server's caseworker id for the same person."""
    login_caseworker: int | None
    known_ids: Mapping[str, Mapping[int, int]]
    """Rows already on the server from an earlier dossier (the same entrepreneur or
    business): table -> laptop id -> server id."""


def copy_dossier(session: Session, rows: DossierRows, context: CopyContext) -> int:
    """Writes every row of the dossier onto the server in the session's transaction, with
    its ``case_uploads`` row and a ``case.uploaded`` event; returns the server's number."""
    connection = session.connection()
    new_ids: dict[str, dict[int, int]] = {
        name: dict(ids) for name, ids in context.known_ids.items()
    }
    case_row = rows.tables["cases"][0]
    municipality = str(case_row["municipality_code"])
    for dossier_table in dossier_tables():
        ids = new_ids.setdefault(dossier_table.name, {})
        for row in rows.tables.get(dossier_table.name, ()):
            if _has_own_id(dossier_table) and row["id"] in ids:
                continue  # a person or business an earlier dossier already brought
            values = _server_values(dossier_table, row, new_ids, context, municipality)
            if _has_own_id(dossier_table):
                statement = insert(dossier_table).values(values).returning(dossier_table.c.id)
                ids[int(row["id"])] = int(connection.execute(statement).scalar_one())
            else:
                connection.execute(insert(dossier_table).values(values))
    server_case_id = new_ids["cases"][rows.case_id]
    connection.execute(
        insert(CASE_UPLOADS).values(
            source_store=context.store_id,
            source_case_id=rows.case_id,
            server_case_id=server_case_id,
            municipality_code=municipality,
        )
    )
    index_cases(connection, [server_case_id])
    record_event(
        session, context.login_caseworker, UPLOADED_ACTION, "case", server_case_id,
        server_case_id, {"source_store": context.store_id, "source_case": rows.case_id},
    )  # fmt: skip
    return server_case_id


def _has_own_id(dossier_table: Table) -> bool:
    keys = list(dossier_table.primary_key)
    return len(keys) == 1 and keys[0].name == "id"


def _server_values(
    dossier_table: Table,
    row: Mapping[str, Any],
    new_ids: Mapping[str, Mapping[int, int]],
    context: CopyContext,
    municipality: str,
) -> dict[str, Any]:
    own_id = _has_own_id(dossier_table)
    values = {name: value for name, value in row.items() if not (own_id and name == "id")}
    for name in list(values):
        value = values[name]
        if value is None:
            continue
        for foreign_key in dossier_table.c[name].foreign_keys:
            target = foreign_key.column.table.name
            if target == Caseworker.__tablename__:
                values[name] = context.caseworkers.get(int(value), context.login_caseworker)
            else:
                values[name] = new_ids[target][int(value)]
    if "municipality_code" in values and values["municipality_code"] is None:
        # A person or business stored before migration 0016 filled the column: the server's
        # row-level security needs it, and it is the dossier's municipality.
        values["municipality_code"] = municipality
    return values
