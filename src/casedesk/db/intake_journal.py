"""Intake answers typed while the regional server was out of reach, kept on this computer.

A small SQLCipher file beside the connection file (``onopgeslagen-intakes.db``), with its
own random key in the OS keychain, exactly as the store on this computer keeps its key:
nothing of the entrepreneur lies on the disk in plain text, also not in SQLite's journal
or temporary files (SQLCipher encrypts them; temporary tables stay in memory). Each kept
edit is one committed transaction, so a crash or power cut after ``keep`` loses nothing.

One row per server (address and login) and dossier: the newest answers typed, which
replace an older kept edit of the same dossier. Each call opens the file and closes it
again: it is used only while the server is gone and once when it is back.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from casedesk.db.cipher_file import NOT_A_DATABASE, connect_raw
from casedesk.db.keys import Keychain, new_store_key
from casedesk.errors import KnownError
from casedesk.files import create_private_file, make_private_folder, os_error_reason

JOURNAL_FILE_NAME = "onopgeslagen-intakes.db"

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS kept_answers ("
    " server TEXT NOT NULL,"
    " case_id INTEGER NOT NULL,"
    " answers_json TEXT NOT NULL,"
    " kept_at TEXT NOT NULL,"
    " PRIMARY KEY (server, case_id))"
)


class JournalUnreadableError(KnownError):
    """The journal's file or key is missing or damaged: what it kept cannot be read."""


@dataclass(frozen=True)
class KeptAnswers:
    case_id: int
    answers_json: str
    kept_at: str
    """When it was kept (ISO 8601, UTC), for the caseworker's message."""


class IntakeJournal:
    """The journal file at ``path``; the file and its key are made at the first ``keep``."""

    def __init__(self, path: Path, keychain: Keychain) -> None:
        self.path = path
        self._keychain = keychain

    def keep(self, server: str, answers: KeptAnswers) -> None:
        """Keeps these answers of ``answers.case_id`` (replacing an older kept edit)."""
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO kept_answers (server, case_id, answers_json, kept_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (server, case_id) DO UPDATE SET "
                "answers_json = excluded.answers_json, kept_at = excluded.kept_at",
                (server, answers.case_id, answers.answers_json, answers.kept_at),
            )

    def kept(self, server: str) -> list[KeptAnswers]:
        """Every edit kept for ``server``, oldest first; none when there is no journal."""
        if not self.path.exists():
            return []
        with self._transaction() as connection:
            rows = connection.execute(
                "SELECT case_id, answers_json, kept_at FROM kept_answers WHERE server = ? "
                "ORDER BY kept_at, case_id",
                (server,),
            ).fetchall()
        return [KeptAnswers(int(case_id), str(text), str(at)) for case_id, text, at in rows]

    def forget(self, server: str, answers: KeptAnswers) -> None:
        """Removes this kept edit once the server has it; a newer one kept meanwhile
        for the same dossier stays."""
        if not self.path.exists():
            return
        with self._transaction() as connection:
            connection.execute(
                "DELETE FROM kept_answers WHERE server = ? AND case_id = ? "
                "AND answers_json = ? AND kept_at = ?",
                (server, answers.case_id, answers.answers_json, answers.kept_at),
            )

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """One committed transaction on the journal; the file is closed after it."""
        connection = self._open()
        try:
            yield connection
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()

    def _open(self) -> Any:
        key = self._keychain.load_key(self.path)
        if key is None:
            if self.path.exists():
                raise JournalUnreadableError(
                    f"Casedesk kan de intake-wijzigingen die op deze computer wachten "
                    f"({self.path}) niet lezen: de sleutel ervan staat niet meer in de "
                    "sleutelhanger. Het bestand blijft staan; vraag uw beheerder om hulp."
                )
            key = new_store_key()
            # The key first: a file without its key could never be read again.
            self._keychain.save_key(self.path, key)
        if not self.path.exists():
            try:
                make_private_folder(self.path.parent)
                create_private_file(self.path)
            except OSError as error:
                raise JournalUnreadableError(
                    f"Casedesk kan {self.path} niet maken: {os_error_reason(error)}."
                ) from None
        try:
            connection = connect_raw(self.path, key)
        except sqlcipher3.DatabaseError as error:
            raise self._unreadable(error) from None
        try:
            connection.execute("PRAGMA temp_store = MEMORY")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute(_SCHEMA)
        except sqlcipher3.DatabaseError as error:
            connection.close()
            raise self._unreadable(error) from None
        return connection

    def _unreadable(self, error: Exception) -> JournalUnreadableError:
        reason = "de sleutel past niet" if NOT_A_DATABASE in str(error) else "beschadigd"
        return JournalUnreadableError(
            f"Casedesk kan de intake-wijzigingen die op deze computer wachten ({self.path}) "
            f"niet lezen ({reason}). Het bestand blijft staan; vraag uw beheerder om hulp."
        )
