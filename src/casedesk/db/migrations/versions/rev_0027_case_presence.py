"""Who has a dossier open on the regional server (PostgreSQL only).

Each app that opens a dossier keeps one row in ``case_presence`` and renews its time every
half minute; closing the window removes it. A row the server has not heard from for two
minutes counts as gone (a crash or a dropped network leaves one behind). The time is the
server's own clock, so the computers' clocks play no part.

The rows follow the dossier's row-level security: a login sees the presence on the
dossiers it may see, and adds, renews and removes only rows of its own login and
caseworker (``session_user``, as migration 0017). A login of another municipality sees
nothing of who works on a dossier it cannot see, and cannot say it has one open.

``instance`` tells two apps of the same login apart (two computers); the app picks it at
random when it starts. SQLite holds one caseworker's store: no table there.

Revision ID: 0027
Revises: 0025
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0027"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VISIBLE_CASE = "EXISTS (SELECT 1 FROM cases WHERE cases.id = case_presence.case_id)"
OWN_ROW = "login = session_user"
OWN_CASEWORKER = "caseworker_id = casedesk_login_caseworker()"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # The dossier's erasure (migration 0025) removes these rows with the other rows that
    # carry its case_id; the cascade covers a case removed by the owner otherwise.
    op.execute(
        "CREATE TABLE case_presence ("
        " case_id integer NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
        " login text NOT NULL DEFAULT session_user,"
        " instance varchar(64) NOT NULL,"
        " caseworker_id integer REFERENCES caseworkers (id)"
        "  DEFAULT casedesk_login_caseworker(),"
        " seen_at timestamptz NOT NULL DEFAULT statement_timestamp(),"
        " PRIMARY KEY (case_id, login, instance))"
    )
    op.execute("ALTER TABLE case_presence ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE case_presence FORCE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY owner_sees_all ON case_presence TO CURRENT_USER USING (true)")
    op.execute(
        f"CREATE POLICY seen_with_the_case ON case_presence FOR SELECT USING ({VISIBLE_CASE})"
    )
    own = f"{OWN_ROW} AND {OWN_CASEWORKER} AND {VISIBLE_CASE}"
    op.execute(f"CREATE POLICY own_presence_added ON case_presence FOR INSERT WITH CHECK ({own})")
    op.execute(
        f"CREATE POLICY own_presence_renewed ON case_presence FOR UPDATE USING ({OWN_ROW}) "
        f"WITH CHECK ({own})"
    )
    op.execute(f"CREATE POLICY own_presence_removed ON case_presence FOR DELETE USING ({OWN_ROW})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE case_presence")
