"""A dropped connection to the real server: the store knows it from the failing call or
its check, says it in Dutch, and knows when the server answers again."""


import pytest
from sqlalchemy import create_engine, text

from casedesk.db.cases import count_cases
from casedesk.db.server.store import (
    CHANGE_NOT_SAVED_TEXT,
    CONNECTION_LOST_TEXT,
    ServerConnectionError,
    ServerStore,
)
from casedesk.db.settings_repo import current_caseworker_id
from tests.server.region import Region, admin_url
from tests.server.relay import Relay, relay, store

__all__ = ["relay", "store"]  # fixtures (tests/server/relay.py)

AMSTERDAM = "GM0363"


@pytest.fixture(scope="module")
def kim(region: Region) -> str:
    login = region.add_caseworker("kim", AMSTERDAM)
    region.add_dossier(login, AMSTERDAM)
    return login


def _heard(store: ServerStore) -> list[bool]:
    heard: list[bool] = []
    store.connection.listen(heard.append)
    return heard


def _count(store: ServerStore) -> int:
    with store.session() as session:
        return count_cases(session)


def test_a_read_on_a_dropped_connection_says_so_in_dutch_and_the_store_knows_it(
    store: ServerStore, relay: Relay
) -> None:
    heard = _heard(store)
    assert _count(store) == 1
    relay.cut()
    with pytest.raises(ServerConnectionError) as raised:
        _count(store)
    assert str(raised.value) == CONNECTION_LOST_TEXT
    assert store.connection.lost
    assert heard == [False]


def test_a_change_on_a_dropped_connection_says_it_was_not_saved(
    store: ServerStore, relay: Relay
) -> None:
    assert _count(store) == 1
    relay.cut()
    with pytest.raises(ServerConnectionError) as raised, store.transaction() as session:
        current_caseworker_id(session)
    assert str(raised.value) == CHANGE_NOT_SAVED_TEXT
    assert store.connection.lost


def test_the_check_finds_the_server_gone_and_back(store: ServerStore, relay: Relay) -> None:
    heard = _heard(store)
    assert store.check_connection()
    relay.cut()
    assert not store.check_connection()
    assert not store.check_connection()  # said once
    relay.restore()
    assert store.check_connection()
    assert heard == [False, True]
    assert _count(store) == 1


def test_the_first_call_after_the_network_is_back_says_the_server_answers_again(
    store: ServerStore, relay: Relay
) -> None:
    heard = _heard(store)
    relay.cut()
    with pytest.raises(ServerConnectionError):
        _count(store)
    relay.restore()
    assert _count(store) == 1
    assert heard == [False, True]
    assert not store.connection.lost


def test_a_connection_the_server_ended_is_made_again_without_a_word(
    store: ServerStore, kim: str
) -> None:
    heard = _heard(store)
    assert _count(store) == 1
    superuser = create_engine(admin_url())
    try:
        with superuser.begin() as connection:
            ended = connection.scalar(
                text(
                    # Waits until it has ended (up to 5 s): the server has had its say.
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) "
                    "FROM pg_stat_activity WHERE usename = :kim"
                ),
                {"kim": kim},
            )
    finally:
        superuser.dispose()
    assert ended == 1
    assert _count(store) == 1  # the pool found the ended connection and made a new one
    assert heard == []
    assert not store.connection.lost
