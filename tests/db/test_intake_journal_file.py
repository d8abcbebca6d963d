"""The journal of intake answers kept while the server is gone, when its file is damaged
or something else stands in its place: a Dutch refusal, and the file is left as it is."""

import hashlib
from pathlib import Path

import pytest

from casedesk.db.intake_journal import (
    JOURNAL_FILE_NAME,
    IntakeJournal,
    JournalUnreadableError,
    KeptAnswers,
)
from casedesk.db.keys import Keychain

SERVER = "kim@server/casedesk"


def _kept_journal(tmp_path: Path, keychain: Keychain) -> IntakeJournal:
    journal = IntakeJournal(tmp_path / JOURNAL_FILE_NAME, keychain)
    journal.keep(SERVER, KeptAnswers(7, '{"entrepreneur": {}}', "2026-12-02T10:00:00+00:00"))
    return journal


def test_a_damaged_journal_is_refused_in_dutch_and_left_as_it_is(
    tmp_path: Path, keychain: Keychain
) -> None:
    journal = _kept_journal(tmp_path, keychain)
    with journal.path.open("r+b") as file:
        file.seek(0)
        file.write(b"\x00" * 64)  # the header page's salt and start: nothing decrypts
    before = hashlib.sha256(journal.path.read_bytes()).hexdigest()

    with pytest.raises(JournalUnreadableError) as refused:
        journal.kept(SERVER)

    assert "niet lezen" in str(refused.value) and "blijft staan" in str(refused.value)
    assert hashlib.sha256(journal.path.read_bytes()).hexdigest() == before


def test_a_folder_where_the_journal_belongs_is_refused_in_dutch(
    tmp_path: Path, keychain: Keychain
) -> None:
    (tmp_path / JOURNAL_FILE_NAME).mkdir()
    journal = IntakeJournal(tmp_path / JOURNAL_FILE_NAME, keychain)

    with pytest.raises(JournalUnreadableError) as refused:
        journal.keep(SERVER, KeptAnswers(7, "{}", "2026-12-02T10:00:00+00:00"))

    assert "Casedesk kan" in str(refused.value)
    assert (tmp_path / JOURNAL_FILE_NAME).is_dir()
