"""Named steps inside the store's operations that span several files or a long commit.

Backup, restore, migration and every transaction call :func:`reached` at the moments where
a kill or a power cut would hurt most. Nothing listens in the app. The kill tests set a
hook in a child process that SIGKILLs it at one named step, and then check that the store
is whole (tests/db/test_kills.py): a failpoint, not a feature.
"""

from collections.abc import Callable

_hook: Callable[[str], None] | None = None


def reached(step: str) -> None:
    if _hook is not None:
        _hook(step)


def set_hook(hook: Callable[[str], None] | None) -> None:
    global _hook
    _hook = hook
