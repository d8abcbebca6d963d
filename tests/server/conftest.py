"""Fixtures of the regional-mode tests: a region per test module on the real server."""

from collections.abc import Iterator

import pytest

from tests.server.region import Region, new_region


@pytest.fixture(scope="module")
def region() -> Iterator[Region]:
    with new_region() as made:
        yield made


@pytest.fixture
def bare_region() -> Iterator[Region]:
    """A region of its own for one test, its database without any schema yet: for the
    tests that bring a server up to an older revision first."""
    with new_region(set_up=False) as made:
        yield made
