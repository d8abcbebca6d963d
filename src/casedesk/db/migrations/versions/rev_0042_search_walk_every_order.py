"""A searched list by name, trade name, status, route or municipality walks in list order too.

PostgreSQL only. Migration 0040 gave the list newest (or oldest) change first a bounded
walk: the login's cases in list order, at most ``WALK_BUDGET`` of them, each tested on its
search text, and only when that does not fill the page every hit through the trigram
index. The other orders still collected every hit and sorted it, so a common term
("bakker", in 8% of the cases) cost all of its hits for a page of 50; a list by status,
route or municipality did so once per group, and a rare term ran the trigram search once
for every group.

Now every order of a search first walks:

- by name or trade name: ``case_search`` in the order's keys. A login of one municipality
  walks its own municipality's keys by a new index per order (``municipality_code`` then
  the keys of migration 0037); a login of several walks the region's keys (0037's index),
  passing over the rows of other municipalities;
- by status, route or municipality: the groups in the caller's order, each newest change
  first, one query per group, the budget shared by all groups (each query also tells how
  many cases it walked: the last one it walked comes with the hits). A login of several
  municipalities walks a group by its index of migration 0019; a login of one walks only
  its own cases of the group, by a new index (``municipality_code``, the group's column,
  ``updated_at``, ``id``), as 0040's walk reads the ``municipality_code`` index.

A walk that does not fill the page costs at most the budget's reads: a rare term pays
that before the trigram index answers, as in 0040's walk.

When the walk fills the page, or walks every group to its end, that is the page the full
search gives. Otherwise the trigram index gives every hit once (a ``MATERIALIZED``
query), each hit's case is read by its key, and the hits are sorted in the list's order,
for a group order by the group's place in ``groups`` first: one trigram search for every
group. The list without a search, and a call without a page size, are 0040's.

Everything else is migration 0040's function: SECURITY DEFINER with a fixed search path,
pg_temp last; the condition on ``cases`` (the login's municipalities) decides what the
login sees, the one on ``case_search`` only narrows an index; values are passed with
``USING``, only the ``LIKE`` patterns are pasted, quoted with %L. Same signature, so the
caseworkers' grant stays.

Revision ID: 0042
Revises: 0041
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0042"
down_revision: str | None = "0041"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WALK_BUDGET = 3000
"""The most cases the walk in list order looks at before the function asks the index."""
ORDER_INDEXES = {
    "ix_sort_case_search_municipality_name": ("case_search", (
        "municipality_code", "surname_key", "first_names_key", "entrepreneur_id", "case_id"
    )),
    "ix_sort_case_search_municipality_trade_name": ("case_search", (
        "municipality_code", "trade_key", "business_key", "case_id"
    )),
    "ix_cases_municipality_code_status_updated_at_id": ("cases", (
        "municipality_code", "status", "updated_at", "id"
    )),
    "ix_cases_municipality_code_primary_route_updated_at_id": ("cases", (
        "municipality_code", "primary_route", "updated_at", "id"
    )),
}  # fmt: skip
"""What a login of one municipality walks: its own cases in each order's keys."""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = '"' + str(bind.scalar(sa.text("SELECT current_schema()"))) + '"'
    for name, (table, columns) in ORDER_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {table} ({', '.join(columns)})")
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
    key_list text;
    ordering text;
    group_column text;
    group_condition text;
    cursor_group text;
    cursor_at timestamp;
    first_group integer := 1;
    remaining integer := page_size;
    returned integer;
    walk_cursor text := '';
    walking boolean;
    own_municipality text;
    own_municipalities text[];
    walk_municipality text := '';
    index_municipality text := '';
    walked integer[];
    found integer[];
    walked_rows integer;
    budget_left integer := {budget};
    walked_to_the_end boolean := true;
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
    -- A page of a search: walked in list order first, else every hit through the index.
    walking := page_size IS NOT NULL AND coalesce(cardinality(patterns), 0) > 0;
    IF walking AND session_user <> current_user THEN
        SELECT array_agg(m), CASE WHEN count(*) = 1 THEN min(m) END
        INTO own_municipalities, own_municipality
        FROM casedesk_login_municipalities() AS m;
        -- The index holds each case's municipality: only the login's hits are read.
        index_municipality := ' AND s.municipality_code = ANY($9)';
    END IF;

    IF walking AND (sorted_by IS NULL OR sorted_by = 'updated') THEN
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
        IF own_municipality IS NOT NULL THEN
            -- One municipality: its cases in order by its own index.
            walk_municipality := ' AND c.municipality_code = $8';
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
        key_list := array_to_string(keys, ', ');
        IF after_id IS NOT NULL THEN
            -- The cursor's own values, of a case the login may see (else no row: no page).
            walk_cursor := format(
                ' AND (%1$s) %2$s (SELECT %1$s FROM {schema}.case_search s '
                'JOIN {schema}.cases c ON c.id = s.case_id WHERE c.id = $4%3$s)',
                key_list, CASE WHEN descending THEN '<' ELSE '>' END, visible);
        END IF;
        SELECT ' ORDER BY ' || string_agg(k || CASE WHEN descending THEN ' DESC' ELSE '' END,
                                          ', ' ORDER BY n)
        INTO ordering FROM unnest(keys) WITH ORDINALITY AS u(k, n);
        IF NOT walking THEN
            RETURN QUERY EXECUTE hits || walk_cursor || ordering || ' LIMIT $5'
            USING with_status, without_status, of_caseworker, after_id, page_size;
            RETURN;
        END IF;
        -- By name or trade name: the keys in order, one municipality's by its own index.
        IF own_municipality IS NOT NULL THEN
            walk_municipality := ' AND s.municipality_code = $8';
        ELSIF own_municipalities IS NOT NULL THEN
            walk_municipality := index_municipality;
        END IF;
        EXECUTE 'SELECT array_agg(s.case_id' || ordering || ') FROM (SELECT ' || key_list
            || ' FROM (SELECT s.search_text, ' || key_list || ' FROM {schema}.case_search s '
            'WHERE true' || walk_municipality || walk_cursor || ordering || ' LIMIT $7) s '
            -- OFFSET 0: each hit's case by its key, in order.
            'CROSS JOIN LATERAL (SELECT c.id, c.status, c.caseworker_id, c.municipality_code '
            'FROM {schema}.cases c WHERE c.id = s.case_id OFFSET 0) c '
            'WHERE ' || matching || visible || filters || ordering || ' LIMIT $6) s'
        INTO walked
        USING with_status, without_status, of_caseworker, after_id, NULL::integer,
            page_size, {budget}, own_municipality, own_municipalities;
        IF coalesce(cardinality(walked), 0) >= page_size THEN
            RETURN QUERY SELECT w.id FROM unnest(walked) WITH ORDINALITY AS w(id, n)
                ORDER BY w.n;
            RETURN;
        END IF;
        -- Few hits: every one through the trigram index, each case by its key, sorted.
        RETURN QUERY EXECUTE 'WITH hit AS MATERIALIZED (SELECT ' || key_list
            || ' FROM {schema}.case_search s WHERE ' || matching || index_municipality
            || ') SELECT s.case_id FROM hit s '
            'CROSS JOIN LATERAL (SELECT c.id, c.status, c.caseworker_id, c.municipality_code '
            'FROM {schema}.cases c WHERE c.id = s.case_id OFFSET 0) c '
            'WHERE true' || visible || filters || walk_cursor || ordering || ' LIMIT $6'
        USING with_status, without_status, of_caseworker, after_id, NULL::integer,
            page_size, NULL::integer, NULL::text, own_municipalities;
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
    IF walking THEN
        IF own_municipality IS NOT NULL THEN
            -- One municipality: its cases of each group in order by its own index.
            walk_municipality := ' AND c.municipality_code = $8';
        END IF;
        FOR g IN first_group .. coalesce(cardinality(groups), 0) LOOP
            EXIT WHEN remaining <= 0;
            -- One group newest change first by its index, at most the budget left. Besides
            -- the hits the last case walked comes back: how many cases the walk read.
            EXECUTE 'SELECT array_agg(w.id ORDER BY w.n) FILTER (WHERE w.matched), max(w.n) '
                'FROM (SELECT w.id, w.n, w.matched FROM (SELECT c.id, '
                '(' || matching || filters || ') AS matched, row_number() OVER o AS n, '
                'lead(c.id) OVER o IS NULL AS last '
                'FROM (SELECT c.id, c.updated_at, c.status, c.caseworker_id '
                'FROM {schema}.cases c WHERE true' || visible || walk_municipality
                || CASE WHEN groups[g] IS NULL THEN ' AND ' || group_column || ' IS NULL'
                        WHEN sorted_by = 'route' THEN ' AND c.primary_route = $10::integer'
                        ELSE ' AND ' || group_column || ' = $10' END
                || CASE WHEN g = first_group AND after_id IS NOT NULL
                        THEN ' AND (c.updated_at, c.id) < ($4, $5)' ELSE '' END
                || ' ORDER BY c.updated_at DESC, c.id DESC LIMIT $7) c '
                'CROSS JOIN LATERAL (SELECT s.search_text FROM {schema}.case_search s '
                'WHERE s.case_id = c.id OFFSET 0) s '
                'WINDOW o AS (ORDER BY c.updated_at DESC, c.id DESC)) w '
                'WHERE w.matched OR w.last LIMIT $6) w'
            INTO found, walked_rows
            USING with_status, without_status, of_caseworker, cursor_at, after_id,
                remaining, budget_left, own_municipality, NULL::text[], groups[g];
            found := coalesce(found, '{}');
            IF cardinality(found) < remaining AND coalesce(walked_rows, 0) >= budget_left THEN
                -- The budget ran out inside this group.
                walked_to_the_end := false;
                EXIT;
            END IF;
            walked := coalesce(walked, '{}') || found;
            remaining := remaining - cardinality(found);
            budget_left := budget_left - coalesce(walked_rows, 0);
        END LOOP;
        IF walked_to_the_end THEN
            RETURN QUERY SELECT w.id FROM unnest(walked) WITH ORDINALITY AS w(id, n)
                ORDER BY w.n;
            RETURN;
        END IF;
        -- Few hits: every one once through the trigram index, sorted by group place.
        RETURN QUERY EXECUTE 'WITH hit AS MATERIALIZED (SELECT s.case_id '
            'FROM {schema}.case_search s WHERE ' || matching || index_municipality
            || ') SELECT c.id FROM hit '
            'CROSS JOIN LATERAL (SELECT c.id, c.updated_at, c.status, c.caseworker_id, '
            'c.municipality_code, array_position($10, ' || group_column || '::text) AS place '
            'FROM {schema}.cases c WHERE c.id = hit.case_id OFFSET 0) c '
            'WHERE c.place >= $11' || visible || filters
            || CASE WHEN after_id IS NOT NULL
                    THEN ' AND (c.place > $11 OR (c.updated_at, c.id) < ($4, $5))' ELSE '' END
            || ' ORDER BY c.place, c.updated_at DESC, c.id DESC LIMIT $6'
        USING with_status, without_status, of_caseworker, cursor_at, after_id, page_size,
            NULL::integer, NULL::text, own_municipalities, groups, first_group;
        RETURN;
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
    # 0040's function as 0040 wrote it: its file, as Alembic loaded it (the bundle ships
    # migrations as files, so one cannot import another). Same signature: replaced.
    before = op.get_context().script.get_revision("0040").module  # type: ignore[union-attr]
    op.execute(
        before._SEARCH_FUNCTION.replace("{schema}", schema).replace(
            "{budget}", str(before.WALK_BUDGET)
        )
    )
    for name in ORDER_INDEXES:
        op.execute(f"DROP INDEX {name}")
