"""A child process that runs one store operation and SIGKILLs itself at one named step.

Run as ``python -m tests.db.kill_child OPERATION STEP DATA_DIR [FILE]`` from the
repository root, with the store key in hex in ``CASEDESK_TEST_STORE_KEY`` and the commit
mark the app left in ``CASEDESK_TEST_COMMIT_MARK``. Operations: ``backup``, ``restore
FILE``, ``open`` (migrates an older store), ``catalog-import FILE``, ``regions-import
FILE``. Exits 0 when the step was never reached; prints the commit mark it left in the
keychain just before it dies, so the parent can keep it as the OS keychain would.
"""

import os
import signal
import sys
from pathlib import Path

from casedesk.db import steps
from casedesk.db.location import StoreLocation
from tests.db.store_child import _keychain

MARK_ENV = "CASEDESK_TEST_COMMIT_MARK"


def main() -> None:
    operation, step, data_dir = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    file = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    location = StoreLocation.in_dir(data_dir)
    keychain = _keychain(location)
    mark = os.environ.get(MARK_ENV)
    if mark:
        keychain.save_commit_mark(location.store_file, mark)

    def die_at(reached: str) -> None:
        if reached == step:
            print(keychain.load_commit_mark(location.store_file) or "", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    steps.set_hook(die_at)
    from casedesk.db.backup import backup, restore
    from casedesk.db.store import open_store

    if operation == "restore":
        assert file is not None
        restore(location, keychain, file)
        return
    with open_store(location, keychain) as store:
        if operation == "backup":
            backup(store)
        elif operation == "catalog-import":
            from casedesk.services.catalog import import_catalog

            assert file is not None
            import_catalog(store, file)
        elif operation == "regions-import":
            from casedesk.services.regions import import_region_table

            assert file is not None
            import_region_table(store, file)
        else:
            assert operation == "open", operation


if __name__ == "__main__":
    main()
