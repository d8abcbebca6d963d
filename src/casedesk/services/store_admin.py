"""Use cases around the store itself, shared by the command line and the app.

Set up a store, check it, back it up, put a backup back, and put a lost key back in the
keychain with the recovery key. Each raises a KnownError with a Dutch message for anything
the user can act on.
"""

from dataclasses import dataclass
from pathlib import Path

from casedesk.catalog.regions import load_default_region_table
from casedesk.db import settings_repo
from casedesk.db.backup import BackupError, backup, list_backups, restore
from casedesk.db.engine import FileProbe, probe_file
from casedesk.db.keys import Keychain, RecoveryKeyError, parse_recovery_key
from casedesk.db.location import StoreInUseError, StoreLocation
from casedesk.db.store import (
    Store,
    StoreDamagedError,
    StoreExistsError,
    StoreKeyMissingError,
    StoreMissingError,
    StoreTooNewError,
    WrongKeyError,
    create_store,
    open_store,
)
from casedesk.errors import KnownError

__all__ = [
    "BackupError",
    "CheckReport",
    "RecoveryKeyError",
    "StoreDamagedError",
    "StoreExistsError",
    "StoreInUseError",
    "StoreKeyMissingError",
    "StoreMissingError",
    "StoreTooNewError",
    "WrongKeyError",
    "backup_store",
    "check_store",
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


def init_store(
    location: StoreLocation,
    keychain: Keychain,
    caseworker_name: str | None = None,
    municipality_code: str | None = None,
) -> str:
    """Creates the store, saves who works here, and returns the recovery key (show once)."""
    store, recovery_key = create_store(location, keychain)
    with store, store.transaction() as session:
        # The case list shows municipality names, not CBS codes.
        settings_repo.save_municipalities(session, load_default_region_table().municipalities)
        if caseworker_name is not None and caseworker_name.strip():
            caseworker_id = settings_repo.add_caseworker(session, caseworker_name)
            settings_repo.set_current_caseworker(session, caseworker_id)
        if municipality_code is not None and municipality_code.strip():
            settings_repo.set_setting(
                session, settings_repo.MUNICIPALITY_CODE, municipality_code.strip()
            )
    return recovery_key


def check_store(location: StoreLocation, keychain: Keychain) -> CheckReport:
    """Key and full integrity check of the store (the command ``casedesk check``).

    Opening already checks the key, every page's checksum and the schema version; this adds
    SQLite's full ``integrity_check``. A refusal to open becomes a failed report, except
    for problems with the keychain or a store that is in use, which are raised as is.
    """
    lines = [f"Opslag: {location.store_file}"]
    try:
        store = open_store(location, keychain)
    except (
        StoreMissingError,
        StoreKeyMissingError,
        WrongKeyError,
        StoreDamagedError,
        StoreTooNewError,
    ) as error:
        return CheckReport(ok=False, lines=(*lines, str(error)))
    with store:
        lines.append("Sleutel: past bij de opslag.")
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
    return CheckReport(ok=probe.sound, lines=tuple(lines))


def backup_store(location: StoreLocation, keychain: Keychain, to: Path | None = None) -> Path:
    """Opens the store, makes a verified backup (into the backups folder or ``to``)."""
    with open_store(location, keychain) as store:
        return backup(store, to)


def backup_open_store(store: Store, to: Path | None = None) -> Path:
    """A verified backup of the store the app has open (on close and daily)."""
    return backup(store, to)


def restore_store(
    location: StoreLocation, keychain: Keychain, backup_file: Path
) -> Path | None:
    """Puts a backup back; returns where the replaced store was kept (None if none)."""
    if location.store_file.is_dir():
        raise KnownError(
            f"Op de plek van de opslag ({location.store_file}) staat een map, geen bestand: "
            "dit is een map. casedesk zet daar geen reservekopie overheen. Vraag uw beheerder "
            "de map weg te halen of te verplaatsen, en probeer het daarna opnieuw. Er is "
            "niets veranderd."
        )
    return restore(location, keychain, backup_file)


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
