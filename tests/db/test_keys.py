"""Store keys: the keychain, insecure backends, and the printable recovery key."""

import os
import subprocess
import sys
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail

from casedesk.db.keys import (
    ALLOW_INSECURE_ENV,
    SERVICE_NAME,
    InsecureKeychainError,
    Keychain,
    KeychainError,
    RecoveryKeyError,
    format_recovery_key,
    new_store_key,
    open_keychain,
    parse_recovery_key,
)
from tests.conftest import MemoryKeyring, real_keychain_or_skip

REPO = Path(__file__).resolve().parents[2]


class PlaintextFileKeyring(KeyringBackend):
    """Like keyrings.alt's PlaintextKeyring: a file anyone with the disk can read."""

    priority = 0.5
    viable = False  # keep keyring's own detection away from this test backend

    def __init__(self, path: Path) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.path = path

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.path.write_text(f"{service} {username} {password}\n")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError(username)


class FailingInitKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.InitError("dbus connection refused")


def test_recovery_key_is_14_groups_of_4_and_gives_back_the_key() -> None:
    key = new_store_key()
    recovery = format_recovery_key(key)
    groups = recovery.split("-")
    assert len(groups) == 14 and all(len(group) == 4 for group in groups)
    assert parse_recovery_key(recovery) == key


def test_recovery_key_accepts_lower_case_spaces_and_look_alike_digits() -> None:
    key = bytes(range(32))
    recovery = format_recovery_key(key)
    typed = recovery.lower().replace("-", " ").replace("o", "0").replace("i", "1")
    assert parse_recovery_key(typed) == key


@pytest.mark.parametrize("position", [0, 17, 40, 55])
def test_a_mistyped_recovery_key_is_refused_in_dutch(position: int) -> None:
    letters = format_recovery_key(new_store_key()).replace("-", "")
    changed = "B" if letters[position] != "B" else "C"
    typo = letters[:position] + changed + letters[position + 1 :]
    with pytest.raises(RecoveryKeyError, match="tikfout"):
        parse_recovery_key(typo)


def test_a_recovery_key_with_a_group_missing_is_refused() -> None:
    recovery = format_recovery_key(new_store_key())
    with pytest.raises(RecoveryKeyError, match="14 groepjes van 4"):
        parse_recovery_key(recovery[:-5])


def test_keychain_keeps_the_key_under_the_store_path(
    memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    keychain = open_keychain()
    key = new_store_key()
    keychain.save_key(tmp_path / "casedesk.db", key)
    assert keychain.load_key(tmp_path / "casedesk.db") == key
    assert (SERVICE_NAME, str((tmp_path / "casedesk.db").resolve())) in memory_keyring.entries
    assert keychain.load_key(tmp_path / "other.db") is None
    assert keychain.warning is None


def test_a_plaintext_keyring_is_refused_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ALLOW_INSECURE_ENV, raising=False)
    with pytest.raises(InsecureKeychainError, match="bewaart sleutels niet veilig"):
        open_keychain(PlaintextFileKeyring(tmp_path / "keys.txt"))
    assert not (tmp_path / "keys.txt").exists()


def test_an_administrator_may_allow_a_plaintext_keyring_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ALLOW_INSECURE_ENV, "1")
    keychain = open_keychain(PlaintextFileKeyring(tmp_path / "keys.txt"))
    assert keychain.warning is not None
    assert "onveilige sleutelhanger" in keychain.warning


def test_the_fail_keyring_means_no_keychain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALLOW_INSECURE_ENV, "1")  # even then: there is nowhere to keep it
    with pytest.raises(KeychainError, match="geen beveiligde sleutelhanger"):
        open_keychain(fail.Keyring())  # type: ignore[no-untyped-call]


def test_a_chainer_without_backends_means_no_keychain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    with pytest.raises(KeychainError, match="geen beveiligde sleutelhanger"):
        open_keychain(chainer.ChainerBackend())  # type: ignore[no-untyped-call]


def test_a_chainer_is_judged_by_the_backend_it_writes_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ALLOW_INSECURE_ENV, raising=False)
    plaintext = PlaintextFileKeyring(tmp_path / "keys.txt")
    secure = MemoryKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [plaintext, secure])
    with pytest.raises(InsecureKeychainError):
        open_keychain(chainer.ChainerBackend())  # type: ignore[no-untyped-call]
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [secure, plaintext])
    keychain = open_keychain(chainer.ChainerBackend())  # type: ignore[no-untyped-call]
    assert keychain.backend is secure


def test_a_locked_keychain_is_a_dutch_error_that_changes_nothing(
    memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    keychain = open_keychain()
    memory_keyring.locked = True
    with pytest.raises(KeychainError, match="vergrendeld"):
        keychain.load_key(tmp_path / "casedesk.db")
    with pytest.raises(KeychainError, match="vergrendeld"):
        keychain.save_key(tmp_path / "casedesk.db", new_store_key())
    assert memory_keyring.entries == {}


def test_a_missing_keychain_is_a_dutch_error(
    memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    keychain = open_keychain()
    memory_keyring.missing = True
    with pytest.raises(KeychainError, match="geen beveiligde sleutelhanger"):
        keychain.load_key(tmp_path / "casedesk.db")


def test_a_keychain_that_fails_to_start_is_a_dutch_error(tmp_path: Path) -> None:
    keychain = Keychain(FailingInitKeyring())
    with pytest.raises(KeychainError, match="kon niet worden gestart"):
        keychain.load_key(tmp_path / "casedesk.db")


def test_without_a_session_bus_the_os_keychain_is_refused_in_dutch(tmp_path: Path) -> None:
    # The real detection in a fresh process: no D-Bus means no Secret Service.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHON_KEYRING_BACKEND", ALLOW_INSECURE_ENV}
    }
    env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={tmp_path / 'no-bus'}"
    env["XDG_CONFIG_HOME"] = str(tmp_path)  # no keyringrc.cfg choosing a backend
    script = (
        "from casedesk.db.keys import open_keychain, KeychainError\n"
        "try:\n    open_keychain()\nexcept KeychainError as error:\n    print(error)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    # keyring then falls back to its fail backend, or to a plaintext file backend where
    # keyrings.alt is installed: both are refused with a Dutch message.
    assert (
        "geen beveiligde sleutelhanger" in result.stdout
        or "bewaart sleutels niet veilig" in result.stdout
    ), result.stdout + result.stderr


@pytest.mark.keychain
def test_the_real_keychain_keeps_and_gives_back_a_key(
    real_keychain: Keychain, tmp_path: Path
) -> None:
    store_file = tmp_path / "casedesk.db"
    key = new_store_key()
    real_keychain.save_key(store_file, key)
    try:
        assert real_keychain.load_key(store_file) == key
        assert real_keychain.warning is None
    finally:
        real_keychain.delete_key(store_file)
    assert real_keychain.load_key(store_file) is None


@pytest.mark.keychain
def test_a_locked_real_keychain_is_a_dutch_error(tmp_path: Path) -> None:
    real_keychain_or_skip()
    # Locking cannot be undone without a prompt, so it runs in its own keyring session.
    script = tmp_path / "lock_and_read.py"
    script.write_text(
        "import secretstorage\n"
        "from pathlib import Path\n"
        "from casedesk.db.keys import open_keychain, KeychainError\n"
        "keychain = open_keychain()\n"
        "connection = secretstorage.dbus_init()\n"
        "secretstorage.get_default_collection(connection).lock()\n"
        "try:\n"
        "    keychain.load_key(Path('/tmp/casedesk.db'))\n"
        "except KeychainError as error:\n"
        "    print(error)\n"
    )
    env = {
        key: value for key, value in os.environ.items() if key != "CASEDESK_IN_KEYCHAIN_SESSION"
    }
    result = subprocess.run(
        [str(REPO / "scripts" / "run-with-keychain.sh"), sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "vergrendeld" in result.stdout


# --- the commit mark beside the key ---------------------------------------------------


def test_the_commit_mark_is_kept_in_the_key_entry_and_read_with_it(
    keychain: Keychain, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    store_file = tmp_path / "casedesk.db"
    key = new_store_key()
    keychain.save_key(store_file, key)
    keychain.save_commit_mark(store_file, '{"count":3}')
    assert len(memory_keyring.entries) == 1
    assert keychain.load_key_and_mark(store_file) == (key, '{"count":3}')


def test_putting_the_key_back_keeps_the_commit_mark(
    keychain: Keychain, tmp_path: Path
) -> None:
    store_file = tmp_path / "casedesk.db"
    key = new_store_key()
    keychain.save_key(store_file, key)
    keychain.save_commit_mark(store_file, '{"count":3}')
    keychain.save_key(store_file, key)
    assert keychain.load_commit_mark(store_file) == '{"count":3}'


def test_a_key_entry_of_an_older_casedesk_has_no_commit_mark(
    keychain: Keychain, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    store_file = tmp_path / "casedesk.db"
    key = new_store_key()
    memory_keyring.set_password(SERVICE_NAME, str(store_file.resolve()), key.hex())
    assert keychain.load_key_and_mark(store_file) == (key, None)


def test_a_commit_mark_without_a_key_is_not_kept(keychain: Keychain, tmp_path: Path) -> None:
    store_file = tmp_path / "casedesk.db"
    keychain.save_commit_mark(store_file, '{"count":3}')
    assert keychain.load_key_and_mark(store_file) == (None, None)
