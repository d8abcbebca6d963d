"""Where the store lives: the data folder, the store file, its backups and its lock.

The lock is an OS lock (``flock``/``LockFileEx`` through ``filelock``), so the OS drops it
when the process dies, even by SIGKILL: a crashed app never locks the caseworker out.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import filelock

from casedesk.errors import KnownError
from casedesk.files import PRIVATE_FILE_MODE, make_private_folder

DATA_DIR_ENV = "CASEDESK_DATA_DIR"
STORE_FILE_NAME = "casedesk.db"
BACKUPS_DIR_NAME = "backups"
CONNECTION_FILE_NAME = "regionale-server.json"


@dataclass(frozen=True)
class StoreLocation:
    """The paths of one store. Nothing here touches the disk.

    Attributes:
        data_dir: the folder that holds everything of this store.
        store_file: the encrypted SQLCipher file (its ``-wal``/``-shm`` lie beside it).
        backups_dir: encrypted backups and the copies kept before a restore.
        lock_file: held with an OS lock while an app has the store open.
    """

    data_dir: Path

    @classmethod
    def in_dir(cls, data_dir: Path) -> "StoreLocation":
        """The location of the store in ``data_dir`` (made absolute)."""
        return cls(data_dir.expanduser().absolute())

    @property
    def store_file(self) -> Path:
        return self.data_dir / STORE_FILE_NAME

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / BACKUPS_DIR_NAME

    @property
    def lock_file(self) -> Path:
        return self.data_dir / f"{STORE_FILE_NAME}.lock"

    @property
    def wal_file(self) -> Path:
        return self.data_dir / f"{STORE_FILE_NAME}-wal"

    @property
    def shm_file(self) -> Path:
        return self.data_dir / f"{STORE_FILE_NAME}-shm"

    @property
    def connection_file(self) -> Path:
        """The regional server this folder works with, when one was chosen
        (``casedesk connect``; read and written by ``db/server/choice.py``)."""
        return self.data_dir / CONNECTION_FILE_NAME


def resolve_data_dir(cli_dir: Path | None) -> Path:
    """``--data-dir`` beats ``CASEDESK_DATA_DIR`` beats the platform's user data folder."""
    if cli_dir is not None:
        return cli_dir.expanduser().absolute()
    from_env = os.environ.get(DATA_DIR_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser().absolute()
    # Only now: a data folder given (the administrator's setting) starts the app without
    # platformdirs, some 3 ms before the window shows.
    import platformdirs

    return Path(platformdirs.user_data_dir("casedesk", appauthor=False))


def resolve_location(cli_dir: Path | None) -> StoreLocation:
    """The store location for the command line or the app start."""
    return StoreLocation.in_dir(resolve_data_dir(cli_dir))


class StoreInUseError(KnownError):
    """Another casedesk process has this store open."""


def lock_store(location: StoreLocation) -> "filelock.BaseFileLock":
    """Takes the store's lock at once, or refuses: one app per store at a time.

    Raises:
        StoreInUseError: another process (or another open store in this one) holds it.
    """
    import filelock  # only when a store opens: it costs the app's first window ~20 ms

    make_private_folder(location.data_dir)
    lock = filelock.FileLock(
        str(location.lock_file),
        mode=PRIVATE_FILE_MODE,
        timeout=0,
        is_singleton=False,
        # The app may close the store from another thread than the one that opened it.
        thread_local=False,
        # A soft lock (a file that exists) would survive a killed process: never that.
        fallback_to_soft=False,
    )
    try:
        lock.acquire()
    except filelock.Timeout as error:
        raise StoreInUseError(
            f"De dossiers in {location.data_dir} zijn al geopend in een ander "
            "casedesk-venster (misschien door een andere gebruiker op deze computer). "
            "Werk in dat venster verder, of sluit het en probeer het opnieuw."
        ) from error
    return lock
