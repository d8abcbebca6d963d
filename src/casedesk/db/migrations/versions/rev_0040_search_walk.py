"""The server's search-as-you-type stays fast at a million dossiers (issue 12).

PostgreSQL only. ``casedesk_search`` (migration 0037) gave a searched list newest change
first as one query, planned without knowing how many cases a ``LIKE`` matches. Two plans
came out, each slow for half the terms: walking the newest cases and testing each one
read every case of the municipality for a term that matches none of them ("blo", over a
second), and collecting every hit of the trigram index and sorting it cost a common term
all of its hits (a term in 8% of 200,000 cases, 150 ms, for a page of 50).

A page newest (or oldest) change first now first walks the login's cases in that order,
at most ``WALK_BUDGET`` of them, testing each one's search text; when that finds the
whole page, the page is the same as the full search gives. Otherwise the function
collects every hit through the trigram index (a ``MATERIALIZED`` query, so the planner
does not walk again), reads each hit's case by its key and sorts them: few hits, so cheap.
A login of one municipality walks that municipality's cases by its index
(``municipality_code, updated_at, id``), not the whole region's.

The trigram index covered the whole region, so a term common in other municipalities
made a caseworker's search read (and drop) their hits too. ``case_search`` now holds each
case's municipality (the server store writes it with the search text,
``db/server/search.py``; filled here from ``cases``) and the index is on (municipality,
search text), with ``btree_gin``, a trusted contrib extension as ``pg_trgm``: the index
gives only the login's municipalities' hits. The condition on ``cases`` stays the one
that decides what the login sees; the one on ``case_search`` only narrows the index.

Everything else is migration 0037's function: SECURITY DEFINER with a fixed search path,
pg_temp last; the login's municipalities are still its own condition (the municipality
passed to the walk is read from ``casedesk_login_municipalities()`` and passed with
``USING``); values are passed with ``USING``, only the ``LIKE`` patterns are pasted,
quoted with %L. The signature is the same, so the caseworkers' grant stays.

Revision ID: 0040
Revises: 0039
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0040"
down_revision: str | None = "0039"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIGNATURE = (
    "casedesk_search(text[], integer, timestamp, integer, text, text, integer, text, boolean,"
    " text[])"
)
TEXT_INDEX = "ix_case_search_search_text"
WALK_BUDGET = 3000
"""The most cases the walk in list order looks at before the function asks the index."""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = '"' + str(bind.scalar(sa.text("SELECT current_schema()"))) + '"'
    # Trusted contrib extension, as pg_trgm (migration 0016): the owner may create it.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    op.execute("ALTER TABLE case_search ADD COLUMN municipality_code varchar(6)")
    # The owner sees every case (its own policy of migration 0017).
    op.execute(
        "UPDATE case_search s SET municipality_code = c.municipality_code FROM cases c "
        "WHERE c.id = s.case_id"
    )
    op.execute("ALTER TABLE case_search ALTER COLUMN municipality_code SET NOT NULL")
    op.execute(f"DROP INDEX {TEXT_INDEX}")
    op.execute(
        f"CREATE INDEX {TEXT_INDEX} ON case_search "
        "USING gin (municipality_code, search_text gin_trgm_ops)"
    )
    op.execute(
        _SEARCH_FUNCTION.replace("{schema}", schema).replace("{budget}", str(WALK_BUDGET))
    )


_SEARCH_FUNCTION = """
CREATE OR REPLACE FUNCTION casedesk_search(
    patterns text[],
    page_size integer DEFAULT NULL,
    after_updated_at timestamp DEFAULT NULL,
    after_id integer DEFAULT NULL,
    with_status text DEFAULT NULL,
    without_status text DEFAULT NULL,
    of_caseworker integer DEFAULT NULL,
    sorted_by text DEFAULT NULL,
    descending boolean DEFAULT true,
    groups text[] DEFAULT NULL
) RETURNS SETOF integer
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50
SET search_path = pg_catalog, {schema}, pg_temp AS $$
DECLARE
    matching text;
    visible constant text := ' AND (session_user = current_user OR c.municipality_code IN '
        '(SELECT {schema}.casedesk_login_municipalities()))';
    hits text;
    filters text := '';
    keys text[];
    ordering text;
    group_column text;
    cursor_group text;
    cursor_at timestamp;
    first_group integer := 1;
    remaining integer := page_size;
    returned integer;
    walk_cursor text := '';
    own_municipality text;
    own_municipalities text[];
    walk_municipality text := '';
    index_municipality text := '';
    walked integer[];
BEGIN
    IF coalesce(cardinality(patterns), 0) = 0 AND sorted_by IS NULL THEN
        RETURN;
    END IF;
    -- No patterns in a sorted order: the list without a search, every case it may see.
    SELECT coalesce(string_agg(format('s.search_text LIKE %L', p), ' AND '), 'true')
    INTO matching FROM unnest(patterns) AS p;
    -- Only the conditions asked for: the planner sees the query the list needs.
    IF with_status IS NOT NULL THEN
        filters := filters || ' AND c.status::text = $1';
    END IF;
    IF without_status IS NOT NULL THEN
        filters := filters || ' AND c.status::text <> $2';
    END IF;
    IF of_caseworker IS NOT NULL THEN
        filters := filters || ' AND c.caseworker_id = $3';
    END IF;
    hits := 'SELECT c.id FROM {schema}.case_search s '
        'JOIN {schema}.cases c ON c.id = s.case_id WHERE ' || matching || visible || filters;

    IF (sorted_by IS NULL OR sorted_by = 'updated') AND page_size IS NOT NULL
            AND coalesce(cardinality(patterns), 0) > 0 THEN
        -- Newest (or oldest) change first: a bounded walk in that order, else the index.
        IF sorted_by IS NULL THEN
            descending := true;
            IF after_updated_at IS NOT NULL THEN
                walk_cursor := ' AND (c.updated_at, c.id) < ($4, $5)';
            END IF;
        ELSIF after_id IS NOT NULL THEN
            -- The cursor's own values, of a case the login may see (else no row: no page).
            walk_cursor := format(
                ' AND (c.updated_at, c.id) %1$s (SELECT c.updated_at, c.id '
                'FROM {schema}.case_search s JOIN {schema}.cases c ON c.id = s.case_id '
                'WHERE c.id = $5%2$s)', CASE WHEN descending THEN '<' ELSE '>' END, visible);
        END IF;
        ordering := CASE WHEN descending THEN ' ORDER BY c.updated_at DESC, c.id DESC'
            ELSE ' ORDER BY c.updated_at, c.id' END;
        IF session_user <> current_user THEN
            SELECT array_agg(m), CASE WHEN count(*) = 1 THEN min(m) END
            INTO own_municipalities, own_municipality
            FROM casedesk_login_municipalities() AS m;
            -- The index holds each case's municipality: only the login's hits are read.
            index_municipality := ' AND s.municipality_code = ANY($9)';
            IF own_municipality IS NOT NULL THEN
                -- One municipality: its cases in order by its own index.
                walk_municipality := ' AND c.municipality_code = $8';
            END IF;
        END IF;
        EXECUTE 'SELECT array_agg(c.id' || ordering || ') FROM (SELECT c.id, c.updated_at '
            'FROM (SELECT c.id, c.updated_at, c.status, c.caseworker_id '
            'FROM {schema}.cases c WHERE true' || visible || walk_municipality || walk_cursor
            || ordering || ' LIMIT $7) c CROSS JOIN LATERAL (SELECT s.search_text '
            -- OFFSET 0: each case's text by its key, in order, not the index's every hit.
            'FROM {schema}.case_search s WHERE s.case_id = c.id OFFSET 0) s '
            'WHERE ' || matching || filters || ordering || ' LIMIT $6) c'
        INTO walked
        USING with_status, without_status, of_caseworker, after_updated_at,
            coalesce(after_id, 0), page_size, {budget}, own_municipality;
        IF coalesce(cardinality(walked), 0) >= page_size THEN
            RETURN QUERY SELECT w.id FROM unnest(walked) WITH ORDINALITY AS w(id, n)
                ORDER BY w.n;
            RETURN;
        END IF;
        -- Few hits: every one through the trigram index, each case by its key, sorted.
        RETURN QUERY EXECUTE 'WITH hit AS MATERIALIZED (SELECT s.case_id '
            'FROM {schema}.case_search s WHERE ' || matching || index_municipality
            || ') SELECT c.id FROM hit '
            'CROSS JOIN LATERAL (SELECT c.id, c.updated_at, c.status, c.caseworker_id, '
            'c.municipality_code FROM {schema}.cases c WHERE c.id = hit.case_id OFFSET 0) c '
            'WHERE true' || visible || filters || walk_cursor || ordering || ' LIMIT $6'
        USING with_status, without_status, of_caseworker, after_updated_at,
            coalesce(after_id, 0), page_size, NULL::integer, NULL::text, own_municipalities;
        RETURN;
    END IF;

    IF sorted_by IS NULL THEN
        -- Newest change first after (after_updated_at, after_id), as migration 0022.
        IF after_updated_at IS NOT NULL THEN
            hits := hits || ' AND (c.updated_at, c.id) < ($4, $5)';
        END IF;
        IF page_size IS NOT NULL THEN
            hits := hits || ' ORDER BY c.updated_at DESC, c.id DESC LIMIT $6';
        END IF;
        RETURN QUERY EXECUTE hits
        USING with_status, without_status, of_caseworker, after_updated_at,
            coalesce(after_id, 0), page_size;
        RETURN;
    END IF;

    IF sorted_by IN ('name', 'trade_name', 'updated') THEN
        keys := CASE sorted_by
            WHEN 'name' THEN
                ARRAY['s.surname_key', 's.first_names_key', 's.entrepreneur_id', 's.case_id']
            WHEN 'trade_name' THEN ARRAY['s.trade_key', 's.business_key', 's.case_id']
            ELSE ARRAY['c.updated_at', 'c.id']
        END;
        IF after_id IS NOT NULL THEN
            -- The cursor's own values, of a case the login may see (else no row: no page).
            hits := hits || format(
                ' AND (%1$s) %2$s (SELECT %1$s FROM {schema}.case_search s '
                'JOIN {schema}.cases c ON c.id = s.case_id WHERE c.id = $4%3$s)',
                array_to_string(keys, ', '), CASE WHEN descending THEN '<' ELSE '>' END,
                visible);
        END IF;
        SELECT string_agg(k || CASE WHEN descending THEN ' DESC' ELSE '' END, ', '
                          ORDER BY n)
        INTO ordering FROM unnest(keys) WITH ORDINALITY AS u(k, n);
        RETURN QUERY EXECUTE hits || ' ORDER BY ' || ordering || ' LIMIT $5'
        USING with_status, without_status, of_caseworker, after_id, page_size;
        RETURN;
    END IF;

    -- By group: the groups in the caller's order, each newest change first.
    group_column := CASE sorted_by
        WHEN 'status' THEN 'c.status'
        WHEN 'route' THEN 'c.primary_route'
        WHEN 'municipality' THEN 'c.municipality_code'
    END;
    IF group_column IS NULL THEN
        RAISE EXCEPTION 'casedesk_search: unknown order %', sorted_by;
    END IF;
    IF after_id IS NOT NULL THEN
        EXECUTE 'SELECT ' || group_column || '::text, c.updated_at FROM {schema}.cases c '
            'WHERE c.id = $1' || visible
        INTO cursor_group, cursor_at USING after_id;
        GET DIAGNOSTICS returned = ROW_COUNT;
        IF returned = 0 THEN
            RETURN;
        END IF;
        -- array_position finds a NULL too: the cases without a route.
        first_group := array_position(groups, cursor_group);
        IF first_group IS NULL THEN
            RETURN;
        END IF;
    END IF;
    FOR g IN first_group .. coalesce(cardinality(groups), 0) LOOP
        EXIT WHEN remaining <= 0;
        -- The group's value as text, compared in the column's own type (its index).
        RETURN QUERY EXECUTE hits
            || CASE WHEN groups[g] IS NULL THEN ' AND ' || group_column || ' IS NULL'
                    WHEN sorted_by = 'route' THEN ' AND c.primary_route = $4::integer'
                    ELSE ' AND ' || group_column || ' = $4' END
            || CASE WHEN g = first_group AND after_id IS NOT NULL
                    THEN ' AND (c.updated_at, c.id) < ($5, $6)' ELSE '' END
            || ' ORDER BY c.updated_at DESC, c.id DESC LIMIT $7'
        USING with_status, without_status, of_caseworker, groups[g], cursor_at, after_id,
            remaining;
        GET DIAGNOSTICS returned = ROW_COUNT;
        remaining := remaining - returned;
    END LOOP;
END $$
"""


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = '"' + str(bind.scalar(sa.text("SELECT current_schema()"))) + '"'
    # 0037's function as 0037 wrote it: its file, as Alembic loaded it (the bundle ships
    # migrations as files, so one cannot import another). Same signature: replaced.
    before = op.get_context().script.get_revision("0037").module._SEARCH_FUNCTION  # type: ignore[union-attr]
    op.execute(
        before.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1).replace(
            "{schema}", schema
        )
    )
    op.execute(f"DROP INDEX {TEXT_INDEX}")
    op.execute(f"CREATE INDEX {TEXT_INDEX} ON case_search USING gin (search_text gin_trgm_ops)")
    op.execute("ALTER TABLE case_search DROP COLUMN municipality_code")
    # btree_gin stays: another schema of the database may use it.

