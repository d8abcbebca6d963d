"""The administrator's use cases of a regional server (``casedesk server …``).

Each connects with the address it is given (the owner's, or for ``check`` a caseworker's)
and closes again; the safety rules of ``db/server_store.py`` apply to every address.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from casedesk.catalog.regions import load_default_region_table
from casedesk.db import server_admin, settings_repo
from casedesk.db.server_admin import CaseworkerLogin, ServerCheck
from casedesk.db.server_store import create_server_engine, server_url


@contextmanager
def _engine(address: str) -> Iterator[Engine]:
    engine = create_server_engine(server_url(address))
    try:
        yield engine
    finally:
        engine.dispose()


def set_up_region(address: str) -> str:
    """Schema, caseworkers' role and rights, and the CBS municipality names; returns the
    role's name. Safe to repeat (after an upgrade of casedesk it migrates)."""
    with _engine(address) as engine:
        role = server_admin.prepare_schema(engine)
        with Session(engine) as session, session.begin():
            settings_repo.save_municipalities(session, load_default_region_table().municipalities)
    return role


def add_caseworker(
    address: str, login: str, name: str, municipality_codes: Sequence[str], password: str
) -> None:
    with _engine(address) as engine:
        server_admin.add_caseworker(engine, login, name, municipality_codes, password)


def remove_caseworker(address: str, login: str) -> None:
    with _engine(address) as engine:
        server_admin.remove_caseworker(engine, login)


def list_caseworkers(address: str) -> list[CaseworkerLogin]:
    with _engine(address) as engine:
        return server_admin.list_caseworkers(engine)


def check_region(address: str) -> ServerCheck:
    with _engine(address) as engine:
        return server_admin.check_server(engine)
