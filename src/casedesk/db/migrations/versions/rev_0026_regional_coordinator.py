"""The regional coordinator on the server: a login that sees figures, never dossiers.

PostgreSQL only. A coordinator's login is a member of the coordinators' group role that
``casedesk server setup`` makes (``db/server_admin.py``); that role has no right on any
table with a dossier, a person or the log. What it reads of the dossiers it reads through
functions that run as the owner and return counts only.

- ``coordinator_logins`` maps a login to its name in ``caseworkers`` (the log and the
  catalog's history name who did what); like ``caseworker_logins`` only the owner may
  read or change it (row-level security forced, no policy for anyone else).
- ``casedesk_login_caseworker()`` (migration 0017) also knows the coordinators, so the
  events they cause carry their name.

Revision ID: 0026
Revises: 0025
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "coordinator_logins"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = _schema()
    op.execute(
        f"CREATE TABLE {TABLE} ("
        " login text PRIMARY KEY,"
        " caseworker_id integer NOT NULL REFERENCES caseworkers (id))"
    )
    op.execute(f"ALTER TABLE {TABLE} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {TABLE} FORCE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY owner_sees_all ON {TABLE} TO CURRENT_USER USING (true)")
    _login_caseworker(
        schema,
        f"SELECT coalesce((SELECT min(caseworker_id) FROM {schema}.caseworker_logins "
        f"WHERE login = session_user), (SELECT caseworker_id FROM {schema}.{TABLE} "
        "WHERE login = session_user))",
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = _schema()
    # Migration 0017's function, written out: migrations never import each other.
    _login_caseworker(
        schema,
        f"SELECT min(caseworker_id) FROM {schema}.caseworker_logins WHERE login = session_user",
    )
    op.execute(f"DROP TABLE {TABLE}")


def _schema() -> str:
    name = str(op.get_bind().scalar(sa.text("SELECT current_schema()")))
    return '"' + name.replace('"', '""') + '"'


def _login_caseworker(schema: str, body: str) -> None:
    # CREATE OR REPLACE keeps the function's grants (the roles of casedesk server setup).
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION casedesk_login_caseworker() RETURNS integer
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, {schema}, pg_temp AS $$
            {body}
        $$
        """
    )
