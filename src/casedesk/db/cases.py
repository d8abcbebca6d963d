"""The case repository: create, read and change a dossier's core data; list and search.

Every read and change of a dossier records an audit event in the caller's transaction
(the caller commits). Listing and counting are not audited: they show the summary row
every caseworker sees in the list, not a dossier's contents.

Search: the query is split on whitespace and every term must match (in any of name,
trade name, KvK number, postcode, place). Query and index are folded alike
(``domain/folding.py``: case, diacritics, ı, ł, ß, …). On SQLite a term of 3+ characters
is a trigram substring match, a 1–2 character term matches the start of a word
(migrations 0002, 0003 and 0006). Terms are always passed as quoted FTS5
strings, so ``"``, ``*``, ``-``, ``AND`` or parentheses in the input are just text. On
PostgreSQL the same folded terms match the same text under a trigram index
(``db/server/search.py``).
"""

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    Row,
    Select,
    Subquery,
    column,
    func,
    literal_column,
    select,
    table,
    tuple_,
)
from sqlalchemy.orm import Session

from casedesk.db.audit import record_event
from casedesk.db.case_numbers import next_case_number
from casedesk.db.case_order import fetch_sorted_rows, search_groups
from casedesk.db.models import Business, Case, Entrepreneur, Municipality, utc_now
from casedesk.db.search_text import short_term_probe
from casedesk.db.server import search as search_postgres
from casedesk.domain.case import (
    NEWEST_FIRST,
    CaseFilter,
    CaseId,
    CaseOrder,
    CaseSortKey,
    CaseStatus,
    CaseSummary,
)
from casedesk.domain.folding import fold
from casedesk.domain.intake import full_name
from casedesk.domain.routes import Route
from casedesk.errors import KnownError

MAX_SEARCH_TERMS = 8
"""More words than a name, trade name and place together; the rest of a query is ignored."""


class CaseNotFoundError(KnownError):
    def __init__(self, case_id: int) -> None:
        super().__init__(
            f"Dossier {case_id} bestaat niet (meer). Vernieuw de lijst en kies het dossier "
            "opnieuw."
        )
        self.case_id = case_id


@dataclass(frozen=True, slots=True)
class EntrepreneurData:
    voornamen: str
    tussenvoegsel: str
    achternaam: str
    date_of_birth: date | None = None
    phone: str | None = None
    email: str | None = None
    street_address: str | None = None
    postcode: str | None = None
    place: str | None = None
    country: str = "NL"
    bsn: str | None = None

    @property
    def display_name(self) -> str:
        return full_name(self.voornamen, self.tussenvoegsel, self.achternaam)


@dataclass(frozen=True, slots=True)
class BusinessData:
    trade_name: str = ""
    kvk_number: str | None = None
    sector: str | None = None
    legal_form: str | None = None
    start_date: date | None = None
    staff_count: int | None = None
    hours_per_week: int | None = None


@dataclass(frozen=True, slots=True)
class CaseCore:
    """A dossier's core data: who, which business, where it stands."""

    case_id: CaseId
    entrepreneur: EntrepreneurData
    business: BusinessData | None
    municipality_code: str
    region_code: str | None
    channel: str | None
    registration_date: date
    status: CaseStatus
    primary_route: Route | None
    secondary_route: Route | None
    urgent: bool
    caseworker_id: int | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class CasePageKey:
    """Where the next page of the case list starts: after this row."""

    updated_at: datetime
    case_id: CaseId

    @classmethod
    def after(cls, summary: CaseSummary) -> "CasePageKey":
        return cls(summary.updated_at, summary.case_id)


# --- create, read, change -------------------------------------------------------------


def create_case(
    session: Session,
    actor_id: int | None,
    *,
    entrepreneur: EntrepreneurData,
    business: BusinessData | None,
    municipality_code: str,
    region_code: str | None,
    registration_date: date,
    channel: str | None = None,
    status: CaseStatus = CaseStatus.REGISTERED,
) -> CaseId:
    """Open a new dossier (status aangemeld, unless told) for a new entrepreneur and business."""
    now = utc_now()
    person = Entrepreneur(
        **_values(entrepreneur),
        municipality_code=municipality_code,
        created_at=now,
        updated_at=now,
    )
    session.add(person)
    session.flush()
    company: Business | None = None
    if business is not None:
        company = Business(
            **_values(business),
            entrepreneur_id=person.id,
            municipality_code=municipality_code,
            created_at=now,
            updated_at=now,
        )
        session.add(company)
        session.flush()
    case = Case(
        id=next_case_number(session),
        entrepreneur_id=person.id,
        business_id=None if company is None else company.id,
        caseworker_id=actor_id,
        municipality_code=municipality_code,
        region_code=region_code,
        channel=channel,
        registration_date=registration_date,
        status=status,
        urgent=False,
        created_at=now,
        updated_at=now,
    )
    session.add(case)
    session.flush()
    record_event(
        session,
        actor_id,
        "case.created",
        "case",
        case.id,
        case.id,
        {"municipality_code": municipality_code},
    )
    return CaseId(case.id)


def read_case(session: Session, actor_id: int | None, case_id: int) -> CaseCore:
    """A dossier's core data. Raises :class:`CaseNotFoundError`.

    The read is audited in the session's transaction: commit it, even after only reading,
    or the log loses the read.
    """
    case = case_row(session, case_id)
    entrepreneur, business = entrepreneur_and_business(session, case)
    record_event(session, actor_id, "case.viewed", "case", case.id, case.id)
    return CaseCore(
        case_id=CaseId(case.id),
        entrepreneur=entrepreneur,
        business=business,
        municipality_code=case.municipality_code,
        region_code=case.region_code,
        channel=case.channel,
        registration_date=case.registration_date,
        status=case.status,
        primary_route=case.primary_route,
        secondary_route=case.secondary_route,
        urgent=case.urgent,
        caseworker_id=case.caseworker_id,
        created_at=case.created_at,
        updated_at=case.updated_at,
    )


def entrepreneur_and_business(
    session: Session, case: Case
) -> tuple[EntrepreneurData, BusinessData | None]:
    """The columns of the case's entrepreneur and business (not audited: the caller is)."""
    person = session.get_one(Entrepreneur, case.entrepreneur_id)
    company = None if case.business_id is None else session.get_one(Business, case.business_id)
    return (
        EntrepreneurData(**{f.name: getattr(person, f.name) for f in fields(EntrepreneurData)}),
        None
        if company is None
        else BusinessData(**{f.name: getattr(company, f.name) for f in fields(BusinessData)}),
    )


def update_entrepreneur(
    session: Session, actor_id: int | None, case_id: int, entrepreneur: EntrepreneurData
) -> None:
    """Replace the entrepreneur's data of a dossier; the log names the changed fields only."""
    case = case_row(session, case_id)
    person = session.get_one(Entrepreneur, case.entrepreneur_id)
    changed = _assign(person, _values(entrepreneur))
    if not changed:
        return
    now = utc_now()
    person.updated_at = now
    case.updated_at = now
    session.flush()
    record_event(
        session, actor_id, "entrepreneur.changed", "entrepreneur", person.id, case.id,
        {"fields": changed},
    )  # fmt: skip


def update_business(
    session: Session, actor_id: int | None, case_id: int, business: BusinessData
) -> None:
    """Replace (or add) the business data of a dossier."""
    case = case_row(session, case_id)
    now = utc_now()
    if case.business_id is None:
        company = Business(
            **_values(business),
            entrepreneur_id=case.entrepreneur_id,
            municipality_code=case.municipality_code,
            created_at=now,
            updated_at=now,
        )
        session.add(company)
        session.flush()
        case.business_id = company.id
        changed = [f.name for f in fields(BusinessData)]
    else:
        company = session.get_one(Business, case.business_id)
        changed = _assign(company, _values(business))
        if not changed:
            return
        company.updated_at = now
    case.updated_at = now
    session.flush()
    record_event(
        session, actor_id, "business.changed", "business", company.id, case.id,
        {"fields": changed},
    )  # fmt: skip


def sync_core_data(
    session: Session,
    case_id: int,
    entrepreneur: EntrepreneurData | None,
    business: BusinessData | None,
    channel: str | None,
    at: datetime,
) -> None:
    """Bring the columns the case list and search read in step with the intake answers.

    ``entrepreneur`` or ``business`` None: no answer of that section changed, so its row
    is left as the last save wrote it, and not even read (a case without a business row
    gets one all the same). Not audited here: the intake records one event per save for
    all it changed. Only changed columns are written, so the search index is rebuilt only
    when a searched value changed (its triggers fire on ``UPDATE OF`` those columns).
    """
    case = case_row(session, case_id)
    if entrepreneur is not None:
        person = session.get_one(Entrepreneur, case.entrepreneur_id)
        if _assign(person, _values(entrepreneur)):
            person.updated_at = at
    if case.business_id is None:
        company = Business(
            **_values(business or BusinessData()), entrepreneur_id=case.entrepreneur_id,
            municipality_code=case.municipality_code, created_at=at, updated_at=at,
        )  # fmt: skip
        session.add(company)
        session.flush()
        case.business_id = company.id
    elif business is not None:
        company = session.get_one(Business, case.business_id)
        if _assign(company, _values(business)):
            company.updated_at = at
    case.channel = channel
    case.updated_at = at
    session.flush()


def set_case_status(
    session: Session, actor_id: int | None, case_id: int, status: CaseStatus
) -> None:
    case = case_row(session, case_id)
    if case.status == status:
        return
    old_status = case.status
    case.status = status
    case.updated_at = utc_now()
    session.flush()
    record_event(
        session, actor_id, "case.status_changed", "case", case.id, case.id,
        {"from": old_status.value, "to": status.value},
    )  # fmt: skip


# --- list and search ------------------------------------------------------------------


def fetch_case_page(
    session: Session,
    query: str,
    after: CasePageKey | None,
    limit: int,
    case_filter: CaseFilter = CaseFilter.ALL,
    caseworker_id: int | None = None,
    order: CaseOrder = NEWEST_FIRST,
) -> list[CaseSummary]:
    """One page of the case list, newest change first, filtered by the search text.

    In another ``order`` (a column the caseworker clicked) the page comes from
    ``db/case_order.py``; ``after`` is then only used for its case id. A search on the
    server, in any order, and its list by name or trade name, is paged in that order by
    the server's search function itself (migrations 0037 and 0042).

    Keyset pagination: pass the last row of the previous page as ``after``
    (:meth:`CasePageKey.after`); each page costs the same, however deep in the list.
    Without a search: (updated_at desc, case id desc) over the list index. With a search on
    SQLite: the index's own order, the list key (the second of the last change, then the
    case id; migration 0006), so cases changed within the same second are listed by id.
    """
    terms = search_terms(query)
    filters = _filter_conditions(case_filter, caseworker_id)
    if not _has_search_index(session) and (terms or order.key in _SERVER_KEYED_ORDERS):
        # The server's search function returns this page only, in the list's order
        # (migrations 0022, 0037): its hits, not an index to walk here.
        page = _search_page(limit, after, case_filter, caseworker_id)
        if order != NEWEST_FIRST:
            page = _sorted_search_page(session, order, page)
        paged = search_postgres.ordered_hits(terms, page)
        statement = _summary_select().join(paged, paged.c.case_id == Case.id)
        return _summaries(session.execute(statement.order_by(paged.c.place)))
    if order != NEWEST_FIRST:
        conditions = [*filters, _terms_condition(session, terms)] if terms else filters
        after_id = None if after is None else after.case_id
        rows = fetch_sorted_rows(session, _summary_select, order, after_id, limit, conditions)
        return _summaries(rows)
    statement = _summary_select()
    if terms and not filters:
        hits = _newest_hits(terms, after, limit)
        statement = statement.join(hits, Case.id == hits.c.list_key.op("&")(_CASE_ID_MASK))
        statement = statement.order_by(hits.c.list_key.desc())
    else:
        # A filter is not in the search index: match the terms, then walk the list index.
        if terms:
            statement = statement.where(_terms_condition(session, terms))
        for kept in filters:
            statement = statement.where(kept)
        if after is not None:
            # A row-value comparison lets SQLite start the index scan right after the key.
            statement = statement.where(
                tuple_(Case.updated_at, Case.id) < tuple_(after.updated_at, after.case_id)
            )
        statement = statement.order_by(Case.updated_at.desc(), Case.id.desc())
    return _summaries(session.execute(statement.limit(limit)))


def _summaries(rows: Iterable[Row[*tuple[Any, ...]]]) -> list[CaseSummary]:
    return [
        CaseSummary(
            case_id=CaseId(row.id),
            entrepreneur_name=full_name(row.voornamen, row.tussenvoegsel, row.achternaam),
            trade_name=row.trade_name or "",
            municipality=row.municipality,
            route=row.primary_route,
            status=row.status,
            updated_at=row.updated_at,
        )
        for row in rows
    ]


def _filter_conditions(
    case_filter: CaseFilter, caseworker_id: int | None
) -> list[ColumnElement[bool]]:
    if case_filter is CaseFilter.ALL:
        return []
    if case_filter is CaseFilter.CLOSED:
        return [Case.status == CaseStatus.CLOSED]
    if case_filter is CaseFilter.PLAN_MADE:
        return [Case.status == CaseStatus.PLAN_MADE]
    kept = [Case.status != CaseStatus.CLOSED]
    if case_filter is CaseFilter.MINE:
        kept.append(Case.caseworker_id == caseworker_id)
    return kept


def _search_page(
    size: int, after: CasePageKey | None, case_filter: CaseFilter, caseworker_id: int | None
) -> search_postgres.SearchPage:
    """The page and filter of the case list, as the server's search function takes them
    (the same conditions as :func:`_filter_conditions`)."""
    key = None if after is None else (after.updated_at, int(after.case_id))
    if case_filter is CaseFilter.ALL:
        return search_postgres.SearchPage(size, key)
    if case_filter in (CaseFilter.CLOSED, CaseFilter.PLAN_MADE):
        status = CaseStatus.CLOSED if case_filter is CaseFilter.CLOSED else CaseStatus.PLAN_MADE
        return search_postgres.SearchPage(size, key, with_status=status.value)
    mine = caseworker_id if case_filter is CaseFilter.MINE else None
    return search_postgres.SearchPage(
        size, key, without_status=CaseStatus.CLOSED.value, caseworker_id=mine
    )


_SERVER_ORDERS = {
    CaseSortKey.NAME: "name",
    CaseSortKey.TRADE_NAME: "trade_name",
    CaseSortKey.UPDATED: "updated",
    CaseSortKey.STATUS: "status",
    CaseSortKey.ROUTE: "route",
    CaseSortKey.MUNICIPALITY: "municipality",
}
"""Each order by the name the server's search function knows it by (migration 0037)."""

_SERVER_KEYED_ORDERS = (CaseSortKey.NAME, CaseSortKey.TRADE_NAME)
"""Orders whose keys the server keeps in ``case_search``: its function pages them without a
search too (under that table's row policy every page would read every visible case)."""


def _sorted_search_page(
    session: Session, order: CaseOrder, page: search_postgres.SearchPage
) -> search_postgres.SearchPage:
    """The page in ``order``: for a group order its groups in the laptop's order
    (``db/case_order.py``), without the statuses the list's filter leaves out."""
    page = replace(page, sorted_by=_SERVER_ORDERS[order.key], descending=order.descending)
    if order.key not in (CaseSortKey.STATUS, CaseSortKey.ROUTE, CaseSortKey.MUNICIPALITY):
        return page
    groups = search_groups(session, order)
    if order.key is CaseSortKey.STATUS:
        groups = [
            status for status in groups
            if page.with_status in (None, status) and page.without_status != status
        ]  # fmt: skip
    return replace(page, groups=tuple(groups))


def _terms_condition(session: Session, terms: list[str]) -> ColumnElement[bool]:
    if _has_search_index(session):
        return Case.id.in_(search_index_hits(terms))
    return Case.id.in_(search_postgres.matching_cases(terms))


def count_cases(
    session: Session,
    query: str = "",
    at_most: int | None = None,
    case_filter: CaseFilter = CaseFilter.ALL,
    caseworker_id: int | None = None,
) -> int:
    """How many cases the search text finds (all cases for an empty query); with
    ``at_most``, counting stops after ``at_most + 1`` (a caller says "more than")."""
    terms = search_terms(query)
    filters = _filter_conditions(case_filter, caseworker_id)
    counted: Select[Any]
    if terms and _has_search_index(session) and not filters:
        counted = select(_SEARCH_INDEX.c.rowid).select_from(_SEARCH_INDEX).where(_matches(terms))
    elif terms and at_most is not None and not _has_search_index(session):
        # The server's search stops after the hits asked for (migration 0022).
        page = _search_page(at_most + 1, None, case_filter, caseworker_id)
        counted = select(Case.id).where(Case.id.in_(search_postgres.matching_cases(terms, page)))
    else:
        counted = select(Case.id)
        if terms:
            counted = counted.where(_terms_condition(session, terms))
        for kept in filters:
            counted = counted.where(kept)
    if at_most is not None:
        counted = counted.limit(at_most + 1)
    statement = select(func.count()).select_from(counted.subquery())
    return session.scalar(statement) or 0


def open_cases_registered_by(session: Session, day: date, limit: int) -> list[tuple[int, date]]:
    """The oldest dossiers still open that were registered on or before ``day``: their
    number and registration date (the demo's casework picks from these)."""
    rows = session.execute(
        select(Case.id, Case.registration_date)
        .where(Case.status != CaseStatus.CLOSED, Case.registration_date <= day)
        .order_by(Case.id)
        .limit(limit)
    ).all()
    return [(case_id, registered) for case_id, registered in rows]


def list_key(updated_at: datetime, case_id: int) -> int:
    """A case's rowid in the search index (migration 0006): change second, then id."""
    return (int(updated_at.timestamp()) << _CASE_ID_BITS) | case_id


def search_terms(query: str) -> list[str]:
    """The folded terms a query is made of (``domain/folding.py``); all must match.

    A 1–2 character term of punctuation only (e.g. "-" typed before a double surname)
    cannot match a word and is left out, so the list does not go blank mid-typing.
    Repeated terms count once; beyond ``MAX_SEARCH_TERMS`` terms the rest is ignored.
    """
    terms = fold(query).split()
    useful = [term for term in terms if len(term) >= 3 or any(ch.isalnum() for ch in term)]
    # Repeats add nothing; pasted pages of text would cost seconds per keystroke.
    return list(dict.fromkeys(useful))[:MAX_SEARCH_TERMS]


def fts_string(term: str) -> str:
    """An FTS5 string literal: the whole term as text, never as query syntax."""
    return '"' + term.replace('"', '""') + '"'


_SummaryRows = Select[int, str, str, str, str, str, Route | None, CaseStatus, datetime]


def _summary_select(joined: FromClause | None = None) -> _SummaryRows:
    """The list's columns; over ``joined`` when given (a sorted list, db/case_order.py)."""
    columns = select(
        Case.id,
        Entrepreneur.voornamen,
        Entrepreneur.tussenvoegsel,
        Entrepreneur.achternaam,
        Business.trade_name,
        func.coalesce(Municipality.name, Case.municipality_code).label("municipality"),
        Case.primary_route,
        Case.status,
        Case.updated_at,
    )
    if joined is not None:
        return columns.select_from(joined)
    return (
        columns.join(Entrepreneur, Entrepreneur.id == Case.entrepreneur_id)
        .outerjoin(Business, Business.id == Case.business_id)
        .outerjoin(Municipality, Municipality.code == Case.municipality_code)
    )


_SEARCH_INDEX = table("case_search", column("rowid", Integer))
_CASE_ID_BITS = 30
_CASE_ID_MASK = (1 << _CASE_ID_BITS) - 1


def _has_search_index(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _matches(terms: list[str]) -> ColumnElement[bool]:
    match = " ".join(fts_phrase(fold(term)) for term in terms)
    # FTS5 wants the table's own name left of MATCH.
    return literal_column(_SEARCH_INDEX.name).op("MATCH")(match)


def _newest_hits(terms: list[str], after: CasePageKey | None, limit: int) -> Subquery:
    """The list keys of the newest ``limit`` hits after ``after``, from the index alone.

    FTS5 walks its doclists in rowid order and stops after ``limit`` hits: one page costs
    the same for "o" (a fifth of all cases) as for "yilmaz" (none).
    """
    rowid = _SEARCH_INDEX.c.rowid
    hits = select(rowid.label("list_key")).select_from(_SEARCH_INDEX).where(_matches(terms))
    if after is not None:
        hits = hits.where(rowid < list_key(after.updated_at, after.case_id))
    return hits.order_by(rowid.desc()).limit(limit).subquery("hits")


def search_index_hits(terms: list[str]) -> Select[int]:
    """The ids of the cases whose searched text holds every term (SQLite's FTS5 index)."""
    case_id = _SEARCH_INDEX.c.rowid.op("&")(_CASE_ID_MASK)
    return select(case_id).select_from(_SEARCH_INDEX).where(_matches(terms))


def fts_phrase(term: str) -> str:
    """The FTS5 phrase for one search term (migration 0003 explains the markers).

    3+ characters: the term as a substring anywhere. 1–2 characters (too short for a
    trigram): the start of a word, as the marked word starts "^^z…" hold it.
    """
    if len(term) >= 3:
        return fts_string(term)
    return "word_starts : " + fts_string(short_term_probe(term))


# --- helpers --------------------------------------------------------------------------


def case_row(session: Session, case_id: int) -> Case:
    """The case's row; raises :class:`CaseNotFoundError` (Dutch) when there is none."""
    case = session.get(Case, case_id)
    if case is None:
        raise CaseNotFoundError(case_id)
    return case


def _values(data: EntrepreneurData | BusinessData) -> dict[str, object]:
    return {f.name: getattr(data, f.name) for f in fields(data)}


def _assign(record: Entrepreneur | Business, values: dict[str, object]) -> list[str]:
    """Set the values that differ; return the names of the changed fields."""
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    for name in changed:
        setattr(record, name, values[name])
    return changed
