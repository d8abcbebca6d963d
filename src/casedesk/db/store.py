"""The encrypted store's life cycle: create, open (check, back up, migrate), close.

Opening looks before it writes: every refusal (no key, wrong key, damaged file, a store
newer than the app, a second app on the same store) happens while the store file, its
``-wal`` and ``-shm`` have only been read, so a refusal never changes a byte.
"""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import sqlalchemy.exc
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from casedesk.db import migrate
from casedesk.db.backup import (
    backup_engine,
    list_backups,
    newest_good_backup,
    place_without_replacing,
)
from casedesk.db.engine import FileProbe, create_encrypted_engine, probe_file
from casedesk.db.keys import Keychain, format_recovery_key, new_store_key
from casedesk.db.location import StoreLocation, lock_store
from casedesk.errors import KnownError, RestorableError

if TYPE_CHECKING:
    import filelock  # imported by lock_store when a store opens (start-up time)


class StoreExistsError(KnownError):
    """Something already lies where a new store would go."""


class StoreMissingError(KnownError):
    """There is no store file yet."""


class StoreKeyMissingError(KnownError):
    """The keychain has no key for this store."""

    @classmethod
    def for_location(cls, location: StoreLocation) -> "StoreKeyMissingError":
        return cls(
            f"De sleutelhanger heeft geen sleutel voor de dossiers in {location.data_dir}. "
            "Zet de sleutel terug met `casedesk recover` en de herstelsleutel die u bij het "
            "inrichten hebt gekregen. Er is niets veranderd."
        )


class WrongKeyError(KnownError):
    """The keychain's key does not open the store file, and no backup opens with it."""


class StoreDamagedError(RestorableError):
    """The store file is damaged; ``newest_good_backup`` is the backup to offer, if any."""


class StoreTooNewError(KnownError):
    """The store was written by a newer casedesk."""


@dataclass(eq=False)
class Store:
    """An open store. Close it (or use it as a context manager) to release its lock.

    Attributes:
        location: where the store lives.
        engine: the SQLAlchemy engine on the encrypted file.
        key: the store key (needed for backups, which are encrypted with it).
        warning: a Dutch status-bar text when the key sits in an insecure keychain.
    """

    location: StoreLocation
    engine: Engine
    key: bytes = field(repr=False)
    warning: str | None
    _lock: "filelock.BaseFileLock" = field(repr=False)
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        """A session for reading (``with store.session() as session:``); never commits."""
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case, one transaction: commits at the end, rolls back on an exception."""
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        """Closes every connection (the last one folds the -wal in) and frees the lock."""
        self.engine.dispose()
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> "Store":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def create_store(location: StoreLocation, keychain: Keychain) -> tuple[Store, str]:
    """Creates a new encrypted store at head and its key; returns it and the recovery key.

    The store is built under a temporary name, its key saved, and only then linked into
    place: an interrupted set-up never leaves a half-made or keyless store, and a link
    never replaces an existing file.

    Raises:
        StoreExistsError: a file already lies at the store path, or the backups folder
            holds backups of an earlier store (restore one instead).
        StoreInUseError, KeychainError: see :func:`open_store`.
    """
    _refuse_existing(location)
    lock = lock_store(location)
    try:
        _refuse_existing(location)
        # Reading first: a locked or missing keychain stops us before any file is made. An
        # entry found here belongs to a store that is gone (with no backups left).
        stale_key = keychain.load_key(location.store_file)
        key = new_store_key()
        building = location.data_dir / f".{location.store_file.name}.{uuid.uuid4().hex}.new"
        try:
            engine = create_encrypted_engine(building, key)
            try:
                migrate.upgrade(engine)
            finally:
                engine.dispose()
            # The key goes in before the store appears: a store without its key in the
            # keychain, before anyone saw the recovery key, could never be opened.
            keychain.save_key(location.store_file, key)
            try:
                place_without_replacing(building, location.store_file)
            except BaseException as error:
                _put_back(keychain, location, stale_key)
                if isinstance(error, FileExistsError):
                    raise _exists_error(location) from error
                raise
        finally:
            for leftover in (building, *_sidecars(building)):
                with suppress(FileNotFoundError):
                    leftover.unlink()
        store = _open_locked(location, keychain, lock)
    except BaseException:
        if lock.is_locked:
            lock.release()
        raise
    return store, format_recovery_key(key)


def _sidecars(database: Path) -> tuple[Path, Path]:
    return database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")


def _put_back(keychain: Keychain, location: StoreLocation, previous: bytes | None) -> None:
    if previous is None:
        keychain.delete_key(location.store_file)
    else:
        keychain.save_key(location.store_file, previous)


def _exists_error(location: StoreLocation) -> StoreExistsError:
    return StoreExistsError(
        f"Er staat al een bestand op {location.store_file}. Casedesk maakt nooit een nieuwe "
        "opslag over een bestaand bestand heen. Open de bestaande opslag, of kies een andere "
        "map met --data-dir."
    )


def _refuse_existing(location: StoreLocation) -> None:
    if os.path.lexists(location.store_file) or location.wal_file.exists():
        raise _exists_error(location)
    backups = list_backups(location)
    if backups:
        raise StoreExistsError(
            f"De opslag in {location.data_dir} ontbreekt, maar er staan reservekopieën van "
            f"een eerdere opslag. Zet de nieuwste terug met: casedesk restore "
            f'"{backups[0].path}". Een nieuwe opslag maken zou die reservekopieën '
            "onbruikbaar maken. Wilt u echt opnieuw beginnen, kies dan een andere map met "
            "--data-dir."
        )


def open_store(location: StoreLocation, keychain: Keychain) -> Store:
    """Opens the store: checks key and file, backs up and migrates an older store.

    Raises (each a KnownError with a Dutch message; the store files are unchanged):
        StoreMissingError: there is no store file.
        StoreInUseError: another casedesk has this store open.
        KeychainError: the keychain is locked or missing.
        StoreKeyMissingError: the keychain has no key for this store.
        WrongKeyError: the key does not open the store (and no backup either).
        StoreDamagedError: the file is damaged; names the newest good backup, if any.
        StoreTooNewError: a newer casedesk wrote this store.
        BackupError: the backup before a migration failed (nothing was migrated).
    """
    if not location.store_file.is_file():
        raise StoreMissingError(
            f"Er is nog geen opslag in {location.data_dir}. Start casedesk om de opslag in "
            "te richten, of voer `casedesk init` uit. Hebt u een reservekopie? Zet die dan "
            "terug met `casedesk restore BESTAND`."
        )
    lock = lock_store(location)
    try:
        return _open_locked(location, keychain, lock)
    except BaseException:
        lock.release()
        raise


def _open_locked(
    location: StoreLocation, keychain: Keychain, lock: "filelock.BaseFileLock"
) -> Store:
    key = keychain.load_key(location.store_file)
    if key is None:
        raise StoreKeyMissingError.for_location(location)
    revision = _look_before_opening(location, key)
    engine = create_encrypted_engine(location.store_file, key)
    try:
        if revision != migrate.head_revision():
            # An older store: keep a copy as it was before its schema changes.
            backup_engine(engine, key, location)
            migrate.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(location, engine, key, keychain.warning, lock)


def _look_before_opening(location: StoreLocation, key: bytes) -> str:
    """Checks the file read-only and returns its schema revision; raises on every problem.

    Cheap whatever the size (a store of a million dossiers is a gigabyte): page 1
    decrypts, the file is whole pages and as long as its header says, the HMAC of the
    last page and of a sample of pages, and the schema revision. It does not read every
    page. Damage elsewhere is still found before it spreads: SQLCipher checks each page's
    HMAC whenever it reads it, so a damaged page fails its query instead of giving wrong
    data; the full check (``cipher_integrity_check`` + ``integrity_check``) runs on every
    backup before it is kept (a damaged store never replaces a good backup), in
    ``casedesk check``, and in the app in the background once the list is shown, which
    offers the newest good backup when it finds damage.
    """
    probe = probe_file(location.store_file, key, full=False)
    if not probe.sound:
        raise _refusal_for(location, key, probe)
    reader = create_encrypted_engine(location.store_file, key, read_only=True)
    try:
        with reader.connect() as connection:
            revision = migrate.database_revision(connection)
    except sqlalchemy.exc.DatabaseError as error:
        # A page of the schema fails its HMAC: damage the sample did not hit.
        raise _damaged(location, key, "Het opslagbestand is beschadigd.") from error
    finally:
        reader.dispose()
    if revision is None:
        # create_store links only migrated stores into place, so this is not ours.
        raise _damaged(
            location,
            key,
            "Het opslagbestand bevat geen casedesk-gegevens; het is beschadigd of "
            "vervangen door een ander bestand.",
        )
    if revision not in migrate.known_revisions():
        raise StoreTooNewError(
            "Deze opslag is gemaakt met een nieuwere versie van casedesk dan deze. "
            "Installeer de nieuwste versie van casedesk en open de opslag daarmee. "
            "Er is niets veranderd."
        )
    return revision


def _refusal_for(location: StoreLocation, key: bytes, probe: FileProbe) -> KnownError:
    if probe.decrypts or probe.problems:
        return _damaged(location, key, "Het opslagbestand is beschadigd.")
    # Page 1 does not decrypt: a wrong key or a damaged header look the same. A backup
    # that opens with this key shows the key is right, so the file must be damaged.
    good = newest_good_backup(location, key)
    if good is not None:
        return _damaged(
            location,
            key,
            "Het opslagbestand kan niet worden geopend met de sleutel uit de sleutelhanger, "
            "maar de reservekopieën wel: het bestand is beschadigd.",
            good,
        )
    return WrongKeyError(
        f"De sleutel in de sleutelhanger past niet bij het opslagbestand "
        f"{location.store_file}. Zet de juiste sleutel terug met `casedesk recover` en uw "
        "herstelsleutel. Past ook de herstelsleutel niet, dan is het bestand beschadigd; "
        "zet dan een reservekopie terug met `casedesk restore BESTAND`. "
        "Er is niets veranderd."
    )


def _damaged(
    location: StoreLocation, key: bytes, what: str, good: Path | None = None
) -> StoreDamagedError:
    if good is None:
        good = newest_good_backup(location, key)
    if good is None:
        advice = (
            f"Er is geen goede reservekopie gevonden in {location.backups_dir}. Verander "
            "niets aan het bestand en neem contact op met uw beheerder."
        )
    else:
        advice = (
            f"De nieuwste goede reservekopie is {good.name}. Zet die terug met: "
            f'casedesk restore "{good}". Het huidige bestand wordt dan eerst apart bewaard.'
        )
    return StoreDamagedError(f"{what} {advice}", good)
