"""The purge in the app, on the real services: the monthly question and the confirmation."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casedesk.db.keys import Keychain
from casedesk.db.models import Case
from casedesk.db.store import Store
from casedesk.services.retention import purge_reminder
from casedesk.ui.privacy.purge_dialog import PurgeDialog
from casedesk.wiring.workspace import purge_ports
from tests.services.full_dossier import add_full_dossier
from tests.stores import new_store

pytestmark = pytest.mark.qt


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "opslag", keychain) as opened:
        yield opened


def _case_ids(store: Store) -> list[int]:
    with store.session() as session:
        return list(session.scalars(select(Case.id)))


def test_the_monthly_question_names_numbers_and_erases_only_when_confirmed(
    qtbot: QtBot, store: Store
) -> None:
    expired = add_full_dossier(store, retention_until=date(2020, 1, 1))
    question = purge_ports(store).monthly_reminder()
    assert question is not None
    dialog = PurgeDialog(question)
    qtbot.addWidget(dialog)
    assert f"1 dossier: {expired}." in dialog.text_label.text()
    assert "Qwertyzand" not in dialog.text_label.text()
    dialog.cancel_button.click()
    assert _case_ids(store) == [expired]
    dialog = PurgeDialog(purge_ports(store).preview())
    qtbot.addWidget(dialog)
    dialog.erase_button.click()
    assert list(dialog.erased) == [expired]
    assert _case_ids(store) == []


def test_the_reminder_comes_once_a_month(store: Store) -> None:
    add_full_dossier(store, retention_until=date(2020, 1, 1))
    assert purge_reminder(store, date(2026, 11, 1)) is not None
    assert purge_reminder(store, date(2026, 11, 30)) is None
    assert purge_reminder(store, date(2026, 12, 1)) is not None


def test_with_nothing_expired_the_dialog_only_says_so(qtbot: QtBot, store: Store) -> None:
    add_full_dossier(store, retention_until=date(2040, 1, 1))
    assert purge_ports(store).monthly_reminder() is None
    dialog = PurgeDialog(purge_ports(store).preview())
    qtbot.addWidget(dialog)
    dialog.show()
    assert "geen dossiers" in dialog.text_label.text()
    assert not dialog.erase_button.isVisible()
