"""The case list's pages are read through the list index, however many dossiers there are.

At a million dossiers a page that sorts the whole table costs seconds; one that walks the
index (updated_at, id) backwards costs the same as at a hundred. SQLite's own query plan
says which it does, so these tests need no big store and no clock.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from casedesk.db.cases import CasePageKey, fetch_case_page
from casedesk.domain.case import CaseFilter
from tests.db.schema_helpers import add_case, store_at_head, transaction

LIST_INDEX = "ix_cases_updated_at_id"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = store_at_head(tmp_path)
    with transaction(engine) as session:
        for number in range(5):
            add_case(session, f"Naam{number}", "Jansen")
    return engine


@contextmanager
def statements_run(session: Session) -> Iterator[list[tuple[str, Any]]]:
    """The SQL and parameters the session sends while the block runs."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    connection = session.connection()
    event.listen(connection, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(connection, "before_cursor_execute", record)


def query_plan(session: Session, statement: str, parameters: Any) -> list[str]:
    """SQLite's plan for the statement: one line per step ("SCAN cases USING INDEX …")."""
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        return [str(row[3]) for row in cursor.fetchall()]
    finally:
        cursor.close()


def page_plan(engine: Engine, after: CasePageKey | None, case_filter: CaseFilter) -> list[str]:
    with Session(engine) as session:
        with statements_run(session) as seen:
            fetch_case_page(session, "", after, 50, case_filter, caseworker_id=1)
        ((statement, parameters),) = seen
        return query_plan(session, statement, parameters)


def cases_step(plan: list[str]) -> str:
    (step,) = [line for line in plan if line.split()[1:2] == ["cases"]]
    return step


def test_the_first_page_walks_the_list_index_without_sorting(engine: Engine) -> None:
    plan = page_plan(engine, None, CaseFilter.ALL)
    assert cases_step(plan) == f"SCAN cases USING INDEX {LIST_INDEX}"
    assert not [line for line in plan if "TEMP B-TREE" in line]


def test_a_following_page_starts_in_the_index_right_after_the_last_row(engine: Engine) -> None:
    with Session(engine) as session:
        last = fetch_case_page(session, "", None, 2)[-1]
    plan = page_plan(engine, CasePageKey.after(last), CaseFilter.ALL)
    assert cases_step(plan).startswith(f"SEARCH cases USING INDEX {LIST_INDEX} (updated_at<?")
    assert not [line for line in plan if "TEMP B-TREE" in line]


@pytest.mark.parametrize("case_filter", [CaseFilter.OPEN, CaseFilter.MINE, CaseFilter.CLOSED])
def test_a_filtered_first_page_walks_an_index_in_list_order_too(
    engine: Engine, case_filter: CaseFilter
) -> None:
    plan = page_plan(engine, None, case_filter)
    # The list index, or the status index (status, updated_at, id) that starts at the
    # filter's status: both give the rows newest first without sorting them.
    assert cases_step(plan) in {
        f"SCAN cases USING INDEX {LIST_INDEX}",
        "SEARCH cases USING INDEX ix_cases_status_updated_at_id (status=?)",
    }
    assert not [line for line in plan if "TEMP B-TREE" in line]
