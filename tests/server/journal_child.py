"""The intake window on the regional server in a second process, typing while the network
is gone, until it is killed.

Run as ``python -m tests.server.journal_child DATA_DIR ADDRESS CASE_ID`` from the
repository root, with the login's password in ``CASEDESK_TEST_SERVER_PASSWORD``. The child
reaches the server through a relay of its own, opens the intake of CASE_ID offscreen with
the journaled intake services (the journal in DATA_DIR, its key in the OS keychain), cuts
the relay, types a name and lets the window save. When the save has been kept in the
journal it prints ``kept``, then waits in the event loop: the test kills it.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIRST_NAMES = "Zoë"
SURNAME = "Hoff-Çelik"


def main(data_dir: Path, address: str, case_id: int) -> None:
    from PySide6.QtCore import QSettings
    from sqlalchemy.engine import make_url

    from casedesk.db.intake_journal import JOURNAL_FILE_NAME, IntakeJournal
    from casedesk.db.keys import open_keychain
    from casedesk.db.server.store import open_server_store
    from casedesk.domain.case import CaseId
    from casedesk.services.intake_journal import journaled_intake_service
    from casedesk.ui.app import create_application
    from casedesk.ui.intake.window import IntakeWindow
    from tests.server.relay import Relay

    app = create_application(sys.argv[:1])
    url = make_url(address).set(password=os.environ["CASEDESK_TEST_SERVER_PASSWORD"])
    assert url.host is not None and url.port is not None
    relay = Relay(url.host, url.port)
    store = open_server_store(relay.address_for(url))
    journal = IntakeJournal(data_dir / JOURNAL_FILE_NAME, open_keychain())
    service = journaled_intake_service(store, journal)
    settings = QSettings(str(data_dir / "child.ini"), QSettings.Format.IniFormat)
    window = IntakeWindow(service, CaseId(case_id), settings=settings)
    window.show()
    relay.cut()  # the network drops while the caseworker types
    window.bindings["entrepreneur.first_names"].write(FIRST_NAMES)
    window.bindings["entrepreneur.surname"].write(SURNAME)
    if window.save_now():
        raise SystemExit("the save got through although the network was cut")
    if not journal.kept(service.server):
        raise SystemExit("nothing was kept")
    print("kept", flush=True)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
