"""Each municipality's own details on the regional server (PostgreSQL only).

"Gegevens van de gemeente" (name, address, phone, logo, privacy text, …) is what a plan
and a letter print about the municipality. A laptop's store holds one counter, so it
keeps them in ``settings`` as before. On a server several municipalities share the
database: there each municipality's details are rows of ``municipality_settings``
(municipality, key, value), with the same keys a laptop uses in ``settings``.

Row-level security, enabled and forced, as the dossiers' tables of migration 0017: a
login reads, adds, changes and removes only rows of the municipalities
``casedesk_login_municipalities()`` gives it (``session_user`` mapped in
``caseworker_logins``, which only the owner may change); a setting the client can ``SET``
plays no part. A coordinator has no municipality, so sees nothing here (and ``casedesk
server setup`` grants the coordinators no right on the table).

Details a server kept region-wide in ``settings`` before (only its owner could write
them) move to the region's counter municipality (``municipality.code``), if one is set;
without one they stay where they were, so nothing is lost.

Revision ID: 0036
Revises: 0035
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0036"
down_revision: str | None = "0035"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWN_MUNICIPALITY = "municipality_code IN (SELECT casedesk_login_municipalities())"

MUNICIPALITY_KEYS = (
    "municipality.name",
    "municipality.address",
    "municipality.phone",
    "municipality.phone_from_abroad",
    "municipality.logo",
    "municipality.logo_format",
    "privacy.text",
    "plan.signature_lines",
)
"""The keys of ``services/municipality_settings.py`` (migrations never import the code)."""

COUNTER = "(SELECT value FROM settings WHERE key = 'municipality.code')"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TABLE municipality_settings ("
        " municipality_code varchar(6) NOT NULL,"
        " key varchar(100) NOT NULL,"
        " value text NOT NULL,"
        " PRIMARY KEY (municipality_code, key))"
    )
    op.execute("ALTER TABLE municipality_settings ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE municipality_settings FORCE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY owner_sees_all ON municipality_settings TO CURRENT_USER USING (true)"
    )
    op.execute(
        f"CREATE POLICY own_municipalities ON municipality_settings USING ({OWN_MUNICIPALITY}) "
        f"WITH CHECK ({OWN_MUNICIPALITY})"
    )
    keys = _keys()
    op.execute(
        "INSERT INTO municipality_settings (municipality_code, key, value) "
        f"SELECT {COUNTER}, key, value FROM settings WHERE key IN ({keys}) "
        f"AND {COUNTER} IS NOT NULL"
    )
    op.execute(f"DELETE FROM settings WHERE key IN ({keys}) AND {COUNTER} IS NOT NULL")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # Back to one region-wide set: the counter municipality's (the other ones have no
    # place in the older schema).
    op.execute(
        "INSERT INTO settings (key, value) SELECT key, value FROM municipality_settings "
        f"WHERE municipality_code = {COUNTER} AND key IN ({_keys()}) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    )
    op.execute("DROP TABLE municipality_settings")


def _keys() -> str:
    return ", ".join(f"'{key}'" for key in MUNICIPALITY_KEYS)
