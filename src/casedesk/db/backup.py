"""Encrypted backups of the store: make, verify, rotate, find, restore.

A backup is made with SQLite's online backup API in one step (``pages=-1``): a step-wise
backup starts over whenever the app writes, so it may never finish. The target is opened
with the store key, so the copy is encrypted like the store. Every copy is verified before
it gets its final name; a copy that fails is deleted and the backup raises.

Names carry the UTC time: ``casedesk-20261128-041501-123456.db``; they sort by time.
"""

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from casedesk.db.engine import connect_raw, probe_file
from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation, lock_store
from casedesk.errors import KnownError
from casedesk.files import os_error_reason, sync_folder

if TYPE_CHECKING:
    from casedesk.db.store import Store

KEEP_LAST = 10
DAILY = timedelta(hours=24)
_TIME_FORMAT = "%Y%m%d-%H%M%S-%f"
_BACKUP_NAME = re.compile(r"^casedesk-(\d{8}-\d{6}-\d{6})\.db$")


class BackupError(KnownError):
    """A backup could not be made, or a backup cannot be put back."""


@dataclass(frozen=True)
class BackupFile:
    """One backup in the store's backups folder."""

    path: Path
    made_at: datetime  # UTC


def backup_file_name(made_at: datetime) -> str:
    return f"casedesk-{made_at.astimezone(UTC).strftime(_TIME_FORMAT)}.db"


def list_backups(location: StoreLocation) -> list[BackupFile]:
    """The backups in the backups folder, newest first (other files are ignored)."""
    if not location.backups_dir.is_dir():
        return []
    found = []
    for path in location.backups_dir.iterdir():
        match = _BACKUP_NAME.match(path.name)
        if match and path.is_file():
            made_at = datetime.strptime(match.group(1), _TIME_FORMAT).replace(tzinfo=UTC)
            found.append(BackupFile(path, made_at))
    return sorted(found, key=lambda backup: backup.made_at, reverse=True)


def backup(store: "Store", to: Path | None = None) -> Path:
    """An encrypted, verified copy of the open store; rotates the backups folder.

    Without ``to`` the copy goes into the backups folder under a timestamped name.
    Raises BackupError (Dutch) when the copy cannot be written or fails verification.
    """
    made = backup_engine(store.engine, store.key, store.location, to)
    if to is None:
        rotate_backups(store.location)
    return made


def backup_engine(
    engine: Engine, key: bytes, location: StoreLocation, to: Path | None = None
) -> Path:
    """The work of :func:`backup`, for the store before it is fully open (migrations)."""
    if to is None:
        location.backups_dir.mkdir(parents=True, exist_ok=True)
        target = location.backups_dir / backup_file_name(datetime.now(UTC))
    else:
        target = to.expanduser().absolute()
        if target.exists():
            raise BackupError(
                f"Er staat al een bestand op {target}. Kies een andere naam voor de "
                "reservekopie; het bestaande bestand is niet veranderd."
            )
        if not target.parent.is_dir():
            raise BackupError(
                f"De map {target.parent} bestaat niet. Kies een bestaande map voor de "
                "reservekopie."
            )
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")
    try:
        _copy_with_backup_api(engine, key, partial)
        _fsync(partial)
        probe = probe_file(partial, key, full=True)
        if not probe.sound:
            raise BackupError(
                "De reservekopie is na het maken gecontroleerd en bleek niet goed "
                f"({'; '.join(probe.problems) or 'niet te openen'}). Ze is weggegooid. "
                "Controleer of er genoeg vrije ruimte is en probeer het opnieuw."
            )
        place_without_replacing(partial, target)
    except OSError as error:
        raise BackupError(
            f"De reservekopie kon niet worden geschreven naar {target.parent} "
            f"({os_error_reason(error)}). Controleer of er genoeg vrije ruimte is en of u "
            "daar mag schrijven."
        ) from error
    finally:
        with suppress(FileNotFoundError):
            partial.unlink()
    return target


def _copy_with_backup_api(engine: Engine, key: bytes, target: Path) -> None:
    pooled = engine.raw_connection()
    try:
        source: Any = pooled.driver_connection
        destination = connect_raw(target, key)
        try:
            source.backup(destination, pages=-1)
        finally:
            destination.close()
    finally:
        pooled.close()


def place_without_replacing(source: Path, target: Path) -> None:
    """Gives ``source`` the name ``target``, durably; raises FileExistsError if taken.

    A hard link, unlike a rename, never replaces a file that appeared meanwhile. Where the
    file system has no hard links (FAT on a USB stick) a rename after a check has to do.
    """
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        if os.path.lexists(target):
            raise FileExistsError(str(target)) from None
        source.rename(target)
    else:
        source.unlink()
    sync_folder(target.parent)


def _fsync(path: Path) -> None:
    # Opened for writing because Windows flushes only handles with write access.
    with path.open("r+b") as handle:
        os.fsync(handle.fileno())


def backups_to_keep(backups: list[BackupFile]) -> set[Path]:
    """The last :data:`KEEP_LAST` plus the newest one of every calendar month."""
    newest_first = sorted(backups, key=lambda backup: backup.made_at, reverse=True)
    keep = {backup.path for backup in newest_first[:KEEP_LAST]}
    months_seen: set[tuple[int, int]] = set()
    for backup in newest_first:
        month = (backup.made_at.year, backup.made_at.month)
        if month not in months_seen:
            months_seen.add(month)
            keep.add(backup.path)
    return keep


def rotate_backups(location: StoreLocation) -> list[Path]:
    """Deletes the backups :func:`backups_to_keep` does not keep; returns what it deleted."""
    backups = list_backups(location)
    keep = backups_to_keep(backups)
    deleted = []
    for old in backups:
        if old.path not in keep:
            old.path.unlink()
            deleted.append(old.path)
    return deleted


def good_backups(location: StoreLocation, key: bytes) -> Iterator[BackupFile]:
    """The backups that open with ``key`` and pass every check, newest first."""
    for candidate in list_backups(location):
        try:
            if probe_file(candidate.path, key, full=True).sound:
                yield candidate
        except OSError:
            continue


def newest_good_backup(location: StoreLocation, key: bytes) -> Path | None:
    """The newest backup that opens with ``key`` and passes every check; None if none."""
    for good in good_backups(location, key):
        return good.path
    return None


def due_for_daily_backup(location: StoreLocation, now: datetime) -> bool:
    """Whether the newest backup is older than a day (or there is none).

    ``now`` must be timezone-aware. The app asks this at start and on close.
    """
    backups = list_backups(location)
    return not backups or now - backups[0].made_at >= DAILY


def restore(location: StoreLocation, keychain: Keychain, backup_file: Path) -> Path | None:
    """Puts ``backup_file`` in place of the store, keeping the current store as a copy.

    The backup must open with this store's key and pass every check first. Returns the
    path of the kept copy of the store that was there (None if there was none); its
    ``-wal``, if any, is kept beside it.

    Raises:
        BackupError: the backup is missing, damaged or belongs to another store.
        StoreKeyMissingError: the keychain has no key for this store (use recover first).
        StoreInUseError: the store is open in another casedesk.
        KeychainError: the keychain is locked or missing.
    """
    from casedesk.db.store import StoreKeyMissingError  # store.py imports this module

    backup_file = backup_file.expanduser().absolute()
    if not backup_file.is_file():
        raise BackupError(
            f"De reservekopie {backup_file} bestaat niet. Controleer de naam en de map."
        )
    key = keychain.load_key(location.store_file)
    if key is None:
        raise StoreKeyMissingError.for_location(location)
    probe = probe_file(backup_file, key, full=True)
    if not probe.decrypts:
        raise BackupError(
            f"De reservekopie {backup_file.name} past niet bij deze opslag: ze is gemaakt "
            "met een andere sleutel (van een andere casedesk-opslag), of ze is beschadigd. "
            "Kies een reservekopie uit de map van deze opslag. Er is niets veranderd."
        )
    if probe.problems:
        raise BackupError(
            f"De reservekopie {backup_file.name} is beschadigd en wordt niet teruggezet. "
            "Kies een andere (oudere) reservekopie. Er is niets veranderd."
        )
    lock = lock_store(location)
    try:
        kept = _keep_current_store(location)
        _put_in_place(backup_file, location)
    finally:
        lock.release()
    return kept


def _keep_current_store(location: StoreLocation) -> Path | None:
    """Copies the store file (and its -wal) aside, byte for byte: it may be damaged."""
    if not location.store_file.exists():
        return None
    location.backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime(_TIME_FORMAT)
    kept = location.backups_dir / f"before-restore-{stamp}.db"
    shutil.copy2(location.store_file, kept)
    _fsync(kept)
    if location.wal_file.exists():
        kept_wal = kept.with_name(kept.name + "-wal")
        shutil.copy2(location.wal_file, kept_wal)
        _fsync(kept_wal)
    sync_folder(location.backups_dir)
    return kept


def _put_in_place(backup_file: Path, location: StoreLocation) -> None:
    incoming = location.data_dir / f".{location.store_file.name}.{uuid.uuid4().hex}.restoring"
    try:
        shutil.copyfile(backup_file, incoming)
        _fsync(incoming)
        # The old -wal belongs to the old file: SQLite would replay it onto the backup.
        for stale in (location.wal_file, location.shm_file):
            with suppress(FileNotFoundError):
                stale.unlink()
        incoming.replace(location.store_file)
        sync_folder(location.data_dir)
    finally:
        with suppress(FileNotFoundError):
            incoming.unlink()
