"""Engines for the embedded SQLCipher store.

The store key is a random 256-bit key used as SQLCipher's raw key (``x'…'``), so opening a
store costs no key derivation. The dialect issues ``PRAGMA key`` in its own connect hook;
our pragmas are registered on the engine *instance*, which runs after it. A listener on the
``Engine`` class would run first and create a plaintext file (see tests/db/test_engine.py).
"""

from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

KEY_BYTES = 32


def raw_key_passphrase(key: bytes) -> str:
    """The passphrase form SQLCipher reads as a raw key instead of deriving one."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"store key must be {KEY_BYTES} bytes, got {len(key)}")
    return f"x'{key.hex()}'"


def create_encrypted_engine(path: Path, key: bytes, *, echo: bool = False) -> Engine:
    """An engine on an SQLCipher file: WAL, ``synchronous=FULL``, foreign keys on.

    Does not touch the file until the first connection; the key is checked then (a wrong
    key only fails at the first query, so the connect hook runs one).
    """
    passphrase = raw_key_passphrase(key)
    engine = create_engine(
        f"sqlite+pysqlcipher://:{passphrase}@/{path}",
        module=sqlcipher3,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
        echo=echo,
    )
    event.listen(engine, "connect", _configure_connection)
    return engine


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # Fails with "file is not a database" on a wrong key, before anything is written.
        cursor.execute("SELECT count(*) FROM sqlite_master")
        cursor.execute("PRAGMA journal_mode=WAL")
        # A committed intake must survive a power cut, not only a crash.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()
