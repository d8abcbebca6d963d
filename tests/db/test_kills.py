"""A kill at any step of a backup, a restore, a migration or an import loses nothing.

Each test runs the operation in a child (tests/db/kill_child.py) that SIGKILLs itself at
one named step (``casedesk.db.steps``), then opens the store as the next start would:
it must open without a refusal, hold every row that was committed before, and leave no
half-made copy behind.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.transfer import export_catalog
from casedesk.db.backup import backup, list_backups
from casedesk.db.cipher_file import probe_file
from casedesk.db.engine import create_encrypted_engine
from casedesk.db.keys import Keychain, new_store_key
from casedesk.db.location import StoreLocation
from casedesk.db.models import Setting
from casedesk.db.store import Store, create_store, open_store
from casedesk.files import create_private_file
from casedesk.services.catalog import catalog_in_use
from casedesk.services.store_admin import check_store
from tests.db.kill_child import MARK_ENV
from tests.db.schema_helpers import upgrade_to
from tests.db.store_child import KEY_ENV, REPO, commit_and_die_in_child
from tests.services.regional_catalog import regional_catalog
from tests.services.test_regions import newer_table

pytestmark = pytest.mark.slow

BACKUP_STEPS = ["backup.copied", "backup.verified", "backup.placed"]
RESTORE_STEPS = [
    *BACKUP_STEPS,  # the copy of the current store, made first
    "restore.kept",
    "restore.copied",
    "restore.wal-folded",
    "restore.mark-saved",
    "restore.placed",
]
OLD_ROWS = {"before-backup", "after-backup", "in-the-wal"}


def _kill_at(
    location: StoreLocation, keychain: Keychain, operation: str, step: str, *extra: Path
) -> None:
    key = keychain.load_key(location.store_file)
    assert key is not None
    env = {**os.environ, KEY_ENV: key.hex()}
    mark = keychain.load_commit_mark(location.store_file)
    if mark:
        env[MARK_ENV] = mark
    child = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.db.kill_child",
            operation,
            step,
            str(location.data_dir),
            *map(str, extra),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, f"{step} not reached: {child.stderr}"
    left = child.stdout.strip()
    if left:  # the OS keychain keeps what the child wrote before it died
        keychain.save_commit_mark(location.store_file, left)


def _rows(store: Store) -> set[str]:
    with store.session() as session:
        return set(session.scalars(select(Setting.key)))


def _add(store: Store, name: str) -> None:
    with store.transaction() as session:
        session.add(Setting(key=name, value="x"))


def _hidden_leftovers(location: StoreLocation) -> list[str]:
    folders = [location.data_dir, location.backups_dir]
    return sorted(
        path.name
        for folder in folders
        if folder.is_dir()
        for path in folder.iterdir()
        if path.name.startswith(".")
    )


@pytest.mark.parametrize("step", BACKUP_STEPS)
def test_a_kill_during_a_backup_leaves_the_store_whole_and_no_half_copy(
    location: StoreLocation, keychain: Keychain, step: str
) -> None:
    store, _ = create_store(location, keychain)
    with store:
        _add(store, "dossier")
    _kill_at(location, keychain, "backup", step)

    with open_store(location, keychain) as reopened:
        assert "dossier" in _rows(reopened)
        assert _hidden_leftovers(location) == []
        key = reopened.key
    for made in list_backups(location):
        assert probe_file(made.path, key, full=True).sound
    assert check_store(location, keychain).ok


@pytest.mark.parametrize("step", RESTORE_STEPS)
def test_a_kill_during_a_restore_leaves_the_old_store_or_the_restored_one_whole(
    location: StoreLocation, keychain: Keychain, step: str
) -> None:
    store, _ = create_store(location, keychain)
    with store:
        _add(store, "before-backup")
        made = backup(store)
        _add(store, "after-backup")
    commit_and_die_in_child(location, keychain, ["in-the-wal"])

    _kill_at(location, keychain, "restore", step, made)

    with open_store(location, keychain) as reopened:
        found = _rows(reopened)
        assert _hidden_leftovers(location) == []
    assert found >= OLD_ROWS or ("before-backup" in found and "after-backup" not in found)
    if not found >= OLD_ROWS:
        # Restored: the store it replaced must be in a backup, with every row.
        kept = [b.path for b in list_backups(location) if b.path.name.startswith("before-")]
        assert kept, "the replaced store was not kept"
        engine = create_encrypted_engine(kept[0], keychain.load_key(location.store_file) or b"")
        with engine.connect() as connection:
            kept_rows = set(connection.exec_driver_sql("SELECT key FROM settings").scalars())
        engine.dispose()
        assert kept_rows >= OLD_ROWS
    assert check_store(location, keychain).ok


def _store_at_revision(location: StoreLocation, keychain: Keychain, revision: str) -> None:
    """A store as an older casedesk left it: schema at ``revision``, one row, its key."""
    key = new_store_key()
    location.data_dir.mkdir(parents=True)
    create_private_file(location.store_file)
    engine = create_encrypted_engine(location.store_file, key)
    upgrade_to(engine, revision)
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('old', 'x')")
    engine.dispose()
    keychain.save_key(location.store_file, key)


@pytest.mark.parametrize(
    "step", [*BACKUP_STEPS, "migration.backed-up", "migration.before-commit"]
)
def test_a_kill_during_a_migration_leaves_a_store_that_migrates_at_the_next_start(
    location: StoreLocation, keychain: Keychain, step: str
) -> None:
    _store_at_revision(location, keychain, "0004")
    _kill_at(location, keychain, "open", step)

    with open_store(location, keychain) as reopened:
        assert "old" in _rows(reopened)
        assert _hidden_leftovers(location) == []
    assert check_store(location, keychain).ok


def test_a_kill_before_an_import_commits_leaves_the_catalog_in_use(
    location: StoreLocation, keychain: Keychain, tmp_path: Path
) -> None:
    create_store(location, keychain)[0].close()
    regional = tmp_path / "regio.json"
    export_catalog(regional_catalog("2026-12"), regional)

    _kill_at(location, keychain, "catalog-import", "transaction.before-commit", regional)

    with open_store(location, keychain) as reopened:
        assert catalog_in_use(reopened) == load_default_catalog()
    assert check_store(location, keychain).ok


def test_a_kill_before_a_region_table_import_commits_leaves_the_table_in_use(
    location: StoreLocation, keychain: Keychain, tmp_path: Path
) -> None:
    create_store(location, keychain)[0].close()

    _kill_at(
        location, keychain, "regions-import", "transaction.before-commit", newer_table(tmp_path)
    )

    with open_store(location, keychain) as reopened, reopened.session() as session:
        stored = session.scalar(select(Setting.value).where(Setting.key.like("region%")))
    assert stored is None
    assert check_store(location, keychain).ok
