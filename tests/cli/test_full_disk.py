"""A full or read-only disk: a Dutch message that says what to do, and nothing half-written.

Each test puts the store (or the file it writes) on a small tmpfs of its own and fills it
to the last byte. The message must be Dutch, must not carry SQL or its parameters, and
once there is room again everything committed before is still there and sound.
"""

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.fileformat import dump_catalog
from casedesk.cli import main
from casedesk.db.backup import BackupError, backup
from casedesk.db.engine import create_encrypted_engine
from casedesk.db.keys import Keychain, open_keychain
from casedesk.db.location import StoreLocation
from casedesk.db.store import open_store
from casedesk.errors import KnownError
from casedesk.files import create_private_file
from casedesk.services.cases import count_matching_cases
from casedesk.services.catalog import catalog_in_use
from casedesk.services.store_admin import backup_open_store
from tests.conftest import MemoryKeyring
from tests.db.conftest import store_files_fingerprint
from tests.db.schema_helpers import upgrade_to
from tests.services.regional_catalog import regional_catalog
from tests.services.test_regions import newer_table

DISK_SIZE = "6m"
ENGLISH_OR_SQL = ("Error", "error", "[SQL", "INSERT", "parameters", "Traceback", "disk is full")


def _can_mount() -> bool:
    return os.name == "posix" and os.geteuid() == 0


@pytest.fixture
def disks(tmp_path: Path) -> Iterator[list[Path]]:
    """Two small empty file systems of their own (tmpfs), unmounted after the test."""
    if not _can_mount():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true, but these tests need root to mount a small tmpfs")
        pytest.skip("needs root to mount a small tmpfs")
    mounted = []
    try:
        for name in ("disk", "usb"):
            point = tmp_path / name
            point.mkdir()
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs", str(point)],
                check=True,
            )
            mounted.append(point)
        yield mounted
    finally:
        for point in mounted:
            subprocess.run(["umount", "-l", str(point)], check=False)


def _fill(disk: Path, leave: int = 0) -> Path:
    """Writes one file until the disk refuses another byte, then frees ``leave`` bytes.

    Remove the file to make room again.
    """
    filler = disk / "vulling.bin"
    chunk = b"\0" * 65536
    with filler.open("wb", buffering=0) as handle:
        while True:
            try:
                handle.write(chunk)
            except OSError as error:
                assert error.errno == errno.ENOSPC
                break
        for size in (4096, 512, 1):
            while True:
                try:
                    handle.write(b"\0" * size)
                except OSError:
                    break
    if leave:
        os.truncate(filler, filler.stat().st_size - leave)
    return filler


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def _assert_dutch_refusal(status: int, err: str) -> None:
    assert status == 1, err
    assert "casedesk: " in err
    assert not [word for word in ENGLISH_OR_SQL if word in err], err


@pytest.fixture
def store_on_disk(
    disks: list[Path], memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> Path:
    data_dir = disks[0] / "data"
    status, _, err = _run(capsys, "--data-dir", str(data_dir), "init", "--caseworker", "Zoë")
    assert status == 0, err
    return data_dir


def _sound(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "--data-dir", str(data_dir), "check")
    assert status == 0, out + err


def test_opening_the_store_on_a_full_disk_says_so_in_dutch(
    store_on_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filler = _fill(store_on_disk.parent)
    status, _, err = _run(capsys, "--data-dir", str(store_on_disk), "demo", "--cases", "1")
    _assert_dutch_refusal(status, err)
    assert "de schijf" in err
    filler.unlink()
    _sound(store_on_disk, capsys)


def test_demo_on_a_full_disk_says_so_in_dutch_and_adds_nothing(
    store_on_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filler = _fill(store_on_disk.parent, leave=256 * 1024)
    status, _, err = _run(capsys, "--data-dir", str(store_on_disk), "demo", "--cases", "2000")
    _assert_dutch_refusal(status, err)
    assert "de schijf is vol" in err
    filler.unlink()
    _sound(store_on_disk, capsys)
    with open_store(StoreLocation.in_dir(store_on_disk), open_keychain()) as store:
        assert count_matching_cases(store, "") == 0


def test_a_plan_on_a_full_disk_stores_no_version_and_leaves_no_file(
    store_on_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "--data-dir", str(store_on_disk), "demo", "--cases", "1")[0] == 0
    filler = _fill(store_on_disk.parent)
    out = store_on_disk.parent / "plan.pdf"
    status, _, err = _run(capsys, "--data-dir", str(store_on_disk), "plan", "1", "--out", str(out))
    _assert_dutch_refusal(status, err)
    filler.unlink()
    assert sorted(p.name for p in store_on_disk.parent.iterdir()) == ["data"]
    _sound(store_on_disk, capsys)


def test_a_backup_on_a_full_disk_leaves_no_half_copy(
    store_on_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filler = _fill(store_on_disk.parent, leave=64 * 1024)
    status, _, err = _run(capsys, "--data-dir", str(store_on_disk), "backup")
    _assert_dutch_refusal(status, err)
    assert "Er is geen halve kopie achtergebleven" in err
    backups = store_on_disk / "backups"
    assert not backups.exists() or list(backups.iterdir()) == []
    filler.unlink()
    _sound(store_on_disk, capsys)


def test_a_backup_to_a_full_usb_stick_says_so_and_leaves_nothing_there(
    store_on_disk: Path, disks: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    usb = disks[1]
    filler = _fill(usb)
    target = usb / "kopie.db"
    status, _, err = _run(capsys, "--data-dir", str(store_on_disk), "backup", "--to", str(target))
    _assert_dutch_refusal(status, err)
    assert sorted(p.name for p in usb.iterdir()) == [filler.name]


def test_a_backup_to_a_read_only_stick_says_so(
    store_on_disk: Path, disks: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    usb = disks[1]
    subprocess.run(["mount", "-o", "remount,ro", str(usb)], check=True)
    status, _, err = _run(
        capsys, "--data-dir", str(store_on_disk), "backup", "--to", str(usb / "kopie.db")
    )
    _assert_dutch_refusal(status, err)
    assert "alleen gelezen" in err


def test_the_daily_backup_on_a_full_disk_raises_a_dutch_backup_error(
    store_on_disk: Path,
) -> None:
    with open_store(StoreLocation.in_dir(store_on_disk), open_keychain()) as store:
        filler = _fill(store_on_disk.parent, leave=64 * 1024)
        with pytest.raises(BackupError, match="de schijf is vol"):
            backup_open_store(store)
        filler.unlink()
        backup(store)  # with room again it works


def test_the_backup_before_a_migration_on_a_full_disk_leaves_the_old_store(
    disks: list[Path], keychain: Keychain
) -> None:
    location = StoreLocation.in_dir(disks[0] / "data")
    key = os.urandom(32)
    location.data_dir.mkdir()
    create_private_file(location.store_file)
    engine = create_encrypted_engine(location.store_file, key)
    upgrade_to(engine, "0004")
    engine.dispose()
    keychain.save_key(location.store_file, key)
    before = store_files_fingerprint(location)
    filler = _fill(disks[0])
    with pytest.raises(KnownError, match="de schijf is vol"):
        open_store(location, keychain)
    after = store_files_fingerprint(location)
    assert after["casedesk.db"] == before["casedesk.db"]
    assert not location.wal_file.exists() or location.wal_file.stat().st_size == 0
    filler.unlink()
    with open_store(location, keychain):
        pass


def test_a_restore_on_a_full_disk_leaves_the_store_as_it_was(
    store_on_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(capsys, "--data-dir", str(store_on_disk), "backup")
    assert status == 0
    made = out.split(": ", 1)[1].strip()
    location = StoreLocation.in_dir(store_on_disk)
    before = store_files_fingerprint(location)
    filler = _fill(store_on_disk.parent)
    status, _, err = _run(capsys, "--data-dir", str(store_on_disk), "restore", made)
    _assert_dutch_refusal(status, err)
    # Logging the failed restore opens the store kept in place; on the full disk that
    # write fails too and may leave an empty -wal beside it, which holds nothing.
    after = store_files_fingerprint(location)
    assert after["casedesk.db"] == before["casedesk.db"]
    assert not location.wal_file.exists() or location.wal_file.stat().st_size == 0
    filler.unlink()
    _sound(store_on_disk, capsys)


def test_a_catalog_import_on_a_full_disk_keeps_the_catalog_in_use(
    store_on_disk: Path, disks: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    regional = disks[1] / "regio.json"
    regional.write_text(dump_catalog(regional_catalog("2026-12")), encoding="utf-8")
    filler = _fill(store_on_disk.parent)
    status, _, err = _run(
        capsys, "--data-dir", str(store_on_disk), "catalog", "import", str(regional), "--yes"
    )
    _assert_dutch_refusal(status, err)
    filler.unlink()
    with open_store(StoreLocation.in_dir(store_on_disk), open_keychain()) as store:
        assert catalog_in_use(store) == load_default_catalog()


def test_a_catalog_export_to_a_full_disk_leaves_no_file(
    store_on_disk: Path, disks: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    filler = _fill(disks[1])
    status, _, err = _run(
        capsys, "--data-dir", str(store_on_disk), "catalog", "export", str(disks[1] / "c.json")
    )
    _assert_dutch_refusal(status, err)
    assert sorted(p.name for p in disks[1].iterdir()) == [filler.name]


def test_a_region_table_import_on_a_full_disk_keeps_the_table_in_use(
    store_on_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = newer_table(tmp_path)
    filler = _fill(store_on_disk.parent)
    status, _, err = _run(
        capsys, "--data-dir", str(store_on_disk), "regions", "import", str(newer), "--yes"
    )
    _assert_dutch_refusal(status, err)
    assert "de schijf" in err
    filler.unlink()
    _sound(store_on_disk, capsys)
