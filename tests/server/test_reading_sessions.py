"""A reading on the regional server (a page of the case list, an opened dossier) keeps no
transaction open at the server, and cannot write: its statements are committed one by one."""

import pytest
from sqlalchemy import select, update

from casedesk.db.models import Case, Setting
from casedesk.db.server.store import ReadingWritesError, ServerStore
from tests.server.region import AMSTERDAM, Region


def _states_of(region: Region, login: str) -> list[object]:
    """The state of the login's other connections (a login sees its own in full)."""
    with region.straight_to_server(login) as connection:
        rows = connection.execute(
            "SELECT state FROM pg_stat_activity "
            "WHERE usename = %s AND pid <> pg_backend_pid()", (login,)
        ).fetchall()
    return [state for (state,) in rows]


def test_a_reading_holds_no_transaction_open_at_the_server(
    region: Region, kim: str, kims_store: ServerStore
) -> None:
    region.add_dossier(kim, AMSTERDAM)
    with kims_store.session() as session:
        assert session.scalars(select(Case.id)).first() is not None

        assert _states_of(region, kim) == ["idle"]


def test_a_reading_refuses_to_write_and_stores_nothing(
    region: Region, kim: str, kims_store: ServerStore
) -> None:
    case_id = region.add_dossier(kim, AMSTERDAM, surname="Hoff")
    with kims_store.session() as session, pytest.raises(ReadingWritesError):
        session.add(Setting(key="casedesk.test", value="x"))
        session.flush()
    with kims_store.session() as session, pytest.raises(ReadingWritesError):
        session.execute(update(Case).where(Case.id == case_id).values(channel="media"))

    with kims_store.session() as session:
        assert session.get(Setting, "casedesk.test") is None
        assert session.get_one(Case, case_id).channel is None
