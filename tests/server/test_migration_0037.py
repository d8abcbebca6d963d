"""Migration 0037 on a server with dossiers from before it: their sort keys are filled, so
the list by name lists them in the laptop's order at once; a downgrade gives back 0036's
search, and an upgrade after it fills the keys again."""

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, text

from casedesk.db.bulk import DemoCaseRow
from casedesk.db.cases import CasePageKey, fetch_case_page
from casedesk.db.server import admin as server_admin
from casedesk.domain.case import CaseOrder, CaseSortKey, CaseStatus, CaseSummary
from tests.db.schema_helpers import downgrade_to, upgrade_to
from tests.server.older_dossiers import insert_older_dossiers
from tests.server.region import Region, new_region

TILBURG = "GM0855"
PEOPLE = (("Zoë", "Çelik"), ("Zoe", "Celik"), ("Bram", "Bakker"), ("ZOE", "ÇELIK"))
"""Registered in this order; the laptop lists the three alike by that order."""
BY_NAME = ["Bram Bakker", "Zoë Çelik", "Zoe Celik", "ZOE ÇELIK"]
PAGE = 2


def _row(first: str, surname: str) -> DemoCaseRow:
    moment = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    return DemoCaseRow(
        voornamen=first, tussenvoegsel="", achternaam=surname, date_of_birth=date(1980, 1, 1),
        trade_name=f"{first} {surname} Bouw", kvk_number=None, postcode=None, place="Tilburg",
        municipality_code=TILBURG, region_code=None, status=CaseStatus.INTAKE,
        primary_route=None, created_at=moment, updated_at=moment,
    )  # fmt: skip


@pytest.fixture
def region() -> Iterator[Region]:
    with new_region(set_up=False) as made:
        yield made


@pytest.fixture
def owner(region: Region) -> Iterator[Engine]:
    engine = region.owner_engine()
    try:
        upgrade_to(engine, "0036")
        with engine.begin() as connection:
            insert_older_dossiers(connection, [_row(first, last) for first, last in PEOPLE])
        yield engine
    finally:
        engine.dispose()


def _by_name(region: Region, login: str, query: str, descending: bool = False) -> list[str]:
    order = CaseOrder(CaseSortKey.NAME, descending)
    shown: list[CaseSummary] = []
    with region.store_as(login) as store, store.session() as session:
        while True:
            after = CasePageKey.after(shown[-1]) if shown else None
            page = fetch_case_page(session, query, after, PAGE, order=order)
            shown += page
            if len(page) < PAGE:
                return [case.entrepreneur_name for case in shown]


def test_the_dossiers_of_before_the_upgrade_are_listed_by_name_as_on_the_laptop(
    region: Region, owner: Engine
) -> None:
    server_admin.prepare_schema(owner)
    tess = region.add_caseworker("tess", TILBURG)
    assert _by_name(region, tess, "") == BY_NAME
    assert _by_name(region, tess, "tilburg") == BY_NAME
    assert _by_name(region, tess, "tilburg", descending=True) == BY_NAME[::-1]


def test_a_downgrade_gives_back_the_search_of_0036_and_an_upgrade_fills_the_keys_again(
    region: Region, owner: Engine
) -> None:
    upgrade_to(owner, "0037")
    downgrade_to(owner, "0036")
    with owner.connect() as connection:
        found = connection.scalars(
            text("SELECT casedesk_search(ARRAY['%celik%'], 10, NULL, NULL, NULL, NULL, NULL)")
        ).all()
        assert len(found) == 3
    server_admin.prepare_schema(owner)
    tess = region.add_caseworker("tess", TILBURG)
    assert _by_name(region, tess, "celik") == BY_NAME[1:]
