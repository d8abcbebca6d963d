"""A region set up by an older casedesk is brought up to date by running setup again: the
new tables and functions reach the caseworkers, the old dossiers stay theirs."""

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from casedesk.db import migrate
from casedesk.db.cases import fetch_case_page
from casedesk.db.intake_repo import part_versions
from casedesk.db.server import admin as server_admin
from tests.server.older_dossiers import older_dossier, older_server
from tests.server.region import Region, new_region

AMSTERDAM = "GM0363"
OLDER_SERVER = "0017"  # the first revision of the regional mode


@pytest.fixture(scope="module")
def upgraded() -> Iterator[Region]:
    """A server at 0017 with a dossier in it, then ``casedesk server setup`` of today."""
    dossier = older_dossier(
        "Jan", "Visser", AMSTERDAM, trade_name="Klus Visser", place="Amsterdam",
        postcode="1011 AB", region_code="AM18",
    )  # fmt: skip
    with new_region(set_up=False) as region:
        with older_server(region, OLDER_SERVER, [dossier]) as owner:
            server_admin.prepare_schema(owner)
        yield region


def test_setup_again_brings_an_older_server_to_the_current_schema(upgraded: Region) -> None:
    login = upgraded.add_caseworker("kim", AMSTERDAM)
    with upgraded.store_as(login) as store, store.session() as session:
        assert migrate.database_revision(session.connection()) == migrate.head_revision()


def test_a_caseworker_searches_the_old_dossiers_with_the_new_search_function(
    upgraded: Region,
) -> None:
    login = upgraded.add_caseworker("noor", AMSTERDAM)
    with upgraded.store_as(login) as store, store.session() as session:
        found = fetch_case_page(session, "visser", None, 10)
    assert [case.entrepreneur_name for case in found] == ["Jan Visser"]


def test_a_caseworker_may_use_every_function_and_table_added_since(upgraded: Region) -> None:
    login = upgraded.add_caseworker("joost", AMSTERDAM)
    with upgraded.store_as(login) as store, store.session() as session:
        case_id = fetch_case_page(session, "", None, 1)[0].case_id
        assert part_versions(session, case_id) == {}  # intake_parts (0024) is readable
        for function in server_admin.LOGIN_FUNCTIONS:
            granted = session.scalar(
                text("SELECT has_function_privilege(:function, 'EXECUTE')"),
                {"function": function},
            )
            assert granted, function


def test_a_coordinator_may_call_every_function_of_the_coordinators(upgraded: Region) -> None:
    login = upgraded.add_coordinator("anne", "Anne de Wit")
    with upgraded.store_as(login) as store, store.session() as session:
        for function in server_admin.COORDINATOR_FUNCTIONS:
            granted = session.scalar(
                text("SELECT has_function_privilege(:function, 'EXECUTE')"),
                {"function": function},
            )
            assert granted, function
