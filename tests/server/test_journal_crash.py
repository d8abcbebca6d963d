"""A caseworker types in an intake while the network is gone and the app is killed: the
next start on the server saves what was typed (tests/server/journal_child.py)."""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from casedesk.db.intake_journal import JOURNAL_FILE_NAME, IntakeJournal
from casedesk.db.keys import Keychain
from casedesk.domain.case import CaseId
from casedesk.services.intake import intake_service_for
from casedesk.services.intake_journal import journaled_intake_service
from tests.server.journal_child import FIRST_NAMES, SURNAME
from tests.server.region import PASSWORD, Region

REPO = Path(__file__).resolve().parents[2]
AMSTERDAM = "GM0363"


@pytest.fixture
def journal(tmp_path: Path, real_keychain: Keychain) -> Iterator[IntakeJournal]:
    made = IntakeJournal(tmp_path / JOURNAL_FILE_NAME, real_keychain)
    yield made
    real_keychain.delete_key(made.path)


@pytest.mark.slow
def test_what_was_typed_while_disconnected_survives_a_killed_app_and_reaches_the_server(
    region: Region, tmp_path: Path, journal: IntakeJournal
) -> None:
    kim = region.add_caseworker("kim", AMSTERDAM)
    case_id = region.add_dossier(kim, AMSTERDAM)
    address = region.url_for(kim).set(drivername="postgresql", password=None)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.server.journal_child", str(tmp_path),
         address.render_as_string(hide_password=False), str(case_id)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "CASEDESK_TEST_SERVER_PASSWORD": PASSWORD},
    )  # fmt: skip
    assert child.stdout is not None
    try:
        said = child.stdout.readline()
    finally:
        child.send_signal(signal.SIGKILL)
        _, stderr = child.communicate(timeout=30)
    assert said == "kept\n", stderr
    assert child.returncode == -signal.SIGKILL, stderr

    on_disk = b"".join(path.read_bytes() for path in tmp_path.glob(f"{JOURNAL_FILE_NAME}*"))
    assert FIRST_NAMES.encode() not in on_disk
    assert SURNAME.encode() not in on_disk
    with region.store_as(kim) as store:
        service = journaled_intake_service(store, journal)
        assert service.load_intake(CaseId(case_id)).answers.entrepreneur.first_names == (
            FIRST_NAMES
        )
        assert service.save_kept() is not None  # what the next start does
    with region.store_as(kim) as store:
        stored = intake_service_for(store).load_intake(CaseId(case_id)).answers.entrepreneur
    assert (stored.first_names, stored.surname) == (FIRST_NAMES, SURNAME)
    assert journal.kept(service.server) == []
