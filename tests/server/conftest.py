"""Fixtures of the regional-mode tests: a region per test module on the real server."""

from collections.abc import Iterator

import pytest

from tests.server.region import Region, new_region


@pytest.fixture(scope="module")
def region() -> Iterator[Region]:
    with new_region() as made:
        yield made
