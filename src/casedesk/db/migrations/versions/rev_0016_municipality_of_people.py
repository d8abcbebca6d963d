"""Entrepreneurs and businesses carry their dossier's municipality; the server's search text.

On a regional server every row of a dossier must say whose it is, so that row-level
security (revision 0017) can keep municipalities apart. A case names its municipality, and
the rows that hang below a case are reached through it; but the entrepreneur and the
business are written *before* their case and are pointed to by it, so they carry the code
themselves (a policy that followed the case's pointer could be fooled by repointing one's
own case at another municipality's entrepreneur). On SQLite the column is filled too, so
both stores hold the same data.

On PostgreSQL only: ``pg_trgm``, the ``case_search`` table with the search text folded in
Python (``db/server/search.py``) under a trigram GIN index, and audit events stamped
with the server's clock and the login that wrote them, whatever the client sent.

Revision ID: 0016
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = {"entrepreneurs": "entrepreneur_id", "businesses": "business_id"}


def upgrade() -> None:
    for table, case_column in _TABLES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("municipality_code", sa.String(length=6), nullable=True))
            batch_op.create_index(
                batch_op.f(f"ix_{table}_municipality_code"), ["municipality_code"], unique=False
            )
        op.execute(
            f"UPDATE {table} SET municipality_code = (SELECT cases.municipality_code "
            f"FROM cases WHERE cases.{case_column} = {table}.id ORDER BY cases.id LIMIT 1)"
        )
    if op.get_bind().dialect.name == "postgresql":
        _server_objects()


def _server_objects() -> None:
    # Trusted since PostgreSQL 13: the database owner may create it.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        "CREATE TABLE case_search ("
        " case_id integer PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,"
        " search_text text NOT NULL)"
    )
    op.execute(
        "CREATE INDEX ix_case_search_search_text ON case_search "
        "USING gin (search_text gin_trgm_ops)"
    )
    op.execute("ALTER TABLE audit_events ADD COLUMN recorded_by text NOT NULL DEFAULT ''")
    op.execute(
        """
        CREATE FUNCTION casedesk_stamp_audit_event() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            -- The server's clock and the authenticated login, never the client's word.
            NEW.at := statement_timestamp() AT TIME ZONE 'UTC';
            NEW.recorded_by := session_user;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER audit_events_stamped BEFORE INSERT ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION casedesk_stamp_audit_event()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_events_stamped ON audit_events")
        op.execute("DROP FUNCTION casedesk_stamp_audit_event()")
        op.execute("ALTER TABLE audit_events DROP COLUMN recorded_by")
        op.execute("DROP TABLE case_search")
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_municipality_code"))
            batch_op.drop_column("municipality_code")
