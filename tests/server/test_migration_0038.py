"""Migration 0038 on a server that kept caseworkers' own e-mail addresses in ``settings``
(only its owner could write them, every caseworker of the region could read them): they
move to ``caseworker_settings``, and come back on a downgrade."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from casedesk.db.server import admin as server_admin
from tests.db.schema_helpers import downgrade_to, upgrade_to
from tests.server.region import Region

KEPT = {"municipality.code": "GM0855", "caseworker.current_id": "1"}
"""Settings that are no caseworker's own detail, and stay where they are."""


def _older_server(owner: Engine) -> tuple[int, dict[str, str]]:
    """At 0036: one caseworker with an address in ``settings``, and an address of a
    caseworker the server does not know; returns the caseworker's id and the settings."""
    upgrade_to(owner, "0036")
    with owner.begin() as connection:
        caseworker_id = connection.scalar(
            text(
                "INSERT INTO caseworkers (name, active, created_at) "
                "VALUES ('Tess', true, now()) RETURNING id"
            )
        )
        assert isinstance(caseworker_id, int)
        rows = {
            **KEPT,
            f"caseworker.{caseworker_id}.email": "t.devries@tilburg.nl",
            "caseworker.99999.email": "weg@tilburg.nl",
        }
        for key, value in rows.items():
            connection.execute(
                text("INSERT INTO settings (key, value) VALUES (:key, :value)"),
                {"key": key, "value": value},
            )
    return caseworker_id, rows


def _settings(owner: Engine) -> dict[str, str]:
    with owner.connect() as connection:
        rows = connection.execute(text("SELECT key, value FROM settings"))
        return {str(key): str(value) for key, value in rows}


def _caseworker_settings(owner: Engine) -> set[tuple[int, str, str]]:
    with owner.connect() as connection:
        rows = connection.execute(
            text("SELECT caseworker_id, key, value FROM caseworker_settings")
        )
        return {(int(caseworker_id), str(key), str(value)) for caseworker_id, key, value in rows}


@pytest.fixture
def owner(bare_region: Region) -> Iterator[Engine]:
    engine = bare_region.owner_engine()
    try:
        yield engine
    finally:
        engine.dispose()


def test_a_known_caseworkers_address_moves_to_their_own_row(owner: Engine) -> None:
    caseworker_id, _ = _older_server(owner)
    server_admin.prepare_schema(owner)
    assert _caseworker_settings(owner) == {(caseworker_id, "email", "t.devries@tilburg.nl")}
    assert _settings(owner) == {**KEPT, "caseworker.99999.email": "weg@tilburg.nl"}


def test_a_downgrade_gives_the_addresses_back_to_settings(owner: Engine) -> None:
    _, before = _older_server(owner)
    upgrade_to(owner, "0038")
    downgrade_to(owner, "0036")
    assert _settings(owner) == before


def test_the_new_table_is_shielded_with_forced_row_level_security(owner: Engine) -> None:
    server_admin.prepare_schema(owner)
    with owner.connect() as connection:
        assert "caseworker_settings" not in server_admin.policy_gaps(connection)
        forced = connection.execute(
            text(
                "SELECT relrowsecurity, relforcerowsecurity FROM pg_class "
                "WHERE relname = 'caseworker_settings'"
            )
        ).one()
    assert tuple(forced) == (True, True)


@pytest.mark.parametrize("key", ["e.mail", "E-mail", ""])
def test_a_key_a_laptop_could_not_give_back_is_refused(owner: Engine, key: str) -> None:
    caseworker_id, _ = _older_server(owner)
    server_admin.prepare_schema(owner)
    with (
        pytest.raises(IntegrityError, match="caseworker_settings_key_check"),
        owner.begin() as connection,
    ):
        connection.execute(
            text("INSERT INTO caseworker_settings VALUES (:id, :key, 'x')"),
            {"id": caseworker_id, "key": key},
        )
