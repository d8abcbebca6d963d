"""Refused and failed actions leave an event too (BIO2 8.15.01: the outcome of each action).

A use case that stops with a ``KnownError`` (a rule the caseworker can fix, a closed
dossier) was *refused*; one that stops with anything else *failed*. Its own transaction
rolled back with its event, so :func:`outcome_logged` writes a new event in a new
transaction: the action, the dossier number when the first argument after the store is
one, the outcome and the error's class name (a code, never a message: a message may
quote what was typed). Writing it must never hide the original error, so a store that
cannot write (a full disk) leaves it unlogged and the error goes on.
"""

import functools
from collections.abc import Callable
from contextlib import suppress
from typing import Concatenate, ParamSpec, TypeVar

from casedesk.db import settings_repo
from casedesk.db.audit import record_event
from casedesk.db.data_store import DataStore
from casedesk.errors import KnownError

P = ParamSpec("P")
R = TypeVar("R")


UseCase = Callable[Concatenate[DataStore, P], R]


def outcome_logged(
    action: str, entity_type: str = "case"
) -> Callable[[UseCase[P, R]], UseCase[P, R]]:
    """Decorates a use case ``(store, …)``; its first further argument, when an int, is
    the object's id (the dossier number for ``entity_type`` "case")."""

    def decorate(use_case: UseCase[P, R]) -> UseCase[P, R]:
        @functools.wraps(use_case)
        def logged(store: DataStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return use_case(store, *args, **kwargs)
            except KnownError as error:
                _record(store, action, entity_type, args, "refused", error)
                raise
            except Exception as error:
                _record(store, action, entity_type, args, "failed", error)
                raise

        return logged

    return decorate


def _record(
    store: DataStore,
    action: str,
    entity_type: str,
    args: tuple[object, ...],
    outcome: str,
    error: BaseException,
) -> None:
    first = args[0] if args else None
    object_id = first if isinstance(first, int) and not isinstance(first, bool) else None
    case_id = object_id if entity_type == "case" else None
    with suppress(Exception), store.transaction() as session:
        record_event(
            session, settings_repo.current_caseworker_id(session), action, entity_type,
            object_id, case_id, {"error": type(error).__name__}, outcome=outcome,
        )  # fmt: skip
