"""The smoke test's keychain: the store key in memory, the user's own keychain untouched."""

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.errors
from keyring.backend import KeyringBackend


class ThrowawayKeyring(KeyringBackend):
    """Keeps keys in memory for as long as the process lives."""

    priority: float = 10  # casedesk counts it as secure; it lives and dies with this process
    viable = False  # never offered by keyring's own detection outside the smoke test

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("no such entry")


@contextmanager
def throwaway_keychain() -> Iterator[ThrowawayKeyring]:
    """The process's keyring replaced by a throwaway one, put back afterwards."""
    previous = keyring.get_keyring()
    backend = ThrowawayKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
