"""The intake window on a real store in a second process, typing until it is killed.

Run as ``python -m tests.ui.intake_child DATA_DIR CASE_ID`` from the repository root, with
the store key in hex in ``CASEDESK_TEST_STORE_KEY`` (the child keeps it in its own
in-memory keychain). The child opens the intake of CASE_ID offscreen, puts the cursor in
Voornamen and types one key every ``KEY_INTERVAL_MS`` without ever pausing, as a
caseworker typing along with a talk. Each time ``save_answers`` has committed, it prints
``saved <first names as stored>``. It never stops by itself: the test kills it.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

KEY_INTERVAL_MS = 40
TYPED = "abcdefghijklmnopqrstuvwxyz" * 40


def main(data_dir: Path, case_id: int) -> None:
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtTest import QTest

    from casedesk.db.location import StoreLocation
    from casedesk.db.store import open_store
    from casedesk.domain.case import CaseId
    from casedesk.domain.dossier import AnswersBase, AnswersSaved
    from casedesk.domain.intake import IntakeAnswers
    from casedesk.services.intake import IntakeService, intake_service_for
    from casedesk.ui.app import create_application
    from casedesk.ui.intake.window import IntakeWindow
    from tests.db.store_child import _keychain

    class ReportingService(IntakeService):
        def save_answers(
            self, case_id: CaseId, answers: IntakeAnswers, base: AnswersBase | None = None
        ) -> AnswersSaved:
            saved = super().save_answers(case_id, answers, base)
            print("saved", answers.entrepreneur.first_names, flush=True)
            return saved

    app = create_application(sys.argv[:1])
    location = StoreLocation.in_dir(data_dir)
    store = open_store(location, _keychain(location))
    service = ReportingService(store, intake_service_for(store).actor_id)
    settings = QSettings(str(data_dir / "child.ini"), QSettings.Format.IniFormat)
    window = IntakeWindow(service, CaseId(case_id), settings=settings)
    window.show()
    window.activateWindow()
    field = window.bindings["entrepreneur.first_names"].control
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    position = 0

    def type_next_key() -> None:
        nonlocal position
        QTest.keyClicks(field, TYPED[position % len(TYPED)])
        position += 1

    keys = QTimer()
    keys.timeout.connect(type_next_key)
    keys.start(KEY_INTERVAL_MS)
    print("typing", flush=True)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
