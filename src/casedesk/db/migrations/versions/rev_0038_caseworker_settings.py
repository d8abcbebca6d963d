"""Each caseworker's own details on the regional server (PostgreSQL only).

A caseworker's own e-mail address is printed on the plans of their dossiers. A laptop
keeps it in ``settings`` under ``caseworker.<id>.email``; on a server caseworkers may not
write ``settings`` (migration 0026), so it could not be set there. Now each caseworker's
own details are rows of ``caseworker_settings`` (caseworker, key, value), the key being
what follows ``caseworker.<id>.`` on a laptop (``email``).

Row-level security, enabled and forced, keyed on ``session_user`` through
``casedesk_login_caseworker()`` (the login's row in ``caseworkers``, mapped in tables only
the owner may change; migrations 0017 and 0026):

- a login adds, changes and removes only its own rows;
- it reads its own rows, and those of its colleagues: the caseworkers mapped to one of
  its municipalities (a plan prints the e-mail address of the dossier's caseworker, also
  when a colleague prints it); a caseworker of another municipality stays hidden. The
  colleagues come from the login mapping, which only the owner changes, not from the
  dossiers: a client may write ``cases.caseworker_id``, so "whose dossier I see" could be
  forged;
- a key is a laptop key's last part (lower-case letters and ``_``), so that a downgrade
  can always give it back to ``settings``;
- the owner (the administrator, ``casedesk server add-caseworker --email``) sees and
  changes every row.

Addresses a server kept in ``settings`` before (only its owner could write them, and every
caseworker of the region could read them) move to the new table; a downgrade moves them
back.

Revision ID: 0038
Revises: 0037
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0038"
down_revision: str | None = "0037"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "caseworker_settings"
COLLEAGUES_FUNCTION = "casedesk_login_colleagues()"
OWN = "caseworker_id = casedesk_login_caseworker()"
COLLEAGUE = f"caseworker_id IN (SELECT {COLLEAGUES_FUNCTION})"
KEY_PATTERN = "'^[a-z_]{1,60}$'"
"""What follows ``caseworker.<id>.`` in a laptop key; with that prefix it fits
``settings.key`` (100 characters)."""
LAPTOP_KEY = r"'^caseworker\.[0-9]{1,9}\.[a-z_]+$'"
"""The laptop's per-caseworker keys in ``settings`` (``db/settings_repo.py``); not
``caseworker.current_id``."""
KEY_CASEWORKER = f"CASE WHEN key ~ {LAPTOP_KEY} THEN split_part(key, '.', 2)::integer END"
"""The caseworker's id in such a key (NULL for any other key: no cast can fail)."""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = '"' + str(op.get_bind().scalar(sa.text("SELECT current_schema()"))) + '"'
    # SECURITY DEFINER as casedesk_login_municipalities (migration 0017): the policy reads
    # the mapping although the caseworkers may not; a fixed search path, pg_temp last.
    op.execute(
        f"""
        CREATE FUNCTION {COLLEAGUES_FUNCTION} RETURNS SETOF integer
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, {schema}, pg_temp AS $$
            SELECT DISTINCT colleague.caseworker_id
            FROM {schema}.caseworker_logins colleague
            JOIN {schema}.caseworker_logins mine
              ON mine.municipality_code = colleague.municipality_code
            WHERE mine.login = session_user
        $$
        """
    )
    op.execute(f"REVOKE ALL ON FUNCTION {COLLEAGUES_FUNCTION} FROM PUBLIC")
    op.execute(
        f"CREATE TABLE {TABLE} ("
        " caseworker_id integer NOT NULL REFERENCES caseworkers (id),"
        f" key varchar(60) NOT NULL CHECK (key ~ {KEY_PATTERN}),"
        " value text NOT NULL,"
        " PRIMARY KEY (caseworker_id, key))"
    )
    op.execute(f"ALTER TABLE {TABLE} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {TABLE} FORCE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY owner_sees_all ON {TABLE} TO CURRENT_USER USING (true)")
    op.execute(
        f"CREATE POLICY own_and_colleagues_read ON {TABLE} FOR SELECT "
        f"USING ({OWN} OR {COLLEAGUE})"
    )
    op.execute(f"CREATE POLICY own_added ON {TABLE} FOR INSERT WITH CHECK ({OWN})")
    op.execute(f"CREATE POLICY own_changed ON {TABLE} FOR UPDATE USING ({OWN}) WITH CHECK ({OWN})")
    op.execute(f"CREATE POLICY own_removed ON {TABLE} FOR DELETE USING ({OWN})")
    # Only keys of a caseworker the server knows: the others have nobody to belong to
    # and stay where they are.
    moved = (
        f"{KEY_CASEWORKER} IN (SELECT id FROM caseworkers) "
        "AND length(split_part(key, '.', 3)) <= 60"
    )
    op.execute(
        f"INSERT INTO {TABLE} (caseworker_id, key, value) "
        f"SELECT {KEY_CASEWORKER}, split_part(key, '.', 3), value FROM settings WHERE {moved}"
    )
    op.execute(f"DELETE FROM settings WHERE {moved}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "INSERT INTO settings (key, value) "
        f"SELECT 'caseworker.' || caseworker_id || '.' || key, value FROM {TABLE} "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    )
    op.execute(f"DROP TABLE {TABLE}")
    op.execute(f"DROP FUNCTION {COLLEAGUES_FUNCTION}")
