"""The two stores the services run on, for tests parametrized over both.

SQLite: a new encrypted file at head. PostgreSQL: a new database cloned from a template
that ``casedesk server setup`` prepared once per test session, with the caseworker
``kim`` of every municipality (the tests' demo dossiers are spread over the country). A
cloned database keeps the template's policies and grants, so a test on it runs under
row-level security as kim, or as the owner where it must fill the region's shared tables.
"""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import URL, Engine, create_engine, text

from casedesk.catalog.regions import load_default_region_table
from casedesk.db.data_store import DataStore
from casedesk.db.keys import Keychain
from casedesk.db.server import admin as server_admin
from casedesk.db.server.store import ServerStore, open_server_store
from casedesk.db.settings_repo import (
    add_caseworker,
    current_caseworker_id,
)
from tests.server.region import PASSWORD, Region, admin_url, new_region
from tests.stores import new_store

BACKENDS = ("sqlite", "postgres")

ONLY_SQLITE = "only_sqlite"
"""Marks a test of what only the SQLite store allows (its reason says why); on the server
these are the owner's tasks or differ on purpose."""


@dataclass
class Backend:
    name: str
    template: Region | None = None
    _databases: list[str] = field(default_factory=list)
    _engines: list[Engine] = field(default_factory=list)
    _logins: list[str] = field(default_factory=list)

    def new_engine(self, folder: Path, *, as_owner: bool = False) -> Engine:
        """An engine on a new, empty store at head."""
        if self.template is None:
            from tests.db.schema_helpers import store_at_head

            return store_at_head(folder)
        engine = create_engine(self._new_database(as_owner))
        self._engines.append(engine)
        return engine

    @contextmanager
    def new_store(self, folder: Path, keychain: Keychain) -> Iterator[DataStore]:
        """A new store as the first start (SQLite) or ``casedesk server setup`` (server)
        leaves it, open for the caseworker Fatma Özdemir of GM0855."""
        if self.template is None:
            with new_store(folder, keychain) as opened:
                yield opened
            return
        with open_server_store(self._new_database(as_owner=False)) as opened:
            yield opened

    @contextmanager
    def colleague(self, store: DataStore, name: str) -> Iterator[tuple[DataStore, int]]:
        """A second caseworker of GM0855 on the dossiers of ``store``, and their id.

        SQLite: a caseworker added to the same open store (one app holds the file). The
        server: a login of their own (``casedesk server add-caseworker``) with its own
        connections, under the same row-level security as kim.
        """
        if self.template is None:
            with store.transaction() as session:
                caseworker_id = add_caseworker(session, name)
            yield store, caseworker_id
            return
        assert isinstance(store, ServerStore)
        database = str(store.engine.url.database)
        login = f"{name.split()[0].lower()}_{database}"
        # What casedesk server add-caseworker does, with the role of the template's
        # caseworkers: a cloned database keeps the grants made to that role.
        role = server_admin.caseworkers_role(self.template.database)
        owner = create_engine(self.template.owner_url.set(database=database))
        try:
            with owner.begin() as connection:
                connection.execute(
                    text(f'CREATE ROLE "{login}" LOGIN IN ROLE "{role}" PASSWORD \'{PASSWORD}\'')
                )
                caseworker_id = connection.scalar(
                    text(
                        "INSERT INTO caseworkers (name, active, created_at) "
                        "VALUES (:name, true, now() AT TIME ZONE 'UTC') RETURNING id"
                    ),
                    {"name": name},
                )
                connection.execute(
                    text(
                        "INSERT INTO caseworker_logins (login, municipality_code, caseworker_id) "
                        "VALUES (:login, 'GM0855', :id)"
                    ),
                    {"login": login, "id": caseworker_id},
                )
        finally:
            owner.dispose()
        self._logins.append(login)
        with open_server_store(self.template.url_for(login).set(database=database)) as opened:
            with opened.session() as session:
                assert current_caseworker_id(session) == caseworker_id
            yield opened, caseworker_id

    def _new_database(self, as_owner: bool) -> URL:
        assert self.template is not None
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
        return self.template.url_for(login).set(database=database)

    def drop_all(self) -> None:
        for engine in self._engines:
            engine.dispose()
        superuser = create_engine(admin_url(), isolation_level="AUTOCOMMIT")
        try:
            with superuser.connect() as connection:
                for database in self._databases:
                    connection.execute(text(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
                for login in self._logins:
                    connection.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        finally:
            superuser.dispose()


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[Region]:
    with new_region() as region:
        every = [municipality.code for municipality in load_default_region_table().municipalities]
        region.add_caseworker("kim", *every, display_name="Fatma Özdemir")
        region.save_region_settings()  # as tests/stores.py's init_store: Tilburg's counter
        yield region


def _backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    name = str(request.param)
    if name == "sqlite":
        yield Backend(name)
        return
    only_sqlite = request.node.get_closest_marker(ONLY_SQLITE)
    if only_sqlite is not None:
        pytest.skip(f"SQLite only: {only_sqlite.args[0]}")
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
