"""The two stores the services run on, for tests parametrized over both.

SQLite: a new encrypted file at head. PostgreSQL: a new database cloned from a template
that ``casedesk server setup`` prepared once per test session, with the caseworker
``kim`` of every municipality the tests use (``KIM_MUNICIPALITIES``). A cloned database
keeps the template's policies and grants, so a test on it runs under row-level security
as kim, or as the owner where it must fill the region's shared tables.
"""

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from tests.server.region import Region, admin_url, new_region

BACKENDS = ("sqlite", "postgres")

KIM_MUNICIPALITIES = ("GM0363", "GM0193", "GM0855", "GM0344")


@dataclass
class Backend:
    name: str
    template: Region | None = None
    _databases: list[str] = field(default_factory=list)
    _engines: list[Engine] = field(default_factory=list)

    def new_engine(self, folder: Path, *, as_owner: bool = False) -> Engine:
        """An engine on a new, empty store at head."""
        if self.template is None:
            from tests.db.schema_helpers import store_at_head

            return store_at_head(folder)
        database = f"{self.template.database}_{secrets.token_hex(4)}"
        superuser = create_engine(admin_url(), isolation_level="AUTOCOMMIT")
        try:
            with superuser.connect() as connection:
                connection.execute(
                    text(
                        f"CREATE DATABASE {database} TEMPLATE {self.template.database} "
                        f"OWNER {self.template.owner}"
                    )
                )
        finally:
            superuser.dispose()
        self._databases.append(database)
        login = self.template.owner if as_owner else self.template.login("kim")
        url = self.template.url_for(login).set(database=database)
        engine = create_engine(url)
        self._engines.append(engine)
        return engine

    def drop_all(self) -> None:
        for engine in self._engines:
            engine.dispose()
        superuser = create_engine(admin_url(), isolation_level="AUTOCOMMIT")
        try:
            with superuser.connect() as connection:
                for database in self._databases:
                    connection.execute(text(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        finally:
            superuser.dispose()


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[Region]:
    with new_region() as region:
        region.add_caseworker("kim", *KIM_MUNICIPALITIES)
        yield region


def _backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    name = str(request.param)
    if name == "sqlite":
        yield Backend(name)
        return
    backend = Backend(name, request.getfixturevalue("postgres_template"))
    try:
        yield backend
    finally:
        backend.drop_all()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    """Each store in turn, for one test."""
    yield from _backend(request)


@pytest.fixture(params=BACKENDS, scope="module")
def module_backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    """Each store in turn, for the fixtures a whole module shares."""
    yield from _backend(request)
