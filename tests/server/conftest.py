"""Fixtures of the regional-mode tests: a region per test module on the real server."""

from collections.abc import Iterator

import pytest

from casedesk.db.server.store import ServerStore
from tests.server.region import AMSTERDAM, Region, new_region


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


@pytest.fixture(scope="module")
def kim(region: Region) -> str:
    """Kim Jansen, a caseworker of Amsterdam (a module may have a Kim of its own)."""
    return region.add_caseworker("kim", AMSTERDAM, display_name="Kim Jansen")


@pytest.fixture
def kims_store(region: Region, kim: str) -> Iterator[ServerStore]:
    """The server as Kim's app opens it."""
    with region.store_as(kim) as opened:
        yield opened
