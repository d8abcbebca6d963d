"""The encrypted store's life cycle: create, open (check, back up, migrate), close.

Opening looks before it writes: every refusal (no key, wrong key, damaged file, a store
newer than the app, a second app on the same store) happens while the store file, its
``-wal`` and ``-shm`` have only been read, so a refusal never changes a byte.
"""

import dataclasses
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import sqlalchemy.exc
import sqlcipher3
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from casedesk.db import audit_chain, commit_marks, migrate, steps
from casedesk.db.backup import (
    backup_engine,
    good_backups,
    list_backups,
    newest_good_backup,
    place_without_replacing,
    remove_leftovers,
)
from casedesk.db.changed_meanwhile import ChangedMeanwhileError
from casedesk.db.cipher_file import FileProbe, probe_file
from casedesk.db.commit_marks import CommitMark, MarkRecorder, Verdict
from casedesk.db.engine import create_encrypted_engine
from casedesk.db.keys import Keychain, format_recovery_key, new_store_key
from casedesk.db.location import StoreLocation, lock_store
from casedesk.db.write_errors import StoreWriteError, change_not_saved, write_failure_reason
from casedesk.errors import KnownError, RestorableError
from casedesk.files import create_private_file, make_private

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


class StoreRolledBackError(RestorableError):
    """Commits that were made are missing from the store file (see ``db/commit_marks.py``).

    ``newest_good_backup`` is the good backup with the most commits, if any.
    """


@dataclass(eq=False)
class Store:
    """An open store. Close it (or use it as a context manager) to release its lock.

    Attributes:
        location: where the store lives.
        engine: the SQLAlchemy engine on the encrypted file.
        key: the store key (needed for backups, which are encrypted with it).
        warning: a Dutch status-bar text when the key sits in an insecure keychain.
        commit_marks: copies each commit's mark outside the file (``db/commit_marks.py``).
        audit_head: the newest audit event's hash, copied outside with the mark.
    """

    location: StoreLocation
    engine: Engine
    key: bytes = field(repr=False)
    warning: str | None
    _lock: "filelock.BaseFileLock" = field(repr=False)
    commit_marks: MarkRecorder = field(repr=False)
    audit_head: str | None = field(default=None, repr=False)
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        """A session for reading (``with store.session() as session:``); never commits."""
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case, one transaction: commits at the end, rolls back on an exception.

        A transaction that changed a row also advances the store's commit mark, and the
        new mark is copied outside the file once the commit is done.
        """
        try:
            with self._sessions.begin() as session:
                changes_before = commit_marks.changes_so_far(session)
                yield session
                head = audit_chain.seal_new_events(session)
                mark = commit_marks.advance_if_changed(session, changes_before)
                steps.reached("transaction.before-commit")
        except sqlalchemy.exc.DBAPIError as error:
            reason = write_failure_reason(error, self.location.data_dir)
            if reason is None:
                raise
            raise change_not_saved(reason) from None  # its text holds the SQL parameters
        except StaleDataError:
            raise ChangedMeanwhileError() from None
        if head is not None:
            self.audit_head = head
        if mark is not None:
            self.commit_marks.note(dataclasses.replace(mark, audit_head=self.audit_head))

    def close(self) -> None:
        """Folds the -wal into the file, closes every connection and frees the lock.

        The last commit mark is copied to the keychain first, so the next start compares
        against the store exactly as it was left.
        """
        try:
            self.commit_marks.close()
            with suppress(Exception), self.engine.connect() as connection:
                # A store file that holds every commit by itself: a later copy or a lost
                # -wal then loses nothing. Failing here (a full disk) loses nothing either.
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            self.engine.dispose()
        finally:
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
            create_private_file(building)
            engine = create_encrypted_engine(building, key)
            try:
                migrate.upgrade(engine)
                with engine.connect() as connection:
                    first_mark = commit_marks.read_mark(connection)
            finally:
                engine.dispose()
            # The key goes in before the store appears: a store without its key in the
            # keychain, before anyone saw the recovery key, could never be opened.
            keychain.save_key(location.store_file, key)
            if first_mark is not None:
                keychain.save_commit_mark(location.store_file, first_mark.to_text())
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
        remove_leftovers(location)
        _make_store_files_private(location)
        return _open_locked(location, keychain, lock)
    except (sqlalchemy.exc.DBAPIError, sqlcipher3.Error) as error:
        lock.release()
        reason = write_failure_reason(error, location.data_dir)
        if reason is None:
            raise
        raise StoreWriteError(
            f"Casedesk kan de opslag niet openen: {reason}. Er is niets veranderd. Maak "
            "ruimte vrij op de schijf (of vraag uw beheerder om hulp) en probeer het opnieuw."
        ) from None
    except BaseException:
        lock.release()
        raise


def _make_store_files_private(location: StoreLocation) -> None:
    """Stores made before casedesk set modes itself were left to the umask (often 0644)."""
    for path in (
        location.data_dir,
        location.store_file,
        location.wal_file,
        location.shm_file,
        location.lock_file,
        location.backups_dir,
    ):
        with suppress(FileNotFoundError):
            make_private(path)
    for backup_file in list_backups(location):
        with suppress(FileNotFoundError):
            make_private(backup_file.path)


def _open_locked(
    location: StoreLocation, keychain: Keychain, lock: "filelock.BaseFileLock"
) -> Store:
    key, recorded_mark = keychain.load_key_and_mark(location.store_file)
    if key is None:
        raise StoreKeyMissingError.for_location(location)
    recorded = CommitMark.from_text(recorded_mark)
    revision, in_file = _look_before_opening(location, key)
    _refuse_missing_commits(location, key, in_file, recorded)
    engine = create_encrypted_engine(location.store_file, key)
    recorder = MarkRecorder(
        lambda mark: keychain.save_commit_mark(location.store_file, mark, key)
    )
    try:
        if revision != migrate.head_revision():
            # An older store: keep a copy as it was before its schema changes.
            backup_engine(engine, key, location)
            steps.reached("migration.backed-up")
            _upgrade(engine, location)
        with engine.connect() as connection:
            # The first write connection (WAL, pragmas) is made here, so a full or read-only
            # disk is reported by open_store, not by the first read of a screen.
            if revision != migrate.head_revision():
                in_file = commit_marks.read_mark(connection)
    except BaseException:
        engine.dispose()
        raise
    current = in_file
    head = None if current is None else current.audit_head
    store = Store(location, engine, key, keychain.warning, lock, recorder, head)
    try:
        if recorded is not None and recorded.audit_head and not _log_holds(store, recorded):
            _record_cut_off_log(store, recorded.audit_head)
        elif current is not None:
            recorder.note(current)
    except BaseException:
        store.close()
        raise
    return store


_CUT_OFF_WARNING = (
    "Let op: het logboek is ingekort sinds casedesk er de vorige keer mee werkte. Dit is "
    "vastgelegd. Meld het aan uw privacyfunctionaris of beheerder (casedesk audit verify)."
)


def _log_holds(store: Store, recorded: CommitMark) -> bool:
    assert recorded.audit_head is not None
    with store.session() as session:
        return audit_chain.contains(session, recorded.audit_head)


def _record_cut_off_log(store: Store, missing_head: str) -> None:
    """Newest events were removed behind casedesk's back: say so in the log itself.

    The copy outside would otherwise be overwritten by the next commit, and with it the
    only trace; an event in the chain keeps the finding for the privacy officer.
    """
    from casedesk.db.audit import record_event  # audit imports models only; keep it light

    with store.transaction() as session:
        record_event(
            session,
            None,
            audit_chain.CUT_OFF_ACTION,
            "audit",
            None,
            None,
            {"missing": missing_head},
        )
    store.warning = (
        _CUT_OFF_WARNING if store.warning is None else (f"{store.warning} {_CUT_OFF_WARNING}")
    )


def _upgrade(engine: Engine, location: StoreLocation) -> None:
    try:
        migrate.upgrade(engine)
    except sqlalchemy.exc.DBAPIError as error:
        reason = write_failure_reason(error, location.data_dir)
        if reason is None:
            raise
        raise StoreWriteError(
            f"De opslag kon niet worden bijgewerkt voor deze versie van casedesk: {reason}. "
            "Er is niets veranderd; de opslag is nog zoals hij was. Maak ruimte vrij en "
            "start casedesk opnieuw."
        ) from None


def recorded_commit_mark(location: StoreLocation, keychain: Keychain) -> CommitMark | None:
    return CommitMark.from_text(keychain.load_commit_mark(location.store_file))


def _refuse_missing_commits(
    location: StoreLocation, key: bytes, in_file: CommitMark | None, recorded: CommitMark | None
) -> None:
    verdict = commit_marks.compare(in_file, recorded)
    if verdict not in (Verdict.BEHIND, Verdict.DIVERGED):
        return
    assert in_file is not None and recorded is not None
    raise missing_commits_error(location, key, in_file, recorded, verdict)


def missing_commits_error(
    location: StoreLocation,
    key: bytes,
    in_file: CommitMark,
    recorded: CommitMark,
    verdict: Verdict,
) -> StoreRolledBackError:
    if verdict is Verdict.BEHIND:
        missing = recorded.count - in_file.count
        what = (
            f"In het opslagbestand ontbreken {missing} "
            f"{'wijziging' if missing == 1 else 'wijzigingen'} die casedesk wel heeft "
            "opgeslagen. Waarschijnlijk is er een ouder opslagbestand teruggezet, of is het "
            "bijbehorende -wal-bestand na een storing verloren gegaan of beschadigd."
        )
    else:
        what = (
            "Het opslagbestand is niet het bestand waarmee casedesk hier het laatst werkte: "
            "het is een oudere of andere kopie, of het -wal-bestand ernaast hoort er niet bij."
        )
    best = _backup_with_most_commits(location, key)
    if best is None:
        advice = (
            f"Er is geen goede reservekopie in {location.backups_dir}. Verander niets aan "
            "de bestanden en neem contact op met uw beheerder."
        )
    else:
        advice = f'Zet de reservekopie {best.name} terug met: casedesk restore "{best}".'
    advice += (
        " Wilt u toch verder met het opslagbestand zoals het nu is (wat ontbreekt, blijft "
        "dan weg), voer dan uit: casedesk accept. Er is niets veranderd."
    )
    return StoreRolledBackError(f"{what} {advice}", best)


def _backup_with_most_commits(location: StoreLocation, key: bytes) -> Path | None:
    best: tuple[int, Path] | None = None
    for candidate in good_backups(location, key):
        try:
            mark = commit_marks.file_commit_mark(candidate.path, key)
        except Exception:
            continue
        count = -1 if mark is None else mark.count
        if best is None or count > best[0]:
            best = (count, candidate.path)
    return None if best is None else best[1]


def _look_before_opening(location: StoreLocation, key: bytes) -> tuple[str, CommitMark | None]:
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
            # In the same look: the mark tells a lost or older -wal (db/commit_marks.py).
            # A newer app's schema is refused below, whatever its mark looks like.
            known = revision in migrate.known_revisions()
            in_file = commit_marks.read_mark(connection) if known else None
    except sqlalchemy.exc.DatabaseError as error:
        # Page 1 was fine, yet a page read now is not: damage the sample did not hit, or
        # a -wal that does not belong to this file.
        what = "Het opslagbestand is beschadigd."
        if location.wal_file.exists():
            what = (
                "Het opslagbestand of het -wal-bestand ernaast is beschadigd, of het "
                "-wal-bestand hoort bij een andere opslag."
            )
        raise _damaged(location, key, what) from error
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
    return revision, in_file


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
