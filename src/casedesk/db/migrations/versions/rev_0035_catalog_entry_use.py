"""How many dossiers use a catalog entry, for the coordinator, who reads no dossier
(PostgreSQL only).

Before a coordinator removes an instrument or a partner from the region's catalog, the app
says how many dossiers chose it or refer to it (``db/catalog_repo.py``). A coordinator's
login may not read ``case_instruments`` or ``referrals`` (migration 0026), so
``casedesk_catalog_entry_use(entry_id)`` counts them as the owner: the distinct dossiers
of every municipality that chose the instrument ``entry_id`` or refer to it or to the
partner ``entry_id``, the same rule as ``dossiers_using_entry``'s query. It returns one
number and nothing else. A small number is protected where the app shows it
(``domain/report.py``), not here: the rule is the report's, in one place.

A fixed search path with pg_temp last and every table named with its schema: nothing of
the caller's can stand in for them. Only the owner and, through ``casedesk server
setup``, the coordinators' role may call it; a caseworker counts the dossiers of their own
municipalities through the row policies instead.

Revision ID: 0035
Revises: 0034
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIGNATURE = "casedesk_catalog_entry_use(text)"
"""What ``casedesk server setup`` grants the coordinators (``db/server/admin.py``)."""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    name = str(op.get_bind().scalar(sa.text("SELECT current_schema()")))
    schema = '"' + name.replace('"', '""') + '"'
    op.execute(
        f"""
        CREATE FUNCTION casedesk_catalog_entry_use(entry_id text) RETURNS bigint
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, {schema}, pg_temp AS $$
        SELECT count(*) FROM (
            SELECT i.case_id FROM {schema}.case_instruments i WHERE i.instrument_id = entry_id
            UNION
            SELECT r.case_id FROM {schema}.referrals r
            WHERE r.partner_id = entry_id OR r.instrument_id = entry_id
        ) AS dossiers
        $$
        """
    )
    op.execute(f"REVOKE ALL ON FUNCTION {SIGNATURE} FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP FUNCTION {SIGNATURE}")
