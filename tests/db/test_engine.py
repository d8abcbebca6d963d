"""The encrypted engine: never plaintext on disk, wrong keys caught, read-only looks."""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy.exc
from sqlalchemy import Engine, event, text

from casedesk.db.cipher_file import probe_file
from casedesk.db.engine import create_encrypted_engine
from casedesk.db.keys import new_store_key

MARKER = "PLAINTEXT-MARKER-Özdemir-7f3a"
SQLITE_HEADER = b"SQLite format 3"


def _write_marker_rows(engine: Engine, rows: int = 200) -> None:
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
        for number in range(rows):
            connection.execute(
                text("INSERT INTO notes (body) VALUES (:body)"), {"body": f"{MARKER} {number}"}
            )


def _files(path: Path) -> list[Path]:
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


@pytest.fixture
def engine_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


def test_store_file_never_starts_with_the_sqlite_header(engine_path: Path) -> None:
    engine = create_encrypted_engine(engine_path, new_store_key())
    _write_marker_rows(engine)
    assert not engine_path.read_bytes().startswith(SQLITE_HEADER)
    engine.dispose()
    assert not engine_path.read_bytes().startswith(SQLITE_HEADER)


def test_no_store_file_wal_or_shm_holds_plaintext(engine_path: Path) -> None:
    engine = create_encrypted_engine(engine_path, new_store_key())
    _write_marker_rows(engine)
    with engine.connect() as connection:  # keep the -wal and -shm alive while we look
        connection.execute(text("SELECT count(*) FROM notes")).one()
        files = _files(engine_path)
        assert Path(f"{engine_path}-wal") in files
        for path in files:
            data = path.read_bytes()
            assert MARKER.encode() not in data, path.name
            assert SQLITE_HEADER not in data[:100], path.name
    engine.dispose()


@pytest.fixture
def class_level_listener() -> Iterator[None]:
    """The trap: a connect listener on the Engine class runs before the dialect's key."""

    def set_wal(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA journal_mode=WAL")

    event.listen(Engine, "connect", set_wal)
    try:
        yield
    finally:
        event.remove(Engine, "connect", set_wal)


@pytest.mark.usefixtures("class_level_listener")
def test_a_class_level_listener_creates_a_plaintext_file(engine_path: Path) -> None:
    # Shows why our listener is on the instance: this is what the trap does.
    engine = create_encrypted_engine(engine_path, new_store_key())
    with pytest.raises(sqlalchemy.exc.DatabaseError):
        engine.connect().close()
    engine.dispose()
    assert engine_path.read_bytes().startswith(SQLITE_HEADER)


def test_a_wrong_key_only_fails_at_the_first_query_and_writes_nothing(
    engine_path: Path,
) -> None:
    right = create_encrypted_engine(engine_path, new_store_key())
    _write_marker_rows(right)
    right.dispose()
    before = engine_path.read_bytes()

    wrong = create_encrypted_engine(engine_path, new_store_key())  # no error yet
    with pytest.raises(sqlalchemy.exc.DatabaseError, match="file is not a database"):
        wrong.connect()
    wrong.dispose()
    assert engine_path.read_bytes() == before
    assert _files(engine_path) == [engine_path]


def test_connections_use_wal_full_sync_and_foreign_keys(engine_path: Path) -> None:
    engine = create_encrypted_engine(engine_path, new_store_key())
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_a_read_only_engine_creates_no_wal_or_shm_beside_a_closed_store(
    engine_path: Path,
) -> None:
    key = new_store_key()
    writer = create_encrypted_engine(engine_path, key)
    _write_marker_rows(writer)
    writer.dispose()
    before = engine_path.read_bytes()

    reader = create_encrypted_engine(engine_path, key, read_only=True)
    with reader.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM notes")).scalar() == 200
        with pytest.raises(sqlalchemy.exc.OperationalError):
            connection.execute(text("DELETE FROM notes"))
    reader.dispose()
    assert _files(engine_path) == [engine_path]
    assert engine_path.read_bytes() == before


def _closed_store(engine_path: Path, key: bytes) -> bytes:
    engine = create_encrypted_engine(engine_path, key)
    _write_marker_rows(engine, rows=3000)
    engine.dispose()
    return engine_path.read_bytes()


def test_probe_finds_a_sound_file_sound(engine_path: Path) -> None:
    key = new_store_key()
    _closed_store(engine_path, key)
    assert probe_file(engine_path, key, full=True).sound


def _overwrite(path: Path, data: bytes, at: int) -> None:
    path.write_bytes(data[:at] + b"\0" * 64 + data[at + 64 :])


def test_the_full_probe_finds_overwritten_bytes_anywhere(engine_path: Path) -> None:
    key = new_store_key()
    data = _closed_store(engine_path, key)
    _overwrite(engine_path, data, len(data) // 2 + 1000)
    probe = probe_file(engine_path, key, full=True)
    assert probe.decrypts and probe.problems


def test_the_quick_probe_leaves_unsampled_pages_to_the_full_check(engine_path: Path) -> None:
    key = new_store_key()
    data = _closed_store(engine_path, key)
    _overwrite(engine_path, data, 3 * 4096 + 1000)  # page 4: not in the sample
    assert probe_file(engine_path, key, full=False).sound
    assert not probe_file(engine_path, key, full=True).sound


def test_the_quick_probe_finds_overwritten_bytes_in_the_last_page(engine_path: Path) -> None:
    key = new_store_key()
    data = _closed_store(engine_path, key)
    _overwrite(engine_path, data, len(data) - 1000)
    probe = probe_file(engine_path, key, full=False)
    assert probe.decrypts and probe.problems


@pytest.mark.parametrize("cut", [1000, 4096, 3 * 4096])
def test_probe_finds_a_truncated_file(engine_path: Path, cut: int) -> None:
    key = new_store_key()
    data = _closed_store(engine_path, key)
    engine_path.write_bytes(data[:-cut])
    assert not probe_file(engine_path, key, full=False).sound


def test_probe_tells_a_wrong_key_from_a_sound_file(engine_path: Path) -> None:
    _closed_store(engine_path, new_store_key())
    probe = probe_file(engine_path, new_store_key(), full=True)
    assert not probe.decrypts


def test_probe_refuses_an_empty_file(engine_path: Path) -> None:
    engine_path.write_bytes(b"")
    assert not probe_file(engine_path, new_store_key(), full=True).sound


def test_sqlcipher_prints_nothing_on_a_wrong_key(engine_path: Path) -> None:
    _closed_store(engine_path, new_store_key())
    script = (
        "import sys; from pathlib import Path;"
        "from casedesk.db.engine import create_encrypted_engine;"
        "e = create_encrypted_engine(Path(sys.argv[1]), bytes(32))\n"
        "try:\n    e.connect()\nexcept Exception as error:\n    print(type(error).__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(engine_path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert result.stdout.strip() == "DatabaseError"
    assert result.stderr == ""
