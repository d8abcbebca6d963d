"""Migration 0036 on a server that kept one region-wide set of municipality details (only
its owner could write them): they become the counter municipality's, and come back on a
downgrade."""

from sqlalchemy import Engine, text

from casedesk.db.server import admin as server_admin
from casedesk.services.municipality_settings import load_municipality_settings
from tests.db.schema_helpers import downgrade_to, upgrade_to
from tests.server.region import Region

TILBURG = "GM0855"
DONGEN = "GM0766"
REGION_WIDE = {"municipality.name": "Gemeente Tilburg", "municipality.phone": "14 013"}


def _older_server(owner: Engine, counter: str | None) -> None:
    upgrade_to(owner, "0031")
    with owner.begin() as connection:
        rows = {**REGION_WIDE, **({"municipality.code": counter} if counter else {})}
        for key, value in rows.items():
            connection.execute(
                text("INSERT INTO settings (key, value) VALUES (:key, :value)"),
                {"key": key, "value": value},
            )


def _settings(owner: Engine) -> dict[str, str]:
    with owner.connect() as connection:
        rows = connection.execute(text("SELECT key, value FROM settings"))
        return {str(key): str(value) for key, value in rows}


def test_the_region_wide_details_become_the_counters(bare_region: Region) -> None:
    owner = bare_region.owner_engine()
    try:
        _older_server(owner, TILBURG)
        server_admin.prepare_schema(owner)
        assert set(_settings(owner)) == {"municipality.code"}
    finally:
        owner.dispose()
    with bare_region.store_as(bare_region.add_caseworker("tess", TILBURG)) as store:
        assert load_municipality_settings(store).phone == "14 013"
    with bare_region.store_as(bare_region.add_caseworker("dirk", DONGEN)) as store:
        assert load_municipality_settings(store).name == ""


def test_without_a_counter_the_region_wide_details_stay_where_they_were(
    bare_region: Region,
) -> None:
    owner = bare_region.owner_engine()
    try:
        _older_server(owner, None)
        server_admin.prepare_schema(owner)
        assert _settings(owner) == REGION_WIDE
    finally:
        owner.dispose()


def test_a_downgrade_gives_the_counters_details_back_to_the_region(bare_region: Region) -> None:
    owner = bare_region.owner_engine()
    try:
        _older_server(owner, TILBURG)
        upgrade_to(owner, "0036")
        downgrade_to(owner, "0031")
        assert _settings(owner) == {**REGION_WIDE, "municipality.code": TILBURG}
    finally:
        owner.dispose()
