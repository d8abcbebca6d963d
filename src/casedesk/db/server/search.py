"""Case search on a regional PostgreSQL server: folded text in Python, a trigram GIN index.

SQLite fills its FTS5 index from triggers that call the fold of ``domain/folding.py``
(migration 0006). PostgreSQL cannot call Python, so the server store writes the same text
itself: after every flush it notes which cases' searched values may have changed, and
before the commit it writes their text into ``case_search`` (migration 0016), in the same
transaction. The text holds the same parts the SQLite index holds, one per line: folded
name, trade name, KvK number, postcode without spaces, place, the marked word starts and
the spelling variant. A term never holds a line break, so it matches within one part, as
an FTS5 phrase matches within one column.

Each query term becomes one ``LIKE`` that ``pg_trgm``'s GIN index answers: a term of 3+
characters anywhere, a 1–2 character term at the start of a word ("^^z", "^ij"), exactly
as ``db/cases.py`` asks FTS5. The search runs in the function ``casedesk_search``
(migrations 0017, 0022, 0037, 0040, 0042), which keeps to the login's municipalities
itself (under a row-level policy PostgreSQL would not use the index for ``LIKE``) and
returns only the page the case list shows, in the list's order.

The row also holds the case's municipality (migration 0040): the trigram index is on
(municipality, text), so a caseworker's search reads only its municipalities' hits.

The same row holds the case's sort keys for the list by name and by trade name (migration
0037), folded here as the laptop's indexes fold them (``casedesk_fold``, migration 0019):
the surname and first names with the entrepreneur id, the trade name with the business id.
A case without a business has trade name "" and business 0, so it comes before every
business, as the laptop lists those first (``db/case_order.py``). The server compares
them byte by byte (``COLLATE "C"``), the code point order SQLite compares folded text in.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Integer,
    Select,
    Text,
    bindparam,
    column,
    event,
    func,
    inspect,
    select,
    table,
)
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.sql.selectable import TableValuedAlias

from casedesk.db.models import Business, Case, Entrepreneur, UtcDateTime
from casedesk.db.search_text import searched_word_starts, short_term_probe
from casedesk.domain.folding import fold, spelling_variant

CASE_SEARCH = table(
    "case_search",
    column("case_id", Integer),
    column("search_text", Text),
    column("surname_key", Text),
    column("first_names_key", Text),
    column("entrepreneur_id", Integer),
    column("trade_key", Text),
    column("business_key", Integer),
    column("municipality_code", Text),
)
_SORT_KEYS = ("surname_key", "first_names_key", "entrepreneur_id", "trade_key", "business_key")
_WRITTEN = ("search_text", *_SORT_KEYS, "municipality_code")

_PENDING = "casedesk.db.server.search.pending_cases"
_EVERY_CASE = "casedesk.db.server.search.every_case"


def search_text(name: str, trade_name: str, kvk_number: str, postcode: str, place: str) -> str:
    """What the index holds for one case (the parts of migration 0006's FTS5 columns)."""
    everything = f"{name} {trade_name} {kvk_number} {postcode} {place}"
    return "\n".join(
        (
            fold(name),
            fold(trade_name),
            kvk_number,
            fold(postcode.replace(" ", "")),
            fold(place),
            searched_word_starts(everything),
            spelling_variant(f"{name} {trade_name} {place}") or "",
        )
    )


def sort_keys(
    surname: str, first_names: str, entrepreneur_id: int, trade_name: str | None,
    business_id: int | None,
) -> dict[str, str | int]:
    """The sort keys of one case (``trade_name`` and ``business_id`` None: no business)."""
    return {
        "surname_key": fold(surname),
        "first_names_key": fold(first_names),
        "entrepreneur_id": entrepreneur_id,
        "trade_key": "" if business_id is None else fold(trade_name or ""),
        "business_key": business_id or 0,
    }  # fmt: skip


def keep_search_text_current(sessions: sessionmaker[Session]) -> None:
    """Notes, after each flush of these sessions, the cases whose search text may change."""
    event.listen(sessions, "after_flush", _note_changed_cases)
    event.listen(sessions, "do_orm_execute", _note_bulk_changes)


def _note_bulk_changes(state: ORMExecuteState) -> None:
    # update(Case)… or delete(Entrepreneur)… names no objects: index every visible case.
    mapper = state.bind_mapper
    searched = mapper is not None and mapper.class_ in (Case, Entrepreneur, Business)
    if searched and (state.is_update or state.is_delete):
        state.session.info[_EVERY_CASE] = True


def _note_changed_cases(session: Session, _flush_context: Any) -> None:
    # In after_flush, new and dirty still list what was just flushed, with ids assigned,
    # and each attribute's history still says whether this flush changed it.
    pending: set[int] = session.info.setdefault(_PENDING, set())
    people: set[int] = set()
    companies: set[int] = set()
    searched_changes = (row for row in session.dirty if _searched_value_changed(row))
    for changed in chain(session.new, searched_changes):
        if isinstance(changed, Case):
            pending.add(changed.id)
        elif isinstance(changed, Entrepreneur):
            people.add(changed.id)
        elif isinstance(changed, Business):
            companies.add(changed.id)
    if people or companies:
        linked = select(Case.id).where(
            Case.entrepreneur_id.in_(people) | Case.business_id.in_(companies)
        )
        pending.update(session.connection().scalars(linked))


_SEARCHED_COLUMNS: dict[type, tuple[str, ...]] = {
    Case: ("entrepreneur_id", "business_id", "municipality_code"),
    Entrepreneur: ("voornamen", "tussenvoegsel", "achternaam", "postcode", "place"),
    Business: ("trade_name", "kvk_number"),
}
"""What the search row is made of: the columns SQLite's triggers watch (``UPDATE OF``,
migration 0006), but the case's ``updated_at``, which the laptop's index holds as the list
key and the server's does not. An autosave of a phone number writes no search row."""


def _searched_value_changed(row: object) -> bool:
    searched = _SEARCHED_COLUMNS.get(type(row))
    if searched is None:
        return False
    attributes = inspect(row).attrs
    return any(attributes[name].history.has_changes() for name in searched)


def write_search_texts(session: Session) -> None:
    """Writes the search text of every case noted since the last call (before a commit)."""
    pending: set[int] = session.info.pop(_PENDING, set())
    if session.info.pop(_EVERY_CASE, False):
        index_cases(session.connection(), None)
    elif pending:
        index_cases(session.connection(), pending)


def index_cases(connection: Connection, case_ids: Iterable[int] | None) -> None:
    """(Re)writes the search text of these cases, or of every case the login sees."""
    statement = (
        select(
            Case.id,
            Case.municipality_code,
            Entrepreneur.voornamen,
            Entrepreneur.tussenvoegsel,
            Entrepreneur.achternaam,
            Entrepreneur.id,
            Business.id,
            func.coalesce(Business.trade_name, ""),
            func.coalesce(Business.kvk_number, ""),
            func.coalesce(Entrepreneur.postcode, ""),
            func.coalesce(Entrepreneur.place, ""),
        )
        .join(Entrepreneur, Entrepreneur.id == Case.entrepreneur_id)
        .outerjoin(Business, Business.id == Case.business_id)
    )
    if case_ids is not None:
        statement = statement.where(Case.id.in_(sorted(case_ids)))
    rows = connection.execute(statement).all()
    values = [
        {
            "case_id": case_id,
            # The SQLite view trims the joined name the same way (migration 0006).
            "search_text": search_text(
                f"{first} {prefix} {last}".strip(" "), trade, kvk, postcode, place
            ),
            **sort_keys(last, first, person, trade, company),
            "municipality_code": municipality,
        }
        for (
            case_id, municipality, first, prefix, last, person, company, trade, kvk, postcode,
            place,
        ) in rows
    ]
    if values:
        # Here, not at the top: the SQLite app loads db/cases.py at start-up.
        from sqlalchemy.dialects.postgresql import insert

        upsert = insert(CASE_SEARCH).values(values)
        connection.execute(
            upsert.on_conflict_do_update(
                index_elements=[CASE_SEARCH.c.case_id],
                set_={name: upsert.excluded[name] for name in _WRITTEN},
            )
        )


@dataclass(frozen=True, slots=True)
class SearchPage:
    """Which hits of a search the case list shows: ``size`` of them after ``after`` (the
    last row's ``updated_at`` and case id), kept to a filter, in the list's order.

    ``sorted_by`` None: newest change first. Otherwise the function's name of the order
    ("name", "trade_name", "updated", or the groups "status", "route", "municipality"),
    ``descending`` or not, and for a group order the ``groups`` as text in the order they
    are listed (None: no value, the cases without a route); each group lists its cases
    newest change first. A sorted page starts after the case ``after`` names, whose sort
    values the function reads itself."""

    size: int
    after: tuple[datetime, int] | None = None
    with_status: str | None = None
    without_status: str | None = None
    caseworker_id: int | None = None
    sorted_by: str | None = None
    descending: bool = True
    groups: tuple[str | None, ...] | None = None


def matching_cases(terms: Iterable[str], page: SearchPage | None = None) -> Select[tuple[int]]:
    """The ids of the cases whose search text holds every (folded) term, among the cases
    of the login's municipalities (``casedesk_search``, migrations 0022 and 0037): one
    ``page`` of them, or (without a page) every one."""
    return select(func.casedesk_search(*_arguments(terms, page)))


def ordered_hits(terms: Iterable[str], page: SearchPage) -> TableValuedAlias:
    """One ``page`` of hits as rows (``case_id``, ``place``): ``place`` numbers them in the
    page's order (newest change first, or ``sorted_by``), as the function returns them
    (``WITH ORDINALITY``). Without terms, in a sorted order: a page of every case of the
    login's municipalities (the list without a search)."""
    hits = func.casedesk_search(*_arguments(terms, page))
    return hits.table_valued("case_id", with_ordinality="place").render_derived("hits")


def _arguments(terms: Iterable[str], page: SearchPage | None) -> list[Any]:
    from sqlalchemy.dialects.postgresql import ARRAY

    patterns = [like_pattern(term) for term in terms]
    arguments: list[Any] = [bindparam("patterns", patterns, type_=ARRAY(Text))]
    if page is None:
        return arguments
    after_at, after_id = page.after if page.after is not None else (None, None)
    arguments += [
        bindparam("page_size", page.size, type_=Integer),
        # The column holds naive UTC (models.UtcDateTime); the function compares so. A
        # sorted page reads its cursor's values itself.
        bindparam("after_updated_at", None if page.sorted_by else after_at, type_=UtcDateTime),
        bindparam("after_id", after_id, type_=Integer),
        bindparam("with_status", page.with_status, type_=Text),
        bindparam("without_status", page.without_status, type_=Text),
        bindparam("of_caseworker", page.caseworker_id, type_=Integer),
    ]
    if page.sorted_by is not None:
        groups = None if page.groups is None else list(page.groups)
        arguments += [
            bindparam("sorted_by", page.sorted_by, type_=Text),
            bindparam("descending", page.descending, type_=Boolean),
            bindparam("groups", groups, type_=ARRAY(Text)),
        ]
    return arguments


def like_pattern(term: str) -> str:
    """The ``LIKE`` pattern of one term (backslash escapes, PostgreSQL's default)."""
    probe = term if len(term) >= 3 else short_term_probe(term)
    escaped = probe.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
