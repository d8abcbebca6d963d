"""The start shows the newest dossiers before the database layer has loaded, and only
from a store that is plainly in order: otherwise it waits for the usual open to explain."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from casedesk.db.cases import fetch_case_page
from casedesk.db.commit_marks import CommitMark
from casedesk.db.first_look import newest_cases_if_sound
from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.store import Store, recorded_commit_mark
from casedesk.services.demo.fill import fill_with_demo_cases
from tests.db.conftest import store_files_fingerprint
from tests.stores import new_store

PAGE = 50


def _demo_store(folder: Path, keychain: Keychain, cases: int) -> tuple[StoreLocation, bytes]:
    with new_store(folder, keychain) as store:
        fill_with_demo_cases(store, cases, datetime.now(UTC))
        return store.location, store.key


def _first_page_as_the_list_reads_it(store: Store, limit: int) -> list[object]:
    with store.session() as session:
        return list(fetch_case_page(session, "", None, limit))


def test_the_first_look_lists_what_the_case_list_lists(tmp_path: Path, keychain: Keychain) -> None:
    with new_store(tmp_path, keychain) as store:
        fill_with_demo_cases(store, 70, datetime.now(UTC))
        expected = _first_page_as_the_list_reads_it(store, PAGE)
        recorded = recorded_commit_mark(store.location, keychain)
        looked = newest_cases_if_sound(store.location.store_file, store.key, recorded, PAGE)
    assert looked == expected
    assert len(expected) == PAGE


def test_the_first_look_changes_no_file(tmp_path: Path, keychain: Keychain) -> None:
    location, key = _demo_store(tmp_path, keychain, 5)
    before = store_files_fingerprint(location)

    looked = newest_cases_if_sound(location.store_file, key, None, PAGE)

    assert looked is not None and len(looked) > 0
    assert store_files_fingerprint(location) == before


def test_another_key_waits_for_the_usual_open(tmp_path: Path, keychain: Keychain) -> None:
    location, _key = _demo_store(tmp_path, keychain, 3)
    assert newest_cases_if_sound(location.store_file, bytes(32), None, PAGE) is None


def test_a_store_behind_its_commit_mark_waits_for_the_usual_open(
    tmp_path: Path, keychain: Keychain
) -> None:
    location, key = _demo_store(tmp_path, keychain, 3)
    recorded = recorded_commit_mark(location, keychain)
    assert recorded is not None
    later = CommitMark(recorded.store_id, recorded.count + 1, "a-commit-the-file-lacks")

    assert newest_cases_if_sound(location.store_file, key, later, PAGE) is None


@pytest.mark.parametrize("stamped", ["0001", "9999"], ids=["older schema", "newer schema"])
def test_a_store_at_another_schema_waits_for_the_usual_open(
    tmp_path: Path, keychain: Keychain, stamped: str
) -> None:
    with new_store(tmp_path, keychain) as store:
        fill_with_demo_cases(store, 3, datetime.now(UTC))
        with store.transaction() as session:
            session.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": stamped})
        location, key = store.location, store.key

    assert newest_cases_if_sound(location.store_file, key, None, PAGE) is None


def test_a_damaged_store_waits_for_the_usual_open(tmp_path: Path, keychain: Keychain) -> None:
    location, key = _demo_store(tmp_path, keychain, 3)
    with location.store_file.open("r+b") as damaged:
        damaged.seek(location.store_file.stat().st_size - 100)
        damaged.write(b"\xff" * 50)

    assert newest_cases_if_sound(location.store_file, key, None, PAGE) is None
