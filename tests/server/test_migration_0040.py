"""Migration 0040 on a server with dossiers from before it: each case's municipality is
written into ``case_search`` (its trigram index holds it), so a caseworker finds the
dossiers of before the upgrade of their municipality and none of another's; a downgrade
gives back 0039's search, and an upgrade after it writes the municipalities again."""

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, select, text

from casedesk.db.bulk import DemoCaseRow
from casedesk.db.cases import fetch_case_page
from casedesk.db.models import Business, Case, Entrepreneur
from casedesk.db.server import admin as server_admin
from casedesk.domain.case import CaseStatus
from tests.db.schema_helpers import downgrade_to, upgrade_to
from tests.server.older_dossiers import insert_older_dossiers
from tests.server.region import Region, new_region

TILBURG = "GM0855"
DONGEN = "GM0766"


def _row(surname: str, code: str) -> DemoCaseRow:
    moment = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    return DemoCaseRow(
        voornamen="Jan", tussenvoegsel="", achternaam=surname, date_of_birth=date(1980, 1, 1),
        trade_name=f"{surname} Bouw", kvk_number=None, postcode=None, place="Brabant",
        municipality_code=code, region_code=None, status=CaseStatus.INTAKE,
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
            insert_older_dossiers(
                connection,
                [_row("Bakker", TILBURG), _row("Smit", TILBURG), _row("Bakkers", DONGEN)],
            )
        yield engine
    finally:
        engine.dispose()


def _found(region: Region, login: str, query: str) -> list[str]:
    with region.store_as(login) as store, store.session() as session:
        return sorted(case.entrepreneur_name for case in fetch_case_page(session, query, None, 50))


def test_the_dossiers_of_before_the_upgrade_are_found_in_their_own_municipality_only(
    region: Region, owner: Engine
) -> None:
    server_admin.prepare_schema(owner)
    tess = region.add_caseworker("tess", TILBURG)
    dirk = region.add_caseworker("dirk", DONGEN)
    assert _found(region, tess, "bakker") == ["Jan Bakker"]
    assert _found(region, dirk, "bakker") == ["Jan Bakkers"]


def test_a_dossier_moved_to_another_municipality_is_found_there(
    region: Region, owner: Engine
) -> None:
    server_admin.prepare_schema(owner)
    both = region.add_caseworker("bo", TILBURG, DONGEN)
    dirk = region.add_caseworker("dirk", DONGEN)
    with region.store_as(both) as store, store.transaction() as session:
        smit = session.scalars(
            select(Entrepreneur).where(Entrepreneur.achternaam == "Smit")
        ).one()
        case = session.scalars(select(Case).where(Case.entrepreneur_id == smit.id)).one()
        business = session.get_one(Business, case.business_id)
        smit.municipality_code = case.municipality_code = business.municipality_code = DONGEN
    assert _found(region, dirk, "smit") == ["Jan Smit"]


def test_a_downgrade_gives_back_the_search_of_0039_and_an_upgrade_fills_it_again(
    region: Region, owner: Engine
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
    with owner.connect() as connection:
        found = connection.scalars(
            text("SELECT casedesk_search(ARRAY['%bakker%'], 10, NULL, NULL, NULL, NULL, NULL)")
        ).all()
        assert len(found) == 2
    server_admin.prepare_schema(owner)
    tess = region.add_caseworker("tess", TILBURG)
    assert _found(region, tess, "bakker") == ["Jan Bakker"]
