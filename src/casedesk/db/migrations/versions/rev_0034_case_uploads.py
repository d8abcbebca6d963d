"""Which laptop dossiers came onto the regional server, so that an upload runs once.

``casedesk server upload`` copies a laptop's encrypted store into the region. Each dossier
it copies leaves one row here, in the same transaction as the dossier's rows: the laptop
store's id (``store_commit_mark.store_id``, kept by its backups) and its dossier number,
and the number the server gave it. A rerun, after a kill halfway or on a restored backup
of the same store, finds the row and skips the dossier; the primary key makes a second
copy impossible even when two uploads run at once.

No ``case_id`` column and no foreign key on purpose: the row holds nothing about a person,
and it outlives an erasure of the dossier on the server (migration 0025 erases every table
with a ``case_id``), so an upload run again afterwards does not bring the erased dossier
back. Row-level security as for a dossier: a login sees and adds only the rows of its own
municipalities, under its own name; nobody but the owner changes or removes one (``casedesk
server setup`` grants the caseworkers INSERT only, ``db/server/admin.py``).

PostgreSQL only: the laptop does not upload into itself.

Revision ID: 0034
Revises: 0031
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0034"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWN_MUNICIPALITY = "municipality_code IN (SELECT casedesk_login_municipalities())"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TABLE case_uploads ("
        " source_store varchar(32) NOT NULL,"
        " source_case_id integer NOT NULL,"
        " server_case_id integer NOT NULL,"
        " municipality_code varchar(6) NOT NULL,"
        " login text NOT NULL DEFAULT session_user,"
        " uploaded_at timestamp NOT NULL DEFAULT (statement_timestamp() AT TIME ZONE 'UTC'),"
        " PRIMARY KEY (source_store, source_case_id))"
    )
    op.execute("ALTER TABLE case_uploads ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE case_uploads FORCE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY owner_sees_all ON case_uploads TO CURRENT_USER USING (true)")
    op.execute(
        f"CREATE POLICY own_municipalities ON case_uploads FOR SELECT USING ({OWN_MUNICIPALITY})"
    )
    op.execute(
        "CREATE POLICY own_uploads_added ON case_uploads FOR INSERT "
        f"WITH CHECK ({OWN_MUNICIPALITY} AND login = session_user)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE case_uploads")
