"""Backups: encrypted, verified, rotated, found, and put back."""

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from casedesk.db import backup as backup_module
from casedesk.db.backup import (
    KEEP_LAST,
    BackupError,
    BackupFile,
    backup,
    backup_file_name,
    backups_to_keep,
    due_for_daily_backup,
    list_backups,
    newest_good_backup,
    restore,
    rotate_backups,
)
from casedesk.db.cipher_file import probe_file
from casedesk.db.engine import create_encrypted_engine
from casedesk.db.keys import Keychain, new_store_key
from casedesk.db.location import StoreInUseError, StoreLocation
from casedesk.db.models import Setting
from casedesk.db.store import Store, StoreKeyMissingError, create_store, open_store
from tests.db.conftest import store_files_fingerprint
from tests.db.store_child import commit_and_die_in_child

SQLITE_HEADER = b"SQLite format 3"


def _add(store: Store, key: str, value: str = "Özdemir") -> None:
    with store.transaction() as session:
        session.add(Setting(key=key, value=value))


def _keys_in(store: Store) -> set[str]:
    with store.session() as session:
        return {setting.key for setting in session.query(Setting)}


def test_a_backup_is_encrypted_with_the_store_key_and_holds_the_rows(store: Store) -> None:
    _add(store, "marker")
    made = backup(store)
    assert made.parent == store.location.backups_dir
    data = made.read_bytes()
    assert not data.startswith(SQLITE_HEADER) and "Özdemir".encode() not in data
    assert probe_file(made, store.key, full=True).sound
    assert not probe_file(made, new_store_key(), full=True).decrypts


def test_a_backup_made_while_uncommitted_work_is_open_holds_only_committed_rows(
    store: Store,
) -> None:
    _add(store, "committed")
    with store.transaction() as session:
        session.add(Setting(key="not-yet", value="1"))
        session.flush()
        made = backup(store)
    restored_keys = _backup_keys(made, store.key)
    assert "committed" in restored_keys and "not-yet" not in restored_keys


def _backup_keys(made: Path, key: bytes) -> set[str]:
    engine = create_encrypted_engine(made, key, read_only=True)
    with engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT key FROM settings").scalars().all()
    engine.dispose()
    return set(rows)


def test_backup_names_carry_the_time_and_sort_newest_first(store: Store) -> None:
    first = backup(store)
    second = backup(store)
    assert first.name.startswith("casedesk-") and first.name < second.name
    assert [b.path for b in list_backups(store.location)] == [second, first]


def test_a_backup_to_a_chosen_file_is_made_there(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "usb" / "kopie.db"
    target.parent.mkdir()
    assert backup(store, target) == target
    assert probe_file(target, store.key, full=True).sound


def test_a_backup_never_overwrites_an_existing_file(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "kopie.db"
    target.write_bytes(b"someone's file")
    with pytest.raises(BackupError, match="andere naam"):
        backup(store, target)
    assert target.read_bytes() == b"someone's file"


def test_a_backup_into_a_missing_folder_is_refused_and_makes_nothing(
    store: Store, tmp_path: Path
) -> None:
    with pytest.raises(BackupError, match=r"bestaat niet\. Kies een bestaande map"):
        backup(store, tmp_path / "usb" / "kopie.db")
    assert not (tmp_path / "usb").exists()


def test_a_copy_that_fails_verification_is_deleted_and_reported(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = backup_module._fsync

    def fsync_then_damage(path: Path) -> None:
        # As if the disk wrote bad bytes: the real verification must catch it.
        real_fsync(path)
        data = bytearray(path.read_bytes())
        data[len(data) // 2 : len(data) // 2 + 32] = b"\xff" * 32
        path.write_bytes(bytes(data))

    _add(store, "marker")
    monkeypatch.setattr(backup_module, "_fsync", fsync_then_damage)
    with pytest.raises(BackupError, match="niet goed"):
        backup(store)
    assert list(store.location.backups_dir.iterdir()) == []


def _fake_backups(times: list[datetime]) -> list[BackupFile]:
    return [BackupFile(Path(backup_file_name(time)), time) for time in times]


def test_rotation_keeps_the_last_ten_and_the_newest_of_every_month() -> None:
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    daily = _fake_backups([start + timedelta(days=day) for day in range(120)])
    kept = backups_to_keep(daily)
    newest_ten = {b.path for b in sorted(daily, key=lambda b: b.made_at)[-KEEP_LAST:]}
    month_ends = {
        Path(backup_file_name(datetime(2026, month, last, 9, tzinfo=UTC)))
        for month, last in ((1, 31), (2, 28), (3, 31))
    }
    assert kept == newest_ten | month_ends


def test_rotation_deletes_the_others_from_disk(store: Store) -> None:
    made = [backup(store) for _ in range(KEEP_LAST + 2)]
    remaining = {b.path for b in list_backups(store.location)}
    # All in one month: the newest ten stay, the two oldest go.
    assert remaining == set(made[2:])
    assert rotate_backups(store.location) == []


def test_other_files_in_the_backups_folder_are_left_alone(store: Store) -> None:
    store.location.backups_dir.mkdir(parents=True, exist_ok=True)
    mine = store.location.backups_dir / "mijn-kopie.db"
    mine.write_bytes(b"x")
    for _ in range(KEEP_LAST + 1):
        backup(store)
    assert mine.exists()


def test_the_newest_good_backup_skips_a_damaged_newer_one(store: Store) -> None:
    good = backup(store)
    damaged = backup(store)
    damaged.write_bytes(damaged.read_bytes()[:-1000])
    assert newest_good_backup(store.location, store.key) == good


def test_no_good_backup_is_none(store: Store) -> None:
    assert newest_good_backup(store.location, store.key) is None
    backup(store)
    assert newest_good_backup(store.location, new_store_key()) is None


def test_a_daily_backup_is_due_without_backups_and_after_a_day(store: Store) -> None:
    now = datetime.now(UTC)
    assert due_for_daily_backup(store.location, now)
    backup(store)
    assert not due_for_daily_backup(store.location, now + timedelta(hours=23))
    assert due_for_daily_backup(store.location, now + timedelta(hours=24, minutes=1))


# --- restore -----------------------------------------------------------------------------


@pytest.fixture
def closed_store_with_backup(location: StoreLocation, keychain: Keychain) -> Path:
    store, _ = create_store(location, keychain)
    with store:
        _add(store, "before-backup")
        made = backup(store)
        _add(store, "after-backup")
    return made


def test_restore_puts_the_backup_back_and_keeps_the_store_it_replaces_as_a_backup(
    location: StoreLocation, keychain: Keychain, closed_store_with_backup: Path
) -> None:
    kept = restore(location, keychain, closed_store_with_backup)
    assert kept is not None and kept.name.startswith("before-restore-")
    assert probe_file(kept, keychain.load_key(location.store_file) or b"", full=True).sound
    assert {"before-backup", "after-backup"} <= _backup_keys(
        kept, keychain.load_key(location.store_file) or b""
    )
    assert kept in [found.path for found in list_backups(location)]
    with open_store(location, keychain) as store:
        assert {"before-backup"} <= _keys_in(store)
        assert "after-backup" not in _keys_in(store)


def test_undoing_a_restore_brings_back_what_was_only_in_the_wal(
    location: StoreLocation, keychain: Keychain, closed_store_with_backup: Path
) -> None:
    commit_and_die_in_child(location, keychain, ["only-in-the-wal"])
    assert location.wal_file.stat().st_size > 0

    kept = restore(location, keychain, closed_store_with_backup)
    assert kept is not None
    restore(location, keychain, kept)

    with open_store(location, keychain) as reopened:
        assert {"before-backup", "after-backup", "only-in-the-wal"} <= _keys_in(reopened)


def test_a_store_that_the_key_cannot_read_is_kept_byte_for_byte_before_a_restore(
    location: StoreLocation, keychain: Keychain, closed_store_with_backup: Path
) -> None:
    damaged = bytearray(location.store_file.read_bytes())
    damaged[100:4096] = bytes(4096 - 100)  # page 1 no longer decrypts
    location.store_file.write_bytes(bytes(damaged))

    kept = restore(location, keychain, closed_store_with_backup)

    assert kept is not None and kept.is_dir() and kept.name.startswith("damaged-")
    assert (kept / "casedesk.db").read_bytes() == bytes(damaged)
    with open_store(location, keychain) as store:
        assert "before-backup" in _keys_in(store)


def test_restore_refuses_a_backup_of_another_store_and_changes_nothing(
    location: StoreLocation, keychain: Keychain, closed_store_with_backup: Path, tmp_path: Path
) -> None:
    other_location = StoreLocation.in_dir(tmp_path / "other")
    other, _ = create_store(other_location, keychain)
    with other:
        foreign = backup(other)
    before = store_files_fingerprint(location)
    with pytest.raises(BackupError, match="andere sleutel"):
        restore(location, keychain, foreign)
    assert store_files_fingerprint(location) == before


def test_restore_refuses_a_damaged_backup_and_changes_nothing(
    location: StoreLocation, keychain: Keychain, closed_store_with_backup: Path
) -> None:
    closed_store_with_backup.write_bytes(closed_store_with_backup.read_bytes()[:-1000])
    before = store_files_fingerprint(location)
    with pytest.raises(BackupError, match="beschadigd"):
        restore(location, keychain, closed_store_with_backup)
    assert store_files_fingerprint(location) == before


def test_restore_refuses_a_missing_backup_file(
    location: StoreLocation, keychain: Keychain, tmp_path: Path
) -> None:
    with pytest.raises(BackupError, match="bestaat niet"):
        restore(location, keychain, tmp_path / "nergens.db")


def test_restore_refuses_while_the_store_is_open(
    location: StoreLocation, keychain: Keychain, closed_store_with_backup: Path
) -> None:
    with open_store(location, keychain):
        before = location.store_file.read_bytes()
        with pytest.raises(StoreInUseError):
            restore(location, keychain, closed_store_with_backup)
        assert location.store_file.read_bytes() == before


def test_restore_without_the_key_in_the_keychain_points_to_recover(
    location: StoreLocation, keychain: Keychain, closed_store_with_backup: Path
) -> None:
    keychain.delete_key(location.store_file)
    with pytest.raises(StoreKeyMissingError, match="casedesk recover"):
        restore(location, keychain, closed_store_with_backup)


def test_restore_works_when_the_store_file_is_gone(
    location: StoreLocation, keychain: Keychain, closed_store_with_backup: Path
) -> None:
    location.store_file.unlink()
    assert restore(location, keychain, closed_store_with_backup) is None
    with open_store(location, keychain) as store:
        assert "before-backup" in _keys_in(store)


def test_backups_work_on_a_file_system_without_hard_links(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(_source: object, _target: object) -> None:
        raise PermissionError("operation not permitted")  # as FAT answers

    monkeypatch.setattr(os, "link", no_links)
    made = backup(store)
    assert probe_file(made, store.key, full=True).sound
    assert [p.name for p in store.location.backups_dir.iterdir()] == [made.name]


def test_a_backup_to_a_folder_asks_for_a_file_name(store: Store, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="is een map"):
        backup(store, tmp_path)


def test_restoring_a_folder_says_it_is_a_folder(
    location: StoreLocation, keychain: Keychain, closed_store_with_backup: Path
) -> None:
    before = store_files_fingerprint(location)
    with pytest.raises(BackupError, match="is een map, geen reservekopie"):
        restore(location, keychain, location.backups_dir)
    assert store_files_fingerprint(location) == before
