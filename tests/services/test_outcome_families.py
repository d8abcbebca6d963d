"""Every family of use cases that changes a dossier or the store logs a refusal and a
failure too (BIO2 8.15.01), without personal data, and the chain stays whole.

A refusal is a rule the caseworker can act on (a closed dossier, an empty action); a
failure is anything else, here a write the database itself rejects at flush time.
"""

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from casedesk.db import steps
from casedesk.db.audit import workstation
from casedesk.db.audit_chain import verify
from casedesk.db.data_store import DataStore
from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.models import Action as ActionRow
from casedesk.db.models import AdviceDecision, AuditEvent, Base, CaseInstrument
from casedesk.db.models import IntakeAnswers as AnswersRow
from casedesk.db.store import Store, open_store
from casedesk.domain.agreements import Action, ActionOwner
from casedesk.domain.case import CaseId
from casedesk.domain.closing import Outcome
from casedesk.domain.intake import Entrepreneur, IntakeAnswers
from casedesk.errors import KnownError
from casedesk.services.closing import close_case
from casedesk.services.intake import IntakeService
from casedesk.services.store_admin import backup_open_store, restore_store
from tests.services.casework_store import NOW, add_case, store
from tests.stores import new_store

__all__ = ["store"]

MARKER = "Qwertyzand"
ANSWERS = IntakeAnswers(entrepreneur=Entrepreneur(first_names="Zoë", surname=MARKER))


class DiskGoneError(Exception):
    """What a write the database rejects looks like to a use case."""


@pytest.fixture
def fail_writing() -> Iterator[Callable[[type[Base]], None]]:
    """``fail_writing(Model)``: every flush that adds or changes a ``Model`` row fails."""
    failing: list[type[Base]] = []

    def before_flush(session: Session, *_args: object) -> None:
        if any(isinstance(row, tuple(failing)) for row in (*session.new, *session.dirty)):
            raise DiskGoneError

    event.listen(Session, "before_flush", before_flush)
    try:
        yield failing.append
    finally:
        event.remove(Session, "before_flush", before_flush)


def _outcomes(store: DataStore, action: str) -> list[tuple[str, int | None, str, str]]:
    with store.session() as session:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
        return [(r.outcome, r.case_id, r.details_json, r.origin) for r in rows]


def _log_holds_no_personal_data_and_chain_is_whole(store: DataStore) -> None:
    with store.session() as session:
        texts = session.scalars(select(AuditEvent.details_json)).all()
        assert not any(MARKER in text or "Zoë" in text for text in texts)
        if isinstance(store, Store):  # the server's log is guarded by grants, not a chain
            assert verify(session, store.audit_head).intact


def _case(store: DataStore) -> CaseId:
    return CaseId(add_case(store))


def _closed_case(store: DataStore) -> CaseId:
    case_id = _case(store)
    close_case(store, case_id, Outcome.DROPPED_OUT, date(2026, 11, 27), NOW, confirmed=True)
    return case_id


def _service(store: DataStore) -> IntakeService:
    return IntakeService(store, None, now=lambda: NOW)


def refused(case_id: int, error: str) -> tuple[str, int | None, str, str]:
    return ("refused", case_id, f'{{"error": "{error}"}}', workstation())


def failed(case_id: int | None) -> tuple[str, int | None, str, str]:
    return ("failed", case_id, '{"error": "DiskGoneError"}', workstation())


def test_intake_saves_log_a_refusal_and_a_failure(
    store: DataStore, fail_writing: Callable[[type[Base]], None]
) -> None:
    closed, open_case = _closed_case(store), _case(store)
    service = _service(store)
    with pytest.raises(KnownError):
        service.save_answers(closed, ANSWERS)
    fail_writing(AnswersRow)
    with pytest.raises(DiskGoneError):
        service.save_answers(open_case, ANSWERS)
    assert _outcomes(store, "intake.saved") == [
        refused(closed, "CaseClosedError"),
        failed(open_case),
    ]
    _log_holds_no_personal_data_and_chain_is_whole(store)


def test_the_advice_decision_logs_a_refusal_and_a_failure(
    store: DataStore, fail_writing: Callable[[type[Base]], None]
) -> None:
    case_id = _case(store)
    service = _service(store)
    advice = service.advise(case_id, ANSWERS)
    primary = advice.primary_route
    with pytest.raises(KnownError):
        service.decide_route(case_id, advice, primary, primary, override_reason="")
    fail_writing(AdviceDecision)
    with pytest.raises(DiskGoneError):
        service.decide_route(case_id, advice, primary, None, "Wens van de ondernemer")
    assert _outcomes(store, "advice.decided") == [refused(case_id, "KnownError"), failed(case_id)]
    _log_holds_no_personal_data_and_chain_is_whole(store)


def test_choosing_instruments_logs_a_refusal_and_a_failure(
    store: DataStore, fail_writing: Callable[[type[Base]], None]
) -> None:
    closed, open_case = _closed_case(store), _case(store)
    service = _service(store)
    with pytest.raises(KnownError):
        service.choose_instruments(closed, [])
    fail_writing(CaseInstrument)
    advice = service.advise(open_case, ANSWERS)
    with pytest.raises(DiskGoneError):
        service.choose_instruments(open_case, [advice.instruments[0].instrument.id])
    assert _outcomes(store, "instruments.chosen") == [
        refused(closed, "CaseClosedError"),
        failed(open_case),
    ]
    _log_holds_no_personal_data_and_chain_is_whole(store)


def test_saving_actions_logs_a_refusal_and_a_failure(
    store: DataStore, fail_writing: Callable[[type[Base]], None]
) -> None:
    case_id = _case(store)
    service = _service(store)
    with pytest.raises(KnownError):
        service.save_actions(case_id, [Action(f"  {''}", ActionOwner.ENTREPRENEUR)])
    fail_writing(ActionRow)
    with pytest.raises(DiskGoneError):
        service.save_actions(case_id, [Action(f"Bel {MARKER}", ActionOwner.ENTREPRENEUR)])
    assert _outcomes(store, "actions.saved") == [refused(case_id, "KnownError"), failed(case_id)]
    _log_holds_no_personal_data_and_chain_is_whole(store)


@pytest.fixture
def sqlite_store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    """Backup and restore work on the encrypted file; the server's backups are the DBA's."""
    with new_store(tmp_path / "data", keychain) as opened:
        yield opened


@pytest.fixture
def failing_step() -> Iterator[Callable[[str], None]]:
    """``failing_step(name)``: the store operation fails at that step (db/steps.py)."""
    names: list[str] = []

    def hook(step: str) -> None:
        if step in names:
            raise DiskGoneError

    steps.set_hook(hook)
    try:
        yield names.append
    finally:
        steps.set_hook(None)


def test_a_backup_logs_a_refusal_and_a_failure(
    sqlite_store: Store, tmp_path: Path, failing_step: Callable[[str], None]
) -> None:
    with pytest.raises(KnownError):
        backup_open_store(sqlite_store, tmp_path / "no-such-folder" / "kopie.db")
    failing_step("backup.copied")
    with pytest.raises(DiskGoneError):
        backup_open_store(sqlite_store)
    assert [row[0] for row in _outcomes(sqlite_store, "store.backed_up")] == ["refused", "failed"]
    _log_holds_no_personal_data_and_chain_is_whole(sqlite_store)


def test_a_restore_logs_a_refusal_and_a_failure_in_the_store_it_left_whole(
    tmp_path: Path, keychain: Keychain, failing_step: Callable[[str], None]
) -> None:
    location = StoreLocation.in_dir(tmp_path / "data")
    with new_store(location.data_dir, keychain) as opened:
        made = backup_open_store(opened)
    with pytest.raises(KnownError):
        restore_store(location, keychain, tmp_path / "gone.db")
    failing_step("restore.copied")
    with pytest.raises(DiskGoneError):
        restore_store(location, keychain, made)
    with open_store(location, keychain) as store:
        assert [row[0] for row in _outcomes(store, "store.restored")] == ["refused", "failed"]
        _log_holds_no_personal_data_and_chain_is_whole(store)
