"""Migration 0023: a municipality's single legacy retention term keeps its meaning."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from casedesk.db import migrate
from casedesk.db.models import Setting
from casedesk.domain.retention import (
    DEFAULT_TERMS,
    RETENTION_SETTINGS_PREFIX,
    ResultType,
    terms_from_settings,
)
from tests.db.schema_helpers import empty_store, upgrade_to
from tests.server.region import new_region


@pytest.fixture(params=["sqlite", "postgres"])
def at_0017(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A store as the app before 0023 left it, on either backend (the owner's engine)."""
    if request.param == "sqlite":
        engine = empty_store(tmp_path)
        upgrade_to(engine, "0017")
        yield engine
        engine.dispose()
        return
    with new_region(set_up=False) as region:
        engine = region.owner_engine()
        upgrade_to(engine, "0017")
        yield engine
        engine.dispose()


def _settings(engine: Engine, **values: str) -> None:
    with Session(engine) as session, session.begin():
        for key, value in values.items():
            session.execute(insert(Setting).values(key=key, value=value))


def _upgraded_settings(engine: Engine) -> dict[str, str]:
    migrate.upgrade(engine)
    with Session(engine) as session:
        return {row.key: row.value for row in session.scalars(select(Setting))}


def test_a_set_legacy_term_becomes_every_result_types_term_unless_it_has_its_own(
    at_0017: Engine,
) -> None:
    _settings(at_0017, **{"retention.years": "20", "retention.years.8_geweigerd": "6"})
    settings = _upgraded_settings(at_0017)
    assert "retention.years" not in settings
    terms = terms_from_settings(settings)
    assert terms == {
        result: 6 if result is ResultType.PROVISION_REFUSED else 20 for result in ResultType
    }


@pytest.mark.parametrize("unusable", ["zeven", "0", "100"])
def test_an_unusable_legacy_term_goes_and_the_selectielijst_applies(
    at_0017: Engine, unusable: str
) -> None:
    _settings(at_0017, **{"retention.years": unusable})
    settings = _upgraded_settings(at_0017)
    assert not any(key.startswith("retention.years") for key in settings)
    assert terms_from_settings(settings) == DEFAULT_TERMS


def test_the_migration_knows_every_result_type_of_today() -> None:
    from casedesk.db.migrations.versions import rev_0023_legacy_retention_term as m

    assert set(m.RESULT_TYPES) == {result.value for result in ResultType}
    assert f"{m.LEGACY_KEY}." == RETENTION_SETTINGS_PREFIX
