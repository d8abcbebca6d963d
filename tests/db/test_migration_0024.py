"""Migration 0024: a version per part of the intake answers, on both backends."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from casedesk.db import intake_repo, migrate
from tests.db.schema_helpers import (
    add_case,
    at,
    downgrade_to,
    empty_store,
    transaction,
    upgrade_to,
)
from tests.server.region import new_region


@pytest.fixture(params=["sqlite", "postgres"])
def at_0023(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A store as the app before 0024 left it, on either backend (the owner's engine)."""
    if request.param == "sqlite":
        engine = empty_store(tmp_path)
        upgrade_to(engine, "0023")
        yield engine
        engine.dispose()
        return
    with new_region(set_up=False) as region:
        engine = region.owner_engine()
        upgrade_to(engine, "0023")
        yield engine
        engine.dispose()


def test_a_dossier_from_before_is_at_version_0_and_its_first_save_counts_1(
    at_0023: Engine,
) -> None:
    with transaction(at_0023) as session:
        case_id = add_case(session, "Zoë", "Hoff")
        intake_repo.save_answers(session, case_id, 1, {"format_version": 1}, at(27))
    migrate.upgrade(at_0023)
    with transaction(at_0023) as session:
        assert intake_repo.part_versions(session, case_id) == {}
        assert intake_repo.advance_parts(session, case_id, ["business"], {}) == {"business": 1}
    with transaction(at_0023) as session:
        assert intake_repo.part_versions(session, case_id) == {"business": 1}


def test_on_the_server_the_table_is_shielded_per_municipality_like_every_dossier_table(
    at_0023: Engine,
) -> None:
    migrate.upgrade(at_0023)
    if at_0023.dialect.name != "postgresql":
        return  # one municipality's store: no roles, no policies
    with at_0023.connect() as connection:
        shielded = connection.execute(
            text(
                "SELECT c.relrowsecurity, c.relforcerowsecurity, "
                "array_agg(p.polname::text ORDER BY p.polname) FROM pg_class c "
                "JOIN pg_policy p ON p.polrelid = c.oid "
                "WHERE c.relname = 'intake_parts' GROUP BY c.oid"
            )
        ).one()
    assert tuple(shielded) == (True, True, ["own_municipalities", "owner_sees_all"])


def test_downgrading_drops_the_versions_and_upgrading_again_starts_afresh(
    at_0023: Engine,
) -> None:
    migrate.upgrade(at_0023)
    with transaction(at_0023) as session:
        case_id = add_case(session, "Zoë", "Hoff")
        intake_repo.advance_parts(session, case_id, ["entrepreneur"], {})
    downgrade_to(at_0023, "0023")
    with at_0023.connect() as connection:
        assert not inspect(connection).has_table("intake_parts")
    migrate.upgrade(at_0023)
    with transaction(at_0023) as session:
        assert intake_repo.part_versions(session, case_id) == {}
