"""The case list and search, as the main window reads them."""

from collections.abc import Callable

from sqlalchemy.orm import Session

from casedesk.db import settings_repo
from casedesk.db.audit import AuditDetail, record_event
from casedesk.db.cases import CasePageKey, count_cases, fetch_case_page
from casedesk.db.data_store import DataStore
from casedesk.domain.case import NEWEST_FIRST, CaseFilter, CaseOrder, CaseStatus, CaseSummary
from casedesk.services.outcomes import outcome_logged, record_outcome
from casedesk.services.read_log import ReadFolder, write_reads

CasePage = Callable[[str, CaseSummary | None, int], list[CaseSummary]]


CASES_PAGE_READ = "cases.page_read"


def case_page_source(
    store: DataStore,
    case_filter: CaseFilter = CaseFilter.ALL,
    order: CaseOrder = NEWEST_FIRST,
    folder: ReadFolder | None = None,
) -> CasePage:
    """A page source over the store: each page is one short read transaction; "mine" is
    the open dossiers of the caseworker working now. Each page read is logged (the
    search's length, the filter and the rows shown; never the search text): folded and
    batched by ``folder`` (``services/read_log.py``; its owner flushes it at the end), or
    without one written at once, a transaction per page."""

    def fetch(query: str, after: CaseSummary | None, limit: int, /) -> list[CaseSummary]:
        try:
            with store.session() as session:
                key = CasePageKey.after(after) if after is not None else None
                mine = _caseworker_for(session, case_filter)
                page = fetch_case_page(session, query, key, limit, case_filter, mine, order)
        except Exception as error:
            record_outcome(store, CASES_PAGE_READ, "case", None, error)
            raise
        details: dict[str, AuditDetail] = {
            "search_length": len(query.strip()), "filter": case_filter.name.lower(),
            "page": "first" if after is None else "next", "rows": len(page),
        }  # fmt: skip
        if folder is None:
            write_reads(store, [(CASES_PAGE_READ, details)])
        else:
            folder.read(CASES_PAGE_READ, details)
        return page

    return fetch


def count_matching_cases(
    store: DataStore,
    query: str = "",
    at_most: int | None = None,
    case_filter: CaseFilter = CaseFilter.ALL,
) -> int:
    with store.session() as session:
        mine = _caseworker_for(session, case_filter)
        return count_cases(session, query, at_most, case_filter, mine)


def _caseworker_for(session: Session, case_filter: CaseFilter) -> int | None:
    """Who "mine" is, asked only for "Mijn dossiers": on the server that is a question to
    the server, on every page of a search as you type."""
    if case_filter is not CaseFilter.MINE:
        return None
    return settings_repo.current_caseworker_id(session)


LIST_PAGE = 500


@outcome_logged("cases.listed")
def list_cases(
    store: DataStore,
    query: str = "",
    statuses: frozenset[CaseStatus] = frozenset(),
    limit: int = 100,
) -> list[CaseSummary]:
    """The newest cases that match ``query`` (and have one of ``statuses``, when given), at
    most ``limit``; the listing is audited as one event with its count."""
    found: list[CaseSummary] = []
    with store.transaction() as session:
        key: CasePageKey | None = None
        while len(found) < limit:
            page = fetch_case_page(session, query, key, LIST_PAGE)
            found.extend(case for case in page if not statuses or case.status in statuses)
            if len(page) < LIST_PAGE:
                break
            key = CasePageKey.after(page[-1])
        found = found[:limit]
        actor = settings_repo.current_caseworker_id(session)
        record_event(session, actor, "cases.listed", "case", None, None,
                     {"count": len(found), "search_length": len(query.strip())})  # fmt: skip
    return found
