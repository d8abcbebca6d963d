"""Who has a dossier open, on the real server: colleagues of one municipality see each
other; a login of another municipality sees and claims nothing (migration 0027)."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from psycopg import errors
from sqlalchemy import text

from casedesk.db.keys import Keychain
from casedesk.db.server.store import ServerStore
from casedesk.services.presence import CasePresence, case_presence_for
from tests.server.region import Region
from tests.stores import new_store

AMSTERDAM = "GM0363"
UTRECHT = "GM0344"


@dataclass(frozen=True)
class Desk:
    """Kim and Joost work for Amsterdam, Piet for Utrecht; one dossier of Amsterdam."""

    region: Region
    kim: str
    joost: str
    piet: str
    case_id: int


@pytest.fixture(scope="module")
def desk(region: Region) -> Desk:
    kim = region.add_caseworker("kim", AMSTERDAM, display_name="Kim Jansen")
    joost = region.add_caseworker("joost", AMSTERDAM, display_name="Joost de Vries")
    piet = region.add_caseworker("piet", UTRECHT, display_name="Piet Visser")
    case_id = region.add_dossier(kim, AMSTERDAM)
    return Desk(region, kim, joost, piet, case_id)


@pytest.fixture
def stores(desk: Desk) -> Iterator[dict[str, ServerStore]]:
    with (
        desk.region.store_as(desk.kim) as kim,
        desk.region.store_as(desk.joost) as joost,
        desk.region.store_as(desk.piet) as piet,
    ):
        yield {"kim": kim, "joost": joost, "piet": piet}
    _forget_every_presence(desk)


def _forget_every_presence(desk: Desk) -> None:
    owner = desk.region.owner_engine()
    try:
        with owner.begin() as connection:
            connection.execute(text("DELETE FROM case_presence"))
    finally:
        owner.dispose()


def _presence(stores: dict[str, ServerStore], who: str) -> CasePresence:
    presence = case_presence_for(stores[who])
    assert presence is not None
    return presence


def test_a_colleague_of_the_same_municipality_sees_who_has_the_dossier_open(
    desk: Desk, stores: dict[str, ServerStore]
) -> None:
    kim, joost = _presence(stores, "kim"), _presence(stores, "joost")
    assert kim.enter(desk.case_id) == ()
    assert joost.enter(desk.case_id) == ("Kim Jansen",)
    assert kim.renew() == {desk.case_id: ("Joost de Vries",)}


def test_the_presence_goes_when_the_last_window_on_the_dossier_closes(
    desk: Desk, stores: dict[str, ServerStore]
) -> None:
    kim, joost = _presence(stores, "kim"), _presence(stores, "joost")
    joost.enter(desk.case_id)
    kim.enter(desk.case_id)  # the dossier window
    kim.enter(desk.case_id)  # and its intake
    kim.leave(desk.case_id)
    assert joost.renew() == {desk.case_id: ("Kim Jansen",)}
    kim.leave(desk.case_id)
    assert joost.renew() == {}


def test_a_presence_the_server_has_not_heard_from_for_two_minutes_counts_as_gone(
    desk: Desk, stores: dict[str, ServerStore]
) -> None:
    kim, joost = _presence(stores, "kim"), _presence(stores, "joost")
    kim.enter(desk.case_id)
    joost.enter(desk.case_id)
    owner = desk.region.owner_engine()
    try:
        with owner.begin() as connection:  # Kim's computer crashed three minutes ago
            connection.execute(
                text(
                    "UPDATE case_presence SET seen_at = statement_timestamp() "
                    "- interval '3 minutes' WHERE login = :kim"
                ),
                {"kim": desk.kim},
            )
    finally:
        owner.dispose()
    assert joost.renew() == {}


def test_her_own_app_on_another_computer_is_not_someone_else(
    desk: Desk, stores: dict[str, ServerStore]
) -> None:
    CasePresence(stores["kim"]).enter(desk.case_id)
    assert CasePresence(stores["kim"]).enter(desk.case_id) == ()


def test_a_login_of_another_municipality_sees_nothing_of_who_works_on_the_dossier(
    desk: Desk, stores: dict[str, ServerStore]
) -> None:
    _presence(stores, "kim").enter(desk.case_id)
    piet = _presence(stores, "piet")
    # Piet's app asked for Kim's dossier number: nothing recorded, nobody named.
    assert piet.enter(desk.case_id) == ()
    with desk.region.straight_to_server(desk.piet) as conn:
        assert conn.execute("SELECT * FROM case_presence").fetchall() == []
    assert _presence(stores, "joost").enter(desk.case_id) == ("Kim Jansen",)


def test_a_login_of_another_municipality_cannot_claim_to_have_the_dossier_open(
    desk: Desk,
) -> None:
    with (
        desk.region.straight_to_server(desk.piet) as conn,
        pytest.raises(errors.InsufficientPrivilege),
    ):
        conn.execute(
            "INSERT INTO case_presence (case_id, instance) VALUES (%s, 'x')", [desk.case_id]
        )


@pytest.mark.parametrize(
    "forged",
    [
        "INSERT INTO case_presence (case_id, instance, login) VALUES ({case}, 'x', '{joost}')",
        "INSERT INTO case_presence (case_id, instance, caseworker_id) VALUES ({case}, 'x', "
        "(SELECT id FROM caseworkers WHERE name = 'Joost de Vries'))",
        "UPDATE case_presence SET login = '{joost}' WHERE login = session_user",
    ],
)
def test_she_cannot_say_a_colleague_has_the_dossier_open(
    desk: Desk, stores: dict[str, ServerStore], forged: str
) -> None:
    _presence(stores, "kim").enter(desk.case_id)
    with (
        desk.region.straight_to_server(desk.kim) as conn,
        pytest.raises(errors.InsufficientPrivilege),
    ):
        conn.execute(forged.format(case=desk.case_id, joost=desk.joost).encode())


def test_she_cannot_remove_or_renew_a_colleagues_presence(
    desk: Desk, stores: dict[str, ServerStore]
) -> None:
    _presence(stores, "joost").enter(desk.case_id)
    with desk.region.straight_to_server(desk.kim) as conn:
        assert conn.execute("DELETE FROM case_presence").rowcount == 0
        assert conn.execute("UPDATE case_presence SET seen_at = now()").rowcount == 0
    assert _presence(stores, "kim").enter(desk.case_id) == ("Joost de Vries",)


def test_the_store_on_this_computer_has_no_presence(tmp_path: Path, keychain: Keychain) -> None:
    with new_store(tmp_path, keychain) as store:
        assert case_presence_for(store) is None
