"""The server's search returns one page of the case list, not every hit (migration 0022):
at a million dossiers a common name must not send tens of thousands of ids per keystroke."""

from datetime import UTC, date, datetime, timedelta

import pytest

from casedesk.db.bulk import DemoCaseRow, insert_cases
from casedesk.db.cases import CasePageKey, count_cases, fetch_case_page
from casedesk.db.server.search import SearchPage, matching_cases
from casedesk.domain.case import CaseFilter, CaseStatus
from tests.server.region import Region

AMSTERDAM = "GM0363"
UTRECHT = "GM0344"
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _row(surname: str, code: str, minutes: int, status: CaseStatus) -> DemoCaseRow:
    return DemoCaseRow(
        voornamen="Jan", tussenvoegsel="", achternaam=surname, date_of_birth=date(1980, 1, 1),
        trade_name=f"Klus {surname}", kvk_number=None, postcode="1011 AB", place="Amsterdam",
        municipality_code=code, region_code="AM18", status=status, primary_route=None,
        created_at=START, updated_at=START + timedelta(minutes=minutes),
    )  # fmt: skip


@pytest.fixture(scope="module")
def kim(region: Region) -> str:
    """Kim works for Amsterdam: five Jans there (one closed), three in Utrecht."""
    login = region.add_caseworker("kim", AMSTERDAM)
    rows = [
        _row(f"Visser{n}", AMSTERDAM, n, CaseStatus.CLOSED if n == 2 else CaseStatus.INTAKE)
        for n in range(5)
    ] + [_row(f"Bakker{n}", UTRECHT, 10 + n, CaseStatus.INTAKE) for n in range(3)]
    engine = region.owner_engine()
    try:
        with engine.begin() as connection:
            insert_cases(connection, rows)
    finally:
        engine.dispose()
    return login


def test_the_search_function_returns_only_the_page_asked_for(region: Region, kim: str) -> None:
    with region.store_as(kim) as store, store.session() as session:
        every = session.scalars(matching_cases(["jan"])).all()
        page = session.scalars(matching_cases(["jan"], SearchPage(size=2))).all()
    assert len(every) == 5
    assert len(page) == 2


def test_a_searched_list_pages_newest_first_without_gaps_or_repeats(
    region: Region, kim: str
) -> None:
    with region.store_as(kim) as store, store.session() as session:
        first = fetch_case_page(session, "jan", None, 2)
        second = fetch_case_page(session, "jan", CasePageKey.after(first[-1]), 2)
        third = fetch_case_page(session, "jan", CasePageKey.after(second[-1]), 2)
    names = [row.entrepreneur_name for row in first + second + third]
    assert names == [f"Jan Visser{n}" for n in (4, 3, 2, 1, 0)]


def test_the_list_filter_is_applied_before_the_page_is_cut(region: Region, kim: str) -> None:
    with region.store_as(kim) as store, store.session() as session:
        open_ones = fetch_case_page(session, "jan", None, 2, CaseFilter.OPEN)
        closed = fetch_case_page(session, "jan", None, 2, CaseFilter.CLOSED)
    assert [row.entrepreneur_name for row in open_ones] == ["Jan Visser4", "Jan Visser3"]
    assert [row.entrepreneur_name for row in closed] == ["Jan Visser2"]


def test_a_capped_count_stops_after_the_cap(region: Region, kim: str) -> None:
    with region.store_as(kim) as store, store.session() as session:
        assert count_cases(session, "jan", at_most=2) == 3
        assert count_cases(session, "jan") == 5
