"""A throwaway region on the test cluster: its own database, owner role and logins.

``scripts/run-with-postgres.sh`` starts the cluster and exports its superuser address in
``CASEDESK_TEST_POSTGRES_URL``. Roles belong to the whole cluster, so every name made
here carries the region's random suffix.
"""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import psycopg
import pytest
from sqlalchemy import URL, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from casedesk.catalog.regions import load_default_region_table
from casedesk.db.cases import BusinessData, EntrepreneurData, create_case
from casedesk.db.server import admin as server_admin
from casedesk.db.server.store import DRIVER, ServerStore, open_server_store
from casedesk.db.settings_repo import MUNICIPALITY_CODE, save_municipalities, set_setting

POSTGRES_URL_ENV = "CASEDESK_TEST_POSTGRES_URL"
PASSWORD = "een-lang-test-wachtwoord"


def admin_url() -> URL:
    """The cluster's superuser address; skips (fails under CI=true) without a cluster."""
    address = os.environ.get(POSTGRES_URL_ENV)
    if not address:
        message = (
            f"no PostgreSQL test server ({POSTGRES_URL_ENV} unset): run the tests through "
            "scripts/run-with-postgres.sh (make test does)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return make_url(address).set(drivername=DRIVER)


AMSTERDAM = "GM0363"
"""The municipality of most regional tests' caseworkers."""


@dataclass
class Region:
    """One region's database, set up with ``casedesk server setup``'s schema and role."""

    admin: URL
    database: str
    owner: str
    logins: list[str] = field(default_factory=list)

    @property
    def owner_url(self) -> URL:
        return self.admin.set(username=self.owner, password=PASSWORD, database=self.database)

    def url_for(self, login: str) -> URL:
        return self.admin.set(username=login, password=PASSWORD, database=self.database)

    def straight_to_server(self, login: str) -> "psycopg.Connection[tuple[object, ...]]":
        """The login's own connection, as psql makes it: no casedesk in between, so a
        test tries what a client could send."""
        url = self.url_for(login).set(drivername="postgresql")
        return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)

    def owner_engine(self) -> Engine:
        return create_engine(self.owner_url)

    def login(self, name: str) -> str:
        """The cluster-wide login name of a caseworker called ``name`` in this region."""
        return f"{name}_{self.database}"

    def add_caseworker(self, name: str, *codes: str, display_name: str = "") -> str:
        return self.add_caseworker_login(
            self.login(name), *codes, display_name=display_name or name.title()
        )

    def add_caseworker_login(self, login: str, *codes: str, display_name: str = "") -> str:
        """A caseworker with exactly this login (roles are the cluster's: make it unique)."""
        engine = self.owner_engine()
        try:
            server_admin.add_caseworker(
                engine, login, display_name or login.split("_")[0].title(), codes, PASSWORD
            )
        finally:
            engine.dispose()
        self.logins.append(login)
        return login

    def add_coordinator(self, name: str, display_name: str = "") -> str:
        login = self.login(name)
        engine = self.owner_engine()
        try:
            server_admin.add_coordinator(engine, login, display_name or name.title(), PASSWORD)
        finally:
            engine.dispose()
        self.logins.append(login)
        return login

    def save_region_settings(self, counter: str = "GM0855") -> None:
        """As the owner: what ``casedesk server setup`` and a laptop's first start store
        (the CBS municipality names, the counter's municipality)."""
        engine = self.owner_engine()
        try:
            with Session(engine) as session, session.begin():
                save_municipalities(session, load_default_region_table().municipalities)
                set_setting(session, MUNICIPALITY_CODE, counter)
        finally:
            engine.dispose()

    @contextmanager
    def store_as(self, login: str) -> Iterator[ServerStore]:
        with open_server_store(self.url_for(login)) as store:
            yield store

    def add_dossier(self, login: str, code: str, surname: str = "Kok") -> int:
        """A dossier of ``code`` with only the entrepreneur's name (Anna ``surname``),
        made by ``login``; returns its number."""
        with self.store_as(login) as store, store.transaction() as session:
            return create_case(
                session, None, entrepreneur=EntrepreneurData("Anna", "", surname),
                business=BusinessData(), municipality_code=code, region_code=None,
                registration_date=date(2026, 11, 27),
            )  # fmt: skip


@contextmanager
def new_region(*, set_up: bool = True, admin: URL | None = None) -> Iterator[Region]:
    """A new database with its owner; ``set_up``: as ``casedesk server setup`` leaves it.
    ``admin``: a superuser's address on another cluster than the tests' own."""
    admin = admin or admin_url()
    suffix = secrets.token_hex(4)
    region = Region(admin, f"region_{suffix}", f"owner_{suffix}")
    superuser = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with superuser.connect() as connection:
            connection.execute(
                text(f"CREATE ROLE {region.owner} LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
            )
            connection.execute(text(f"CREATE DATABASE {region.database} OWNER {region.owner}"))
        if set_up:
            owner = region.owner_engine()
            try:
                server_admin.prepare_schema(owner)
            finally:
                owner.dispose()
        yield region
    finally:
        with superuser.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {region.database} WITH (FORCE)"))
            for role in (
                *region.logins,
                server_admin.caseworkers_role(region.database),
                server_admin.coordinators_role(region.database),
                region.owner,
            ):
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        superuser.dispose()
