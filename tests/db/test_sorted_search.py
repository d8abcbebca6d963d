"""The case list in every order, with and without a search, the same on both stores: the
first two pages list the same dossiers in the same order on the laptop and on the server."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert, update
from sqlalchemy.orm import Session

from casedesk.db.cases import CasePageKey, fetch_case_page
from casedesk.db.models import Case, Municipality
from casedesk.domain.case import CaseFilter, CaseOrder, CaseSortKey, CaseStatus
from casedesk.domain.routes import Route
from tests.backends import Backend
from tests.db.schema_helpers import add_case, transaction

# (voornamen, tussenvoegsel, achternaam, trade name or None, place, municipality, route,
# status); each changed an hour after the one before.
PEOPLE = (
    ("Ayşe", "", "Özdemir", "Kapsalon Ayşe", "Amsterdam", "GM0363", Route.DE_ESCALATION,
     CaseStatus.ACTIVE),
    ("Jan", "de", "Vries", "bakkerij De Vries", "Tilburg", "GM0855", None, CaseStatus.INTAKE),
    ("Zoë", "", "Çelik", None, "Amsterdam", "GM0363", Route.STRENGTHEN_BUSINESS,
     CaseStatus.PLAN_MADE),
    ("Piet", "van", "Dijk", "Atelier Piet", "Amsterdam", "GM0855", Route.EMPLOYMENT,
     CaseStatus.CLOSED),
    ("Anna", "", "Bakker", "Zeilmakerij", "Amsterdam", "GM0855", Route.DE_ESCALATION,
     CaseStatus.ACTIVE),
    ("Bram", "", "Bakker", "Ōmura Sushi", "Tilburg", "GM0363", Route.STRENGTHEN_BUSINESS,
     CaseStatus.ADVICE),
    ("Łucja", "", "Nowak", "", "Amsterdam", "GM0855", None, CaseStatus.REGISTERED),
    ("Émile", "", "Evers", None, "Amsterdam", "GM0363", Route.EMPLOYMENT, CaseStatus.INTAKE),
)  # fmt: skip
SEARCH = "amsterdam"
"""Found by place: every dossier but Jan de Vries's and Bram Bakker's."""
NOT_FOUND = {"Jan de Vries", "Bram Bakker"}
CLOSED = "Piet van Dijk"
PAGE = 3

# Each order ascending, as the caseworker reads it. A list sorted by a group (status,
# route, municipality) lists each group newest change first, in either direction.
BY_NAME = ["Anna Bakker", "Bram Bakker", "Zoë Çelik", "Piet van Dijk", "Émile Evers",
           "Łucja Nowak", "Ayşe Özdemir", "Jan de Vries"]  # fmt: skip
BY_TRADE_NAME = [
    "Zoë Çelik", "Émile Evers",  # no business: first, by dossier number
    "Łucja Nowak",  # a business without a trade name
    "Piet van Dijk", "Jan de Vries", "Ayşe Özdemir", "Bram Bakker", "Anna Bakker",
]  # fmt: skip
BY_CHANGE = ["Ayşe Özdemir", "Jan de Vries", "Zoë Çelik", "Piet van Dijk", "Anna Bakker",
             "Bram Bakker", "Łucja Nowak", "Émile Evers"]  # fmt: skip
STATUS_GROUPS = [["Łucja Nowak"], ["Émile Evers", "Jan de Vries"], ["Bram Bakker"],
                 ["Zoë Çelik"], ["Anna Bakker", "Ayşe Özdemir"], ["Piet van Dijk"]]  # fmt: skip
ROUTE_GROUPS = [["Bram Bakker", "Zoë Çelik"], ["Anna Bakker", "Ayşe Özdemir"],
                ["Émile Evers", "Piet van Dijk"], ["Łucja Nowak", "Jan de Vries"]]  # fmt: skip
MUNICIPALITY_GROUPS = [  # Amsterdam, then Tilburg
    ["Émile Evers", "Bram Bakker", "Zoë Çelik", "Ayşe Özdemir"],
    ["Łucja Nowak", "Anna Bakker", "Piet van Dijk", "Jan de Vries"],
]
GROUPS = {CaseSortKey.STATUS: STATUS_GROUPS, CaseSortKey.ROUTE: ROUTE_GROUPS,
          CaseSortKey.MUNICIPALITY: MUNICIPALITY_GROUPS}  # fmt: skip
FLAT = {CaseSortKey.NAME: BY_NAME, CaseSortKey.TRADE_NAME: BY_TRADE_NAME,
        CaseSortKey.UPDATED: BY_CHANGE}  # fmt: skip


def _expected(order: CaseOrder) -> list[str]:
    if order.key in GROUPS:
        groups = GROUPS[order.key]
        return [name for group in (groups[::-1] if order.descending else groups)
                for name in group]  # fmt: skip
    flat = FLAT[order.key]
    return flat[::-1] if order.descending else list(flat)


@pytest.fixture(scope="module")
def engine(module_backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = module_backend.new_engine(tmp_path_factory.mktemp("sorted-search"))
    with transaction(engine) as session:
        if engine.dialect.name == "sqlite":  # the server has the whole CBS table
            session.execute(
                insert(Municipality),
                [{"code": "GM0363", "name": "Amsterdam", "region_code": "AM18"},
                 {"code": "GM0855", "name": "Tilburg", "region_code": "AM22"}],
            )  # fmt: skip
        for hour, (first, prefix, surname, trade, place, code, route, status) in enumerate(
            PEOPLE
        ):
            case_id = add_case(
                session, first, surname, tussenvoegsel=prefix, trade_name=trade or "",
                place=place, municipality_code=code,
            )  # fmt: skip
            if trade is None:
                session.execute(update(Case).where(Case.id == case_id).values(business_id=None))
            session.execute(
                update(Case).where(Case.id == case_id).values(
                    primary_route=route, status=status,
                    updated_at=datetime(2026, 11, 20, hour, tzinfo=UTC),
                )
            )  # fmt: skip
    return engine


def _two_pages(
    engine: Engine, query: str, order: CaseOrder, case_filter: CaseFilter = CaseFilter.ALL
) -> list[str]:
    with Session(engine) as session:
        first = fetch_case_page(session, query, None, PAGE, case_filter, order=order)
        after = CasePageKey.after(first[-1])
        second = fetch_case_page(session, query, after, PAGE, case_filter, order=order)
    return [case.entrepreneur_name for case in first + second]


ORDERS = [CaseOrder(key, descending) for key in CaseSortKey for descending in (False, True)]


@pytest.mark.parametrize("order", ORDERS, ids=lambda order: order.label)
def test_without_a_search_two_pages_list_the_dossiers_in_the_chosen_order(
    engine: Engine, order: CaseOrder
) -> None:
    assert _two_pages(engine, "", order) == _expected(order)[: 2 * PAGE]


@pytest.mark.parametrize("order", ORDERS, ids=lambda order: order.label)
def test_a_search_keeps_the_chosen_order_over_two_pages(engine: Engine, order: CaseOrder) -> None:
    found = [name for name in _expected(order) if name not in NOT_FOUND]
    assert _two_pages(engine, SEARCH, order) == found[: 2 * PAGE]


@pytest.mark.parametrize("order", ORDERS, ids=lambda order: order.label)
def test_a_search_in_any_order_keeps_the_list_filter(engine: Engine, order: CaseOrder) -> None:
    found = [name for name in _expected(order) if name not in NOT_FOUND | {CLOSED}]
    assert _two_pages(engine, SEARCH, order, CaseFilter.OPEN) == found[: 2 * PAGE]


def _rows_read(engine: Engine, query: str, order: CaseOrder) -> list[int]:
    """How many rows each statement of the second page returned to the app."""
    counts: list[int] = []

    def count(_conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        # The municipality table (some 350 rows) is read in name order for its groups.
        if "FROM municipalities ORDER BY" not in statement:
            counts.append(cursor.rowcount)

    with Session(engine) as session:
        first = fetch_case_page(session, query, None, 2, order=order)
        event.listen(engine, "after_cursor_execute", count)
        try:
            fetch_case_page(session, query, CasePageKey.after(first[-1]), 2, order=order)
        finally:
            event.remove(engine, "after_cursor_execute", count)
    return counts


@pytest.mark.parametrize("order", ORDERS, ids=lambda order: order.label)
def test_a_searched_page_in_any_order_brings_only_its_rows_from_the_server(
    engine: Engine, order: CaseOrder
) -> None:
    if engine.dialect.name == "sqlite":
        pytest.skip("the laptop reads its own file")
    counts: Sequence[int] = _rows_read(engine, SEARCH, order)
    # The cursor's sort values (one row) and the page: never every hit.
    assert counts and max(counts) <= 2, counts
