"""A process killed at random moments while committing loses no committed row.

The child (tests/db/store_child.py, mode ``commit-loop``) commits one row per transaction
through the real store and prints each number only after its commit returned. The parent
reads a random number of those lines and SIGKILLs the child at once, so the kill lands
somewhere in the next commit. After every kill, every reported number must be there.
"""

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from casedesk.db.keys import Keychain, new_store_key
from casedesk.db.location import StoreLocation
from casedesk.db.models import Setting
from casedesk.db.store import StoreDamagedError, WrongKeyError, create_store, open_store
from casedesk.services.store_admin import check_store
from tests.db.conftest import store_files_fingerprint
from tests.db.store_child import CRASH_KEY_PREFIX

REPO = Path(__file__).resolve().parents[2]
KILLS = 24
SEED = 20261128


def _run_until_killed(location: StoreLocation, key: bytes, commits_to_see: int) -> list[int]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.db.store_child", "commit-loop", str(location.data_dir)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CASEDESK_TEST_STORE_KEY": key.hex()},
    )
    assert child.stdout is not None
    reported = []
    try:
        for _ in range(commits_to_see):
            line = child.stdout.readline()
            if not line:
                break
            reported.append(int(line))
    finally:
        child.send_signal(signal.SIGKILL)
        _, stderr = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, stderr
    return reported


def _committed_numbers(location: StoreLocation, keychain: Keychain) -> set[int]:
    with open_store(location, keychain) as store, store.session() as session:
        keys = session.scalars(select(Setting.key).where(Setting.key.startswith(CRASH_KEY_PREFIX)))
        return {int(key.removeprefix(CRASH_KEY_PREFIX)) for key in keys}


@pytest.mark.slow
def test_random_kills_while_committing_lose_no_committed_row(
    location: StoreLocation, keychain: Keychain
) -> None:
    store, _ = create_store(location, keychain)
    key = store.key
    store.close()
    rng = random.Random(SEED)
    reported: set[int] = set()
    for _ in range(KILLS):
        reported.update(_run_until_killed(location, key, rng.randint(1, 40)))
        assert reported <= _committed_numbers(location, keychain)
    assert len(reported) >= KILLS
    report = check_store(location, keychain)
    assert report.ok, report.lines


@pytest.mark.slow
def test_a_refusal_after_a_kill_leaves_the_store_and_its_wal_unchanged(
    location: StoreLocation, keychain: Keychain
) -> None:
    store, _ = create_store(location, keychain)
    key = store.key
    store.close()
    reported = _run_until_killed(location, key, 30)
    assert location.wal_file.exists()  # the killed child could not fold it in
    keychain.save_key(location.store_file, new_store_key())
    before = store_files_fingerprint(location)
    with pytest.raises((WrongKeyError, StoreDamagedError)):
        open_store(location, keychain)
    after = store_files_fingerprint(location)
    # -shm is SQLite's rebuildable index of the -wal, not data; the data files are intact.
    assert {name: after[name] for name in ("casedesk.db", "casedesk.db-wal")} == {
        name: before[name] for name in ("casedesk.db", "casedesk.db-wal")
    }
    keychain.save_key(location.store_file, key)
    assert set(reported) <= _committed_numbers(location, keychain)
