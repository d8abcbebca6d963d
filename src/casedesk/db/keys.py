"""The store key: made at random, kept in the OS keychain, printable as a recovery key.

Each store has its own random 256-bit key, used by SQLCipher as a raw key. It lives in the
OS keychain (``keyring``) under service ``casedesk`` with the store file's absolute path as
user name. The path, not an id stored in the store: the store is encrypted, so an id inside
it cannot be read without the key, and an id in a side file would be one more file to lose
or damage. A moved data folder therefore needs ``casedesk recover`` once; that is the rare
case, and the recovery key covers it.

``keyring`` quietly picks a plaintext file backend when keyrings.alt is installed and no
real keychain runs; :func:`open_keychain` refuses such backends unless an administrator
allows one explicitly.
"""

import base64
import hashlib
import os
import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail

from casedesk.db.cipher_file import KEY_BYTES
from casedesk.errors import KnownError

SERVICE_NAME = "casedesk"
SERVER_SERVICE_NAME = "casedesk-server"
SERVER_AUDIT_SERVICE_NAME = "casedesk-server-audit"
"""The keychain entries of regional server passwords, one per server address."""
SERVER_KEY_SERVICE_NAME = "casedesk-server-key"
"""The passphrases of client certificates' keys, one per server address."""
# The store's last commit mark (db/commit_marks.py) lives in the key's entry, after the key
# and one space: outside the data folder, so that putting an older store file back cannot
# put an older mark back with it, and read with the key in one keychain call at start.
_MARK_SEPARATOR = " "
ALLOW_INSECURE_ENV = "CASEDESK_ALLOW_INSECURE_KEYCHAIN"

# keyring's own advice: a priority below 1 marks a backend as a last resort; keyrings.alt's
# file backends (plaintext or with a weak or no master password) all sit there.
_MINIMUM_SECURE_PRIORITY = 1.0
_INSECURE_MODULE_PREFIXES = ("keyrings.alt", "keyring.backends.null", "keyring.backends.fail")

_CHECKSUM_BYTES = 3  # 32 key bytes + 3 checksum bytes = 280 bits = exactly 56 base32 letters
_CHECKSUM_SALT = b"casedesk-recovery-key-v1"
_GROUP = 4
# Base32 has no 0, 1 or 8, so a reader who types them means O, I or B.
_LOOK_ALIKES = str.maketrans("018", "OIB")

T = TypeVar("T")


class KeychainError(KnownError):
    """The keychain cannot be used right now (missing, locked, failed to start)."""


class InsecureKeychainError(KeychainError):
    """The only keychain available keeps secrets in plaintext."""


class RecoveryKeyError(KnownError):
    """A recovery key that is mistyped or does not belong to this store."""


_NO_KEYCHAIN = (
    "Casedesk vindt geen beveiligde sleutelhanger op deze computer (zoals GNOME Keyring, "
    "KWallet, de macOS-sleutelhanger of Windows Referentiebeheer). Daarin bewaart casedesk "
    "de sleutel van de dossiers. Start de sleutelhanger, of vraag uw beheerder er een in te "
    "stellen, en probeer het daarna opnieuw. Er is niets veranderd."
)
_LOCKED = (
    "De sleutelhanger is vergrendeld, dus casedesk kan de sleutel van de dossiers niet "
    "lezen. Ontgrendel de sleutelhanger (meestal met uw wachtwoord) en probeer het opnieuw. "
    "Er is niets veranderd."
)
_INIT_FAILED = (
    "De sleutelhanger kon niet worden gestart{detail}. Probeer het opnieuw, of vraag uw "
    "beheerder om hulp. Er is niets veranderd."
)
_FAILED = (
    "De sleutelhanger gaf een fout{detail}. Probeer het opnieuw, of vraag uw beheerder "
    "om hulp. Er is niets veranderd."
)
# What keyring's backends say (Secret Service, KWallet, macOS), in Dutch; their own text is
# English and would end up inside a Dutch sentence.
_DUTCH_DETAILS = (
    ("dismissed", "het venster dat om toestemming vroeg, is weggeklikt"),
    ("cancel", "het venster dat om toestemming vroeg, is weggeklikt"),
    ("locked", "de sleutelhanger is vergrendeld"),
    ("unlock", "de sleutelhanger is vergrendeld"),
    ("timed out", "de sleutelhanger reageerde niet op tijd"),
    ("timeout", "de sleutelhanger reageerde niet op tijd"),
    ("dbus", "de verbinding met de sleutelhanger lukte niet"),
    ("d-bus", "de verbinding met de sleutelhanger lukte niet"),
    ("permission", "geen toestemming"),
    ("denied", "geen toestemming"),
)


def dutch_keychain_detail(error: BaseException) -> str:
    """`` (reason)`` in Dutch for a keyring error, or nothing when we do not know it."""
    text = str(error).lower()
    for fragment, dutch in _DUTCH_DETAILS:
        if fragment in text:
            return f" ({dutch})"
    return ""
_INSECURE = (
    "De sleutelhanger op deze computer ({name}) bewaart sleutels niet veilig. Daarin zet "
    "casedesk de sleutel van de dossiers niet. Vraag uw beheerder om een beveiligde "
    "sleutelhanger in te stellen. Een beheerder kan deze sleutelhanger alleen bewust "
    f"toestaan met de omgevingsvariabele {ALLOW_INSECURE_ENV}=1."
)
_INSECURE_WARNING = (
    "Let op: de sleutel van de dossiers staat in een onveilige sleutelhanger ({name}). "
    "Vraag uw beheerder om een beveiligde sleutelhanger."
)
_RECOVERY_KEY_MISTYPED = (
    "Deze herstelsleutel klopt niet: er zit een tikfout in. Een herstelsleutel bestaat uit "
    "14 groepjes van 4 tekens (letters A–Z en cijfers 2–7). Controleer elk groepje en "
    "probeer het opnieuw. Er is niets veranderd."
)


def backend_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _priority(backend: KeyringBackend) -> float:
    try:
        return float(backend.priority)
    except Exception:
        # keyring's own convention: a backend whose priority raises is not viable here.
        return 0.0


def _effective_backend(backend: KeyringBackend) -> KeyringBackend | None:
    """The backend that really stores the key; None when there is none at all.

    The chainer writes to its highest-priority backend and reads from all of them, so we
    judge and use that one backend directly: a plaintext file further down the chain then
    never serves a key either.
    """
    if isinstance(backend, chainer.ChainerBackend):
        chained: list[KeyringBackend] = list(backend.backends)
        return chained[0] if chained else None
    if isinstance(backend, fail.Keyring):
        return None
    return backend


def is_secure_backend(backend: KeyringBackend) -> bool:
    """Whether a backend keeps secrets safely enough for the store key."""
    if backend_name(backend).startswith(_INSECURE_MODULE_PREFIXES):
        return False
    return _priority(backend) >= _MINIMUM_SECURE_PRIORITY


def insecure_keychain_allowed() -> bool:
    return os.environ.get(ALLOW_INSECURE_ENV, "").strip() == "1"


@contextmanager
def _keychain_errors() -> Iterator[None]:
    """Turns the keyring's failures into Dutch messages; nothing was changed when they hit."""
    try:
        yield
    except keyring.errors.KeyringLocked as error:
        raise KeychainError(_LOCKED) from error
    except keyring.errors.NoKeyringError as error:
        raise KeychainError(_NO_KEYCHAIN) from error
    except keyring.errors.InitError as error:
        raise KeychainError(_INIT_FAILED.format(detail=dutch_keychain_detail(error))) from error
    except keyring.errors.PasswordDeleteError:
        raise  # "no such entry": the caller decides
    except keyring.errors.KeyringError as error:
        raise KeychainError(_FAILED.format(detail=dutch_keychain_detail(error))) from error


@dataclass(frozen=True)
class Keychain:
    """The OS keychain as casedesk uses it: one key per store file.

    Attributes:
        backend: the keyring backend that holds the keys.
        warning: a Dutch status-bar text when an administrator allowed an insecure backend;
            None for a secure one.
    """

    backend: KeyringBackend
    warning: str | None = None

    @staticmethod
    def user_name(store_file: Path) -> str:
        return str(store_file.resolve())

    def load_key(self, store_file: Path) -> bytes | None:
        """The key of the store at ``store_file``; None when the keychain has no entry."""
        return self.load_key_and_mark(store_file)[0]

    def load_commit_mark(self, store_file: Path) -> str | None:
        """The copy of the store's last commit mark (text); None when there is none."""
        return self.load_key_and_mark(store_file)[1]

    def load_key_and_mark(self, store_file: Path) -> tuple[bytes | None, str | None]:
        """Both from one read of the entry (each keychain call is a D-Bus round trip)."""
        stored = self._call(self.backend.get_password, SERVICE_NAME, self.user_name(store_file))
        if stored is None:
            return None, None
        key_text, _, mark = stored.partition(_MARK_SEPARATOR)
        try:
            key = bytes.fromhex(key_text)
        except ValueError:
            return None, None
        if len(key) != KEY_BYTES:
            return None, None
        return key, mark or None

    def save_key(self, store_file: Path, key: bytes) -> None:
        """Saves the key; a commit mark already in the entry stays (``recover`` keeps it)."""
        if len(key) != KEY_BYTES:
            raise ValueError(f"store key must be {KEY_BYTES} bytes")
        self._write_entry(store_file, key, self.load_commit_mark(store_file))

    def delete_key(self, store_file: Path) -> None:
        """Removes the entry (with its commit mark); does nothing when there is none."""
        with suppress(keyring.errors.PasswordDeleteError):
            self._call(self.backend.delete_password, SERVICE_NAME, self.user_name(store_file))

    def save_commit_mark(self, store_file: Path, mark: str, key: bytes | None = None) -> None:
        """Puts ``mark`` beside the key; without a key in the keychain there is nothing to do.

        An open store passes its ``key``: one keychain call per mark instead of two.
        """
        if key is None:
            key = self.load_key(store_file)
        if key is not None:
            self._write_entry(store_file, key, mark)

    def delete_commit_mark(self, store_file: Path) -> None:
        key = self.load_key(store_file)
        if key is not None:
            self._write_entry(store_file, key, None)

    def _write_entry(self, store_file: Path, key: bytes, mark: str | None) -> None:
        if mark is not None and _MARK_SEPARATOR in mark:
            raise ValueError("a commit mark has no spaces")
        entry = key.hex() if not mark else f"{key.hex()}{_MARK_SEPARATOR}{mark}"
        self._call(self.backend.set_password, SERVICE_NAME, self.user_name(store_file), entry)

    def save_server_password(self, address: str, password: str) -> None:
        """The password of a regional server login (``address`` holds none itself)."""
        self._call(self.backend.set_password, SERVER_SERVICE_NAME, address, password)

    def load_server_password(self, address: str) -> str | None:
        return self._call(self.backend.get_password, SERVER_SERVICE_NAME, address)

    def delete_server_password(self, address: str) -> None:
        with suppress(keyring.errors.PasswordDeleteError):
            self._call(self.backend.delete_password, SERVER_SERVICE_NAME, address)

    def save_server_key_passphrase(self, address: str, passphrase: str) -> None:
        """The passphrase of the client certificate's key for the server at ``address``."""
        self._call(self.backend.set_password, SERVER_KEY_SERVICE_NAME, address, passphrase)

    def load_server_key_passphrase(self, address: str) -> str | None:
        return self._call(self.backend.get_password, SERVER_KEY_SERVICE_NAME, address)

    def delete_server_key_passphrase(self, address: str) -> None:
        with suppress(keyring.errors.PasswordDeleteError):
            self._call(self.backend.delete_password, SERVER_KEY_SERVICE_NAME, address)

    def save_server_audit_head(self, address: str, head: str) -> None:
        """The newest audit hash an administrator's check saw on a server: kept outside
        the server, so that cutting off its newest events shows at the next check."""
        self._call(self.backend.set_password, SERVER_AUDIT_SERVICE_NAME, address, head)

    def load_server_audit_head(self, address: str) -> str | None:
        return self._call(self.backend.get_password, SERVER_AUDIT_SERVICE_NAME, address)

    @staticmethod
    def _call(method: Callable[..., T], *args: Any) -> T:
        with _keychain_errors():
            return method(*args)


MACOS_BINDINGS = "keyring.backends.macOS.api"
"""keyring's ctypes bindings to macOS's Security framework, loaded with every backend."""


def skip_keychains_of_other_platforms() -> None:
    """Keeps keyring from loading the macOS bindings where there is no macOS.

    keyring loads every installed backend to choose one; the macOS one looks for its
    frameworks with ``ctypes.util.find_library``, which on Linux runs ldconfig, gcc and
    ld three times over (100-250 ms before the first page of cases) only to fail. A
    ``None`` in ``sys.modules`` makes that import fail at once; the backend then counts
    itself out, as it does after the slow failure.
    """
    if sys.platform != "darwin":
        sys.modules.setdefault(MACOS_BINDINGS, None)  # type: ignore[arg-type]


def open_keychain(backend: KeyringBackend | None = None) -> Keychain:
    """The keychain to keep store keys in: the OS's default one unless ``backend`` is given.

    Raises:
        KeychainError: there is no keychain, or it failed to start.
        InsecureKeychainError: the keychain keeps secrets in plaintext and no administrator
            allowed that with ``CASEDESK_ALLOW_INSECURE_KEYCHAIN=1``.
    """
    if backend is None:
        skip_keychains_of_other_platforms()
    with _keychain_errors():
        chosen = backend if backend is not None else keyring.get_keyring()
        effective = _effective_backend(chosen)
    if effective is None:
        raise KeychainError(_NO_KEYCHAIN)
    if is_secure_backend(effective):
        return Keychain(effective)
    name = backend_name(effective)
    if insecure_keychain_allowed():
        return Keychain(effective, warning=_INSECURE_WARNING.format(name=name))
    raise InsecureKeychainError(_INSECURE.format(name=name))


def new_store_key() -> bytes:
    """A fresh random 256-bit store key."""
    return secrets.token_bytes(KEY_BYTES)


def _checksum(key: bytes) -> bytes:
    return hashlib.sha256(_CHECKSUM_SALT + key).digest()[:_CHECKSUM_BYTES]


def format_recovery_key(key: bytes) -> str:
    """The key as 14 groups of 4 base32 letters; the last 5 letters are a checksum.

    It holds the whole key, so it alone restores access; the checksum catches typos.
    """
    if len(key) != KEY_BYTES:
        raise ValueError(f"store key must be {KEY_BYTES} bytes")
    letters = base64.b32encode(key + _checksum(key)).decode("ascii")
    return "-".join(letters[i : i + _GROUP] for i in range(0, len(letters), _GROUP))


def parse_recovery_key(text: str) -> bytes:
    """The store key in a typed recovery key.

    Accepts lower case, spaces and dashes, and 0/1/8 typed for O/I/B (base32 has no 0, 1
    or 8). Raises RecoveryKeyError for anything mistyped.
    """
    letters = "".join(ch for ch in text.upper() if not ch.isspace() and ch != "-")
    letters = letters.translate(_LOOK_ALIKES)
    expected_length = (KEY_BYTES + _CHECKSUM_BYTES) * 8 // 5
    if len(letters) != expected_length:
        raise RecoveryKeyError(_RECOVERY_KEY_MISTYPED)
    try:
        raw = base64.b32decode(letters)
    except ValueError as error:  # binascii.Error is a ValueError
        raise RecoveryKeyError(_RECOVERY_KEY_MISTYPED) from error
    key, checksum = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if not secrets.compare_digest(checksum, _checksum(key)):
        raise RecoveryKeyError(_RECOVERY_KEY_MISTYPED)
    return key
