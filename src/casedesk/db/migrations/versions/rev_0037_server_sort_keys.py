"""The server's searched case list pages inside its search function, in the laptop's order.

PostgreSQL only. Two things the server did otherwise than the laptop:

- A search sorted by name, trade name, route, municipality or oldest change first found
  every hit and then sorted and cut it to the page: page 1 cost the whole search.
- Names sorted by ``lower()`` in the ICU collation of migration 0030, so names that fold to
  the same text ("Zoë" and "Zoe") came in accent order, where the laptop sorts by the
  fold of ``domain/folding.py`` and then by the entrepreneur's and the case's id.

``case_search`` now also holds each case's sort keys, folded in Python like its search
text (``db/server/search.py`` writes them with it): the folded surname and first names
with the entrepreneur id, the folded trade name ("" without a business) with the business
id (0 without one). They compare byte by byte (``COLLATE "C"``), the code point order
SQLite gives the folded text. One index per order walks them in the list's order; the
list without a search reads them too, so both lists agree. The entrepreneurs' and
businesses' name indexes of migration 0030 served only that list and go.

``casedesk_search`` takes the list's order (``sorted_by``, ``descending``) and, for a list
by status, route or municipality, the groups in the order to list them (the caller's:
they are one definition with the laptop's, ``db/case_order.py``). It returns one page in
that order after the case ``after_id``, whose sort values it reads itself, and only when
the login may see that case; otherwise it returns nothing. Without patterns a sorted call
lists every case the login may see: the list by name or trade name without a search reads
its page here too (under the row policy of ``case_search``, which asks for a visible case,
PostgreSQL reads every visible case for each page). A group order runs one query
per group, newest change first, until the page is full. It stays a SECURITY DEFINER
function with a fixed search path and the login's municipalities as its own condition,
as in migrations 0017 and 0022; values are passed with ``USING``, only the ``LIKE``
patterns are pasted, quoted with %L.

The keys of existing rows are filled here with the same fold (``casedesk.domain.folding``:
a later change of the fold needs a migration that fills them again, as for SQLite's
indexes, ``db/search_text.py``).

Revision ID: 0037
Revises: 0036
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from casedesk.domain.folding import fold

revision: str = "0037"
down_revision: str | None = "0036"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_SIGNATURE = "casedesk_search(text[], integer, timestamp, integer, text, text, integer)"
SIGNATURE = (
    "casedesk_search(text[], integer, timestamp, integer, text, text, integer, text, boolean,"
    " text[])"
)
"""What ``casedesk server setup`` grants the caseworkers (``db/server/admin.py``)."""

_KEY_COLUMNS = (
    ("surname_key", 'text COLLATE "C"'),
    ("first_names_key", 'text COLLATE "C"'),
    ("entrepreneur_id", "integer"),
    ("trade_key", 'text COLLATE "C"'),
    ("business_key", "integer"),
)
_ORDER_INDEXES = {
    "ix_sort_case_search_name": ("surname_key", "first_names_key", "entrepreneur_id", "case_id"),
    "ix_sort_case_search_trade_name": ("trade_key", "business_key", "case_id"),
}
_OLD_NAME_INDEXES = {
    "ix_sort_entrepreneurs_name": ("entrepreneurs", ("achternaam", "voornamen")),
    "ix_sort_businesses_trade_name": ("businesses", ("trade_name",)),
}
_FILL_BATCH = 5_000


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = '"' + str(bind.scalar(sa.text("SELECT current_schema()"))) + '"'
    for name, sql_type in _KEY_COLUMNS:
        op.execute(f"ALTER TABLE case_search ADD COLUMN {name} {sql_type}")
    _fill_keys(bind)
    for name, _ in _KEY_COLUMNS:
        op.execute(f"ALTER TABLE case_search ALTER COLUMN {name} SET NOT NULL")
    for name, columns in _ORDER_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON case_search ({', '.join(columns)})")
    for name in _OLD_NAME_INDEXES:
        op.execute(f"DROP INDEX {name}")
    op.execute(f"DROP FUNCTION {OLD_SIGNATURE}")
    op.execute(_SEARCH_FUNCTION.replace("{schema}", schema))
    op.execute(f"REVOKE ALL ON FUNCTION {SIGNATURE} FROM PUBLIC")


def _fill_keys(bind: sa.Connection) -> None:
    """The sort keys of every case that has a search text (the owner sees them all), a
    batch at a time in case order, so a region of a million dossiers fits in memory."""
    batch_of = sa.text(
        "SELECT s.case_id, e.achternaam, e.voornamen, e.id, b.trade_name, b.id "
        "FROM case_search s JOIN cases c ON c.id = s.case_id "
        "JOIN entrepreneurs e ON e.id = c.entrepreneur_id "
        "LEFT JOIN businesses b ON b.id = c.business_id "
        "WHERE s.case_id > :after ORDER BY s.case_id LIMIT :size"
    )
    update = sa.text(
        "UPDATE case_search s SET surname_key = k.surname, first_names_key = k.first_names,"
        " entrepreneur_id = k.person, trade_key = k.trade, business_key = k.business"
        " FROM unnest(CAST(:ids AS integer[]), CAST(:surnames AS text[]),"
        " CAST(:first_names AS text[]), CAST(:people AS integer[]), CAST(:trades AS text[]),"
        " CAST(:businesses AS integer[]))"
        " AS k(case_id, surname, first_names, person, trade, business)"
        " WHERE s.case_id = k.case_id"
    )
    after = 0
    while batch := bind.execute(batch_of, {"after": after, "size": _FILL_BATCH}).all():
        bind.execute(
            update,
            {
                "ids": [row[0] for row in batch],
                "surnames": [fold(row[1]) for row in batch],
                "first_names": [fold(row[2]) for row in batch],
                "people": [row[3] for row in batch],
                # Without a business: "" and 0, before every business (db/server/search.py).
                "trades": ["" if row[5] is None else fold(row[4]) for row in batch],
                "businesses": [row[5] or 0 for row in batch],
            },
        )
        after = batch[-1][0]


_SEARCH_FUNCTION = """
CREATE FUNCTION casedesk_search(
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
    keys text[];
    ordering text;
    group_column text;
    cursor_group text;
    cursor_at timestamp;
    first_group integer := 1;
    remaining integer := page_size;
    returned integer;
BEGIN
    IF coalesce(cardinality(patterns), 0) = 0 AND sorted_by IS NULL THEN
        RETURN;
    END IF;
    -- No patterns in a sorted order: the list without a search, every case it may see.
    SELECT coalesce(string_agg(format('s.search_text LIKE %L', p), ' AND '), 'true')
    INTO matching FROM unnest(patterns) AS p;
    hits := 'SELECT c.id FROM {schema}.case_search s '
        'JOIN {schema}.cases c ON c.id = s.case_id WHERE ' || matching || visible;
    -- Only the conditions asked for: the planner sees the query the list needs.
    IF with_status IS NOT NULL THEN
        hits := hits || ' AND c.status::text = $1';
    END IF;
    IF without_status IS NOT NULL THEN
        hits := hits || ' AND c.status::text <> $2';
    END IF;
    IF of_caseworker IS NOT NULL THEN
        hits := hits || ' AND c.caseworker_id = $3';
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
    op.execute(f"DROP FUNCTION {SIGNATURE}")
    # 0022's function as it was, written out: a migration is a frozen snapshot.
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
    op.execute(f"REVOKE ALL ON FUNCTION {OLD_SIGNATURE} FROM PUBLIC")
    # 0030's name indexes, in its collation of names.
    for name, (table, columns) in _OLD_NAME_INDEXES.items():
        keys = ", ".join(f"(lower({column}) COLLATE casedesk_names)" for column in columns)
        op.execute(f"CREATE INDEX {name} ON {table} ({keys})")
    for name in _ORDER_INDEXES:
        op.execute(f"DROP INDEX {name}")
    for name, _ in _KEY_COLUMNS:
        op.execute(f"ALTER TABLE case_search DROP COLUMN {name}")
