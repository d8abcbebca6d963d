"""Row-level security on the regional server: a login sees only its municipalities' rows.

PostgreSQL only (SQLite holds one municipality's store and has no roles). The policies
follow ``session_user``, the login that authenticated, looked up in ``caseworker_logins``:
a table only its owner can read or change. ``SET ROLE`` changes ``current_user``, not
``session_user``, and a custom setting any client can ``SET`` plays no part, so nothing a
client sends widens what it sees. Every table that holds a municipality's data has RLS
enabled *and* forced (forced: the owner's own queries obey the policies too; the owner's
policy lets it see everything, which migrations need).

- ``cases``, ``entrepreneurs``, ``businesses``: their own ``municipality_code``.
- rows of a dossier (intake, advice, actions, referrals, plans, …): their case must be
  visible, and ``cases`` itself is filtered by its policy inside that check.
- ``referral_status_changes``: its referral must be visible.
- ``audit_events``: events of a visible case, and the login's own events without a case.

Which roles may do what (the caseworkers' group role, no UPDATE or DELETE on the audit
log) is granted by ``casedesk server setup`` (``db/server/admin.py``): role names belong to
the server, not to the schema.

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOGIN_FUNCTIONS = (
    "casedesk_login_municipalities()",
    "casedesk_login_caseworker()",
    "casedesk_search(text[])",
)
"""What a caseworker may call: their own municipalities, caseworker id, and the search."""

OWN_MUNICIPALITY = "municipality_code IN (SELECT casedesk_login_municipalities())"

VISIBLE_CASE = "EXISTS (SELECT 1 FROM cases WHERE cases.id = {table}.case_id)"

TABLE_POLICIES: dict[str, str] = {
    "cases": OWN_MUNICIPALITY,
    "entrepreneurs": OWN_MUNICIPALITY,
    "businesses": OWN_MUNICIPALITY,
    **{
        table: VISIBLE_CASE.format(table=table)
        for table in (
            "intake_answers",
            "advice_decisions",
            "case_instruments",
            "actions",
            "appointments",
            "referrals",
            "consents",
            "follow_ups",
            "plan_versions",
            "case_reopenings",
            "case_search",
            "case_needs",
            "field_corrections",
        )
    },
    "referral_status_changes": (
        "EXISTS (SELECT 1 FROM referrals WHERE referrals.id = referral_status_changes.referral_id)"
    ),
    "audit_events": (
        f"(case_id IS NOT NULL AND {VISIBLE_CASE.format(table='audit_events')}) "
        "OR (case_id IS NULL AND recorded_by = session_user)"
    ),
    # Nobody but the owner: no policy for anyone else.
    "caseworker_logins": "",
}
"""Every table with row-level security, and what a caseworker's login may see of it."""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TABLE caseworker_logins ("
        " login text NOT NULL,"
        " municipality_code varchar(6) NOT NULL,"
        " caseworker_id integer NOT NULL REFERENCES caseworkers (id),"
        " PRIMARY KEY (login, municipality_code))"
    )
    schema = '"' + str(op.get_bind().scalar(sa.text("SELECT current_schema()"))) + '"'
    # SECURITY DEFINER: the policies may read the mapping although the caseworkers may not.
    # A fixed search path with pg_temp last, and the table named with its schema: a
    # temporary table of the caller can never stand in for the mapping.
    op.execute(
        f"""
        CREATE FUNCTION casedesk_login_municipalities() RETURNS SETOF varchar
        LANGUAGE sql STABLE SECURITY DEFINER ROWS 5
        SET search_path = pg_catalog, {schema}, pg_temp AS $$
            SELECT municipality_code FROM {schema}.caseworker_logins
            WHERE login = session_user
        $$
        """
    )
    # Who the login is in the log and on the plans: its row in caseworkers.
    op.execute(
        f"""
        CREATE FUNCTION casedesk_login_caseworker() RETURNS integer
        LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, {schema}, pg_temp AS $$
            SELECT min(caseworker_id) FROM {schema}.caseworker_logins
            WHERE login = session_user
        $$
        """
    )
    _search_function(schema)
    for function in LOGIN_FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    for table, visible in TABLE_POLICIES.items():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY owner_sees_all ON {table} TO CURRENT_USER USING (true)")
        if visible:
            op.execute(
                f"CREATE POLICY own_municipalities ON {table} USING ({visible}) "
                f"WITH CHECK ({visible})"
            )


def _search_function(schema: str) -> None:
    """The case search, as the owner: with a policy in the way, PostgreSQL may not use
    the trigram index for ``LIKE`` (not a leakproof operator), so a caseworker's search
    would read every row. The function filters by the login's municipalities itself
    (the owner, whose session it is, sees all), and each pattern is its own condition,
    so the GIN index answers them together. Patterns are quoted with %L, never pasted."""
    op.execute(
        f"""
        CREATE FUNCTION casedesk_search(patterns text[]) RETURNS SETOF integer
        LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100
        SET search_path = pg_catalog, {schema}, pg_temp AS $$
        DECLARE
            matching text;
        BEGIN
            IF coalesce(cardinality(patterns), 0) = 0 THEN
                RETURN;
            END IF;
            SELECT string_agg(format('s.search_text LIKE %L', p), ' AND ')
            INTO matching FROM unnest(patterns) AS p;
            RETURN QUERY EXECUTE
                'SELECT s.case_id FROM {schema}.case_search s '
                'JOIN {schema}.cases c ON c.id = s.case_id WHERE ' || matching
                || ' AND (session_user = current_user OR c.municipality_code IN '
                '(SELECT {schema}.casedesk_login_municipalities()))';
        END $$
        """
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, visible in TABLE_POLICIES.items():
        if table == "caseworker_logins":
            continue
        if visible:
            op.execute(f"DROP POLICY own_municipalities ON {table}")
        op.execute(f"DROP POLICY owner_sees_all ON {table}")
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for function in LOGIN_FUNCTIONS:
        op.execute(f"DROP FUNCTION {function}")
    op.execute("DROP TABLE caseworker_logins")
