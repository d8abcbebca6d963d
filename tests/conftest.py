"""Fixtures every test may use: an in-memory keychain, and the real one when it runs."""

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest

from casedesk.crash_report import LOG_DIR_ENV
from casedesk.db.keys import Keychain, open_keychain
from casedesk.smoke_keychain import ThrowawayKeyring
from tests.backends import backend, module_backend, postgres_template
from tests.fuzz.tally import TALLIES, ReaderTally, table

__all__ = ["backend", "module_backend", "postgres_template"]  # fixtures of every test


_TALLIES_KEY = "casedesk_fuzz_tallies"


def pytest_sessionfinish(session: pytest.Session) -> None:
    # Under pytest-xdist (make test) the readers are fuzzed in the workers: each sends its
    # counts to the controller, which prints the one table.
    output: dict[str, object] | None = getattr(session.config, "workeroutput", None)
    if output is not None:
        output[_TALLIES_KEY] = {
            reader: dict(counts.outcomes) for reader, counts in TALLIES.items()
        }


def pytest_testnodedown(node: object, error: object) -> None:
    """pytest-xdist's hook, on the controller, as a worker finishes."""
    sent: dict[str, dict[str, int]] = getattr(node, "workeroutput", {}).get(_TALLIES_KEY, {})
    for reader, outcomes in sent.items():
        TALLIES.setdefault(reader, ReaderTally()).outcomes.update(outcomes)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLIES:
        terminalreporter.write_sep("-", "hostile input per reader")
        terminalreporter.write_line(table())


@pytest.fixture(autouse=True, scope="session")
def window_layouts_in_a_test_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Qt keeps window sizes and the case list's columns in the user's own settings
    (``~/.config/casedesk`` on Linux): a test neither reads a caseworker's layout nor
    leaves one behind for the next start of the app, or of a test's app."""
    folder = tmp_path_factory.mktemp("config")
    previous = os.environ.get("XDG_CONFIG_HOME")
    os.environ["XDG_CONFIG_HOME"] = str(folder)
    try:
        yield folder
    finally:
        if previous is None:
            del os.environ["XDG_CONFIG_HOME"]
        else:
            os.environ["XDG_CONFIG_HOME"] = previous


@pytest.fixture(autouse=True, scope="session")
def crash_reports_in_a_test_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A test that meets a bug on purpose never writes into the developer's own log folder."""
    folder = tmp_path_factory.mktemp("crash-reports")
    previous = os.environ.get(LOG_DIR_ENV)
    os.environ[LOG_DIR_ENV] = str(folder)
    try:
        yield folder
    finally:
        if previous is None:
            del os.environ[LOG_DIR_ENV]
        else:
            os.environ[LOG_DIR_ENV] = previous


class MemoryKeyring(ThrowawayKeyring):
    """A keychain in memory, for unit tests; casedesk counts it as secure.

    Set ``locked`` or ``missing`` to make every call fail the way a real keychain does.
    """

    def __init__(self) -> None:
        super().__init__()
        self.locked = False
        self.missing = False

    def _check(self) -> None:
        if self.locked:
            raise keyring.errors.KeyringLocked("Failed to unlock the collection!")
        if self.missing:
            raise keyring.errors.NoKeyringError("No recommended backend was available.")

    def get_password(self, service: str, username: str) -> str | None:
        self._check()
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check()
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self._check()
        super().delete_password(service, username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The process-wide keyring replaced by an in-memory one for the test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def keychain(memory_keyring: MemoryKeyring) -> Keychain:
    """casedesk's keychain on the in-memory keyring."""
    return open_keychain()


def real_keychain_or_skip() -> None:
    """Skips a test that needs the real Secret Service; under ``CI=true`` fails instead."""
    if os.environ.get("CASEDESK_TEST_KEYCHAIN") == "secret-service":
        return
    reason = (
        "no real keychain: run under scripts/run-with-keychain.sh "
        "(sets CASEDESK_TEST_KEYCHAIN=secret-service)"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true, but {reason}")
    pytest.skip(reason)


@pytest.fixture
def real_keychain() -> Keychain:
    """The OS keychain as casedesk finds it (a real Secret Service in the test session)."""
    real_keychain_or_skip()
    return open_keychain()
