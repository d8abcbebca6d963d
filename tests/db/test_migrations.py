"""Migrations: from an empty store, from the previous revision, and a store from the future."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.util import CommandError
from sqlalchemy import insert, inspect, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from casedesk.db import migrate
from casedesk.db.cases import fetch_case_page
from casedesk.db.models import Base, Business, Case, Entrepreneur
from casedesk.domain.case import CaseStatus
from tests.db.schema_helpers import at, empty_store, store_at_head, upgrade_to

OLDER_REVISIONS = ("0001", "0002", "0004")


def test_head_is_a_known_revision() -> None:
    assert migrate.head_revision() in migrate.known_revisions()
    assert set(OLDER_REVISIONS) < migrate.known_revisions()


def test_revision_list_matches_the_migration_scripts() -> None:
    # Opening a store reads REVISIONS instead of loading Alembic; it must not drift.
    assert list(migrate.REVISIONS) == migrate.script_revisions()


def test_empty_store_has_no_revision(tmp_path: Path) -> None:
    engine = empty_store(tmp_path)
    with engine.connect() as connection:
        assert migrate.database_revision(connection) is None


def test_empty_store_upgrades_to_head_with_every_table(tmp_path: Path) -> None:
    engine = store_at_head(tmp_path)
    with engine.connect() as connection:
        assert migrate.database_revision(connection) == migrate.head_revision()
        tables = set(inspect(connection).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "case_search" in tables
    assert "case_search_words" not in tables  # replaced by word-start markers in 0003


def test_upgrading_a_store_at_head_changes_nothing(tmp_path: Path) -> None:
    engine = store_at_head(tmp_path)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        assert migrate.database_revision(connection) == migrate.head_revision()


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    engine = store_at_head(tmp_path)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_name": migrate.described_by_models},
        )
        assert compare_metadata(context, Base.metadata) == []


def _insert_case_at_previous_revision(session: Session) -> None:
    # Core inserts of the columns that revision 0001 has, as the old app wrote them.
    session.execute(
        insert(Entrepreneur).values(
            id=1, voornamen="Ayşe", tussenvoegsel="", achternaam="Özdemir", country="NL",
            postcode="1011 AB", place="Amsterdam", created_at=at(1), updated_at=at(1),
        )
    )  # fmt: skip
    session.execute(
        insert(Business).values(
            id=1, entrepreneur_id=1, trade_name="Kapsalon Ayşe", kvk_number="12345678",
            created_at=at(1), updated_at=at(1),
        )
    )  # fmt: skip
    session.execute(
        insert(Case).values(
            id=1, entrepreneur_id=1, business_id=1, municipality_code="GM0363",
            registration_date=at(1).date(), status=CaseStatus.INTAKE, urgent=False,
            created_at=at(1), updated_at=at(1),
        )
    )  # fmt: skip


@pytest.mark.parametrize("old_revision", OLDER_REVISIONS)
def test_store_at_an_older_revision_upgrades_and_its_cases_are_found(
    tmp_path: Path, old_revision: str
) -> None:
    engine = empty_store(tmp_path)
    upgrade_to(engine, old_revision)
    with Session(engine) as session, session.begin():
        _insert_case_at_previous_revision(session)

    migrate.upgrade(engine)

    with engine.connect() as connection:
        assert migrate.database_revision(connection) == migrate.head_revision()
    with Session(engine) as session:
        found = fetch_case_page(session, "ozdemir", None, 100)
        by_prefix = fetch_case_page(session, "ay", None, 100)
        mixed = fetch_case_page(session, "kapsalon a 1011", None, 100)
    assert [case.entrepreneur_name for case in found] == ["Ayşe Özdemir"]
    assert [case.case_id for case in by_prefix] == [1]
    assert [case.case_id for case in mixed] == [1]


def test_upgrading_from_0004_indexes_the_folded_names_of_existing_cases(
    tmp_path: Path,
) -> None:
    engine = empty_store(tmp_path)
    upgrade_to(engine, "0004")
    with Session(engine) as session, session.begin():
        _insert_case_at_previous_revision(session)
        session.execute(
            text("UPDATE entrepreneurs SET voornamen = 'Mehmet', achternaam = 'Yılmaz'")
        )
        assert fetch_case_page(session, "yilmaz", None, 100) == []

    migrate.upgrade(engine)

    with Session(engine) as session:
        found = fetch_case_page(session, "yilmaz", None, 100)
    assert [case.entrepreneur_name for case in found] == ["Mehmet Yılmaz"]


def test_store_from_a_newer_app_reports_its_unknown_revision(tmp_path: Path) -> None:
    engine = store_at_head(tmp_path)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed9999'"))

    with engine.connect() as connection:
        revision = migrate.database_revision(connection)
    assert revision == "f00dfeed9999"
    assert revision not in migrate.known_revisions()


def test_upgrade_refuses_an_unknown_revision_and_leaves_the_store_as_it_was(
    tmp_path: Path,
) -> None:
    engine = store_at_head(tmp_path)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed9999'"))

    with pytest.raises(CommandError):
        migrate.upgrade(engine)

    with engine.connect() as connection:
        assert migrate.database_revision(connection) == "f00dfeed9999"


def test_a_failing_step_leaves_the_store_at_its_old_revision(tmp_path: Path) -> None:
    engine = empty_store(tmp_path)
    upgrade_to(engine, "0001")
    with Session(engine) as session, session.begin():
        _insert_case_at_previous_revision(session)
        # Revision 0002 creates a view of this name after its two search tables: it fails
        # midway, after DDL that must be rolled back with it.
        session.execute(text("CREATE TABLE case_search_source (x INTEGER)"))

    with pytest.raises(OperationalError, match="case_search_source"):
        migrate.upgrade(engine)

    with engine.connect() as connection:
        assert migrate.database_revision(connection) == "0001"
        tables = set(inspect(connection).get_table_names())
        assert connection.execute(text("SELECT count(*) FROM cases")).scalar_one() == 1
    assert "case_search" not in tables
