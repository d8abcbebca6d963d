"""What the services need of a store, whichever backend holds the dossiers.

The encrypted SQLite file (``db/store.py``) and a regional PostgreSQL server
(``db/server/store.py``) both give sessions to read in and transactions to change in; what
else each one guarantees (commit marks and the audit hash chain on SQLite, row-level
security and server time on PostgreSQL) stays inside its own module.
"""

from contextlib import AbstractContextManager
from types import TracebackType
from typing import Protocol, Self

from sqlalchemy.orm import Session


class DataStore(Protocol):
    """An open store. ``with store.transaction() as session:`` is one use case."""

    @property
    def warning(self) -> str | None:
        """A Dutch status-bar text about the store, or None."""
        ...

    def session(self) -> Session:
        """A session for reading; never commits."""
        ...

    def transaction(self) -> AbstractContextManager[Session]:
        """Commits at the end, rolls back on an exception."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
