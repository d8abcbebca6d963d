"""Shared set-up for the schema, migration, case and search tests: real encrypted stores."""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from casedesk.db import migrate
from casedesk.db.cases import BusinessData, EntrepreneurData, create_case
from casedesk.db.engine import create_encrypted_engine
from casedesk.db.server.store import ServerStore
from casedesk.domain.case import CaseId


def empty_store(tmp_path: Path) -> Engine:
    return create_encrypted_engine(tmp_path / "t.db", os.urandom(32))


def store_at_head(tmp_path: Path) -> Engine:
    engine = empty_store(tmp_path)
    migrate.upgrade(engine)
    return engine


def upgrade_to(engine: Engine, revision: str) -> None:
    """Migrate to one given revision, as an older app version would have left the store."""
    _migrate(engine, revision, command.upgrade)


def downgrade_to(engine: Engine, revision: str) -> None:
    """Migrate back to an older revision (each migration's ``downgrade``)."""
    _migrate(engine, revision, command.downgrade)


def _migrate(engine: Engine, revision: str, step: Callable[[Config, str], None]) -> None:
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", "casedesk.db:migrations")
        config.attributes["connection"] = connection
        step(config, revision)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One transaction, as the store on this engine's backend makes it."""
    if engine.dialect.name == "postgresql" and _fits_the_search_writer(engine):
        # The server store writes the search text before it commits.
        with ServerStore(engine.url, engine, "").transaction() as session:
            yield session
        return
    with Session(engine) as session, session.begin():
        yield session


SEARCH_WRITER_FROM = "0040"
"""The first revision with every column this app's search writer fills (the sort keys of
0037, the municipality of 0040)."""


def _fits_the_search_writer(engine: Engine) -> bool:
    """Whether this app's search writer fits the server's schema; on an older server the
    dossiers go in without their search text, which no test there reads."""
    with engine.connect() as connection:
        revision = migrate.database_revision(connection)
    return revision in migrate.REVISIONS[migrate.REVISIONS.index(SEARCH_WRITER_FROM) :]


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def add_case(
    session: Session,
    voornamen: str,
    achternaam: str,
    *,
    tussenvoegsel: str = "",
    trade_name: str = "",
    kvk_number: str | None = None,
    postcode: str | None = None,
    place: str | None = None,
    municipality_code: str = "GM0363",
    actor_id: int | None = None,
) -> CaseId:
    return create_case(
        session,
        actor_id,
        entrepreneur=EntrepreneurData(
            voornamen=voornamen,
            tussenvoegsel=tussenvoegsel,
            achternaam=achternaam,
            date_of_birth=date(1980, 5, 17),
            postcode=postcode,
            place=place,
        ),
        business=BusinessData(trade_name=trade_name, kvk_number=kvk_number),
        municipality_code=municipality_code,
        region_code="AM18",
        registration_date=date(2026, 11, 27),
    )
