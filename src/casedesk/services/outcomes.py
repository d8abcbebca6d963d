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
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from casedesk.db import settings_repo
from casedesk.db.audit import record_event
from casedesk.db.data_store import DataStore
from casedesk.errors import KnownError

P = ParamSpec("P")
R = TypeVar("R")


class HasStore(Protocol):
    """A service object whose use cases are methods over ``self.store``."""

    @property
    def store(self) -> DataStore: ...


S = TypeVar("S", bound=HasStore)
T = TypeVar("T", bound=DataStore)
UseCase = Callable[Concatenate[T, P], R]
Method = Callable[Concatenate[S, P], R]


def outcome_logged(
    action: str, entity_type: str = "case"
) -> Callable[[UseCase[T, P, R]], UseCase[T, P, R]]:
    """Decorates a use case ``(store, …)``; its first further argument, when an int, is
    the object's id (the dossier number for ``entity_type`` "case")."""

    def decorate(use_case: UseCase[T, P, R]) -> UseCase[T, P, R]:
        @functools.wraps(use_case)
        def logged(store: T, /, *args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return use_case(store, *args, **kwargs)
            except Exception as error:
                record_outcome(store, action, entity_type, _object_id(args), error)
                raise

        return logged

    return decorate


def outcome_logged_method(
    action: str, entity_type: str = "case"
) -> Callable[[Method[S, P, R]], Method[S, P, R]]:
    """:func:`outcome_logged` for a method of a service that holds its store
    (``IntakeService``): the first argument after ``self``, when an int, is the id."""

    def decorate(method: Method[S, P, R]) -> Method[S, P, R]:
        @functools.wraps(method)
        def logged(service: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(service, *args, **kwargs)
            except Exception as error:
                record_outcome(service.store, action, entity_type, _object_id(args), error)
                raise

        return logged

    return decorate


def record_outcome(
    store: DataStore,
    action: str,
    entity_type: str,
    object_id: int | None,
    error: BaseException,
) -> None:
    """Logs ``action`` as refused (a :class:`KnownError`) or failed (anything else), in a
    transaction of its own; never raises (the caller re-raises ``error``)."""
    outcome = "refused" if isinstance(error, KnownError) else "failed"
    case_id = object_id if entity_type == "case" else None
    with suppress(Exception), store.transaction() as session:
        record_event(
            session, settings_repo.current_caseworker_id(session), action, entity_type,
            object_id, case_id, {"error": type(error).__name__}, outcome=outcome,
        )  # fmt: skip


def _object_id(args: tuple[object, ...]) -> int | None:
    first = args[0] if args else None
    return first if isinstance(first, int) and not isinstance(first, bool) else None
