"""The server's case search returns one page, not every hit (PostgreSQL only).

Migration 0017's ``casedesk_search(patterns)`` returned the id of every matching case: at a
million dossiers a search for "jan" sent tens of thousands of ids to be joined and sorted
outside the function. The function now also takes what the case list asks for: how many
ids (``page_size``; NULL: all, for a list sorted by another column), where the page starts
(the last row's ``updated_at`` and id, newest change first, as ``db/cases.py`` pages), and
the list's filter (a status it must have, a status it must not have, a caseworker). It
returns the ids in the list's order, so the trigram index and the list index answer
together inside the function, where the row policy does not stand in their way.

Values are passed with ``USING``; only the ``LIKE`` patterns are pasted, quoted with %L.

Revision ID: 0022
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_SIGNATURE = "casedesk_search(text[])"
SIGNATURE = "casedesk_search(text[], integer, timestamp, integer, text, text, integer)"
"""What ``casedesk server setup`` grants the caseworkers (``db/server/admin.py``)."""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = '"' + str(op.get_bind().scalar(sa.text("SELECT current_schema()"))) + '"'
    op.execute(f"DROP FUNCTION {OLD_SIGNATURE}")
    op.execute(
        f"""
        CREATE FUNCTION casedesk_search(
            patterns text[],
            page_size integer DEFAULT NULL,
            after_updated_at timestamp DEFAULT NULL,
            after_id integer DEFAULT NULL,
            with_status text DEFAULT NULL,
            without_status text DEFAULT NULL,
            of_caseworker integer DEFAULT NULL
        ) RETURNS SETOF integer
        LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50
        SET search_path = pg_catalog, {schema}, pg_temp AS $$
        DECLARE
            matching text;
            kept text := '';
        BEGIN
            IF coalesce(cardinality(patterns), 0) = 0 THEN
                RETURN;
            END IF;
            SELECT string_agg(format('s.search_text LIKE %L', p), ' AND ')
            INTO matching FROM unnest(patterns) AS p;
            -- Only the conditions asked for: the planner sees the query the list needs.
            IF with_status IS NOT NULL THEN
                kept := kept || ' AND c.status::text = $1';
            END IF;
            IF without_status IS NOT NULL THEN
                kept := kept || ' AND c.status::text <> $2';
            END IF;
            IF of_caseworker IS NOT NULL THEN
                kept := kept || ' AND c.caseworker_id = $3';
            END IF;
            IF after_updated_at IS NOT NULL THEN
                kept := kept || ' AND (c.updated_at, c.id) < ($4, $5)';
            END IF;
            IF page_size IS NOT NULL THEN
                kept := kept || ' ORDER BY c.updated_at DESC, c.id DESC LIMIT $6';
            END IF;
            RETURN QUERY EXECUTE
                'SELECT c.id FROM {schema}.case_search s '
                'JOIN {schema}.cases c ON c.id = s.case_id WHERE ' || matching
                || ' AND (session_user = current_user OR c.municipality_code IN '
                '(SELECT {schema}.casedesk_login_municipalities()))' || kept
            USING with_status, without_status, of_caseworker, after_updated_at,
                coalesce(after_id, 0), page_size;
        END $$
        """
    )
    op.execute(f"REVOKE ALL ON FUNCTION {SIGNATURE} FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP FUNCTION {SIGNATURE}")
    schema = '"' + str(op.get_bind().scalar(sa.text("SELECT current_schema()"))) + '"'
    # 0017's function as it was, written out: a migration is a frozen snapshot, and the
    # bundle ships migrations as files, so one cannot import another.
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
    op.execute(f"REVOKE ALL ON FUNCTION {OLD_SIGNATURE} FROM PUBLIC")
