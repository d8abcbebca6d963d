"""A real store with a caseworker and dossiers, for many tests: encrypted SQLite in
tmp_path, and a regional PostgreSQL database (tests/backends.py)."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from casedesk.db import cases, settings_repo
from casedesk.db.audit import AuditEntry, case_events
from casedesk.db.cases import BusinessData, EntrepreneurData
from casedesk.db.data_store import DataStore
from casedesk.db.keys import Keychain
from tests.backends import Backend

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
"""Friday 27 November 2026, 10:30 in Amsterdam."""


@pytest.fixture
def store(backend: Backend, tmp_path: Path, keychain: Keychain) -> Iterator[DataStore]:
    with backend.new_store(tmp_path / "data", keychain) as opened:
        yield opened


def add_case(
    store: DataStore,
    voornamen: str = "Zoë",
    achternaam: str = "Çelik",
    tussenvoegsel: str = "",
    registered: date = date(2026, 10, 1),
) -> int:
    with store.transaction() as session:
        return cases.create_case(
            session,
            settings_repo.current_caseworker_id(session),
            entrepreneur=EntrepreneurData(
                voornamen, tussenvoegsel, achternaam,
                bsn="111222333", date_of_birth=date(1980, 5, 1),
            ),
            business=BusinessData(trade_name="Atelier Zoë", kvk_number="12345678"),
            municipality_code="GM0855",
            region_code="AM16",
            registration_date=registered,
        )


def events(store: DataStore, case_id: int) -> list[AuditEntry]:
    with store.session() as session:
        return case_events(session, case_id)


def actions(store: DataStore, case_id: int) -> list[str]:
    return [event.action for event in events(store, case_id)]
