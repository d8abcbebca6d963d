"""Before removing a catalog entry the coordinator, who reads no dossier, is told how many
dossiers of the whole region use it: a number the owner's function counts (migration
0035), a small one said as the region's report says it; a caseworker may not ask."""

from collections.abc import Iterator

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import text
from sqlalchemy.orm import Session

from casedesk.catalog.defaults import load_default_catalog
from casedesk.db import catalog_repo
from casedesk.db.server import admin as server_admin
from casedesk.db.server.coordinator_session import ENTRY_USE_FUNCTION
from casedesk.domain.catalog_edit import DossierUse
from casedesk.services.catalog_editing import CatalogEditor
from tests.server.catalog_use import (
    DIAGNOSETOOL,
    KLANKBORD,
    LEERWERKLOKET,
    UNUSED,
    CatalogUse,
    fill_catalog_use,
)
from tests.server.region import Region


@pytest.fixture(scope="module")
def used(region: Region) -> CatalogUse:
    return fill_catalog_use(region)


@pytest.fixture
def anne(used: CatalogUse) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    with used.region.straight_to_server(used.anne) as connection:
        yield connection


def test_the_coordinator_is_told_the_dossiers_of_every_municipality(used: CatalogUse) -> None:
    with used.region.store_as(used.anne) as store:
        assert CatalogEditor(store).dossiers_using(KLANKBORD) == DossierUse(6)
    # Each caseworker counts only the dossiers of their own municipality.
    with used.region.store_as(used.kim) as store:
        assert CatalogEditor(store).dossiers_using(KLANKBORD) == DossierUse(3)


def test_the_coordinator_is_told_fewer_than_five_not_how_many(used: CatalogUse) -> None:
    with used.region.store_as(used.anne) as store:
        editor = CatalogEditor(store)
        assert editor.dossiers_using(DIAGNOSETOOL) == DossierUse(None)
        assert editor.dossiers_using(LEERWERKLOKET) == DossierUse(None)
        assert editor.dossiers_using(UNUSED) == DossierUse(0)
    with used.region.store_as(used.piet) as store:
        assert CatalogEditor(store).dossiers_using(LEERWERKLOKET) == DossierUse(2)


def test_the_server_counts_by_the_same_rule_as_the_app(
    used: CatalogUse, anne: psycopg.Connection[tuple[object, ...]]
) -> None:
    catalog = load_default_catalog()
    entry_ids: list[str] = [i.id for i in catalog.instruments] + [p.id for p in catalog.partners]
    engine = used.region.owner_engine()
    try:
        # The owner reads every dossier: the app's own query over the whole region.
        with Session(engine) as session:
            expected = {i: catalog_repo.dossiers_using_entry(session, i) for i in entry_ids}
    finally:
        engine.dispose()
    counted = {
        entry_id: anne.execute("SELECT casedesk_catalog_entry_use(%s)", (entry_id,)).fetchone()
        for entry_id in entry_ids
    }
    assert counted == {entry_id: (count,) for entry_id, count in expected.items()}
    assert (expected[KLANKBORD], expected[DIAGNOSETOOL], expected[LEERWERKLOKET]) == (6, 2, 2)


def test_the_function_gives_one_number_and_nothing_else(
    anne: psycopg.Connection[tuple[object, ...]],
) -> None:
    for entry_id in (KLANKBORD, "%", "' OR true --", None):
        rows = anne.execute("SELECT * FROM casedesk_catalog_entry_use(%s)", (entry_id,)).fetchall()
        assert len(rows) == 1 and len(rows[0]) == 1 and isinstance(rows[0][0], int)
    assert anne.execute("SELECT casedesk_catalog_entry_use('%')").fetchone() == (0,)


def test_the_function_is_the_owners_with_a_fixed_search_path(used: CatalogUse) -> None:
    engine = used.region.owner_engine()
    try:
        with engine.connect() as connection:
            owner, definer, settings, returns_set, result = connection.execute(
                text(
                    "SELECT pg_get_userbyid(proowner), prosecdef, proconfig, proretset, "
                    "prorettype::regtype::text FROM pg_proc WHERE oid = to_regprocedure(:f)"
                ),
                {"f": ENTRY_USE_FUNCTION},
            ).one()
    finally:
        engine.dispose()
    assert (owner, definer, returns_set, result) == (used.region.owner, True, False, "bigint")
    assert [setting.split("=")[0] for setting in settings] == ["search_path"]
    assert settings[0].endswith("pg_temp")


def test_only_the_owner_and_the_coordinators_may_call_it(used: CatalogUse) -> None:
    engine = used.region.owner_engine()
    try:
        with engine.connect() as connection:
            grantees = connection.scalars(
                text(
                    "SELECT DISTINCT CASE a.grantee WHEN 0 THEN 'PUBLIC' "
                    "ELSE pg_get_userbyid(a.grantee) END FROM pg_proc p, "
                    "aclexplode(p.proacl) a WHERE p.oid = to_regprocedure(:f) "
                    "AND a.privilege_type = 'EXECUTE'"
                ),
                {"f": ENTRY_USE_FUNCTION},
            ).all()
    finally:
        engine.dispose()
    database = used.region.database
    assert set(grantees) == {used.region.owner, server_admin.coordinators_role(database)}


def test_a_caseworker_may_not_call_it(used: CatalogUse) -> None:
    with (
        used.region.straight_to_server(used.kim) as kim,
        pytest.raises(errors.InsufficientPrivilege),
    ):
        kim.execute("SELECT casedesk_catalog_entry_use(%s)", (KLANKBORD,))
