"""Migration 0037 on a server with dossiers from before it: their sort keys are filled, so
the list by name lists them in the laptop's order at once; a downgrade gives back 0036's
search, and an upgrade after it fills the keys again."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from casedesk.db.cases import CasePageKey, fetch_case_page
from casedesk.db.server import admin as server_admin
from casedesk.domain.case import CaseOrder, CaseSortKey, CaseSummary
from tests.db.schema_helpers import downgrade_to, upgrade_to
from tests.server.older_dossiers import found_by_older_search, older_dossier, older_server
from tests.server.region import Region

TILBURG = "GM0855"
PEOPLE = (("Zoë", "Çelik"), ("Zoe", "Celik"), ("Bram", "Bakker"), ("ZOE", "ÇELIK"))
"""Registered in this order; the laptop lists the three alike by that order."""
BY_NAME = ["Bram Bakker", "Zoë Çelik", "Zoe Celik", "ZOE ÇELIK"]
PAGE = 2


@pytest.fixture
def owner(bare_region: Region) -> Iterator[Engine]:
    dossiers = [older_dossier(first, last, TILBURG, place="Tilburg") for first, last in PEOPLE]
    with older_server(bare_region, "0036", dossiers) as engine:
        yield engine


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
    bare_region: Region, owner: Engine
) -> None:
    server_admin.prepare_schema(owner)
    tess = bare_region.add_caseworker("tess", TILBURG)
    assert _by_name(bare_region, tess, "") == BY_NAME
    assert _by_name(bare_region, tess, "tilburg") == BY_NAME
    assert _by_name(bare_region, tess, "tilburg", descending=True) == BY_NAME[::-1]


def test_a_downgrade_gives_back_the_search_of_0036_and_an_upgrade_fills_the_keys_again(
    bare_region: Region, owner: Engine
) -> None:
    upgrade_to(owner, "0037")
    downgrade_to(owner, "0036")
    assert found_by_older_search(owner, "%celik%") == 3
    server_admin.prepare_schema(owner)
    tess = bare_region.add_caseworker("tess", TILBURG)
    assert _by_name(bare_region, tess, "celik") == BY_NAME[1:]
