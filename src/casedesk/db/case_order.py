"""The case list sorted by a column (issue 10), one page at a time, walked over an index.

Every order reads a page from an index (migration 0019), so a page costs about the same at a
million dossiers as at a hundred, first page or hundredth:

- by name or trade name: the folded surname and first names of ``entrepreneurs`` (the trade
  name of ``businesses``), then their cases by the case index of that table. SQLite must
  loop over the named table first or it sorts every case before it returns one: its
  ``CROSS JOIN`` makes it so (sqlite.org/optoverview.html, "Manual control of query plans
  using CROSS JOIN"); other databases plan the join themselves. Cases without a business
  have no trade name: they come before "A" (after "Z" in reverse).
- by status, route or municipality: one group at a time in the group's order (the flow,
  the route number, the municipality's name; only the municipalities that have cases,
  found by one index seek each), each walked over its (group, updated_at, id) index with
  the newest change first; a page goes on in the next group.
- past the cursor, by name or trade name: first the rest of the cursor's group of equal
  leading keys, then the next groups, each step a seek in the index.
- by last change, oldest first: the list index forwards.

The cursor is the last row's case id; its sort values are read back by that id.

On the server names sort by keys folded in Python and stored beside the search text
(``case_search``, migration 0037; ``db/server/search.py`` writes them): the same fold,
compared byte by byte, and the same tie-breakers as here, so both stores list names that
fold alike ("Zoë", "Zoe") in one order. The server's search function (``casedesk_search``,
migration 0037) pages those orders, with or without a search, and a search in any order
(its trigram index cannot be walked in another order): it walks the order's index (or
each group's, in the order :func:`search_groups` gives) with the terms as a condition, or
sorts the hits when the planner expects few, and returns one page after the cursor.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Join,
    Row,
    Select,
    select,
    text,
    tuple_,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql import func
from sqlalchemy.sql.compiler import SQLCompiler

from casedesk.db.models import Business, Case, Entrepreneur, Municipality
from casedesk.domain.case import CaseOrder, CaseSortKey, CaseStatus
from casedesk.domain.routes import Route

AnySelect = Select[*tuple[Any, ...]]
AnyRow = Row[*tuple[Any, ...]]
SummarySelect = Callable[[FromClause | None], AnySelect]
"""The case list's columns over a FROM clause (``None``: cases with their usual joins)."""

FLOW_ORDER = (
    CaseStatus.REGISTERED,
    CaseStatus.INTAKE,
    CaseStatus.ADVICE,
    CaseStatus.PLAN_MADE,
    CaseStatus.ACTIVE,
    CaseStatus.CLOSED,
)


class _OuterFirstJoin(Join):
    """An inner join whose left table SQLite loops over first (see the module text)."""

    inherit_cache = True


@compiles(_OuterFirstJoin, "sqlite")
def _cross_join(join: _OuterFirstJoin, compiler: SQLCompiler, **kw: Any) -> str:
    # The left side is a table, so the first " JOIN " is this join's own keyword.
    joined: str = compiler.visit_join(join, **kw)  # type: ignore[no-untyped-call]
    return joined.replace(" JOIN ", " CROSS JOIN ", 1)


def sort_key(column: Any) -> ColumnElement[str]:
    """The text a column sorts by on the laptop: folded as search folds it (``casedesk_fold``,
    what the SQLite indexes of migration 0019 hold)."""
    return func.casedesk_fold(column)


def fetch_sorted_rows(
    session: Session,
    summary_select: SummarySelect,
    order: CaseOrder,
    after_id: int | None,
    limit: int,
    conditions: Sequence[ColumnElement[bool]],
) -> list[AnyRow]:
    """One page of case list rows in ``order`` after the case ``after_id`` (None: first)."""
    if order.key in (CaseSortKey.STATUS, CaseSortKey.ROUTE, CaseSortKey.MUNICIPALITY):
        groups = _groups(session, order.key)
        if order.descending:
            groups.reverse()
        return _grouped_rows(session, summary_select, groups, after_id, limit, conditions)
    segments = _segments(session, summary_select, order.key)
    if order.descending:
        segments.reverse()
    rows: list[AnyRow] = []
    start = 0
    after_values: tuple[Any, ...] | None = None
    if after_id is not None:
        found = _segment_of(session, segments, after_id)
        if found is None:
            return []
        start, after_values = found
    for segment in segments[start:]:
        statement = segment.rows
        for kept in conditions:
            statement = statement.where(kept)
        rows += _walk(session, statement, segment.keys, order.descending, after_values,
                      limit - len(rows))  # fmt: skip
        after_values = None
        if len(rows) >= limit:
            break
    return rows


@dataclass(frozen=True, slots=True)
class _Segment:
    rows: AnySelect
    keys: tuple[Any, ...]
    """Ascending sort keys; the last ones make each row's place unique."""
    lookup: AnySelect
    """The segment's cases over the usual joins: a case is found by its id there (the
    loop order that sorts the segment would read every row to find one)."""


def _segments(
    session: Session, summary_select: SummarySelect, key: CaseSortKey
) -> list[_Segment]:
    if key is CaseSortKey.NAME:
        by_person = _OuterFirstJoin(
            Entrepreneur.__table__, Case.__table__, Entrepreneur.id == Case.entrepreneur_id
        )
        joined = by_person.outerjoin(Business, Business.id == Case.business_id).outerjoin(
            Municipality, Municipality.code == Case.municipality_code
        )
        keys = (
            sort_key(Entrepreneur.achternaam),
            sort_key(Entrepreneur.voornamen),
            Entrepreneur.id,
            Case.id,
        )
        return [_Segment(summary_select(joined), keys, summary_select(None))]
    if key is CaseSortKey.TRADE_NAME:
        by_business = _OuterFirstJoin(
            Business.__table__, Case.__table__, Business.id == Case.business_id
        )
        joined = by_business.join(Entrepreneur, Entrepreneur.id == Case.entrepreneur_id).outerjoin(
            Municipality, Municipality.code == Case.municipality_code
        )
        without_business = summary_select(None).where(Case.business_id.is_(None))
        with_business = summary_select(None).where(Case.business_id.is_not(None))
        return [
            _Segment(without_business, (Case.id,), without_business),
            _Segment(
                summary_select(joined),
                (sort_key(Business.trade_name), Business.id, Case.id),
                with_business,
            ),
        ]
    every_case = summary_select(None)
    return [_Segment(every_case, (Case.updated_at, Case.id), every_case)]


def _segment_of(
    session: Session, segments: Sequence[_Segment], after_id: int
) -> tuple[int, tuple[Any, ...]] | None:
    """Which segment holds the case, and its sort values there."""
    for position, segment in enumerate(segments):
        values = session.execute(
            segment.lookup.with_only_columns(*segment.keys).where(Case.id == after_id)
        ).first()
        if values is not None:
            return position, tuple(values)
    return None


def _walk(
    session: Session,
    statement: AnySelect,
    keys: tuple[Any, ...],
    descending: bool,
    after: tuple[Any, ...] | None,
    limit: int,
) -> list[AnyRow]:
    ordered = [key.desc() if descending else key.asc() for key in keys]
    if after is None:
        return list(session.execute(statement.order_by(*ordered).limit(limit)))
    rows: list[AnyRow] = []
    # SQLite starts an index range only at a plain comparison after equal leading keys (a
    # row value over an expression index is checked row by row). So the rest of the list
    # is read in steps: the cursor's own group of equal leading keys, then the rest of the
    # group one key up, and so on; each step starts right at its place in the index.
    for equal_keys in range(len(keys) - 2, -1, -1):
        same = [key == value for key, value in zip(keys[:equal_keys], after, strict=False)]
        key, value = keys[equal_keys], after[equal_keys]
        if equal_keys == len(keys) - 2:
            # The last two keys end in ids: a row value of plain columns after a seek.
            rest, rest_after = tuple_(*keys[equal_keys:]), tuple_(*after[equal_keys:])
            beyond = [key <= value if descending else key >= value,
                      rest < rest_after if descending else rest > rest_after]  # fmt: skip
        else:
            beyond = [key < value if descending else key > value]
        # Keys held equal are left out of the order: SQLite would sort by them anew.
        step = statement.where(*same, *beyond).order_by(*ordered[equal_keys:])
        rows += session.execute(step.limit(limit - len(rows))).all()
        if len(rows) >= limit:
            break
    return rows


# --- grouped orders ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Group:
    condition: ColumnElement[bool]
    holds: Callable[[AnyRow], bool]
    """Whether the cursor's case (status, route, municipality code) is in this group."""


_GROUP_COLUMNS = {
    CaseSortKey.STATUS: (Case.status, "status"),
    CaseSortKey.ROUTE: (Case.primary_route, "primary_route"),
    CaseSortKey.MUNICIPALITY: (Case.municipality_code, "municipality_code"),
}


def _groups(session: Session, key: CaseSortKey) -> list[_Group]:
    column, name = _GROUP_COLUMNS[key]
    return [_value_group(column, name, value) for value in _group_values(session, key)]


def _group_values(session: Session, key: CaseSortKey) -> list[Any]:
    """The groups of a grouped order, in ascending order."""
    if key is CaseSortKey.STATUS:
        return list(FLOW_ORDER)
    if key is CaseSortKey.ROUTE:
        return [*Route, None]
    in_use = _municipalities_in_use(session)
    by_name = session.scalars(
        select(Municipality.code).order_by(Municipality.name, Municipality.code)
    )
    named = [code for code in by_name if code in in_use]
    # A code the municipality table lacks shows as the code itself: those come last.
    unnamed = sorted(in_use - set(named))
    return named + unnamed


def search_groups(session: Session, order: CaseOrder) -> list[str | None]:
    """The groups of a grouped order as the server's search function takes them: as text,
    in the order they are listed (None: the cases without a route)."""
    values = _group_values(session, order.key)
    if order.descending:
        values.reverse()
    # str() of a Route (IntEnum) is its number, of a CaseStatus (StrEnum) its value.
    return [None if value is None else str(value) for value in values]


_CODES_IN_USE = text(
    """
    WITH RECURSIVE used(code) AS (
        SELECT min(municipality_code) FROM cases
        UNION ALL
        SELECT (SELECT min(municipality_code) FROM cases WHERE municipality_code > used.code)
        FROM used WHERE used.code IS NOT NULL
    )
    SELECT code FROM used WHERE code IS NOT NULL
    """
)


def _municipalities_in_use(session: Session) -> set[str]:
    """The municipality codes of the cases, one index seek per code (a counter has a few,
    a region a few dozen), in one statement: never a read of every case."""
    return set(session.scalars(_CODES_IN_USE))


def _value_group(column: Any, name: str, value: object) -> _Group:
    condition = column.is_(None) if value is None else column == value
    return _Group(condition, lambda row: getattr(row, name) == value)


def _grouped_rows(
    session: Session,
    summary_select: SummarySelect,
    groups: Sequence[_Group],
    after_id: int | None,
    limit: int,
    conditions: Sequence[ColumnElement[bool]],
) -> list[AnyRow]:
    start = 0
    cursor: AnyRow | None = None
    if after_id is not None:
        cursor = session.execute(
            select(
                Case.status, Case.primary_route, Case.municipality_code, Case.updated_at, Case.id
            ).where(Case.id == after_id)
        ).first()
        if cursor is None:
            return []
        start = next(n for n, group in enumerate(groups) if group.holds(cursor))
    rows: list[AnyRow] = []
    for group in groups[start:]:
        statement = summary_select(None).where(group.condition, *conditions)
        if cursor is not None:
            statement = statement.where(
                tuple_(Case.updated_at, Case.id) < tuple_(cursor.updated_at, cursor.id)
            )
            cursor = None
        statement = statement.order_by(Case.updated_at.desc(), Case.id.desc())
        rows += session.execute(statement.limit(limit - len(rows))).all()
        if len(rows) >= limit:
            break
    return rows
