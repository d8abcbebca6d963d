"""The administrator's side of a regional server: schema, the caseworkers' role, logins.

Run as the role that owns the database (not a superuser): the tables then belong to it,
and row-level security (migration 0017) is forced on it as well. Caseworkers log in with
their own login, a member of one NOLOGIN group role per database that holds only the
rights the app needs: reading and changing dossier rows, adding audit events (never
changing or deleting one), reading the shared tables (catalog, municipalities). Which
municipalities a login sees is the mapping in ``caseworker_logins``, which only the owner
can read or change.

A region's coordinator logs in with a login in a second group role, that of the
coordinators: it has no right on any table with a dossier, a person or the log (it may
read the schema version and the municipality names), and it may not become a caseworker
(it is no member of their role). Which login is a coordinator is kept in
``coordinator_logins`` (migration 0026), also only for the owner.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url

from casedesk.db import migrate
from casedesk.db.audit import workstation
from casedesk.db.caseworker_settings_repo import EMAIL
from casedesk.db.server.coordinator_session import (
    ENTRY_USE_FUNCTION,
    EVENT_FUNCTION,
    REPORT_FUNCTION,
)
from casedesk.db.server.store import connect_checked, login_problems, refuse_other_schema
from casedesk.errors import KnownError

SHARED_TABLES = frozenset(
    {
        "caseworkers",
        "settings",
        "municipalities",
        "catalog_versions",
        "catalog_partners",
        "catalog_instruments",
        "alembic_version",
    }
)
"""Tables of the whole region: caseworkers may read them, never change them."""

OWNER_ONLY_TABLES = frozenset({"store_commit_mark", "caseworker_logins"})
"""Tables the caseworkers' role has no right on at all."""

APPEND_ONLY_TABLES = frozenset({"audit_events", "plan_versions", "case_uploads"})
"""Rows that are added and read, never changed or removed (the log, printed plans, which
laptop dossiers were uploaded, migration 0034)."""

LOGIN_FUNCTIONS = (
    "casedesk_login_municipalities()",
    "casedesk_login_caseworker()",
    "casedesk_search(text[], integer, timestamp, integer, text, text, integer, text, boolean,"
    " text[])",
    "casedesk_erase_case(integer, text, text)",
    "casedesk_login_colleagues()",
)
"""The functions a caseworker may call: own municipalities and id (migration 0017), the
search of one page (migrations 0022 and 0037), the erasure of an expired dossier of their own
municipalities (migration 0025: the role itself may not delete plans or log events), the
colleagues whose own details it may read (migration 0038)."""

COORDINATOR_READS = frozenset({"alembic_version", "municipalities"})
"""Tables a coordinator may read and not change: nothing in them is about a person."""

COORDINATOR_CATALOG = frozenset({"catalog_instruments", "catalog_partners"})
"""The catalog in use, which only the coordinator may replace (``db/catalog_repo.py``)."""

COORDINATOR_ADDS = frozenset({"catalog_versions"})
"""Every catalog taken into use is kept (read and added, never changed)."""

COORDINATOR_SETTINGS = "settings"
"""Read, and written only as the pointer to the catalog in use (migration 0026's row
policies; the caseworkers' per-person keys stay hidden)."""

COORDINATOR_FUNCTIONS = (
    "casedesk_login_caseworker()",
    "casedesk_login_municipalities()",
    REPORT_FUNCTION,
    EVENT_FUNCTION,
    ENTRY_USE_FUNCTION,
)
"""What a coordinator may call: their own name's id (for the log), their municipalities
(none: the settings' row policy asks), the report's counts and the writing of their own
events in the log (migration 0026), and how many dossiers use a catalog entry (migration
0035)."""

SERVER_ONLY_COLUMNS = {
    "audit_events": frozenset({"recorded_by", "chain_seq"}),
    "case_uploads": frozenset({"login", "uploaded_at"}),
}
"""Columns the server fills itself (migration 0016's trigger, 0034's defaults); no client
writes them."""

_LOGIN = re.compile(r"[a-z][a-z0-9_.-]{0,62}")
_MUNICIPALITY_CODE = re.compile(r"GM[0-9]{4}")


class ServerSetupError(KnownError):
    """The server or the role cannot be set up as asked."""


def caseworkers_role(database: str) -> str:
    """The NOLOGIN group role of this database's caseworkers (roles span the server)."""
    return f"{database}_caseworkers"


def coordinators_role(database: str) -> str:
    """The NOLOGIN group role of this database's regional coordinators."""
    return f"{database}_coordinators"


def prepare_schema(engine: Engine) -> str:
    """Migrates the schema to head, creates the caseworkers' and the coordinators' roles
    and grants their rights.

    Idempotent: run again after an upgrade of casedesk, it grants the rights on new
    tables. Returns the name of the caseworkers' role.
    """
    with connect_checked(engine, _host(engine)) as connection:
        _refuse_superuser(connection)
    migrate.upgrade(engine)
    with engine.begin() as connection:
        database = str(connection.scalar(text("SELECT current_database()")))
        role = caseworkers_role(database)
        for group in (role, coordinators_role(database)):
            exists = connection.scalar(
                text("SELECT count(*) FROM pg_roles WHERE rolname = :role"), {"role": group}
            )
            if not exists:
                connection.execute(text(f"CREATE ROLE {_quoted(group)} NOLOGIN"))
        _grant_rights(connection, _quoted(role))
        _grant_coordinator_rights(connection, _quoted(coordinators_role(database)))
    return role


def _refuse_superuser(connection: Connection) -> None:
    if connection.scalar(text("SELECT rolsuper FROM pg_roles WHERE rolname = session_user")):
        raise ServerSetupError(
            "Richt de server in met de eigenaar van de database, niet met een superuser: "
            "de tabellen horen bij de gebruiker die ze maakt, en de afscherming per gemeente "
            "geldt niet voor een superuser. Maak eerst een eigenaar, bijvoorbeeld: CREATE "
            "ROLE casedesk_eigenaar LOGIN CREATEROLE; CREATE DATABASE casedesk OWNER "
            "casedesk_eigenaar; en voer dan deze opdracht uit als casedesk_eigenaar."
        )


def _grant_rights(connection: Connection, role: str) -> None:
    connection.execute(text(f"GRANT USAGE ON SCHEMA {_schema(connection)} TO {role}"))
    # No temporary tables: nothing a client makes may shadow a table a function reads.
    database = _quoted(str(connection.scalar(text("SELECT current_database()"))))
    connection.execute(text(f"REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC"))
    for table, columns in _tables_and_columns(connection).items():
        quoted = _quoted(table)
        connection.execute(text(f"REVOKE ALL ON {quoted} FROM {role}"))
        if table in OWNER_ONLY_TABLES:
            continue
        connection.execute(text(f"GRANT SELECT ON {quoted} TO {role}"))
        if table in SHARED_TABLES:
            continue
        # Never the id: a caseworker who picks an id could probe for another
        # municipality's rows through a duplicate-key error.
        writable = ", ".join(
            _quoted(name)
            for name in columns
            if name != "id" and name not in SERVER_ONLY_COLUMNS.get(table, ())
        )
        connection.execute(text(f"GRANT INSERT ({writable}) ON {quoted} TO {role}"))
        if table in APPEND_ONLY_TABLES:
            continue
        connection.execute(text(f"GRANT UPDATE ({writable}), DELETE ON {quoted} TO {role}"))
    connection.execute(
        text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {_schema(connection)} TO {role}")
    )
    for function in LOGIN_FUNCTIONS:
        connection.execute(text(f"GRANT EXECUTE ON FUNCTION {function} TO {role}"))


def _grant_coordinator_rights(connection: Connection, role: str) -> None:
    connection.execute(text(f"GRANT USAGE ON SCHEMA {_schema(connection)} TO {role}"))
    for table, columns in _tables_and_columns(connection).items():
        quoted = _quoted(table)
        connection.execute(text(f"REVOKE ALL ON {quoted} FROM {role}"))
        if table in COORDINATOR_READS:
            connection.execute(text(f"GRANT SELECT ON {quoted} TO {role}"))
        elif table in COORDINATOR_CATALOG:
            connection.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {quoted} TO {role}"))
        elif table in COORDINATOR_ADDS:
            added = ", ".join(_quoted(name) for name in columns if name != "id")
            connection.execute(text(f"GRANT SELECT, INSERT ({added}) ON {quoted} TO {role}"))
            # The catalog's next version number; the sequence's name comes quoted.
            sequence = connection.scalar(
                text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table}
            )
            connection.execute(text(f"GRANT USAGE ON SEQUENCE {sequence} TO {role}"))
        elif table == COORDINATOR_SETTINGS:
            connection.execute(text(f"GRANT SELECT, INSERT, UPDATE ON {quoted} TO {role}"))
    for function in COORDINATOR_FUNCTIONS:
        connection.execute(text(f"GRANT EXECUTE ON FUNCTION {function} TO {role}"))


def _tables_and_columns(connection: Connection) -> dict[str, list[str]]:
    rows = connection.execute(
        text(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        )
    )
    tables: dict[str, list[str]] = {}
    for table, column in rows:
        tables.setdefault(str(table), []).append(str(column))
    return tables


@dataclass(frozen=True)
class CaseworkerLogin:
    login: str
    name: str
    municipality_codes: tuple[str, ...]


def add_caseworker(
    engine: Engine,
    login: str,
    name: str,
    municipality_codes: Sequence[str],
    password: str,
    email: str = "",
) -> None:
    """Creates the login in the caseworkers' role and maps it to these municipalities;
    ``email`` (checked by the caller): the caseworker's own address for their plans, which
    they may change themselves later (migration 0038)."""
    login = check_login(login)
    codes = _checked_codes(municipality_codes)
    with engine.begin() as connection:
        role = caseworkers_role(str(connection.scalar(text("SELECT current_database()"))))
        caseworker_id = _create_login(connection, login, role, name, password, "klantmanager")
        if email:
            connection.execute(
                text(
                    "INSERT INTO caseworker_settings (caseworker_id, key, value) "
                    "VALUES (:caseworker, :key, :email)"
                ),
                {"caseworker": caseworker_id, "key": EMAIL, "email": email},
            )
        for code in codes:
            connection.execute(
                text(
                    "INSERT INTO caseworker_logins (login, municipality_code, caseworker_id) "
                    "VALUES (:login, :code, :caseworker)"
                ),
                {"login": login, "code": code, "caseworker": caseworker_id},
            )


def add_coordinator(engine: Engine, login: str, name: str, password: str) -> None:
    """Creates the login in the coordinators' role: figures and the catalog, no dossiers."""
    login = check_login(login)
    with engine.begin() as connection:
        role = coordinators_role(str(connection.scalar(text("SELECT current_database()"))))
        caseworker_id = _create_login(connection, login, role, name, password, "coördinator")
        connection.execute(
            text(
                "INSERT INTO coordinator_logins (login, caseworker_id) VALUES (:login, :caseworker)"
            ),
            {"login": login, "caseworker": caseworker_id},
        )


def _create_login(
    connection: Connection, login: str, role: str, name: str, password: str, kind: str
) -> int:
    """Creates ``login`` as a member of ``role`` and its name in ``caseworkers`` (the log
    and the plans name people by it); returns that row's id.

    The server gets the password's SCRAM verifier, never the password itself, so it
    cannot show up in a server log.
    """
    if not name.strip():
        raise ServerSetupError(f"Geef de naam van de {kind} op met --name.")
    if len(password) < 12:
        raise ServerSetupError("Het wachtwoord is te kort: kies er een van minstens 12 tekens.")
    if not connection.scalar(
        text("SELECT count(*) FROM pg_roles WHERE rolname = :role"), {"role": role}
    ):
        raise ServerSetupError(
            "De server is nog niet ingericht voor deze versie van casedesk. Voer eerst "
            "`casedesk server setup ADRES` uit."
        )
    if connection.scalar(
        text("SELECT count(*) FROM pg_roles WHERE rolname = :login"), {"login": login}
    ):
        raise ServerSetupError(
            f"Er is al een gebruiker {login} op deze server. Kies een andere naam, of "
            f"verwijder de oude eerst met `casedesk server remove-caseworker {login}` (een "
            "coördinator met `remove-coordinator`)."
        )
    pgconn = connection.connection.dbapi_connection.pgconn  # type: ignore[union-attr]
    verifier = pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode()
    # CREATE ROLE takes no parameters; the verifier is hex and base64 only.
    connection.exec_driver_sql(
        f"CREATE ROLE {_quoted(login)} LOGIN IN ROLE {_quoted(role)} PASSWORD {_literal(verifier)}"
    )
    caseworker_id = connection.scalar(
        text(
            "INSERT INTO caseworkers (name, active, created_at) "
            "VALUES (:name, true, now() AT TIME ZONE 'UTC') RETURNING id"
        ),
        {"name": name.strip()},
    )
    assert isinstance(caseworker_id, int)
    return caseworker_id


def remove_caseworker(engine: Engine, login: str) -> None:
    """Drops the login and its municipalities; the caseworker's name stays (the log
    names them), marked inactive."""
    _remove_login(
        engine, check_login(login), "caseworker_logins",
        f"Er is geen klantmanager met de gebruikersnaam {login} op deze server. "
        "Bekijk de namen met `casedesk server list-caseworkers`.",
    )  # fmt: skip


def remove_coordinator(engine: Engine, login: str) -> None:
    """Drops a coordinator's login; their name stays (the log names them), inactive."""
    _remove_login(
        engine, check_login(login), "coordinator_logins",
        f"Er is geen coördinator met de gebruikersnaam {login} op deze server. "
        "Bekijk de namen met `casedesk server list-coordinators`.",
    )  # fmt: skip


def _remove_login(engine: Engine, login: str, mapping: str, unknown: str) -> None:
    with engine.begin() as connection:
        known = (
            connection.execute(
                text(f"SELECT DISTINCT caseworker_id FROM {mapping} WHERE login = :login"),
                {"login": login},
            )
            .scalars()
            .all()
        )
        if not known:
            raise ServerSetupError(unknown)
        connection.execute(text(f"DELETE FROM {mapping} WHERE login = :login"), {"login": login})
        connection.execute(
            text("UPDATE caseworkers SET active = false WHERE id = ANY(:ids)"),
            {"ids": list(known)},
        )
        connection.execute(text(f"DROP ROLE IF EXISTS {_quoted(login)}"))


def list_caseworkers(engine: Engine) -> list[CaseworkerLogin]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT l.login, c.name, array_agg(l.municipality_code ORDER BY "
                "l.municipality_code) FROM caseworker_logins l JOIN caseworkers c "
                "ON c.id = l.caseworker_id GROUP BY l.login, c.name ORDER BY l.login"
            )
        )
        return [CaseworkerLogin(login, name, tuple(codes)) for login, name, codes in rows]


@dataclass(frozen=True)
class CoordinatorLogin:
    login: str
    name: str


def list_coordinators(engine: Engine) -> list[CoordinatorLogin]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT l.login, c.name FROM coordinator_logins l JOIN caseworkers c "
                "ON c.id = l.caseworker_id ORDER BY l.login"
            )
        )
        return [CoordinatorLogin(login, name) for login, name in rows]


def check_login(login: str) -> str:
    if not _LOGIN.fullmatch(login):
        raise ServerSetupError(
            f"“{login[:70]}” kan geen gebruikersnaam zijn: gebruik kleine letters, cijfers, "
            "punt, streepje of liggend streepje, beginnend met een letter (bijvoorbeeld "
            "kim.jansen), hooguit 63 tekens."
        )
    return login


def _checked_codes(codes: Sequence[str]) -> tuple[str, ...]:
    if not codes:
        raise ServerSetupError(
            "Geef minstens één gemeente op met --municipality, bijvoorbeeld GM0363."
        )
    for code in codes:
        if not _MUNICIPALITY_CODE.fullmatch(code):
            raise ServerSetupError(
                f"“{code[:20]}” is geen gemeentecode van het CBS; zo'n code is GM met vier "
                "cijfers, bijvoorbeeld GM0363 (Amsterdam)."
            )
    return tuple(dict.fromkeys(codes))


def erased_cases(engine: Engine) -> list[tuple[int, datetime]]:
    """Every dossier erased on this server and when (UTC), oldest first: the owner reads
    the whole log, also the events of dossiers that are gone (migration 0025)."""
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT case_id, min(at) FROM audit_events WHERE action = 'case.erased' "
                "AND outcome = 'done' AND case_id IS NOT NULL GROUP BY case_id "
                "ORDER BY min(at), case_id"
            )
        )
        return [(int(case_id), at) for case_id, at in rows]


def reapply_erasures(engine: Engine, case_ids: Iterable[int]) -> list[int]:
    """As the owner, after an older backup was restored: erases again each dossier of
    ``case_ids`` that is back; returns those. Each leaves a ``case.erased`` event."""
    again = []
    with engine.begin() as connection:
        for case_id in dict.fromkeys(case_ids):
            removed = connection.scalar(
                text("SELECT casedesk_erase_case(:case_id, 'restore', :origin)"),
                {"case_id": case_id, "origin": workstation()},
            )
            if removed:
                again.append(case_id)
    return again


@dataclass(frozen=True)
class ServerCheck:
    lines: tuple[str, ...]
    ok: bool


def check_server(engine: Engine) -> ServerCheck:
    """Reachable, the schema current, the policies in place, a login fit for the app."""
    lines = []
    ok = True
    with connect_checked(engine, _host(engine)) as connection:
        login = connection.scalar(text("SELECT session_user"))
        lines.append(f"Server bereikbaar; aangemeld als {login}.")
        lines.append(_tls_line(connection, engine))
        try:
            refuse_other_schema(connection)
            lines.append(f"Schema is actueel (versie {migrate.head_revision()}).")
            schema_current = True
        except KnownError as error:
            lines.append(str(error))
            ok = schema_current = False
        problems = login_problems(connection)
        if problems:
            lines.append(f"Deze gebruiker is niet geschikt voor de app: {'; '.join(problems)}.")
            ok = False
        else:
            lines.append("Gebruiker is geen superuser, geen eigenaar en heeft geen BYPASSRLS.")
        # Tables of another version, or none at all, say nothing yet about the shielding.
        unguarded = policy_gaps(connection) + rights_gaps(connection) if schema_current else []
        if unguarded:
            lines.append(
                "Deze tabellen zijn niet afgeschermd per gemeente: " + ", ".join(unguarded) + "."
            )
            ok = False
        elif schema_current:
            lines.append("Alle tabellen met gegevens van een gemeente zijn afgeschermd.")
    return ServerCheck(tuple(lines), ok)


def _tls_line(connection: Connection, engine: Engine) -> str:
    """Whether this connection is encrypted, as the server sees it, and whether libpq
    checked the server's certificate and name (``sslmode=verify-full``)."""
    version = connection.scalar(
        text("SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl")
    )
    if version is None:
        return "Verbinding zonder versleuteling: alleen toegestaan met een server op deze computer."
    if make_url(engine.url).query.get("sslmode") == "verify-full":
        return (
            f"Versleutelde verbinding ({version}); het certificaat en de naam van de server "
            "zijn gecontroleerd (verify-full)."
        )
    return f"Versleutelde verbinding ({version}), maar de naam van de server is niet gecontroleerd."


def policy_gaps(connection: Connection) -> list[str]:
    """Tables with a municipality's data lacking forced row-level security or a policy,
    and views that would read with their owner's rights instead of the caller's."""
    rows = connection.execute(
        text(
            "SELECT c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity, "
            "coalesce(c.reloptions @> ARRAY['security_invoker=true'], false) AS invoker, "
            "EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid) AS has_policy "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') "
            "ORDER BY c.relname"
        )
    )
    gaps = []
    for name, kind, enabled, forced, invoker, has_policy in rows:
        if kind == "v":
            if not invoker:
                gaps.append(f"{name} (view zonder security_invoker)")
        elif name not in SHARED_TABLES | {"store_commit_mark"} and not (
            enabled and forced and has_policy
        ):
            gaps.append(str(name))
    return gaps


def rights_gaps(connection: Connection) -> list[str]:
    """Append-only tables this login could change or empty anyway (Dutch, one per table)."""
    gaps = []
    for table in sorted(APPEND_ONLY_TABLES):
        if connection.scalar(text("SELECT to_regclass(:t)"), {"t": table}) is None:
            continue  # not set up yet: the check's schema line says so
        allowed = connection.execute(
            text(
                "SELECT has_table_privilege(session_user, :t, 'UPDATE') "
                "OR has_table_privilege(session_user, :t, 'DELETE') "
                "OR has_table_privilege(session_user, :t, 'TRUNCATE') "
                "OR has_any_column_privilege(session_user, :t, 'UPDATE')"
            ),
            {"t": table},
        ).scalar()
        if allowed:
            gaps.append(f"{table} (deze gebruiker mag rijen wijzigen of verwijderen)")
    return gaps


def _schema(connection: Connection) -> str:
    return _quoted(str(connection.scalar(text("SELECT current_schema()"))))


def _host(engine: Engine) -> str:
    return make_url(engine.url).host or "op deze computer"


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
