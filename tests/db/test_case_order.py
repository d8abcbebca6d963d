"""The case list sorted by a column: every page in order, and every page read over an index."""

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert, update
from sqlalchemy.orm import Session

from casedesk.db.cases import BusinessData, CasePageKey, EntrepreneurData, create_case
from casedesk.db.cases import fetch_case_page as fetch
from casedesk.db.models import Case, Municipality
from casedesk.domain.case import CaseFilter, CaseId, CaseOrder, CaseSortKey, CaseStatus
from casedesk.domain.case import CaseSummary as Summary
from casedesk.domain.routes import Route
from tests.db.schema_helpers import store_at_head, transaction

# (voornamen, tussenvoegsel, achternaam, trade name or None, municipality, route, status)
PEOPLE = (
    ("Ayşe", "", "Özdemir", "Kapsalon Ayşe", "GM0363", Route.DE_ESCALATION, CaseStatus.ACTIVE),
    ("Jan", "de", "Vries", "bakkerij De Vries", "GM0855", None, CaseStatus.INTAKE),
    ("Zoë", "", "Çelik", None, "GM0363", Route.STRENGTHEN_BUSINESS, CaseStatus.PLAN_MADE),
    ("Piet", "van", "Dijk", "Atelier Piet", "GM9999", Route.EMPLOYMENT, CaseStatus.CLOSED),
    ("Anna", "", "Bakker", "Zeilmakerij", "GM0855", Route.DE_ESCALATION, CaseStatus.ACTIVE),
    ("Bram", "", "Bakker", "Ōmura Sushi", "GM0363", Route.STRENGTHEN_BUSINESS, CaseStatus.ADVICE),
    ("Łucja", "", "Nowak", "", "GM0855", None, CaseStatus.REGISTERED),
)
MUNICIPALITIES = {"GM0363": "Amsterdam", "GM0855": "Tilburg"}
"""GM9999 is missing from the table on purpose: such a case shows its code."""


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = store_at_head(tmp_path)
    with transaction(engine) as session:
        session.execute(
            insert(Municipality),
            [{"code": c, "name": n, "region_code": "AM00"} for c, n in MUNICIPALITIES.items()],
        )
        for hour, (first, prefix, surname, trade, code, route, status) in enumerate(PEOPLE):
            case_id = create_case(
                session,
                None,
                entrepreneur=EntrepreneurData(first, prefix, surname),
                business=None if trade is None else BusinessData(trade_name=trade),
                municipality_code=code,
                region_code=None,
                registration_date=datetime(2026, 11, 1).date(),
            )
            session.execute(
                update(Case)
                .where(Case.id == case_id)
                .values(
                    primary_route=route,
                    status=status,
                    updated_at=datetime(2026, 11, 20, hour, tzinfo=UTC),
                )
            )
    return engine


def _all_pages(
    engine: Engine, order: CaseOrder, page_size: int = 2, **kwargs: Any
) -> list[Summary]:
    """Walks the list page by page, as the case list does while scrolling."""
    shown: list[Summary] = []
    with Session(engine) as session:
        while True:
            after = CasePageKey.after(shown[-1]) if shown else None
            page = fetch(session, kwargs.get("query", ""), after, page_size, order=order,
                         case_filter=kwargs.get("case_filter", CaseFilter.ALL))  # fmt: skip
            shown += page
            if len(page) < page_size:
                return shown


def _surnames(cases: list[Summary]) -> list[str]:
    return [case.entrepreneur_name for case in cases]


@pytest.mark.parametrize("descending", [False, True])
def test_by_name_sorts_on_the_surname_folded_then_first_names(
    engine: Engine, descending: bool
) -> None:
    names = _surnames(_all_pages(engine, CaseOrder(CaseSortKey.NAME, descending)))
    expected = [
        "Anna Bakker", "Bram Bakker", "Zoë Çelik", "Piet van Dijk", "Łucja Nowak",
        "Ayşe Özdemir", "Jan de Vries",
    ]  # fmt: skip
    assert names == (expected[::-1] if descending else expected)


@pytest.mark.parametrize("descending", [False, True])
def test_by_trade_name_puts_dossiers_without_a_business_first(
    engine: Engine, descending: bool
) -> None:
    shown = _all_pages(engine, CaseOrder(CaseSortKey.TRADE_NAME, descending))
    trades = [case.trade_name for case in shown]
    expected = ["", "", "Atelier Piet", "bakkerij De Vries", "Kapsalon Ayşe", "Ōmura Sushi",
                "Zeilmakerij"]  # fmt: skip
    assert trades == (expected[::-1] if descending else expected)


def test_by_status_follows_the_flow_newest_first_within_a_status(engine: Engine) -> None:
    shown = _all_pages(engine, CaseOrder(CaseSortKey.STATUS, descending=False))
    assert [c.status.label for c in shown] == [
        "Aangemeld", "Intake", "Advies", "Plan gemaakt", "Lopend", "Lopend", "Afgesloten",
    ]  # fmt: skip
    assert _surnames(shown)[4:6] == ["Anna Bakker", "Ayşe Özdemir"]  # changed later first


def test_by_status_reversed_ends_with_the_new_dossiers(engine: Engine) -> None:
    shown = _all_pages(engine, CaseOrder(CaseSortKey.STATUS, descending=True))
    assert [c.status.label for c in shown][:2] == ["Afgesloten", "Lopend"]
    assert shown[-1].status is CaseStatus.REGISTERED


def test_by_route_lists_route_1_2_3_then_no_route(engine: Engine) -> None:
    shown = _all_pages(engine, CaseOrder(CaseSortKey.ROUTE, descending=False), page_size=3)
    assert [None if c.route is None else int(c.route) for c in shown] == [1, 1, 2, 2, 3, None, None]


def test_by_municipality_sorts_on_its_name_and_unknown_codes_last(engine: Engine) -> None:
    shown = _all_pages(engine, CaseOrder(CaseSortKey.MUNICIPALITY, descending=False))
    assert [c.municipality for c in shown] == ["Amsterdam"] * 3 + ["Tilburg"] * 3 + ["GM9999"]


def test_oldest_change_first_is_the_usual_list_reversed(engine: Engine) -> None:
    oldest_first = _all_pages(engine, CaseOrder(CaseSortKey.UPDATED, descending=False))
    newest_first = _all_pages(engine, CaseOrder())
    assert oldest_first == newest_first[::-1]
    assert len(oldest_first) == len(PEOPLE)


def test_sorting_keeps_the_filter(engine: Engine) -> None:
    shown = _all_pages(engine, CaseOrder(CaseSortKey.NAME, False), case_filter=CaseFilter.OPEN)
    assert "Piet van Dijk" not in _surnames(shown)
    assert len(shown) == len(PEOPLE) - 1


def test_sorting_keeps_the_search(engine: Engine) -> None:
    shown = _all_pages(engine, CaseOrder(CaseSortKey.TRADE_NAME, True), query="bakker")
    assert [c.trade_name for c in shown] == ["Zeilmakerij", "Ōmura Sushi", "bakkerij De Vries"]


def test_a_cursor_whose_dossier_is_gone_ends_the_list(engine: Engine) -> None:
    gone = Summary(CaseId(999), "", "", "", None, CaseStatus.INTAKE, datetime.now(UTC))
    for key in CaseSortKey:
        with Session(engine) as session:
            page = fetch(session, "", CasePageKey.after(gone), 5, order=CaseOrder(key, False))
        assert page == [] or key is CaseSortKey.UPDATED, key


# --- the query plans ----------------------------------------------------------------------


def _statements(engine: Engine, order: CaseOrder, after: bool) -> Iterator[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        # The municipality table (some 350 rows) is read in name order: no index needed.
        if "FROM municipalities ORDER BY" not in statement:
            seen.append((statement, parameters))

    with Session(engine) as session:
        first = fetch(session, "", None, 3, order=order)
        event.listen(engine, "before_cursor_execute", keep)
        try:
            fetch(session, "", CasePageKey.after(first[-1]) if after else None, 3, order=order)
        finally:
            event.remove(engine, "before_cursor_execute", keep)
    yield from seen


@pytest.mark.parametrize("key", list(CaseSortKey))
@pytest.mark.parametrize("after", [False, True], ids=["first page", "next page"])
def test_every_sorted_page_is_read_over_an_index_never_sorted_whole(
    engine: Engine, key: CaseSortKey, after: bool
) -> None:
    statements = list(_statements(engine, CaseOrder(key, descending=False), after))
    assert statements
    with engine.connect() as connection:
        for statement, parameters in statements:
            plan = " | ".join(
                row[-1]
                for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            )
            assert "TEMP B-TREE" not in plan, plan
            if "ORDER BY" not in statement:  # the cursor's case by id; the codes in use
                assert not re.search(r"SCAN (cases|entrepreneurs|businesses)\b", plan), plan
            # A scan of a table itself (not of an index in the order wanted) reads it whole.
            assert not re.search(r"SCAN (cases|entrepreneurs|businesses)(?! USING)", plan), plan
