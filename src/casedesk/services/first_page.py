"""The case list's first page while the store is still opening (``db/first_look.py``).

Loaded at start-up before SQLAlchemy: it imports only the raw look and the keychain.
"""

from casedesk.db.commit_verdict import CommitMark
from casedesk.db.first_look import newest_cases_if_sound
from casedesk.db.keys import open_keychain
from casedesk.db.location import StoreLocation
from casedesk.domain.case import CaseSummary
from casedesk.errors import KnownError


def newest_cases_before_opening(location: StoreLocation, limit: int) -> list[CaseSummary] | None:
    """The newest ``limit`` dossiers of the store on this computer (not for a regional
    server: the caller knows which it opens), read without opening it; None when there is
    nothing to show yet or the usual open must decide (no store, a keychain problem,
    anything the look does not find in order)."""
    if not location.store_file.is_file():
        return None
    try:
        key, mark = open_keychain().load_key_and_mark(location.store_file)
    except KnownError:
        return None  # the usual open says what is wrong with the keychain
    if key is None:
        return None
    return newest_cases_if_sound(location.store_file, key, CommitMark.from_text(mark), limit)
