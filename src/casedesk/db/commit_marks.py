"""The commit mark: notices an older store file or a lost ``-wal`` before anything is lost.

SQLite keeps committed transactions in the ``-wal`` until a checkpoint copies them into the
main file. Lose the ``-wal`` after a crash, cut it short, flip a byte in it, or put an older
main file back, and SQLite opens what is left without a word: the file is sound, only
dossiers are missing. So every transaction that changes a row also advances one row in the
store (``store_commit_mark``: a count and a random id of the last commit), and the app keeps
a copy of that mark outside the data folder, in the keychain beside the store key. At the
next start the mark in the file must not be behind the copy:

- the same mark, or a file ahead of the copy (the copy is written in the background, so a
  crash may leave it one or two commits behind): the store is as we left it;
- a file behind the copy, or the same count with another last commit (a different history):
  commits that were made are not in the file, and the store is refused with the way back.

What this cannot see: commits made after the copy was last written and lost with them
(at most the few commits of the last fraction of a second before a crash).
"""

import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from casedesk.db.commit_verdict import CommitMark as CommitMark
from casedesk.db.commit_verdict import Verdict as Verdict
from casedesk.db.commit_verdict import compare as compare
from casedesk.db.commit_verdict import mark_in
from casedesk.db.engine import create_encrypted_engine

_RETRY_SECONDS = 5.0
_FLUSH_SECONDS = 10.0


def read_mark(connection: Connection) -> CommitMark | None:
    """The store's mark with its newest audit hash; None before the mark (revision 0004)."""
    return mark_in(lambda sql: list(connection.exec_driver_sql(sql)))


def file_commit_mark(path: Path, key: bytes) -> CommitMark | None:
    """The commit mark in a store or backup file (with its -wal), read without writing."""
    reader = create_encrypted_engine(path, key, read_only=True)
    try:
        with reader.connect() as connection:
            return read_mark(connection)
    finally:
        reader.dispose()


def advance(connection: Connection) -> CommitMark | None:
    """Counts one more commit in the caller's transaction; None if the store has no mark."""
    row = connection.execute(
        text(
            "UPDATE store_commit_mark SET commit_count = commit_count + 1, "
            "last_commit = :commit WHERE id = 1 "
            "RETURNING store_id, commit_count, last_commit"
        ),
        {"commit": secrets.token_hex(16)},
    ).one_or_none()
    return None if row is None else CommitMark(row[0], int(row[1]), row[2])


def changes_so_far(session: Session) -> int:
    """How many rows this session's connection has changed since it was opened."""
    driver: Any = session.connection().connection.driver_connection
    return int(driver.total_changes)


def advance_if_changed(session: Session, changes_before: int) -> CommitMark | None:
    """Advances the mark when the transaction changed a row; a read-only one leaves it."""
    session.flush()  # pending ORM changes reach the database only now
    if changes_so_far(session) == changes_before:
        return None
    return advance(session.connection())


class MarkRecorder:
    """Copies the newest commit mark into the keychain, off the committing thread.

    A keychain write takes tens of milliseconds (a D-Bus round trip), too slow for every
    autosave; the newest mark waits here and older ones are skipped. A failed write (a
    locked keychain) is retried later; a copy that lags behind is harmless (see
    :func:`compare`).
    """

    def __init__(self, save: Callable[[str], None]) -> None:
        self._save = save
        self._changed = threading.Condition()
        self._pending: CommitMark | None = None
        self._saving = False
        self._closed = False
        self._thread: threading.Thread | None = None

    def note(self, mark: CommitMark) -> None:
        with self._changed:
            if self._pending is None or mark.count >= self._pending.count:
                self._pending = mark
            if self._thread is None and not self._closed:
                self._thread = threading.Thread(
                    target=self._run, name="casedesk-commit-mark", daemon=True
                )
                self._thread.start()
            self._changed.notify_all()

    def flush(self) -> bool:
        """Waits until the newest mark is in the keychain; False if that did not happen."""
        with self._changed:
            self._changed.notify_all()
            self._changed.wait_for(
                lambda: self._pending is None and not self._saving, timeout=_FLUSH_SECONDS
            )
            done = self._pending is None and not self._saving
        if not done and self._thread is None:
            done = self._save_pending_here()
        return done

    def close(self) -> bool:
        """Writes the last mark and stops the thread; returns whether it was written."""
        written = self.flush()
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=_FLUSH_SECONDS)
        return written

    def _save_pending_here(self) -> bool:
        with self._changed:
            mark, self._pending = self._pending, None
        if mark is None:
            return True
        try:
            self._save(mark.to_text())
        except Exception:
            with self._changed:
                if self._pending is None:
                    self._pending = mark
            return False
        return True

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._pending is not None or self._closed)
                if self._pending is None:
                    return
                mark, self._pending = self._pending, None
                self._saving = True
            failed = False
            try:
                self._save(mark.to_text())
            except Exception:
                # The keychain said no (locked, gone): keep the mark for the next try. The
                # file stays ahead of the copy meanwhile, which opens without a warning.
                failed = True
            with self._changed:
                self._saving = False
                if failed and self._pending is None:
                    self._pending = mark
                self._changed.notify_all()
                if failed and not self._closed:
                    self._changed.wait(timeout=_RETRY_SECONDS)
                if failed and self._closed:
                    return
