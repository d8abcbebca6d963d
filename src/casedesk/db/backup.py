"""Encrypted backups of the store: make, verify, rotate, find, restore.

A backup is made with SQLite's online backup API in one step (``pages=-1``): a step-wise
backup starts over whenever the app writes, so it may never finish. The target is opened
with the store key, so the copy is encrypted like the store. Every copy is verified before
it gets its final name; a copy that fails is deleted and the backup raises.

Names carry the UTC time: ``casedesk-20261128-041501-123456.db``; they sort by time. The
copy of the store kept before a restore (``before-restore-….db``) is a backup like the
others: made the same way, verified, and rotated with them.

Every copy is a whole store in one file: the backup API reads through the ``-wal``, so no
copy ever needs a ``-wal`` beside it. Files are private to the user (0600, folders 0700).
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

import sqlcipher3
from sqlalchemy import Engine

from casedesk.db import commit_marks, steps
from casedesk.db.cipher_file import connect_raw, probe_file
from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation, lock_store
from casedesk.db.write_errors import write_failure_reason
from casedesk.domain.retention import (
    DEFAULT_TERMS,
    RETENTION_SETTINGS_PREFIX,
    longest_term,
    terms_from_settings,
)
from casedesk.errors import KnownError
from casedesk.files import (
    create_private_file,
    make_private_folder,
    os_error_reason,
    sync_folder,
)

if TYPE_CHECKING:
    from casedesk.db.store import Store

KEEP_LAST = 10
DAILY = timedelta(hours=24)
_TIME_FORMAT = "%Y%m%d-%H%M%S-%f"
_BACKUP_NAME = re.compile(r"^(?:casedesk|before-restore)-(\d{8}-\d{6}-\d{6})\.db$")
BEFORE_RESTORE_PREFIX = "before-restore-"
PARTIAL_SUFFIX = ".partial"
RESTORING_SUFFIX = ".restoring"


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
        rotate_backups(store.location, max_age_years=_longest_retention_term(store))
    return made


def _longest_retention_term(store: "Store") -> int:
    """The longest term this municipality keeps dossiers (its own settings or the default)."""
    from casedesk.db.settings_repo import settings_with_prefix

    with store.session() as session:
        settings = settings_with_prefix(session, RETENTION_SETTINGS_PREFIX)
    return longest_term(terms_from_settings(settings))


def backup_engine(
    engine: Engine, key: bytes, location: StoreLocation, to: Path | None = None
) -> Path:
    """The work of :func:`backup`, for the store before it is fully open (migrations)."""
    if to is None:
        make_private_folder(location.backups_dir)
        target = location.backups_dir / backup_file_name(datetime.now(UTC))
    else:
        target = to.expanduser().absolute()
        if target.is_dir():
            raise BackupError(
                f"{target} is een map. Geef een bestandsnaam voor de reservekopie op, "
                f"zoals {target / 'reservekopie.db'}."
            )
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
    pooled = engine.raw_connection()
    try:
        _write_verified_copy(pooled.driver_connection, key, target)
    finally:
        pooled.close()
    return target


def _partial_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{uuid.uuid4().hex}{PARTIAL_SUFFIX}")


def _write_verified_copy(source: Any, key: bytes, target: Path) -> None:
    """Copies the open ``source`` connection's database to ``target``, never half.

    The copy is written under a hidden temporary name, flushed, checked in full, and only
    then given its name; a kill leaves at most the hidden file, which the next start
    removes. Raises BackupError in Dutch (full disk, no permission, a failed check).
    """
    partial = _partial_name(target)
    try:
        _copy_into(source, key, partial)
        steps.reached("backup.copied")
        probe = probe_file(partial, key, full=True)
        if not probe.sound:
            raise BackupError(
                "De reservekopie is na het maken gecontroleerd en bleek niet goed. Ze is "
                "weggegooid. Controleer of er genoeg vrije ruimte is en probeer het opnieuw."
            )
        steps.reached("backup.verified")
        place_without_replacing(partial, target)
        steps.reached("backup.placed")
    except (OSError, sqlcipher3.OperationalError) as error:
        raise BackupError(
            f"De reservekopie kon niet worden geschreven naar {target.parent} "
            f"({_write_failure_reason(error, target.parent)}). Er is geen halve kopie "
            "achtergebleven. "
            "Maak ruimte vrij of kies een andere plek, en probeer het opnieuw."
        ) from error
    finally:
        _remove_with_sidecars(partial)


def _copy_into(source: Any, key: bytes, target: Path) -> None:
    """The backup API in one step, into a new private file, flushed to disk."""
    create_private_file(target)
    destination = connect_raw(target, key)
    try:
        source.backup(destination, pages=-1)
    finally:
        destination.close()
    _fsync(target)


def _write_failure_reason(error: OSError | sqlcipher3.OperationalError, folder: Path) -> str:
    if isinstance(error, OSError):
        return os_error_reason(error)
    return write_failure_reason(error, folder) or "de schijf gaf een schrijffout"


def _remove_with_sidecars(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        # A read-only disk answers even a missing file with EROFS; what could not be
        # removed here is removed at the next start (remove_leftovers).
        with suppress(OSError):
            leftover.unlink()


def remove_leftovers(location: StoreLocation) -> list[Path]:
    """Removes hidden half-made copies that a killed backup or restore left behind.

    Only while the store's lock is held: another app's backup in progress is never touched.
    """
    removed: list[Path] = []
    candidates: list[Path] = []
    if location.backups_dir.is_dir():
        candidates += [p for p in location.backups_dir.iterdir() if p.name.startswith(".")]
    if location.data_dir.is_dir():
        candidates += [
            p
            for p in location.data_dir.iterdir()
            if p.name.startswith(f".{location.store_file.name}.")
        ]
    for path in candidates:
        base = path.name.removesuffix("-wal").removesuffix("-shm")
        if base.endswith((PARTIAL_SUFFIX, RESTORING_SUFFIX, ".new")) and path.is_file():
            with suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed


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


def backups_to_keep(
    backups: list[BackupFile], now: datetime | None = None, max_age_years: int | None = None
) -> set[Path]:
    """The last :data:`KEEP_LAST` plus the newest one of every calendar month, none older
    than the longest retention term: an expired, purged dossier must not live on in a
    backup (Selectielijst terms, ``domain/retention.py``)."""
    years = longest_term(DEFAULT_TERMS) if max_age_years is None else max_age_years
    moment = now or datetime.now(UTC)
    try:
        cutoff = moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        cutoff = moment.replace(year=moment.year - years, day=28)
    young = [backup for backup in backups if backup.made_at >= cutoff]
    newest_first = sorted(young, key=lambda backup: backup.made_at, reverse=True)
    keep = {backup.path for backup in newest_first[:KEEP_LAST]}
    months_seen: set[tuple[int, int]] = set()
    for backup in newest_first:
        month = (backup.made_at.year, backup.made_at.month)
        if month not in months_seen:
            months_seen.add(month)
            keep.add(backup.path)
    return keep


def rotate_backups(location: StoreLocation, max_age_years: int | None = None) -> list[Path]:
    """Deletes the backups :func:`backups_to_keep` does not keep; returns what it deleted."""
    backups = list_backups(location)
    keep = backups_to_keep(backups, max_age_years=max_age_years)
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
    """Puts ``backup_file`` in place of the store, keeping the current store as a backup.

    The backup must open with this store's key and pass every check first. Returns the
    path of the kept copy of the store that was there (None if there was none).

    A kill at any moment leaves either the old store or the restored one, whole: the
    current store is first copied aside (with the backup API, so its ``-wal`` is in the
    copy) and its ``-wal`` folded into the file; the backup is copied in under a hidden
    name and checked; the keychain learns the restored store's commit mark; and only then
    one rename puts it in place.

    Raises:
        BackupError: the backup is missing, damaged or belongs to another store, or the
            disk refused a copy (nothing was replaced then).
        StoreKeyMissingError: the keychain has no key for this store (use recover first).
        StoreInUseError: the store is open in another casedesk.
        KeychainError: the keychain is locked or missing.
    """
    from casedesk.db.store import StoreKeyMissingError  # store.py imports this module

    backup_file = backup_file.expanduser().absolute()
    if backup_file.is_dir():
        raise BackupError(
            f"{backup_file} is een map, geen reservekopie. Kies het bestand zelf, zoals "
            f"{location.backups_dir / 'casedesk-….db'}. Er is niets veranderd."
        )
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
        remove_leftovers(location)
        kept = _keep_current_store(location, key)
        steps.reached("restore.kept")
        incoming = location.data_dir / (
            f".{location.store_file.name}.{uuid.uuid4().hex}{RESTORING_SUFFIX}"
        )
        try:
            _copy_backup_in(backup_file, key, incoming)
            steps.reached("restore.copied")
            _fold_in_wal(location, key)
            steps.reached("restore.wal-folded")
            restored_mark = commit_marks.file_commit_mark(incoming, key)
            # Before the rename: a kill between the two leaves the old store, which is
            # ahead of this mark and so opens without a warning (db/commit_marks.py).
            if restored_mark is None:
                keychain.delete_commit_mark(location.store_file)
            else:
                keychain.save_commit_mark(location.store_file, restored_mark.to_text())
            steps.reached("restore.mark-saved")
            incoming.replace(location.store_file)
            sync_folder(location.data_dir)
            steps.reached("restore.placed")
        finally:
            _remove_with_sidecars(incoming)
    finally:
        lock.release()
    rotate_backups(location)
    return kept


def _copy_backup_in(backup_file: Path, key: bytes, incoming: Path) -> None:
    source = connect_raw(backup_file, key, read_only=True)
    try:
        _copy_into(source, key, incoming)
    except (OSError, sqlcipher3.OperationalError) as error:
        raise BackupError(
            f"De reservekopie kon niet naar {incoming.parent} worden gekopieerd "
            f"({_write_failure_reason(error, incoming.parent)}). De opslag is niet veranderd. "
            "Maak ruimte "
            "vrij en probeer het opnieuw."
        ) from error
    finally:
        source.close()
    probe = probe_file(incoming, key, full=True)
    if not probe.sound:
        raise BackupError(
            "De teruggezette kopie bleek na het kopiëren niet goed. De opslag is niet "
            "veranderd. Controleer de schijf en probeer het opnieuw."
        )


def _keep_current_store(location: StoreLocation, key: bytes) -> Path | None:
    """Keeps the store as it is now, before a restore replaces it.

    A sound store becomes a verified ``before-restore-….db`` backup (with everything in its
    ``-wal``). A store that cannot be read with the key, which is often why it is being
    replaced, is kept byte for byte with its ``-wal`` in a ``damaged-…`` folder instead.
    """
    if not location.store_file.exists():
        return None
    make_private_folder(location.backups_dir)
    stamp = datetime.now(UTC).strftime(_TIME_FORMAT)
    kept = location.backups_dir / f"{BEFORE_RESTORE_PREFIX}{stamp}.db"
    try:
        source = connect_raw(location.store_file, key, read_only=True)
    except sqlcipher3.DatabaseError:
        return _keep_damaged_store(location, stamp)
    try:
        _write_verified_copy(source, key, kept)
    except BackupError as error:
        if _disk_refused(error):
            raise
        return _keep_damaged_store(location, stamp)
    finally:
        source.close()
    return kept


def _disk_refused(error: BackupError) -> bool:
    cause = error.__cause__
    return isinstance(cause, OSError) or (
        cause is not None and write_failure_reason(cause) is not None
    )


def _keep_damaged_store(location: StoreLocation, stamp: str) -> Path:
    folder = location.backups_dir / f"damaged-{stamp}"
    make_private_folder(folder)
    try:
        for original in (location.store_file, location.wal_file):
            if original.exists():
                copy = folder / original.name
                create_private_file(copy)
                shutil.copyfile(original, copy)
                _fsync(copy)
        sync_folder(folder)
    except OSError as error:
        raise BackupError(
            f"De huidige opslag kon niet apart worden bewaard in {folder} "
            f"({os_error_reason(error)}). Er is niets teruggezet. Maak ruimte vrij en "
            "probeer het opnieuw."
        ) from error
    return folder


def _fold_in_wal(location: StoreLocation, key: bytes) -> None:
    """Folds the store's ``-wal`` into its file and removes it, so the file stands alone.

    SQLite would replay a ``-wal`` left beside the restored file onto it. After the fold
    the ``-wal`` holds nothing the file lacks, so a kill after its removal loses nothing.
    A store too damaged to fold was kept byte for byte first (``_keep_current_store``).
    """
    if location.wal_file.exists() and location.store_file.exists():
        with suppress(sqlcipher3.DatabaseError):
            connection = connect_raw(location.store_file, key)
            try:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                connection.close()
    for stale in (location.wal_file, location.shm_file):
        with suppress(FileNotFoundError):
            stale.unlink()
