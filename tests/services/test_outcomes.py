"""Refused and failed actions leave an event with their outcome and workstation."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from casedesk.db.audit import workstation
from casedesk.db.data_store import DataStore
from casedesk.db.keys import Keychain
from casedesk.db.models import AuditEvent
from casedesk.db.store import Store
from casedesk.domain.closing import CaseClosedError, Outcome
from casedesk.services.closing import close_case
from casedesk.services.inzage import make_inzage
from casedesk.services.outcomes import outcome_logged
from tests.services.full_dossier import add_full_dossier
from tests.stores import new_store

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "data", keychain) as opened:
        yield opened


def _outcomes(store: Store, action: str) -> list[tuple[str, str | None, int | None, str, str]]:
    with store.session() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.action == action))
        return [(r.outcome, r.entity_id, r.case_id, r.details_json, r.origin) for r in rows]


def test_closing_a_closed_dossier_is_logged_as_refused(store: Store) -> None:
    case_id = add_full_dossier(store)  # closed already
    with pytest.raises(CaseClosedError):
        close_case(store, case_id, Outcome.DROPPED_OUT, date(2026, 11, 27), NOW)
    assert _outcomes(store, "case.closed") == [
        ("refused", str(case_id), case_id, '{"error": "CaseClosedError"}', workstation())
    ]


def test_an_inzage_that_cannot_be_written_is_logged_as_refused(
    store: Store, tmp_path: Path
) -> None:
    case_id = add_full_dossier(store)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(Exception, match="De inzage kon niet worden opgeslagen"):
        make_inzage(store, case_id, blocked / "inzage", NOW)
    [(outcome, *_rest)] = _outcomes(store, "inzage.made")
    assert outcome == "refused"


def test_a_bug_in_a_use_case_is_logged_as_failed_and_the_error_goes_on(store: Store) -> None:
    @outcome_logged("test.bug")
    def broken(store: DataStore, case_id: int) -> None:
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        broken(store, 12)
    assert _outcomes(store, "test.bug") == [
        ("failed", "12", 12, '{"error": "ZeroDivisionError"}', workstation())
    ]
