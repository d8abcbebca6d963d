"""SQLAlchemy engines for the embedded SQLCipher store (raw connections: ``cipher_file``).

The store key is a random 256-bit key used as SQLCipher's raw key (``x'…'``), so opening a
store costs no key derivation. The dialect issues ``PRAGMA key`` in its own connect hook;
our pragmas are registered on the engine *instance*, which runs after it. A listener on the
``Engine`` class would run first and create a plaintext file (see tests/db/test_engine.py).

Every connection to a store file goes through ``sqlcipher3``, never the standard library's
``sqlite3``: two SQLite copies in one process do not see each other's POSIX locks, and
closing a file in one drops the other's locks, which can corrupt the store.
"""

import urllib.parse
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import NullPool, QueuePool

from casedesk.db.cipher_file import quiet_cipher_log, raw_key_passphrase, read_only_uri_options
from casedesk.db.search_text import register_search_functions


def create_encrypted_engine(
    path: Path, key: bytes, *, echo: bool = False, read_only: bool = False
) -> Engine:
    """An engine on an SQLCipher file: WAL, ``synchronous=FULL``, foreign keys on.

    Does not touch the file until the first connection; the key is checked then (a wrong
    key only fails at the first query, so the connect hook runs one). A ``read_only``
    engine never changes the main file or its ``-wal`` (see ``cipher_file.read_only_uri_options``);
    the store uses it to look before it opens for writing.
    """
    passphrase = raw_key_passphrase(key)
    if read_only:
        url = URL.create(
            "sqlite+pysqlcipher",
            password=passphrase,
            database="file:" + urllib.parse.quote(str(path.absolute())),
            query={"uri": "true", **read_only_uri_options(path)},
        )
        engine = create_engine(url, module=sqlcipher3, poolclass=NullPool, echo=echo)
        event.listen(engine, "connect", _configure_read_only_connection)
        return engine
    url = URL.create("sqlite+pysqlcipher", password=passphrase, database=str(path))
    engine = create_engine(
        url,
        module=sqlcipher3,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
        echo=echo,
    )
    event.listen(engine, "connect", _configure_connection)
    return engine


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    quiet_cipher_log(dbapi_connection)
    # The search index triggers fold in Python (migration 0006).
    register_search_functions(dbapi_connection)
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


def _configure_read_only_connection(dbapi_connection: Any, _record: Any) -> None:
    quiet_cipher_log(dbapi_connection)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("SELECT count(*) FROM sqlite_master")
    finally:
        cursor.close()
