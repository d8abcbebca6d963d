"""Logging reads that repeat: the case list, its pages and its searches (BIO2 8.15.01).

The case list shows every entrepreneur's name, so each page read is logged: what was
searched (its length, never the text: a search is often a name), which filter, and how many
rows came back. Writing an event per page made every page a write transaction (16 ms
instead of 6 ms per search page at 100,000 dossiers), so reads fold:

- The *first* read of a fold (the first case-list read, or the first after
  :data:`FOLD_WINDOW` has passed since the fold began) is written at once. So the log always
  holds the fact that this caseworker read the list, also after a crash or a kill.
- Every further read in the fold waits in memory, counted per distinct read (the same
  search, filter and page kind count together), and is written by :meth:`ReadFolder.flush`:
  on the app's timer (:data:`FLUSH_INTERVAL`), when the next fold begins, and when the app
  or the command ends. Each written event is one read plus ``repeated`` more.

A kill (or a power cut) loses at most the counts of the last :data:`FLUSH_INTERVAL` of
reads, never the fact that the list was read; a normal exit (the window's close button,
Bestand › Afsluiten, Ctrl+Q) loses nothing. A waiting read's event carries the time it was
written, at most :data:`FLUSH_INTERVAL` after the read (the log's clock is the store's).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from casedesk.db import settings_repo
from casedesk.db.audit import AuditDetail, record_event
from casedesk.db.data_store import DataStore
from casedesk.db.models import utc_now

FOLD_WINDOW = timedelta(minutes=5)
FLUSH_INTERVAL = timedelta(minutes=1)
FOLDED_KEY = "repeated"


@dataclass
class _Waiting:
    action: str
    details: dict[str, AuditDetail]
    reads: int


class ReadFolder:
    """Logs reads: the first of a fold at once, the rest counted and written in a batch."""

    def __init__(self, store: DataStore, clock: Callable[[], datetime] = utc_now) -> None:
        self._store = store
        self._clock = clock
        self._fold_began: dict[str, datetime] = {}
        self._waiting: dict[tuple[str, str], _Waiting] = {}
        """In the order first seen, so the flushed events keep the order of reading."""

    def read(self, action: str, details: dict[str, AuditDetail]) -> None:
        now = self._clock()
        began = self._fold_began.get(action)
        if began is None or now - began > FOLD_WINDOW:
            self._fold_began[action] = now
            write_reads(self._store, [*self._take_waiting(), (action, details)])
            return
        key = (action, json.dumps(details, sort_keys=True))
        waiting = self._waiting.get(key)
        if waiting is None:
            self._waiting[key] = _Waiting(action, dict(details), 1)
        else:
            waiting.reads += 1

    @property
    def waiting(self) -> int:
        """How many reads wait to be written."""
        return sum(waiting.reads for waiting in self._waiting.values())

    def flush(self) -> None:
        """Writes the reads still waiting, in one transaction (nothing when none wait)."""
        events = self._take_waiting()
        if events:
            write_reads(self._store, events)

    def _take_waiting(self) -> list[tuple[str, dict[str, AuditDetail]]]:
        waiting, self._waiting = self._waiting, {}
        return [
            (item.action, {**item.details, FOLDED_KEY: item.reads - 1} if item.reads > 1
             else item.details)
            for item in waiting.values()
        ]  # fmt: skip


def write_reads(store: DataStore, events: list[tuple[str, dict[str, AuditDetail]]]) -> None:
    """Writes read events (action, details) at once, in one transaction."""
    with store.transaction() as session:
        actor = settings_repo.current_caseworker_id(session)
        for action, details in events:
            record_event(session, actor, action, "case", None, None, details)
