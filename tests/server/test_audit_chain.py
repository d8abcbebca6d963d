"""The regional server's audit log is a hash chain: `casedesk server audit-verify`, run with
the owner's address, finds an event changed, deleted, slipped in past the server, or the
newest ones cut off, as `casedesk audit verify` does on a laptop."""

from collections.abc import Iterator

import pytest
from sqlalchemy import URL, text

from casedesk.cli import main
from casedesk.db.audit import record_event
from tests.conftest import MemoryKeyring
from tests.server.region import Region, new_region

AMSTERDAM = "GM0363"
UTRECHT = "GM0344"


def _address(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def worked_region(memory_keyring: MemoryKeyring) -> Iterator[Region]:
    """A region where caseworkers of two municipalities made dossiers (and the
    administrator's keychain, which keeps the newest hash a check saw)."""
    with new_region() as region:
        kim = region.add_caseworker("kim", AMSTERDAM)
        piet = region.add_caseworker("piet", UTRECHT)
        region.add_dossier(kim, AMSTERDAM, "Kok")
        region.add_dossier(piet, UTRECHT, "Visser")
        region.add_dossier(kim, AMSTERDAM, "Smit")
        yield region


def _as_owner(region: Region, statement: str) -> None:
    engine = region.owner_engine()
    try:
        with engine.begin() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def test_the_chain_of_a_region_where_caseworkers_worked_is_whole(
    worked_region: Region, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["server", "audit-verify", "--server", _address(worked_region.owner_url)]) == 0
    out = capsys.readouterr().out
    assert "Logboek: in orde (" in out
    assert "de keten is heel" in out


@pytest.mark.parametrize(
    ("tampering", "found"),
    [
        (
            "UPDATE audit_events SET details_json = '{\"x\": 1}' WHERE id = "
            "(SELECT min(id) FROM audit_events WHERE case_id IS NOT NULL)",
            "de gebeurtenis is veranderd",
        ),
        (
            "UPDATE audit_events SET at = at - interval '1 day' WHERE id = "
            "(SELECT min(id) FROM audit_events WHERE case_id IS NOT NULL)",
            "de gebeurtenis is veranderd",
        ),
        (
            "DELETE FROM audit_events WHERE id = "
            "(SELECT min(id) FROM audit_events WHERE case_id IS NOT NULL)",
            "de gebeurtenis ervoor ontbreekt of is verwisseld",
        ),
        (
            "ALTER TABLE audit_events DISABLE TRIGGER audit_events_sealed; "
            "INSERT INTO audit_events (actor_id, action, entity_type, details_json, outcome, "
            "origin, prev_hash, event_hash) VALUES (NULL, 'case.read', 'case', '{}', 'done', "
            "'', '', ''); ALTER TABLE audit_events ENABLE TRIGGER audit_events_sealed",
            "de gebeurtenis is buiten de keten om toegevoegd",
        ),
    ],
    ids=["changed", "back-dated", "deleted", "slipped-in"],
)
def test_audit_verify_finds_what_the_database_owner_changed_afterwards(
    worked_region: Region, capsys: pytest.CaptureFixture[str], tampering: str, found: str
) -> None:
    _as_owner(worked_region, tampering)
    assert main(["server", "audit-verify", "--server", _address(worked_region.owner_url)]) == 1
    err = capsys.readouterr().err
    assert "Logboek: NIET in orde." in err
    assert found in err


def test_audit_verify_finds_the_newest_events_cut_off_since_the_last_check(
    worked_region: Region, capsys: pytest.CaptureFixture[str]
) -> None:
    owner = _address(worked_region.owner_url)
    assert main(["server", "audit-verify", "--server", owner]) == 0
    _as_owner(
        worked_region,
        "DELETE FROM audit_events WHERE chain_seq = (SELECT max(chain_seq) FROM audit_events)",
    )
    capsys.readouterr()
    assert main(["server", "audit-verify", "--server", owner]) == 1
    assert "de nieuwste gebeurtenissen ontbreken" in capsys.readouterr().err


def test_transactions_that_commit_in_another_order_than_they_logged_still_chain(
    worked_region: Region, capsys: pytest.CaptureFixture[str]
) -> None:
    kim, piet = worked_region.login("kim"), worked_region.login("piet")
    with (
        worked_region.store_as(kim) as first,
        worked_region.store_as(piet) as second,
        first.transaction() as early,
    ):
        record_event(early, None, "catalog.viewed", "catalog", None, None)
        early.flush()  # its id is drawn first, but it commits last
        with second.transaction() as late:
            record_event(late, None, "catalog.viewed", "catalog", None, None)
    assert main(["server", "audit-verify", "--server", _address(worked_region.owner_url)]) == 0


def test_a_caseworker_cannot_verify_the_whole_chain(
    worked_region: Region, capsys: pytest.CaptureFixture[str]
) -> None:
    kim = worked_region.url_for(worked_region.login("kim"))
    assert main(["server", "audit-verify", "--server", _address(kim)]) != 0
    assert "Alleen de eigenaar van de database ziet het hele logboek" in capsys.readouterr().err
