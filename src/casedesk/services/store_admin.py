"""Use cases around the store itself, shared by the command line and the app.

Set up a store, check it, back it up, put a backup back, and put a lost key back in the
keychain with the recovery key. Each raises a KnownError with a Dutch message for anything
the user can act on.
"""

from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from casedesk.db import audit_chain, caseworker_settings_repo, commit_marks, settings_repo
from casedesk.db.audit import record_event
from casedesk.db.backup import BackupError, backup, list_backups, newest_good_backup, restore
from casedesk.db.caseworker_settings_repo import EMAIL
from casedesk.db.cipher_file import FileProbe, probe_file
from casedesk.db.keys import Keychain, RecoveryKeyError, parse_recovery_key
from casedesk.db.location import StoreInUseError, StoreLocation, lock_store
from casedesk.db.store import (
    Store,
    StoreDamagedError,
    StoreExistsError,
    StoreKeyMissingError,
    StoreMissingError,
    StoreRolledBackError,
    StoreTooNewError,
    WrongKeyError,
    create_store,
    open_store,
    recorded_commit_mark,
)
from casedesk.errors import KnownError
from casedesk.services.outcomes import outcome_logged, record_outcome
from casedesk.services.retention import reapply_erasures

__all__ = [
    "BackupError",
    "CheckReport",
    "RecoveryKeyError",
    "StoreDamagedError",
    "StoreExistsError",
    "StoreInUseError",
    "StoreKeyMissingError",
    "StoreMissingError",
    "StoreRolledBackError",
    "StoreTooNewError",
    "WrongKeyError",
    "accept_store",
    "backup_store",
    "check_store",
    "find_damage",
    "init_store",
    "recover_key",
    "restore_store",
]


@dataclass(frozen=True)
class CheckReport:
    """The outcome of :func:`check_store`.

    Attributes:
        ok: the key opens the store and every check passed.
        lines: what was checked and found, in Dutch, one line each.
    """

    ok: bool
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CounterDetails:
    """What plans print about the counter and its caseworker (first run asks for them)."""

    printed_name: str = ""
    address: str = ""
    phone: str = ""
    caseworker_email: str = ""


def init_store(
    location: StoreLocation,
    keychain: Keychain,
    caseworker_name: str | None = None,
    municipality_code: str | None = None,
    *,
    details: CounterDetails = CounterDetails(),
) -> str:
    """Creates the store, saves who works here, and returns the recovery key (show once)."""
    # Only a new store reads the shipped table: opening one (the app's start) does not.
    from casedesk.catalog.regions import load_default_region_table

    store, recovery_key = create_store(location, keychain)
    with store, store.transaction() as session:
        # The case list shows municipality names, not CBS codes.
        settings_repo.save_municipalities(session, load_default_region_table().municipalities)
        for key, value in (
            (settings_repo.MUNICIPALITY_NAME, details.printed_name),
            (settings_repo.MUNICIPALITY_ADDRESS, details.address),
            (settings_repo.MUNICIPALITY_PHONE, details.phone),
        ):
            if value.strip():
                settings_repo.set_setting(session, key, value.strip())
        if caseworker_name is not None and caseworker_name.strip():
            caseworker_id = settings_repo.add_caseworker(session, caseworker_name)
            settings_repo.set_current_caseworker(session, caseworker_id)
            if details.caseworker_email.strip():
                caseworker_settings_repo.write_value(
                    session, caseworker_id, EMAIL, details.caseworker_email.strip()
                )
        if municipality_code is not None and municipality_code.strip():
            settings_repo.set_setting(
                session, settings_repo.MUNICIPALITY_CODE, municipality_code.strip()
            )
    return recovery_key


def check_store(location: StoreLocation, keychain: Keychain) -> CheckReport:
    """Key and full integrity check of the store (the command ``casedesk check``).

    Opening checks the key, a sample of pages and the schema version; this adds the full
    check: every page's HMAC and SQLite's ``integrity_check``. A refusal to open becomes a
    failed report, except for problems with the keychain or a store that is in use, which
    are raised as is.
    """
    lines = [f"Opslag: {location.store_file}"]
    try:
        store = open_store(location, keychain)
    except (
        StoreMissingError,
        StoreKeyMissingError,
        WrongKeyError,
        StoreDamagedError,
        StoreRolledBackError,
        StoreTooNewError,
    ) as error:
        return CheckReport(ok=False, lines=(*lines, str(error)))
    with store:
        lines.append("Sleutel: past bij de opslag.")
        lines.append(
            "Laatste wijzigingen: compleet (het bestand is niet ouder dan de laatste keer "
            "dat casedesk ermee werkte)."
        )
        chain = _verify_chain(store, keychain)
        lines.extend(audit_report_lines(chain))
        probe: FileProbe = probe_file(location.store_file, store.key, full=True)
        if probe.sound:
            lines.append("Controle van het bestand: in orde.")
        else:
            lines.append(
                "Controle van het bestand: NIET in orde ("
                + "; ".join(probe.problems)
                + "). Zet een reservekopie terug met `casedesk restore BESTAND`."
            )
        if store.warning:
            lines.append(store.warning)
    backups = list_backups(location)
    if backups:
        lines.append(
            f"Reservekopieën: {len(backups)}, de nieuwste is {backups[0].path.name}."
        )
    else:
        lines.append("Reservekopieën: nog geen.")
    return CheckReport(ok=probe.sound and chain.intact, lines=tuple(lines))


def verify_audit_log(location: StoreLocation, keychain: Keychain) -> audit_chain.ChainReport:
    """``casedesk audit verify``: the whole hash chain, against the head kept outside."""
    with open_store(location, keychain) as store:
        return _verify_chain(store, keychain)


def _verify_chain(store: Store, keychain: Keychain) -> audit_chain.ChainReport:
    recorded = recorded_commit_mark(store.location, keychain)
    with store.session() as session:
        return audit_chain.verify(session, None if recorded is None else recorded.audit_head)


def audit_report_lines(report: audit_chain.ChainReport) -> list[str]:
    """Dutch lines for ``check`` and ``audit verify``: intact, or where the chain breaks."""
    if report.intact:
        return [f"Logboek: in orde ({report.events} gebeurtenissen, de keten is heel)."]
    lines = [
        f"Logboek: NIET in orde. Het logboek is na het vastleggen veranderd "
        f"({len(report.breaks)} {'plek' if len(report.breaks) == 1 else 'plekken'}):"
    ]
    for found in report.breaks[:20]:
        if found.event_id is None:
            lines.append(f"  - {found.what}")
        else:
            when = "" if found.at is None else f" van {found.at:%d-%m-%Y %H:%M} (UTC)"
            lines.append(f"  - gebeurtenis {found.event_id}{when}: {found.what}")
    if len(report.breaks) > 20:
        lines.append(f"  - en nog {len(report.breaks) - 20} plekken")
    lines.append(
        "Meld dit aan uw privacyfunctionaris of beheerder; verander niets aan de opslag."
    )
    return lines


def accept_store(location: StoreLocation, keychain: Keychain) -> int:
    """Takes the store file as it is into use after it was refused for missing commits.

    For when no backup holds what is missing: the administrator accepts the loss on
    purpose. The file must open with the key and pass every check; its commit mark becomes
    the one the next start compares with, and an audit event records how many commits
    were given up (no names). Returns that number (0 when nothing was missing).
    """
    lock = lock_store(location)
    try:
        key = keychain.load_key(location.store_file)
        if key is None:
            raise StoreKeyMissingError.for_location(location)
        if not location.store_file.is_file():
            raise StoreMissingError(
                f"Er is geen opslagbestand in {location.data_dir}. Er is niets veranderd."
            )
        probe = probe_file(location.store_file, key, full=True)
        if not probe.sound:
            raise StoreDamagedError(
                "Het opslagbestand is beschadigd, dus casedesk neemt het niet zo in gebruik. "
                "Zet een reservekopie terug met `casedesk restore BESTAND`. Er is niets "
                "veranderd.",
                None,
            )
        in_file = commit_marks.file_commit_mark(location.store_file, key)
        recorded = recorded_commit_mark(location, keychain)
        given_up = 0
        if in_file is not None and recorded is not None and recorded.count > in_file.count:
            given_up = recorded.count - in_file.count
        if in_file is None:
            keychain.delete_commit_mark(location.store_file)
        else:
            keychain.save_commit_mark(location.store_file, in_file.to_text())
    finally:
        lock.release()
    with open_store(location, keychain) as store, store.transaction() as session:
        record_event(
            session,
            settings_repo.current_caseworker_id(session),
            "store.accepted",
            "store",
            None,
            None,
            {"commits_missing": given_up},
        )
    return given_up


def find_damage(store: Store) -> StoreDamagedError | None:
    """The full check of the open store (every page and b-tree); None when it is sound.

    The app runs it in the background once the list is shown: opening reads only a sample
    of pages (db/store.py). Found damage comes back as the refusal to offer, naming the
    newest good backup, if any. Reads only: safe beside the app's own connections.
    """
    probe = probe_file(store.location.store_file, store.key, full=True)
    if probe.sound:
        return None
    good = newest_good_backup(store.location, store.key)
    found = (
        "De controle van de opslag vond schade in het opslagbestand. Werk er niet in "
        "verder: wat u nu invoert, kan verloren gaan."
    )
    if good is None:
        return StoreDamagedError(
            f"{found} Er is geen goede reservekopie gevonden in "
            f"{store.location.backups_dir}. Sluit casedesk en neem contact op met uw "
            "beheerder.",
            None,
        )
    return StoreDamagedError(
        f"{found} De nieuwste goede reservekopie is {good.name}.", good
    )


def backup_store(location: StoreLocation, keychain: Keychain, to: Path | None = None) -> Path:
    """Opens the store, makes a verified backup (into the backups folder or ``to``)."""
    with open_store(location, keychain) as store:
        return backup_open_store(store, to)


@outcome_logged("store.backed_up", "store")
def backup_open_store(store: Store, to: Path | None = None) -> Path:
    """A verified backup of the store the app has open (on close and daily); logged.

    A copy to a chosen place (``to``, a USB stick) takes every dossier off the machine,
    so the log says where it went.
    """
    made = backup(store, to)
    with store.transaction() as session:
        record_event(
            session,
            settings_repo.current_caseworker_id(session),
            "store.backed_up",
            "store",
            None,
            None,
            {"file": made.name, "chosen_place": to is not None},
        )
    return made


def restore_store(
    location: StoreLocation, keychain: Keychain, backup_file: Path
) -> Path | None:
    """Puts a backup back; returns where the replaced store was kept (None if none).

    The restored store's log then says so, and how many events of the replaced store are
    not in the backup: the chain goes on from the backup's last event, whole.
    """
    if location.store_file.is_dir():
        raise KnownError(
            f"Op de plek van de opslag ({location.store_file}) staat een map, geen bestand: "
            "dit is een map. casedesk zet daar geen reservekopie overheen. Vraag uw beheerder "
            "de map weg te halen of te verplaatsen, en probeer het daarna opnieuw. Er is "
            "niets veranderd."
        )
    try:
        kept = restore(location, keychain, backup_file)
    except Exception as error:
        _log_failed_restore(location, keychain, error)
        raise
    with open_store(location, keychain) as store:
        _log_restore(store, backup_file, kept)
        # A backup made before an erasure must not bring the person back (AVG art. 17).
        reapply_erasures(store)
    return kept


def _log_failed_restore(location: StoreLocation, keychain: Keychain, error: Exception) -> None:
    """A refused or failed restore leaves the store that was there whole, so its log says
    so; a store that does not open (often why one restores) cannot say it."""
    with suppress(Exception), open_store(location, keychain) as store:
        record_outcome(store, "store.restored", "store", None, error)


def _log_restore(store: Store, backup_file: Path, kept: Path | None) -> None:
    with store.transaction() as session:
        restored_events = audit_chain.event_count(session)
        record_event(
            session,
            settings_repo.current_caseworker_id(session),
            "store.restored",
            "store",
            None,
            None,
            {
                "backup": backup_file.name,
                "events_not_restored": max(
                    0, audit_chain.file_event_count(kept, store.key) - restored_events
                ),
            },
        )


def recover_key(location: StoreLocation, keychain: Keychain, recovery_key: str) -> None:
    """Puts the store key back in the keychain, after proving it opens this store.

    The proof is the store file, or, when that is damaged or gone, a backup in its folder.
    A wrong or mistyped recovery key is refused and the keychain is left as it was.
    """
    key = parse_recovery_key(recovery_key)
    if not _opens_store_or_backup(location, key):
        raise RecoveryKeyError(
            "Deze herstelsleutel hoort niet bij de opslag in "
            f"{location.data_dir}: hij opent het opslagbestand niet, en ook geen "
            "reservekopie. Controleer of u de herstelsleutel van deze opslag hebt. "
            "Er is niets veranderd."
        )
    keychain.save_key(location.store_file, key)


def _opens_store_or_backup(location: StoreLocation, key: bytes) -> bool:
    if location.store_file.is_file():
        try:
            if probe_file(location.store_file, key, full=False).decrypts:
                return True
        except OSError:
            pass
    for candidate in list_backups(location):
        try:
            if probe_file(candidate.path, key, full=False).decrypts:
                return True
        except OSError:
            continue
    return False
