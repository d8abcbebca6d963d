"""Case list reads are logged by what was searched (its length), never the text; repeats
fold into one event with a count."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from casedesk.db.keys import Keychain
from casedesk.db.models import AuditEvent
from casedesk.db.store import Store
from casedesk.domain.case import CaseFilter
from casedesk.services.cases import CASES_PAGE_READ, case_page_source
from casedesk.services.demo.fill import fill_with_demo_cases
from casedesk.services.read_log import FOLD_WINDOW, ReadFolder
from tests.stores import new_store

START = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "data", keychain) as opened:
        fill_with_demo_cases(opened, 30, START)
        yield opened


def _reads(store: Store) -> list[str]:
    with store.session() as session:
        return list(session.scalars(
            select(AuditEvent.details_json)
            .where(AuditEvent.action == CASES_PAGE_READ).order_by(AuditEvent.id)
        ))  # fmt: skip


def test_a_search_is_logged_by_its_length_and_rows_not_its_text(store: Store) -> None:
    fetch = case_page_source(store, CaseFilter.ALL, folder=ReadFolder(store))
    found = fetch("Özdemir", None, 10)
    [read] = _reads(store)
    assert read == (
        f'{{"filter": "all", "page": "first", "rows": {len(found)}, "search_length": 7}}'
    )
    assert "zdemir" not in read


def test_scrolling_pages_wait_in_memory_and_flush_as_one_event_with_a_count(
    store: Store,
) -> None:
    clock = Clock()
    folder = ReadFolder(store, clock)
    fetch = case_page_source(store, CaseFilter.ALL, folder=folder)
    after = fetch("", None, 5)[-1]
    for _ in range(3):
        clock.now += timedelta(seconds=10)
        after = fetch("", after, 5)[-1]
    assert len(_reads(store)) == 1  # the first read of the fold is written at once
    folder.flush()
    [_first, pages] = _reads(store)
    assert '"page": "next"' in pages and '"repeated": 2' in pages


def test_a_page_read_within_the_fold_issues_no_write_transaction(store: Store) -> None:
    clock = Clock()
    fetch = case_page_source(store, CaseFilter.ALL, folder=ReadFolder(store, clock))
    fetch("", None, 5)
    commits: list[Session] = []

    def count(session: Session) -> None:
        commits.append(session)

    event.listen(Session, "before_commit", count)
    try:
        clock.now += timedelta(seconds=10)
        fetch("ab", None, 5)
        fetch("abc", None, 5)
    finally:
        event.remove(Session, "before_commit", count)
    assert commits == []


def test_a_read_after_the_fold_window_is_written_at_once_with_the_waiting_counts(
    store: Store,
) -> None:
    clock = Clock()
    fetch = case_page_source(store, CaseFilter.ALL, folder=ReadFolder(store, clock))
    fetch("", None, 5)
    clock.now += timedelta(seconds=10)
    fetch("ab", None, 5)
    clock.now += FOLD_WINDOW
    fetch("", None, 5)
    assert len(_reads(store)) == 3
