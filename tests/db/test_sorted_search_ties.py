"""Ties in a sorted case list, the same on both stores: names that fold to the same text
("Zoë" and "Zoe", "Ösman" and "OSMAN") are listed in one order on the laptop and on the
server, and dossiers that share a sort value are paged without a gap or a repeat."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from casedesk.db.cases import CasePageKey, fetch_case_page
from casedesk.db.models import Case
from casedesk.domain.case import CaseOrder, CaseSortKey, CaseStatus
from tests.backends import Backend
from tests.db.schema_helpers import add_case, transaction

FOLDED_ALIKE = (
    ("Zoë", "Çelik", "Café Zoë"),
    ("Zoe", "Celik", "Cafe Zoe"),
    ("ZOE", "ÇELIK", "CAFÉ ZOË"),
    ("Ali", "Ösman", "Ösman Bouw"),
    ("Ali", "Osman", "Osman Bouw"),
    ("ali", "OSMAN", "OSMAN BOUW"),
    ("Bram", "Oskam", "Oskam Bouw"),
    ("Eva", "Osmanović", "Osmanović Bouw"),
)
"""(first names, surname, trade name), in the order they were registered."""
FOLDED_ORDER = ["Zoë Çelik", "Zoe Celik", "ZOE ÇELIK", "Bram Oskam", "Ali Ösman",
                "Ali Osman", "ali OSMAN", "Eva Osmanović"]  # fmt: skip
"""By name and by trade name alike: by the fold, then the one registered first."""
PLACE = "Tilburg"

SAME_NAME_COUNT = 11
PAGE = 3


@pytest.fixture(scope="module")
def alike(module_backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = module_backend.new_engine(tmp_path_factory.mktemp("folded-alike"))
    with transaction(engine) as session:
        for first, surname, trade in FOLDED_ALIKE:
            add_case(session, first, surname, trade_name=trade, place=PLACE)
    return engine


@pytest.fixture(scope="module")
def same(module_backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """Eleven dossiers of Jan Jansen, alike in every column the list sorts by."""
    engine = module_backend.new_engine(tmp_path_factory.mktemp("same-values"))
    with transaction(engine) as session:
        for _ in range(SAME_NAME_COUNT):
            add_case(session, "Jan", "Jansen", trade_name="Jansen Klussen", place=PLACE)
        session.execute(
            update(Case).values(
                status=CaseStatus.INTAKE, updated_at=datetime(2026, 11, 20, 9, tzinfo=UTC)
            )
        )
    return engine


def _every_page(engine: Engine, query: str, order: CaseOrder) -> list[tuple[int, str]]:
    """The list page by page to its end, as the case list fetches it while scrolling."""
    shown: list[tuple[int, str]] = []
    with Session(engine) as session:
        after: CasePageKey | None = None
        while True:
            page = fetch_case_page(session, query, after, PAGE, order=order)
            shown += [(int(case.case_id), case.entrepreneur_name) for case in page]
            if len(page) < PAGE:
                return shown
            after = CasePageKey.after(page[-1])


NAMED = [CaseOrder(key, descending) for key in (CaseSortKey.NAME, CaseSortKey.TRADE_NAME)
         for descending in (False, True)]  # fmt: skip
ORDERS = [CaseOrder(key, descending) for key in CaseSortKey for descending in (False, True)]
SEARCHES = ["", PLACE.lower()]


@pytest.mark.parametrize("query", SEARCHES, ids=["list", "search"])
@pytest.mark.parametrize("order", NAMED, ids=lambda order: order.label)
def test_names_that_fold_alike_are_listed_by_who_was_registered_first(
    alike: Engine, order: CaseOrder, query: str
) -> None:
    names = [name for _, name in _every_page(alike, query, order)]
    assert names == (FOLDED_ORDER[::-1] if order.descending else FOLDED_ORDER)


@pytest.mark.parametrize("query", SEARCHES, ids=["list", "search"])
@pytest.mark.parametrize("order", ORDERS, ids=lambda order: order.label)
def test_dossiers_that_share_every_sort_value_are_paged_without_a_gap_or_a_repeat(
    same: Engine, order: CaseOrder, query: str
) -> None:
    numbers = [number for number, _ in _every_page(same, query, order)]
    # Equal values: by dossier number; a group (status, route, municipality) newest
    # first, which for one moment of change is the highest number first.
    grouped = order.key in (CaseSortKey.STATUS, CaseSortKey.ROUTE, CaseSortKey.MUNICIPALITY)
    assert numbers == sorted(numbers, reverse=order.descending or grouped)
    assert len(set(numbers)) == SAME_NAME_COUNT
