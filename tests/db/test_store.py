"""The store's life cycle: where it lives, create, open and every refusal to open."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import keyring.errors
import platformdirs
import pytest
from sqlalchemy import select, text

from casedesk.db import migrate
from casedesk.db.backup import backup
from casedesk.db.engine import create_encrypted_engine
from casedesk.db.keys import (
    ALLOW_INSECURE_ENV,
    Keychain,
    KeychainError,
    new_store_key,
    open_keychain,
    parse_recovery_key,
)
from casedesk.db.location import (
    DATA_DIR_ENV,
    StoreInUseError,
    StoreLocation,
    resolve_data_dir,
)
from casedesk.db.models import Setting
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
from tests.conftest import MemoryKeyring
from tests.db.conftest import store_files_fingerprint
from tests.db.schema_helpers import upgrade_to

REPO = Path(__file__).resolve().parents[2]
SQLITE_HEADER = b"SQLite format 3"


def _child(mode: str, location: StoreLocation, key: bytes) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.db.store_child", mode, str(location.data_dir)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CASEDESK_TEST_STORE_KEY": key.hex()},
    )


def _closed_store_with_a_row(location: StoreLocation, keychain: Keychain) -> bytes:
    store, _ = create_store(location, keychain)
    with store, store.transaction() as session:
        session.add(Setting(key="marker", value="Özdemir"))
    return store.key


def _damage(path: Path, offset: int, length: int = 64) -> None:
    data = bytearray(path.read_bytes())
    data[offset : offset + length] = b"\xa5" * length
    path.write_bytes(bytes(data))


# --- where the store lives ---------------------------------------------------------------


def test_data_dir_option_beats_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert resolve_data_dir(tmp_path / "from-cli") == tmp_path / "from-cli"


def test_environment_beats_the_platform_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert resolve_data_dir(None) == tmp_path / "from-env"


def test_without_option_or_environment_the_platform_user_data_folder_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    expected = Path(platformdirs.user_data_dir("casedesk", appauthor=False))
    assert resolve_data_dir(None) == expected


def test_location_names_the_store_file_and_backups_folder(tmp_path: Path) -> None:
    location = StoreLocation.in_dir(tmp_path)
    assert location.store_file == tmp_path / "casedesk.db"
    assert location.backups_dir == tmp_path / "backups"


# --- create ------------------------------------------------------------------------------


def test_a_new_store_is_encrypted_and_at_the_newest_schema(
    location: StoreLocation, keychain: Keychain
) -> None:
    store, _ = create_store(location, keychain)
    with store, store.engine.connect() as connection:
        assert migrate.database_revision(connection) == migrate.head_revision()
    assert not location.store_file.read_bytes().startswith(SQLITE_HEADER)
    assert sorted(p.name for p in location.data_dir.iterdir() if p.name != "casedesk.db.lock") == [
        "casedesk.db"
    ]


def test_the_recovery_key_holds_the_store_key(location: StoreLocation, keychain: Keychain) -> None:
    store, recovery_key = create_store(location, keychain)
    store.close()
    assert parse_recovery_key(recovery_key) == keychain.load_key(location.store_file)


@pytest.mark.parametrize("content", [b"", b"not a store", b"SQLite format 3\0" + bytes(4080)])
def test_create_never_makes_a_store_over_an_existing_file(
    location: StoreLocation, keychain: Keychain, memory_keyring: MemoryKeyring, content: bytes
) -> None:
    location.data_dir.mkdir(parents=True)
    location.store_file.write_bytes(content)
    with pytest.raises(StoreExistsError, match="nooit een nieuwe opslag"):
        create_store(location, keychain)
    assert location.store_file.read_bytes() == content
    assert memory_keyring.entries == {}


def test_create_refuses_over_an_existing_store(
    location: StoreLocation, keychain: Keychain
) -> None:
    key = _closed_store_with_a_row(location, keychain)
    before = store_files_fingerprint(location)
    with pytest.raises(StoreExistsError):
        create_store(location, keychain)
    assert store_files_fingerprint(location) == before
    assert keychain.load_key(location.store_file) == key


def test_create_refuses_where_backups_of_a_lost_store_remain(
    location: StoreLocation, keychain: Keychain
) -> None:
    store, _ = create_store(location, keychain)
    with store:
        made = backup(store)
    location.store_file.unlink()
    with pytest.raises(StoreExistsError, match="casedesk restore") as refused:
        create_store(location, keychain)
    assert str(made) in str(refused.value)
    assert not location.store_file.exists()


def test_create_with_a_locked_keychain_makes_no_file(
    location: StoreLocation, keychain: Keychain, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.locked = True
    with pytest.raises(KeychainError, match="vergrendeld"):
        create_store(location, keychain)
    assert not location.store_file.exists()
    assert [p.name for p in location.data_dir.iterdir()] in ([], ["casedesk.db.lock"])


# --- open: the happy path ----------------------------------------------------------------


def test_a_transaction_commits_and_a_failed_one_rolls_back(store: Store) -> None:
    with store.transaction() as session:
        session.add(Setting(key="kept", value="1"))
    with pytest.raises(RuntimeError), store.transaction() as session:
        session.add(Setting(key="dropped", value="1"))
        session.flush()
        raise RuntimeError("use case failed")
    with store.session() as session:
        keys = set(session.scalars(select(Setting.key)))
    assert "kept" in keys and "dropped" not in keys


def test_a_closed_store_opens_again_with_its_rows(
    location: StoreLocation, keychain: Keychain
) -> None:
    _closed_store_with_a_row(location, keychain)
    with open_store(location, keychain) as store, store.session() as session:
        assert session.get(Setting, "marker") is not None
        assert store.warning is None


def test_an_allowed_insecure_keychain_shows_a_warning_on_the_store(
    location: StoreLocation, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MemoryKeyring, "priority", 0.5)
    monkeypatch.setenv(ALLOW_INSECURE_ENV, "1")
    store, _ = create_store(location, open_keychain())
    with store:
        assert store.warning is not None and "onveilige" in store.warning


def test_an_older_store_is_backed_up_and_then_migrated(
    location: StoreLocation, keychain: Keychain
) -> None:
    key = new_store_key()
    location.data_dir.mkdir(parents=True)
    engine = create_encrypted_engine(location.store_file, key)
    previous = sorted(migrate.known_revisions() - {migrate.head_revision()})[-1]
    upgrade_to(engine, previous)
    engine.dispose()
    keychain.save_key(location.store_file, key)

    with open_store(location, keychain) as store, store.engine.connect() as connection:
        assert migrate.database_revision(connection) == migrate.head_revision()
    backups = list(location.backups_dir.glob("casedesk-*.db"))
    assert len(backups) == 1
    old = create_encrypted_engine(backups[0], key, read_only=True)
    with old.connect() as connection:
        assert migrate.database_revision(connection) == previous
    old.dispose()


# --- open: every refusal, each leaving the files as they were ----------------------------


def test_no_store_file_says_how_to_set_one_up(
    location: StoreLocation, keychain: Keychain
) -> None:
    with pytest.raises(StoreMissingError, match="casedesk init"):
        open_store(location, keychain)
    assert not location.store_file.exists()


def test_a_keychain_without_the_entry_points_to_recover(
    location: StoreLocation, keychain: Keychain
) -> None:
    _closed_store_with_a_row(location, keychain)
    keychain.delete_key(location.store_file)
    before = store_files_fingerprint(location)
    with pytest.raises(StoreKeyMissingError, match="casedesk recover"):
        open_store(location, keychain)
    assert store_files_fingerprint(location) == before


def test_a_wrong_key_is_refused_and_the_file_is_unchanged(
    location: StoreLocation, keychain: Keychain
) -> None:
    _closed_store_with_a_row(location, keychain)
    keychain.save_key(location.store_file, new_store_key())
    before = store_files_fingerprint(location)
    with pytest.raises(WrongKeyError, match="past niet bij het opslagbestand"):
        open_store(location, keychain)
    assert store_files_fingerprint(location) == before


def test_a_locked_keychain_is_refused_and_the_file_is_unchanged(
    location: StoreLocation, keychain: Keychain, memory_keyring: MemoryKeyring
) -> None:
    _closed_store_with_a_row(location, keychain)
    before = store_files_fingerprint(location)
    memory_keyring.locked = True
    with pytest.raises(KeychainError, match="vergrendeld"):
        open_store(location, keychain)
    assert store_files_fingerprint(location) == before


@pytest.fixture
def store_with_backup(location: StoreLocation, keychain: Keychain) -> Path:
    """A closed store with many rows and one good backup; returns the backup."""
    store, _ = create_store(location, keychain)
    with store:
        with store.transaction() as session:
            for number in range(2000):
                session.add(Setting(key=f"row-{number:05d}", value="Özdemir " * 10))
        return backup(store)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: _damage(path, path.stat().st_size - 1000), id="overwritten"),
        pytest.param(lambda path: _damage(path, 200), id="header-overwritten"),
        pytest.param(
            lambda path: path.write_bytes(path.read_bytes()[: -3 * 4096]), id="truncated-pages"
        ),
        pytest.param(lambda path: path.write_bytes(path.read_bytes()[:-1000]), id="truncated"),
        pytest.param(lambda path: path.write_bytes(b""), id="emptied"),
    ],
)
def test_a_damaged_store_is_refused_with_the_newest_good_backup_named(
    location: StoreLocation, keychain: Keychain, store_with_backup: Path, damage: object
) -> None:
    assert callable(damage)
    damage(location.store_file)
    before = store_files_fingerprint(location)
    with pytest.raises(StoreDamagedError, match="casedesk restore") as refused:
        open_store(location, keychain)
    assert refused.value.newest_good_backup == store_with_backup
    assert store_with_backup.name in str(refused.value)
    assert store_files_fingerprint(location) == before


def test_a_damaged_store_without_backups_says_so(
    location: StoreLocation, keychain: Keychain
) -> None:
    _closed_store_with_a_row(location, keychain)
    _damage(location.store_file, location.store_file.stat().st_size - 100)
    with pytest.raises(StoreDamagedError, match="geen goede reservekopie") as refused:
        open_store(location, keychain)
    assert refused.value.newest_good_backup is None


def test_a_store_from_a_newer_casedesk_is_refused_and_unchanged(
    location: StoreLocation, keychain: Keychain
) -> None:
    key = _closed_store_with_a_row(location, keychain)
    engine = create_encrypted_engine(location.store_file, key)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00d-from-2030'"))
    engine.dispose()
    before = store_files_fingerprint(location)
    with pytest.raises(StoreTooNewError, match="nieuwere versie van casedesk"):
        open_store(location, keychain)
    assert store_files_fingerprint(location) == before


def test_a_second_open_in_the_same_process_is_refused(
    location: StoreLocation, keychain: Keychain, store: Store
) -> None:
    with pytest.raises(StoreInUseError, match="al geopend"):
        open_store(location, keychain)
    with store.transaction() as session:  # the first one still works
        session.add(Setting(key="still", value="works"))


def test_a_second_instance_in_another_process_is_refused(
    location: StoreLocation, keychain: Keychain
) -> None:
    key = _closed_store_with_a_row(location, keychain)
    holder = _child("hold", location, key)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreInUseError, match="al geopend"):
            open_store(location, keychain)
    finally:
        holder.communicate(timeout=30)  # closing stdin lets it close the store
    assert holder.returncode == 0
    open_store(location, keychain).close()


def test_the_lock_does_not_survive_a_killed_process(
    location: StoreLocation, keychain: Keychain
) -> None:
    key = _closed_store_with_a_row(location, keychain)
    holder = _child("hold", location, key)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=30)
    with open_store(location, keychain) as store, store.session() as session:
        assert session.get(Setting, "marker") is not None


def test_the_store_code_never_opens_the_file_with_the_stdlib_sqlite3(tmp_path: Path) -> None:
    # Two SQLite copies in one process drop each other's locks. The child runs the whole
    # life cycle under an audit hook that sees every stdlib sqlite3 connection; its last
    # line proves the hook works by making one such connection on purpose.
    child = subprocess.run(
        [sys.executable, "-m", "tests.db.store_child", "life-cycle", str(tmp_path / "data")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={key: value for key, value in os.environ.items() if key != "CASEDESK_TEST_STORE_KEY"},
    )
    during_life_cycle, with_control = (json.loads(line) for line in child.stdout.splitlines())
    assert during_life_cycle == []
    assert len(with_control) == 1 and with_control[0].endswith("control.db")


def test_create_with_a_keychain_that_refuses_the_key_makes_no_store(
    location: StoreLocation,
    keychain: Keychain,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(_service: str, _username: str, _password: str) -> None:
        raise keyring.errors.PasswordSetError("write refused")

    monkeypatch.setattr(memory_keyring, "set_password", refuse)
    with pytest.raises(KeychainError, match="gaf een fout"):
        create_store(location, keychain)
    assert not location.store_file.exists()
    assert [p.name for p in location.data_dir.iterdir()] == ["casedesk.db.lock"]


def test_importing_the_store_module_leaves_the_lock_library_for_opening() -> None:
    # filelock costs the first window tens of milliseconds; lock_store imports it.
    probe = "import sys, casedesk.db.store; print('filelock' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True)
    assert result.stdout.decode().strip() == "False"
