"""Migration 0040 on a server with dossiers from before it: each case's municipality is
written into ``case_search`` (its trigram index holds it), so a caseworker finds the
dossiers of before the upgrade of their municipality and none of another's; a downgrade
gives back 0039's search, and an upgrade after it writes the municipalities again."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select, text

from casedesk.db.cases import fetch_case_page
from casedesk.db.models import Business, Case, Entrepreneur
from casedesk.db.server import admin as server_admin
from tests.db.schema_helpers import downgrade_to, upgrade_to
from tests.server.older_dossiers import found_by_older_search, older_dossier, older_server
from tests.server.region import Region

TILBURG = "GM0855"
DONGEN = "GM0766"


@pytest.fixture
def owner(bare_region: Region) -> Iterator[Engine]:
    dossiers = [
        older_dossier("Jan", "Bakker", TILBURG),
        older_dossier("Jan", "Smit", TILBURG),
        older_dossier("Jan", "Bakkers", DONGEN),
    ]
    with older_server(bare_region, "0036", dossiers) as engine:
        yield engine


def _found(region: Region, login: str, query: str) -> list[str]:
    with region.store_as(login) as store, store.session() as session:
        return sorted(case.entrepreneur_name for case in fetch_case_page(session, query, None, 50))


def test_the_dossiers_of_before_the_upgrade_are_found_in_their_own_municipality_only(
    bare_region: Region, owner: Engine
) -> None:
    server_admin.prepare_schema(owner)
    tess = bare_region.add_caseworker("tess", TILBURG)
    dirk = bare_region.add_caseworker("dirk", DONGEN)
    assert _found(bare_region, tess, "bakker") == ["Jan Bakker"]
    assert _found(bare_region, dirk, "bakker") == ["Jan Bakkers"]


def test_a_dossier_moved_to_another_municipality_is_found_there(
    bare_region: Region, owner: Engine
) -> None:
    server_admin.prepare_schema(owner)
    both = bare_region.add_caseworker("bo", TILBURG, DONGEN)
    dirk = bare_region.add_caseworker("dirk", DONGEN)
    with bare_region.store_as(both) as store, store.transaction() as session:
        smit = session.scalars(
            select(Entrepreneur).where(Entrepreneur.achternaam == "Smit")
        ).one()
        case = session.scalars(select(Case).where(Case.entrepreneur_id == smit.id)).one()
        business = session.get_one(Business, case.business_id)
        smit.municipality_code = case.municipality_code = business.municipality_code = DONGEN
    assert _found(bare_region, dirk, "smit") == ["Jan Smit"]


def test_a_downgrade_gives_back_the_search_of_0039_and_an_upgrade_fills_it_again(
    bare_region: Region, owner: Engine
) -> None:
    def search_function() -> str:
        with owner.connect() as connection:
            return str(connection.scalar(
                text("SELECT pg_get_functiondef('casedesk_search'::regproc)")
            ))  # fmt: skip

    upgrade_to(owner, "0039")
    at_0039 = search_function()
    upgrade_to(owner, "0040")
    assert search_function() != at_0039
    downgrade_to(owner, "0039")
    assert search_function() == at_0039
    assert found_by_older_search(owner, "%bakker%") == 2
    server_admin.prepare_schema(owner)
    tess = bare_region.add_caseworker("tess", TILBURG)
    assert _found(bare_region, tess, "bakker") == ["Jan Bakker"]
