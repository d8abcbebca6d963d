"""Fixtures for the store tests: a store location in tmp_path and file fingerprints."""

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.store import Store, create_store


@pytest.fixture
def location(tmp_path: Path) -> StoreLocation:
    return StoreLocation.in_dir(tmp_path / "data")


@pytest.fixture
def store(location: StoreLocation, keychain: Keychain) -> Iterator[Store]:
    created, _recovery_key = create_store(location, keychain)
    try:
        yield created
    finally:
        created.close()


def store_files_fingerprint(location: StoreLocation) -> dict[str, str]:
    """sha256 of the store file, its -wal and -shm (absent files count as absent)."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (location.store_file, location.wal_file, location.shm_file)
        if path.exists()
    }
