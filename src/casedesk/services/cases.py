"""The case list and search, as the main window reads them."""

from collections.abc import Callable

from casedesk.db.cases import CasePageKey, count_cases, fetch_case_page
from casedesk.db.store import Store
from casedesk.domain.case import CaseSummary

CasePage = Callable[[str, CaseSummary | None, int], list[CaseSummary]]


def case_page_source(store: Store) -> CasePage:
    """A page source over the store: each page is one short read transaction."""

    def fetch(query: str, after: CaseSummary | None, limit: int, /) -> list[CaseSummary]:
        with store.session() as session:
            key = CasePageKey.after(after) if after is not None else None
            return fetch_case_page(session, query, key, limit)

    return fetch


def count_matching_cases(store: Store, query: str = "") -> int:
    with store.session() as session:
        return count_cases(session, query)
