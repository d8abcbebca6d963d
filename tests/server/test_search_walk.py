"""The server's search walks the list in its order first, at most a budget of cases
(migrations 0040 and 0042), and asks the trigram index when that does not fill the page:
in every order a page holds the same dossiers however far behind the walk they lie."""

from datetime import UTC, date, datetime, timedelta

import pytest

from casedesk.db.bulk import DemoCaseRow, insert_cases
from casedesk.db.cases import CasePageKey, fetch_case_page
from casedesk.domain.case import CaseOrder, CaseSortKey, CaseStatus
from tests.server.region import Region

AMSTERDAM = "GM0363"
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
WALKED_PAST = 3_100
"""More Vissers than the function walks (its budget is 3,000 cases)."""
ZWARTS = ("Anna", "Bert", "Cor")
"""Three Zwarts, changed before every Visser, one minute apart: in every order behind the
Vissers (by name, by trade name, oldest change last, in the one status they share) or in
front of them (descending), where the walk finds them but not a full page."""
PAGE = 50


def _row(first: str, surname: str, minutes: int) -> DemoCaseRow:
    return DemoCaseRow(
        voornamen=first, tussenvoegsel="", achternaam=surname, date_of_birth=date(1980, 1, 1),
        trade_name=f"{surname} {first}", kvk_number=None, postcode=None, place="Amsterdam",
        municipality_code=AMSTERDAM, region_code="AM18", status=CaseStatus.INTAKE,
        primary_route=None, created_at=START, updated_at=START + timedelta(minutes=minutes),
    )  # fmt: skip


@pytest.fixture(scope="module")
def kim(region: Region) -> str:
    login = region.add_caseworker("kim", AMSTERDAM)
    rows = [_row(first, "Zwart", minute) for minute, first in enumerate(ZWARTS)] + [
        _row("Jan", f"Visser{n:04}", 10 + n) for n in range(WALKED_PAST)
    ]
    engine = region.owner_engine()
    try:
        with engine.begin() as connection:
            insert_cases(connection, rows)
    finally:
        engine.dispose()
    return login


ORDERS = [CaseOrder(key, descending) for key in CaseSortKey for descending in (False, True)]
GROUPED = (CaseSortKey.STATUS, CaseSortKey.ROUTE, CaseSortKey.MUNICIPALITY)


@pytest.mark.parametrize("order", ORDERS, ids=lambda order: order.label)
def test_a_rare_name_behind_more_cases_than_the_walk_reads_is_found_in_every_order(
    region: Region, kim: str, order: CaseOrder
) -> None:
    with region.store_as(kim) as store, store.session() as session:
        page = fetch_case_page(session, "zwart", None, PAGE, order=order)
    # A group lists its cases newest change first, whichever way the groups go.
    newest_first = order.descending or order.key in GROUPED
    expected = [f"{first} Zwart" for first in (ZWARTS[::-1] if newest_first else ZWARTS)]
    assert [case.entrepreneur_name for case in page] == expected


@pytest.mark.parametrize("order", ORDERS, ids=lambda order: order.label)
def test_a_common_name_is_paged_in_every_order_without_a_gap_or_a_repeat(
    region: Region, kim: str, order: CaseOrder
) -> None:
    with region.store_as(kim) as store, store.session() as session:
        first = fetch_case_page(session, "visser", None, PAGE, order=order)
        second = fetch_case_page(session, "visser", CasePageKey.after(first[-1]), PAGE, order=order)
    # Visser0000 first by name, by trade name and by oldest change.
    numbers = [f"Visser{n:04}" for n in range(WALKED_PAST)]
    newest_first = order.descending or order.key in GROUPED
    expected = numbers[::-1] if newest_first else numbers
    shown = [case.entrepreneur_name.removeprefix("Jan ") for case in first + second]
    assert shown == expected[: 2 * PAGE]
