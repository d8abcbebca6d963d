"""Logging reads that repeat: the case list, its pages and its searches (BIO2 8.15.01).

The case list shows every entrepreneur's name, so each page read is an event: what was
searched (its length, never the text: a search is often a name), which filter, and how many
rows came back. Scrolling through one search reads page after page; those repeats, one
after another within :data:`FOLD_WINDOW`, fold into one event with their count, written
when the next different read comes (or :meth:`ReadFolder.flush`). The first read of a run
is written at once, so folding only ever delays the count, never the fact of reading.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from casedesk.db import settings_repo
from casedesk.db.audit import AuditDetail, record_event
from casedesk.db.data_store import DataStore
from casedesk.db.models import utc_now

FOLD_WINDOW = timedelta(minutes=5)
FOLDED_KEY = "repeated"


@dataclass
class _Run:
    action: str
    details: dict[str, AuditDetail]
    repeats: int
    last_at: datetime


class ReadFolder:
    """Writes a read's event, folding immediate repeats of the same read into a count."""

    def __init__(self, store: DataStore, clock: Callable[[], datetime] = utc_now) -> None:
        self._store = store
        self._clock = clock
        self._run: _Run | None = None

    def read(self, action: str, details: dict[str, AuditDetail]) -> None:
        now = self._clock()
        run = self._run
        if (
            run is not None
            and run.action == action
            and run.details == details
            and now - run.last_at <= FOLD_WINDOW
        ):
            run.repeats += 1
            run.last_at = now
            return
        self.flush()
        self._write(action, details)
        self._run = _Run(action, details, 0, now)

    def flush(self) -> None:
        """Writes the count of the repeats still waiting (call when the list closes)."""
        run, self._run = self._run, None
        if run is not None and run.repeats:
            self._write(run.action, {**run.details, FOLDED_KEY: run.repeats})

    def _write(self, action: str, details: dict[str, AuditDetail]) -> None:
        with self._store.transaction() as session:
            actor = settings_repo.current_caseworker_id(session)
            record_event(session, actor, action, "case", None, None, details)
