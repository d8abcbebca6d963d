"""The store use cases the command line and the app call."""

from pathlib import Path

import pytest

from casedesk.db import settings_repo
from casedesk.db.backup import list_backups
from casedesk.db.keys import Keychain, KeychainError, format_recovery_key, new_store_key
from casedesk.db.location import StoreLocation
from casedesk.db.models import Setting
from casedesk.db.store import open_store
from casedesk.services.store_admin import (
    RecoveryKeyError,
    StoreDamagedError,
    backup_store,
    check_store,
    init_store,
    recover_key,
    restore_store,
)
from tests.conftest import MemoryKeyring
from tests.db.conftest import store_files_fingerprint


@pytest.fixture
def location(tmp_path: Path) -> StoreLocation:
    return StoreLocation.in_dir(tmp_path / "data")


def _add(location: StoreLocation, keychain: Keychain, key: str) -> None:
    with open_store(location, keychain) as store, store.transaction() as session:
        session.add(Setting(key=key, value="Özdemir"))


def _keys(location: StoreLocation, keychain: Keychain) -> set[str]:
    with open_store(location, keychain) as store, store.session() as session:
        return {setting.key for setting in session.query(Setting)}


def test_init_saves_the_caseworker_and_municipality(
    location: StoreLocation, keychain: Keychain
) -> None:
    init_store(location, keychain, caseworker_name="Fatma Özdemir", municipality_code="GM0363")
    with open_store(location, keychain) as store, store.session() as session:
        caseworker_id = settings_repo.current_caseworker_id(session)
        assert caseworker_id is not None
        assert settings_repo.caseworker_name(session, caseworker_id) == "Fatma Özdemir"
        assert settings_repo.get_setting(session, settings_repo.MUNICIPALITY_CODE) == "GM0363"


def test_init_returns_the_recovery_key_of_the_stored_key(
    location: StoreLocation, keychain: Keychain
) -> None:
    recovery_key = init_store(location, keychain)
    key = keychain.load_key(location.store_file)
    assert key is not None and recovery_key == format_recovery_key(key)


def test_check_passes_on_a_sound_store(location: StoreLocation, keychain: Keychain) -> None:
    init_store(location, keychain)
    report = check_store(location, keychain)
    assert report.ok
    assert "Controle van het bestand: in orde." in report.lines


def test_check_fails_on_a_damaged_store_and_names_a_good_backup(
    location: StoreLocation, keychain: Keychain
) -> None:
    init_store(location, keychain)
    _add(location, keychain, "row")
    good = backup_store(location, keychain)
    data = bytearray(location.store_file.read_bytes())
    data[-3000:-2900] = b"\0" * 100
    location.store_file.write_bytes(bytes(data))
    report = check_store(location, keychain)
    assert not report.ok
    assert any(good.name in line for line in report.lines)


def test_check_fails_without_a_store(location: StoreLocation, keychain: Keychain) -> None:
    report = check_store(location, keychain)
    assert not report.ok and any("casedesk init" in line for line in report.lines)


def test_check_with_a_locked_keychain_raises_the_dutch_error(
    location: StoreLocation, keychain: Keychain, memory_keyring: MemoryKeyring
) -> None:
    init_store(location, keychain)
    memory_keyring.locked = True
    with pytest.raises(KeychainError, match="vergrendeld"):
        check_store(location, keychain)


def test_a_damaged_store_is_brought_back_by_restoring_the_offered_backup(
    location: StoreLocation, keychain: Keychain
) -> None:
    init_store(location, keychain)
    _add(location, keychain, "dossier-1")
    backup_store(location, keychain)
    location.store_file.write_bytes(location.store_file.read_bytes()[:-5000])

    with pytest.raises(StoreDamagedError) as refused:
        open_store(location, keychain)
    offered = refused.value.newest_good_backup
    assert offered is not None
    damaged = location.store_file.read_bytes()

    kept = restore_store(location, keychain, offered)
    assert kept is not None and (kept / "casedesk.db").read_bytes() == damaged
    assert "dossier-1" in _keys(location, keychain)
    assert check_store(location, keychain).ok


def test_recover_puts_the_key_back_with_the_recovery_key(
    location: StoreLocation, keychain: Keychain
) -> None:
    recovery_key = init_store(location, keychain)
    _add(location, keychain, "dossier-1")
    keychain.delete_key(location.store_file)
    recover_key(location, keychain, recovery_key.lower().replace("-", " "))
    assert "dossier-1" in _keys(location, keychain)


def test_recover_works_from_a_backup_when_the_store_is_damaged(
    location: StoreLocation, keychain: Keychain
) -> None:
    recovery_key = init_store(location, keychain)
    backup_store(location, keychain)
    keychain.delete_key(location.store_file)
    location.store_file.write_bytes(b"\0" * 8192)
    recover_key(location, keychain, recovery_key)
    assert keychain.load_key(location.store_file) is not None


def test_a_recovery_key_of_another_store_is_refused_and_the_keychain_untouched(
    location: StoreLocation, keychain: Keychain, memory_keyring: MemoryKeyring
) -> None:
    init_store(location, keychain)
    keychain.delete_key(location.store_file)
    before = dict(memory_keyring.entries)
    files_before = store_files_fingerprint(location)
    with pytest.raises(RecoveryKeyError, match="hoort niet bij de opslag"):
        recover_key(location, keychain, format_recovery_key(new_store_key()))
    assert memory_keyring.entries == before
    assert store_files_fingerprint(location) == files_before


def test_a_mistyped_recovery_key_is_refused_and_the_keychain_untouched(
    location: StoreLocation, keychain: Keychain, memory_keyring: MemoryKeyring
) -> None:
    recovery_key = init_store(location, keychain)
    keychain.delete_key(location.store_file)
    before = dict(memory_keyring.entries)
    typo = ("B" if recovery_key[0] != "B" else "C") + recovery_key[1:]
    with pytest.raises(RecoveryKeyError, match="tikfout"):
        recover_key(location, keychain, typo)
    assert memory_keyring.entries == before


def test_backup_store_to_a_chosen_file(
    location: StoreLocation, keychain: Keychain, tmp_path: Path
) -> None:
    init_store(location, keychain)
    target = tmp_path / "kopie.db"
    assert backup_store(location, keychain, target) == target
    assert list_backups(location) == []


@pytest.mark.keychain
def test_the_whole_life_cycle_with_the_real_keychain(
    real_keychain: Keychain, location: StoreLocation
) -> None:
    recovery_key = init_store(location, real_keychain, caseworker_name="Jan de Vries")
    try:
        _add(location, real_keychain, "dossier-1")
        made = backup_store(location, real_keychain)
        real_keychain.delete_key(location.store_file)
        recover_key(location, real_keychain, recovery_key)
        restore_store(location, real_keychain, made)
        assert "dossier-1" in _keys(location, real_keychain)
        assert check_store(location, real_keychain).ok
    finally:
        real_keychain.delete_key(location.store_file)


def test_a_backup_is_written_to_the_audit_log(
    location: StoreLocation, keychain: Keychain, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from casedesk.db.models import AuditEvent

    init_store(location, keychain)
    backup_store(location, keychain, tmp_path / "usb.db")
    with open_store(location, keychain) as store, store.session() as session:
        logged = session.scalars(select(AuditEvent).where(AuditEvent.action == "store.backed_up"))
        assert [event.details_json for event in logged] == [
            '{"chosen_place": true, "file": "usb.db"}'
        ]
