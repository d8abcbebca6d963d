"""Migration 0042 on a server with dossiers from before it: a caseworker's search lists
the dossiers of before the upgrade of their own municipality in every order, by name and
trade name, status and route through the new per-municipality indexes; a downgrade gives
back 0040's search function and drops those indexes, and an upgrade after it makes them
again."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import Engine, text

from casedesk.db.cases import fetch_case_page
from casedesk.db.server import admin as server_admin
from casedesk.domain.case import CaseOrder, CaseSortKey, CaseStatus
from tests.db.schema_helpers import downgrade_to, upgrade_to
from tests.server.older_dossiers import older_dossier, older_server
from tests.server.region import Region

TILBURG = "GM0855"
DONGEN = "GM0766"
NEW_INDEXES = {
    "ix_sort_case_search_municipality_name",
    "ix_sort_case_search_municipality_trade_name",
    "ix_cases_municipality_code_status_updated_at_id",
    "ix_cases_municipality_code_primary_route_updated_at_id",
}
# (surname, trade name, municipality, status), each changed a minute after the one before.
DOSSIERS = (
    ("Bakker", "Zeilmakerij Bakker", TILBURG, CaseStatus.ACTIVE),
    ("Aalders", "Bakkerij Aalders", TILBURG, CaseStatus.INTAKE),
    ("Bakkers", "Atelier Bakkers", DONGEN, CaseStatus.INTAKE),
    ("Claassen", "Kapsalon Bakker", TILBURG, CaseStatus.REGISTERED),
)
TILBURG_BY = {
    CaseSortKey.NAME: ["Jan Aalders", "Jan Bakker", "Jan Claassen"],
    CaseSortKey.TRADE_NAME: ["Jan Aalders", "Jan Claassen", "Jan Bakker"],
    CaseSortKey.UPDATED: ["Jan Bakker", "Jan Aalders", "Jan Claassen"],
    CaseSortKey.STATUS: ["Jan Claassen", "Jan Aalders", "Jan Bakker"],
}
"""What Tess of Tilburg finds for "bakker", ascending (the statuses in the flow's order,
one dossier each)."""


@pytest.fixture
def owner(bare_region: Region) -> Iterator[Engine]:
    dossiers = []
    for minute, (surname, trade_name, code, status) in enumerate(DOSSIERS):
        dossier = older_dossier("Jan", surname, code, trade_name=trade_name)
        changed = dossier.updated_at + timedelta(minutes=minute)
        dossiers.append(replace(dossier, status=status, updated_at=changed))
    with older_server(bare_region, "0036", dossiers) as engine:
        yield engine


def _found(region: Region, login: str, order: CaseOrder) -> list[str]:
    with region.store_as(login) as store, store.session() as session:
        page = fetch_case_page(session, "bakker", None, 50, order=order)
    return [case.entrepreneur_name for case in page]


def _indexes(owner: Engine) -> set[str]:
    with owner.connect() as connection:
        return set(
            connection.scalars(
                text(
                    "SELECT indexname FROM pg_indexes "
                    "WHERE tablename IN ('cases', 'case_search')"
                )
            )
        )


def _search_function(owner: Engine) -> str:
    with owner.connect() as connection:
        return str(
            connection.scalar(text("SELECT pg_get_functiondef('casedesk_search'::regproc)"))
        )


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("key", list(TILBURG_BY), ids=lambda key: key.value)
def test_the_dossiers_of_before_the_upgrade_are_found_in_every_order_in_their_own_municipality(
    bare_region: Region, owner: Engine, key: CaseSortKey, descending: bool
) -> None:
    server_admin.prepare_schema(owner)
    tess = bare_region.add_caseworker("tess", TILBURG)
    expected = TILBURG_BY[key][::-1] if descending else TILBURG_BY[key]
    assert _found(bare_region, tess, CaseOrder(key, descending)) == expected


def test_a_downgrade_gives_back_the_search_of_0041_and_an_upgrade_makes_it_again(
    bare_region: Region, owner: Engine
) -> None:
    upgrade_to(owner, "0041")
    at_0041 = _search_function(owner)
    upgrade_to(owner, "0042")
    assert _indexes(owner) >= NEW_INDEXES
    at_0042 = _search_function(owner)
    assert at_0042 != at_0041
    downgrade_to(owner, "0041")
    assert _search_function(owner) == at_0041
    assert not _indexes(owner) & NEW_INDEXES
    server_admin.prepare_schema(owner)
    assert _search_function(owner) == at_0042
    tess = bare_region.add_caseworker("tess", TILBURG)
    by_name = CaseOrder(CaseSortKey.NAME, descending=False)
    assert _found(bare_region, tess, by_name) == TILBURG_BY[CaseSortKey.NAME]
