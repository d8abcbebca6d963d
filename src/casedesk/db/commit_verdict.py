"""The commit mark as a value, and what two marks say when compared (``db/commit_marks.py``).

Without SQLAlchemy: the start compares the store's mark with the keychain's copy before the
database layer has loaded (``db/first_look.py``).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any


@dataclass(frozen=True)
class CommitMark:
    """Which store (``store_id``), how many commits (``count``), and the last one's id."""

    store_id: str
    count: int
    last_commit: str
    audit_head: str | None = None
    """The newest audit event's hash (``db/audit_chain.py``), kept outside with the mark."""

    def to_text(self) -> str:
        values: dict[str, str | int] = {
            "store": self.store_id,
            "count": self.count,
            "commit": self.last_commit,
        }
        if self.audit_head:
            values["audit"] = self.audit_head
        return json.dumps(values, separators=(",", ":"))

    @classmethod
    def from_text(cls, stored: str | None) -> "CommitMark | None":
        """The mark in a keychain entry; None for no entry or one that is not a mark."""
        if not stored:
            return None
        try:
            values = json.loads(stored)
            if not isinstance(values, dict):
                return None
            audit = values.get("audit")
            mark = cls(
                str(values["store"]),
                int(values["count"]),
                str(values["commit"]),
                None if audit is None else str(audit),
            )
        except (ValueError, TypeError, KeyError):
            return None
        return mark if mark.count >= 0 else None


class Verdict(Enum):
    """How the mark in the store file compares with the copy kept outside it."""

    UNKNOWN = "unknown"  # no copy yet (first start after an update, a recovered key)
    SAME = "same"
    AHEAD = "ahead"  # the copy lagged behind the last commits before a crash: harmless
    BEHIND = "behind"  # commits are missing from the file
    DIVERGED = "diverged"  # another history: an older file or another store's copy


def compare(in_file: CommitMark | None, recorded: CommitMark | None) -> Verdict:
    if in_file is None or recorded is None:
        return Verdict.UNKNOWN
    if in_file.store_id != recorded.store_id:
        return Verdict.DIVERGED
    if in_file.count > recorded.count:
        return Verdict.AHEAD
    if in_file.count < recorded.count:
        return Verdict.BEHIND
    return Verdict.SAME if in_file.last_commit == recorded.last_commit else Verdict.DIVERGED


def mark_in(rows_of: Callable[[str], list[Any]]) -> CommitMark | None:
    """The mark in an SQLite store; None before the mark (revision 0004). The newest audit
    hash comes with it once events carry one. ``rows_of`` runs a query on the store's
    connection (raw ``sqlcipher3`` or SQLAlchemy's, whose errors the caller expects)."""
    tables = {row[0] for row in rows_of("SELECT name FROM sqlite_master")}
    if "store_commit_mark" not in tables:
        return None
    marks = rows_of(
        "SELECT store_id, commit_count, last_commit FROM store_commit_mark WHERE id = 1"
    )
    if not marks:
        return None
    store_id, count, last_commit = marks[0]
    head = None
    if "event_hash" in {column[1] for column in rows_of("PRAGMA table_info(audit_events)")}:
        newest = rows_of("SELECT event_hash FROM audit_events ORDER BY id DESC LIMIT 1")
        head = newest[0][0] if newest else None
    return CommitMark(store_id, int(count), last_commit, head or None)
