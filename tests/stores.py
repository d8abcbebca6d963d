"""A real encrypted store in a test's folder, set up as the first start sets it up."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.store import Store, open_store
from casedesk.services.store_admin import init_store


@contextmanager
def new_store(
    folder: Path,
    keychain: Keychain,
    caseworker: str = "Fatma Özdemir",
    municipality_code: str = "GM0855",
) -> Iterator[Store]:
    """A new store in ``folder`` with this caseworker working for this municipality, open."""
    location = StoreLocation.in_dir(folder)
    init_store(location, keychain, caseworker, municipality_code)
    with open_store(location, keychain) as opened:
        yield opened
