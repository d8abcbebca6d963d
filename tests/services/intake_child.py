"""A caseworker typing into an intake in a second process, for the kill test.

Run as ``python -m tests.services.intake_child DATA_DIR CASE_ID`` from the repository root,
with the store key in hex in ``CASEDESK_TEST_STORE_KEY``. Types ``TYPED`` into the surname
letter by letter, over and over, autosaving each keystroke through ``IntakeService``, and
prints the number of keystrokes saved after each save returned (until killed).
"""

import dataclasses
import os
import sys
from pathlib import Path

import keyring

from casedesk.db.keys import Keychain, open_keychain
from casedesk.db.location import StoreLocation
from casedesk.domain.case import CaseId
from casedesk.domain.intake import Entrepreneur
from tests.conftest import MemoryKeyring

KEY_ENV = "CASEDESK_TEST_STORE_KEY"

TYPED = "Hoff-Çelik van den Berg-Özdemir "


def typed_after(keystrokes: int) -> str:
    """What the surname field holds after this many keystrokes (the text repeats)."""
    whole, part = divmod(keystrokes, len(TYPED))
    return TYPED * whole + TYPED[:part]


def _keychain(location: StoreLocation) -> Keychain:
    keyring.set_keyring(MemoryKeyring())
    keychain = open_keychain()
    keychain.save_key(location.store_file, bytes.fromhex(os.environ[KEY_ENV]))
    return keychain


def main() -> None:
    from casedesk.db.store import open_store
    from casedesk.services.intake import IntakeService

    location = StoreLocation.in_dir(Path(sys.argv[1]))
    case_id = CaseId(int(sys.argv[2]))
    with open_store(location, _keychain(location)) as store:
        service = IntakeService(store, None)
        answers = service.load_intake(case_id).answers
        keystrokes = len(answers.entrepreneur.surname)
        while True:
            keystrokes += 1
            person: Entrepreneur = dataclasses.replace(
                answers.entrepreneur, surname=typed_after(keystrokes)
            )
            answers = dataclasses.replace(answers, entrepreneur=person)
            service.save_answers(case_id, answers)
            print(keystrokes, flush=True)


if __name__ == "__main__":
    main()
