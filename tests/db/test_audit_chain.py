"""The audit log cannot be rewritten unnoticed, not even by someone with the store key.

Each tamper test closes the store, changes the log with plain SQL through the real key
(as any process in the desktop session could), and then runs what an officer runs:
``audit verify`` and ``check`` must both say where the log was changed.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from casedesk.db.audit_chain import event_digest
from casedesk.db.backup import backup
from casedesk.db.cipher_file import connect_raw
from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.store import Store, StoreRolledBackError, open_store
from casedesk.services.store_admin import check_store, restore_store, verify_audit_log
from tests.services.casework_store import add_case
from tests.stores import new_store

Tamper = Callable[[object], None]


@pytest.fixture
def logged(tmp_path: Path, keychain: Keychain) -> Iterator[tuple[StoreLocation, bytes]]:
    """A closed store whose log holds the events of five new dossiers."""
    with new_store(tmp_path / "data", keychain) as store:
        for number in range(5):
            add_case(store, voornamen=f"Persoon{number}")
        location, key = store.location, store.key
    yield location, key


def _sql(location: StoreLocation, key: bytes, *statements: str) -> None:
    connection = connect_raw(location.store_file, key)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def _ids(location: StoreLocation, key: bytes) -> list[int]:
    connection = connect_raw(location.store_file, key)
    try:
        return [row[0] for row in connection.execute("SELECT id FROM audit_events ORDER BY id")]
    finally:
        connection.close()


def test_an_untouched_log_is_intact(
    logged: tuple[StoreLocation, bytes], keychain: Keychain
) -> None:
    location, _ = logged
    report = verify_audit_log(location, keychain)
    assert report.intact and report.events >= 5
    assert check_store(location, keychain).ok


TAMPERING = {
    "an event deleted": lambda ids: [f"DELETE FROM audit_events WHERE id = {ids[2]}"],
    "an event changed": lambda ids: [
        f"UPDATE audit_events SET action = 'case.viewed' WHERE id = {ids[1]}"
    ],
    "an event back-dated": lambda ids: [
        f"UPDATE audit_events SET at = '2020-01-01 00:00:00.000000' WHERE id = {ids[3]}"
    ],
    "two events swapped": lambda ids: [
        f"UPDATE audit_events SET id = -1 WHERE id = {ids[1]}",
        f"UPDATE audit_events SET id = {ids[1]} WHERE id = {ids[2]}",
        f"UPDATE audit_events SET id = {ids[2]} WHERE id = -1",
    ],
    "the newest events cut off": lambda ids: [f"DELETE FROM audit_events WHERE id >= {ids[-2]}"],
    "an outcome changed": lambda ids: [
        f"UPDATE audit_events SET outcome = 'refused' WHERE id = {ids[0]}"
    ],
}


@pytest.mark.parametrize("tampering", list(TAMPERING))
def test_tampering_with_the_log_is_found_by_verify_and_check(
    logged: tuple[StoreLocation, bytes], keychain: Keychain, tampering: str
) -> None:
    location, key = logged
    _sql(location, key, *TAMPERING[tampering](_ids(location, key)))

    report = verify_audit_log(location, keychain)

    assert not report.intact
    check = check_store(location, keychain)
    assert not check.ok
    assert any("Logboek: NIET in orde" in line for line in check.lines)


def test_a_log_rewritten_whole_with_new_hashes_is_found_by_the_head_kept_outside(
    logged: tuple[StoreLocation, bytes], keychain: Keychain
) -> None:
    location, key = logged
    ids = _ids(location, key)
    _sql(location, key, f"DELETE FROM audit_events WHERE id = {ids[2]}")
    _rechain(location, key)  # what someone who knows the algorithm would do

    report = verify_audit_log(location, keychain)

    assert not report.intact
    assert any("ingekort" in found.what for found in report.breaks)


def _rechain(location: StoreLocation, key: bytes) -> None:
    from datetime import UTC, datetime

    connection = connect_raw(location.store_file, key)
    try:
        rows = connection.execute(
            "SELECT id, at, actor_id, action, entity_type, entity_id, case_id, details_json, "
            "outcome, origin FROM audit_events ORDER BY id"
        ).fetchall()
        previous = ""
        for row in rows:
            at = datetime.fromisoformat(row[1]).replace(tzinfo=UTC)
            actor, action, entity_type, entity_id, case_id, details, outcome, origin = row[2:]
            digest = event_digest(
                at, actor, action, entity_type, entity_id, case_id, details, outcome, origin,
                previous,
            )  # fmt: skip
            connection.execute(
                "UPDATE audit_events SET prev_hash = ?, event_hash = ? WHERE id = ?",
                (previous, digest, row[0]),
            )
            previous = digest
        connection.commit()
    finally:
        connection.close()


def test_a_restore_records_itself_and_keeps_the_chain_whole(
    tmp_path: Path, keychain: Keychain
) -> None:
    with new_store(tmp_path / "data", keychain) as store:
        add_case(store)
        made = backup(store)
        add_case(store, voornamen="Later")
        location = store.location

    restore_store(location, keychain, made)

    assert verify_audit_log(location, keychain).intact
    with open_store(location, keychain) as reopened:
        assert _last_action(reopened) == "store.restored"


def _last_action(store: Store) -> str:
    from sqlalchemy import select

    from casedesk.db.models import AuditEvent

    with store.session() as session:
        return session.scalars(
            select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)
        ).one()


def test_every_event_carries_outcome_and_origin(
    logged: tuple[StoreLocation, bytes],
) -> None:
    location, key = logged
    connection = connect_raw(location.store_file, key)
    try:
        rows = connection.execute("SELECT outcome, origin FROM audit_events").fetchall()
    finally:
        connection.close()
    assert rows and all(outcome == "done" and origin for outcome, origin in rows)


def test_a_cut_off_log_stays_reported_after_the_app_worked_on(
    logged: tuple[StoreLocation, bytes], keychain: Keychain
) -> None:
    location, key = logged
    ids = _ids(location, key)
    _sql(location, key, f"DELETE FROM audit_events WHERE id >= {ids[-2]}")

    with open_store(location, keychain) as store:
        assert store.warning is not None and "ingekort" in store.warning
        add_case(store, voornamen="Daarna")

    report = verify_audit_log(location, keychain)
    assert not report.intact
    assert any("ingekort" in found.what for found in report.breaks)


def test_events_of_a_store_from_before_the_chain_are_chained_by_the_migration(
    tmp_path: Path,
) -> None:
    from sqlalchemy.orm import Session

    from casedesk.db import audit_chain, migrate
    from tests.db.schema_helpers import empty_store, upgrade_to

    engine = empty_store(tmp_path)
    upgrade_to(engine, "0005")
    with engine.begin() as connection:
        for number in range(3):
            connection.exec_driver_sql(
                "INSERT INTO audit_events (at, action, entity_type, details_json) "
                f"VALUES ('2026-11-2{number} 10:00:00.000000', 'case.viewed', 'case', '{{}}')"
            )
    migrate.upgrade(engine)
    with Session(engine) as session:
        report = audit_chain.verify(session, None)
    engine.dispose()
    assert report.intact and report.events == 3


def test_an_old_backup_copied_over_the_store_by_hand_is_found_by_verify_and_check(
    tmp_path: Path, keychain: Keychain
) -> None:
    """Not ``casedesk restore`` (which records itself): the file put back by hand drops every
    event after the backup, and the head kept outside says so."""
    with new_store(tmp_path / "data", keychain) as store:
        add_case(store)
        older = backup(store)
        add_case(store, voornamen="Later")
        location = store.location
    location.wal_file.unlink(missing_ok=True)
    location.store_file.write_bytes(older.read_bytes())

    with pytest.raises(StoreRolledBackError, match="ontbreken"):
        verify_audit_log(location, keychain)
    check = check_store(location, keychain)
    assert not check.ok
    assert any("ontbreken" in line for line in check.lines)
