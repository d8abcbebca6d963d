"""Killing the app in the middle of typing loses nothing that autosave reported stored.

A child process (tests/ui/intake_child.py) runs the intake window on a real encrypted
store and types without pause; autosave must still store at least every second. The
parent waits for two reported saves, SIGKILLs the child mid-typing, reopens the store and
finds the typed name back, at least as far as the last reported save.
"""

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.store import open_store
from casedesk.domain.dossier import Registration
from casedesk.domain.intake import IntakeAnswers
from casedesk.services.intake import intake_service_for
from casedesk.services.store_admin import init_store
from tests.ui.intake_child import TYPED

REPO = Path(__file__).resolve().parents[3]
SAVES_TO_SEE = 2


@pytest.mark.slow
def test_a_killed_app_keeps_what_was_typed_up_to_the_last_autosave(
    tmp_path: Path, keychain: Keychain
) -> None:
    location = StoreLocation.in_dir(tmp_path)
    init_store(location, keychain, "Sanne de Wit", "GM0855")
    with open_store(location, keychain) as store:
        key = store.key
        case_id = intake_service_for(store).start_intake(
            Registration(date(2026, 11, 27), "GM0855"), IntakeAnswers()
        )

    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.intake_child", str(tmp_path), str(case_id)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CASEDESK_TEST_STORE_KEY": key.hex(), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.stdout is not None
    reported: list[str] = []
    try:
        while len(reported) < SAVES_TO_SEE:
            line = child.stdout.readline()
            if not line:
                break
            if line.startswith("saved "):
                reported.append(line.removeprefix("saved ").rstrip("\n"))
    finally:
        child.send_signal(signal.SIGKILL)
        _, stderr = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, stderr
    assert len(reported) == SAVES_TO_SEE, stderr

    with open_store(location, keychain) as store:
        stored = intake_service_for(store).load_intake(case_id).answers.entrepreneur.first_names
    assert stored.startswith(reported[-1])
    assert TYPED.startswith(stored)
    assert len(reported[0]) < len(reported[-1]), "saves kept coming while typing went on"
