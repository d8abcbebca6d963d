"""Intake answers typed while the real server is out of reach: kept encrypted on this
computer, saved when the server is back, never lost and never in plain text on disk."""

from dataclasses import replace
from pathlib import Path

import pytest

from casedesk.db.intake_journal import JOURNAL_FILE_NAME, IntakeJournal, JournalUnreadableError
from casedesk.db.keys import Keychain
from casedesk.db.server.store import ServerStore
from casedesk.domain.case import CaseId
from casedesk.domain.intake import Entrepreneur, IntakeAnswers
from casedesk.services.intake import intake_service_for
from casedesk.services.intake_journal import KeptOnThisComputerError, journaled_intake_service
from tests.server.region import Region
from tests.server.relay import Relay, relay, store

__all__ = ["relay", "store"]  # fixtures (tests/server/relay.py)

AMSTERDAM = "GM0363"
TYPED = IntakeAnswers(entrepreneur=Entrepreneur(first_names="Zoë", surname="Hoff-Çelik"))
NEWER = replace(TYPED, entrepreneur=replace(TYPED.entrepreneur, first_names="Zoë Anne"))


@pytest.fixture
def case_id(region: Region, kim: str) -> CaseId:
    return CaseId(region.add_dossier(kim, AMSTERDAM))


@pytest.fixture
def journal(tmp_path: Path, keychain: Keychain) -> IntakeJournal:
    return IntakeJournal(tmp_path / "data" / JOURNAL_FILE_NAME, keychain)


def _on_server(region: Region, login: str, case_id: CaseId) -> IntakeAnswers:
    with region.store_as(login) as store:
        return intake_service_for(store).load_intake(case_id).answers


def _kept_while_cut(store: ServerStore, journal: IntakeJournal, relay: Relay,
                    case_id: CaseId) -> None:  # fmt: skip
    service = journaled_intake_service(store, journal)
    relay.cut()
    with pytest.raises(KeptOnThisComputerError) as raised:
        service.save_answers(case_id, TYPED)
    assert "versleuteld op deze computer bewaard" in str(raised.value)
    relay.restore()


def test_answers_typed_while_the_server_is_gone_are_saved_when_it_is_back(
    region: Region, kim: str, store: ServerStore, journal: IntakeJournal, relay: Relay,
    case_id: CaseId,
) -> None:  # fmt: skip
    _kept_while_cut(store, journal, relay, case_id)
    assert _on_server(region, kim, case_id).entrepreneur.first_names == "Anna"
    message = journaled_intake_service(store, journal).save_kept()
    assert message is not None and f"dossier {case_id}" in message
    assert _on_server(region, kim, case_id) == TYPED
    assert journal.kept(journaled_intake_service(store, journal).server) == []


def test_the_journal_on_disk_holds_no_name_in_plain_text(
    store: ServerStore, journal: IntakeJournal, relay: Relay, case_id: CaseId
) -> None:
    _kept_while_cut(store, journal, relay, case_id)
    on_disk = b"".join(path.read_bytes() for path in journal.path.parent.iterdir())
    for typed in ("Zoë", "Hoff", "Çelik", "entrepreneur"):
        assert typed.encode() not in on_disk
    assert journal.path.stat().st_mode & 0o077 == 0


def test_reopening_the_intake_shows_the_kept_answers_not_the_older_ones_on_the_server(
    store: ServerStore, journal: IntakeJournal, relay: Relay, case_id: CaseId
) -> None:
    _kept_while_cut(store, journal, relay, case_id)
    assert journaled_intake_service(store, journal).load_intake(case_id).answers == TYPED


def test_a_save_that_gets_through_replaces_the_kept_edit(
    region: Region, kim: str, store: ServerStore, journal: IntakeJournal, relay: Relay,
    case_id: CaseId,
) -> None:  # fmt: skip
    _kept_while_cut(store, journal, relay, case_id)
    service = journaled_intake_service(store, journal)
    service.save_answers(case_id, NEWER)
    assert journal.kept(service.server) == []
    assert service.save_kept() is None
    assert _on_server(region, kim, case_id) == NEWER


def test_each_failed_autosave_keeps_the_newest_answers(
    region: Region, kim: str, store: ServerStore, journal: IntakeJournal, relay: Relay,
    case_id: CaseId,
) -> None:  # fmt: skip
    service = journaled_intake_service(store, journal)
    relay.cut()
    for answers in (TYPED, NEWER):
        with pytest.raises(KeptOnThisComputerError):
            service.save_answers(case_id, answers)
    relay.restore()
    service.save_kept()
    assert _on_server(region, kim, case_id) == NEWER


def test_another_logins_kept_edits_wait_for_that_login(
    region: Region, kim: str, store: ServerStore, journal: IntakeJournal, relay: Relay,
    case_id: CaseId,
) -> None:  # fmt: skip
    _kept_while_cut(store, journal, relay, case_id)
    joost = region.add_caseworker("joost", AMSTERDAM)
    with region.store_as(joost) as joosts:
        assert journaled_intake_service(joosts, journal).save_kept() is None
    assert _on_server(region, kim, case_id).entrepreneur.first_names == "Anna"
    assert journaled_intake_service(store, journal).save_kept() is not None


def test_a_journal_whose_key_left_the_keychain_is_refused_in_dutch_and_kept(
    store: ServerStore, journal: IntakeJournal, relay: Relay, case_id: CaseId,
    keychain: Keychain,
) -> None:  # fmt: skip
    _kept_while_cut(store, journal, relay, case_id)
    keychain.delete_key(journal.path)
    with pytest.raises(JournalUnreadableError) as raised:
        journaled_intake_service(store, journal)
    assert "sleutel" in str(raised.value)
    assert journal.path.exists()
