"""A second process on a store, for the tests that need one (locks, kills, sqlite3 use).

Run as ``python -m tests.db.store_child MODE DATA_DIR`` from the repository root, with the
store key in hex in ``CASEDESK_TEST_STORE_KEY``; the child keeps it in its own in-memory
keychain. Modes:

- ``hold``: open the store, print ``open``, wait until stdin closes (or a kill).
- ``commit-loop``: commit one settings row per transaction, printing its number after
  each commit returned, forever (until killed); starts after the numbers already there.
- ``commit-and-die``: commit the settings rows named on stdin (one per line, one
  transaction each), wait until the commit mark is in the keychain, print that mark,
  and SIGKILL itself: the ``-wal`` stays behind as a crash leaves it.
- ``life-cycle``: create, write, back up, check, restore, recover, with an audit hook that
  records every connection made through the standard library's ``sqlite3``; prints them
  as a JSON list, then proves the hook works by opening one stdlib connection itself.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import keyring

from casedesk.db.keys import Keychain, open_keychain
from casedesk.db.location import StoreLocation
from casedesk.smoke_keychain import ThrowawayKeyring

KEY_ENV = "CASEDESK_TEST_STORE_KEY"
CRASH_KEY_PREFIX = "crash-test."


def _keychain(location: StoreLocation) -> Keychain:
    keyring.set_keyring(ThrowawayKeyring())
    keychain = open_keychain()
    key_hex = os.environ.get(KEY_ENV)
    if key_hex:
        keychain.save_key(location.store_file, bytes.fromhex(key_hex))
    return keychain


def hold(location: StoreLocation) -> None:
    from casedesk.db.store import open_store

    with open_store(location, _keychain(location)):
        print("open", flush=True)
        sys.stdin.read()


def commit_loop(location: StoreLocation) -> None:
    from sqlalchemy import func, select

    from casedesk.db.models import Setting
    from casedesk.db.store import open_store

    with open_store(location, _keychain(location)) as store:
        with store.session() as session:
            number = session.scalar(
                select(func.count()).where(Setting.key.startswith(CRASH_KEY_PREFIX))
            )
        number = number or 0
        while True:
            number += 1
            with store.transaction() as session:
                session.add(Setting(key=f"{CRASH_KEY_PREFIX}{number:08d}", value="x" * 200))
            print(number, flush=True)


def commit_and_die(location: StoreLocation) -> None:
    import signal

    from casedesk.db.models import Setting
    from casedesk.db.store import open_store

    keychain = _keychain(location)
    store = open_store(location, keychain)
    for line in sys.stdin.read().split():
        with store.transaction() as session:
            session.add(Setting(key=line, value="x" * 200))
    store.commit_marks.flush()
    print(keychain.load_commit_mark(location.store_file), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


def life_cycle(location: StoreLocation) -> None:
    stdlib_connections: list[str] = []

    def audit(event: str, args: tuple[Any, ...]) -> None:
        if event == "sqlite3.connect":
            stdlib_connections.append(str(args[0]))

    sys.addaudithook(audit)

    from casedesk.db.backup import backup
    from casedesk.db.keys import format_recovery_key
    from casedesk.db.models import Setting
    from casedesk.db.store import open_store
    from casedesk.services.store_admin import (
        check_store,
        init_store,
        recover_key,
        restore_store,
    )

    keychain = _keychain(location)
    recovery = init_store(location, keychain)
    with open_store(location, keychain) as store:
        with store.transaction() as session:
            session.add(Setting(key="life-cycle", value="1"))
        made = backup(store)
        key = store.key
    assert check_store(location, keychain).ok
    restore_store(location, keychain, made)
    keychain.delete_key(location.store_file)
    recover_key(location, keychain, recovery)
    assert format_recovery_key(key) == recovery
    print(json.dumps(stdlib_connections), flush=True)

    import sqlite3

    with tempfile.TemporaryDirectory() as scratch:
        sqlite3.connect(Path(scratch) / "control.db").close()
    print(json.dumps(stdlib_connections), flush=True)


def main() -> None:
    mode, data_dir = sys.argv[1], Path(sys.argv[2])
    location = StoreLocation.in_dir(data_dir)
    modes = {
        "hold": hold,
        "commit-loop": commit_loop,
        "commit-and-die": commit_and_die,
        "life-cycle": life_cycle,
    }
    modes[mode](location)


if __name__ == "__main__":
    main()


REPO = Path(__file__).resolve().parents[2]


def commit_and_die_in_child(location: StoreLocation, keychain: Keychain, keys: list[str]) -> None:
    """Commits ``keys`` as settings rows in a child that is then killed, leaving a -wal.

    The child's commit mark is put in ``keychain`` as the app would have left it there.
    """
    key = keychain.load_key(location.store_file)
    assert key is not None
    child = subprocess.run(
        [sys.executable, "-m", "tests.db.store_child", "commit-and-die", str(location.data_dir)],
        cwd=REPO,
        input="\n".join(keys),
        capture_output=True,
        text=True,
        env={**os.environ, KEY_ENV: key.hex()},
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    keychain.save_commit_mark(location.store_file, child.stdout.strip())
