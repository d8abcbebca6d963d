"""Prints the fuzz table after the run."""

import pytest

from tests.fuzz.tally import TALLIES, table


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLIES:
        terminalreporter.write_sep("-", "hostile input per reader")
        terminalreporter.write_line(table())
