"""Everything casedesk writes is the user's alone: files 0600, folders 0700 (POSIX).

Set explicitly, so a permissive umask (022 gives 0644 to every new file) changes nothing.
"""

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.transfer import export_catalog
from casedesk.db.backup import backup, restore
from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.store import Store, open_store
from casedesk.services.calendar_export import export_calendar
from casedesk.services.plan import save_plan_file
from tests.services.casework_store import NOW, add_case
from tests.stores import new_store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _everything_below(folder: Path) -> list[Path]:
    return [folder, *folder.rglob("*")]


def _not_private(paths: list[Path]) -> dict[str, str]:
    return {
        str(path): oct(_mode(path))
        for path in paths
        if _mode(path) != (0o700 if path.is_dir() else 0o600)
    }


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "data", keychain) as opened:
        yield opened


def test_the_store_its_wal_shm_lock_and_folders_are_private(store: Store) -> None:
    add_case(store)
    location = store.location
    assert location.wal_file.exists() and location.shm_file.exists()
    assert _not_private(_everything_below(location.data_dir)) == {}


def test_backups_and_the_copy_kept_before_a_restore_are_private(
    store: Store, keychain: Keychain
) -> None:
    add_case(store)
    made = backup(store)
    location = store.location
    store.close()
    kept = restore(location, keychain, made)
    assert kept is not None
    assert _not_private(_everything_below(location.backups_dir)) == {}


def test_a_backup_to_a_chosen_file_is_private(store: Store, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    made = backup(store, usb / "kopie.db")
    assert _mode(made) == 0o600


def test_exported_plans_catalogs_and_calendars_are_private(
    store: Store, tmp_path: Path
) -> None:
    case_id = add_case(store)
    out = tmp_path / "out"
    out.mkdir()
    save_plan_file(store, case_id, out / "plan.pdf", None, now=NOW)
    export_catalog(load_default_catalog(), out / "catalogus.json")
    export_calendar(store, out / "agenda.ics", NOW)
    assert _not_private(list(out.iterdir())) == {}


def test_a_store_left_readable_by_others_is_made_private_when_opened(
    store: Store, keychain: Keychain
) -> None:
    location: StoreLocation = store.location
    add_case(store)
    store.close()
    for path in _everything_below(location.data_dir):
        path.chmod(0o755 if path.is_dir() else 0o644)
    with open_store(location, keychain):
        assert _not_private(_everything_below(location.data_dir)) == {}
