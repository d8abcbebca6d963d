"""Raw ``sqlcipher3`` connections to a store or backup file, and a cheap look at one.

No SQLAlchemy here: starting the app reads the first page of cases through this module
(``db/first_look.py``) before the database layer has loaded. Every connection to a store
file goes through ``sqlcipher3``, never the standard library's ``sqlite3``: two SQLite
copies in one process do not see each other's POSIX locks (see ``db/engine.py``).
"""

import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from casedesk.db.cipher_pages import sampled_page_problems
from casedesk.db.search_text import register_search_functions

KEY_BYTES = 32

# The error SQLite gives when page 1 cannot be decrypted: a wrong key or a damaged header.
NOT_A_DATABASE = "file is not a database"


def raw_key_passphrase(key: bytes) -> str:
    """The passphrase form SQLCipher reads as a raw key instead of deriving one."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"store key must be {KEY_BYTES} bytes, got {len(key)}")
    return f"x'{key.hex()}'"


def read_only_uri_options(path: Path) -> dict[str, str]:
    """SQLite URI options that read a store without writing any of its files.

    Without a ``-wal`` file (a store closed cleanly) ``immutable=1`` reads the main file
    alone and creates no ``-wal``/``-shm``. With a ``-wal`` (left by a killed process) its
    committed frames matter, so ``mode=ro`` reads them; SQLite may then rebuild the
    ``-shm`` index, but the main file and the ``-wal`` stay as they are.
    """
    wal = path.with_name(path.name + "-wal")
    return {"mode": "ro"} if wal.exists() else {"immutable": "1"}


def connect_raw(path: Path, key: bytes, *, read_only: bool = False) -> Any:
    """A keyed ``sqlcipher3`` connection, for backups and their verification.

    ``read_only`` leaves the file as it is (see :func:`read_only_uri_options`).
    """
    if read_only:
        query = urllib.parse.urlencode(read_only_uri_options(path))
        target = f"file:{urllib.parse.quote(str(path.absolute()))}?{query}"
        connection = sqlcipher3.connect(target, uri=True)
    else:
        connection = sqlcipher3.connect(str(path))
    try:
        quiet_cipher_log(connection)
        # The sort indexes of migration 0019 hold casedesk_fold: integrity_check needs it.
        register_search_functions(connection)
        connection.execute(f'PRAGMA key = "{raw_key_passphrase(key)}"')
    except BaseException:
        connection.close()
        raise
    return connection


def quiet_cipher_log(dbapi_connection: Any) -> None:
    # SQLCipher logs every failed page decryption to stderr; the user must see only our
    # Dutch message, and the error code already tells us what happened.
    dbapi_connection.execute("PRAGMA cipher_log_level = NONE")


@dataclass(frozen=True)
class FileProbe:
    """What a read-only look at an encrypted file found.

    Attributes:
        decrypts: page 1 decrypts with the key (False: another key, a damaged header, or
            an empty file).
        problems: SQLite's own (English) findings; empty when the file is sound.
    """

    decrypts: bool
    problems: tuple[str, ...] = ()

    @property
    def sound(self) -> bool:
        return self.decrypts and not self.problems


def probe_file(path: Path, key: bytes, *, full: bool) -> FileProbe:
    """Checks a store or backup file with ``key`` without writing it.

    Always (cheap, a few pages whatever the size): page 1 decrypts, the file is a whole
    number of pages (a file cut short inside a page), without a ``-wal`` the header's
    page count is the file's (SQLite's first read already refuses a header that counts
    more pages than the file has), and the HMAC of the last page and of a sample spread
    over the file (:mod:`casedesk.db.cipher_pages`). With ``full`` also
    ``cipher_integrity_check`` (every page's HMAC: overwritten bytes anywhere) and
    ``integrity_check`` (every b-tree and index); both read the whole file, seconds on a
    store of a million dossiers.
    """
    if path.stat().st_size == 0:
        # SQLite reads an empty file as an empty database with any key: it proves nothing.
        return FileProbe(decrypts=False, problems=("the file is empty",))
    connection = connect_raw(path, key, read_only=True)
    try:
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
        except sqlcipher3.DatabaseError as error:
            if NOT_A_DATABASE in str(error):
                return FileProbe(decrypts=False)
            return FileProbe(decrypts=True, problems=(str(error),))
        page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
        problems = _size_problems(path, connection, page_size)
        if not problems:
            problems = sampled_page_problems(path, key, page_size)
        if full and not problems:
            problems = [row[0] for row in connection.execute("PRAGMA cipher_integrity_check")]
        if full and not problems:
            try:
                rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            except sqlcipher3.DatabaseError as error:
                rows = [str(error)]
            problems.extend(row for row in rows if row != "ok")
        return FileProbe(decrypts=True, problems=tuple(problems))
    finally:
        connection.close()


def _size_problems(path: Path, connection: Any, page_size: int) -> list[str]:
    size = path.stat().st_size
    if size % page_size:
        return [f"the file size {size} is not a whole number of {page_size}-byte pages"]
    if path.with_name(path.name + "-wal").exists():
        return []  # pages may live in the -wal until the next checkpoint
    counted = int(connection.execute("PRAGMA page_count").fetchone()[0])
    if counted != size // page_size:
        return [f"the header counts {counted} pages, the file holds {size // page_size}"]
    return []
