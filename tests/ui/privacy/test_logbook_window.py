"""Bestand › Logboek on the real services: filters on who, dossier, action and period."""

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from casedesk.db import settings_repo
from casedesk.db.audit import AuditEntry
from casedesk.db.keys import Keychain
from casedesk.db.store import Store
from casedesk.domain.followups import local_today
from casedesk.services.audit_log import event_text
from casedesk.services.inzage import make_inzage
from casedesk.services.logbook import LogFilter, log_choices, search_log
from casedesk.ui.privacy.logbook_window import LogbookPorts, LogbookWindow
from tests.services.full_dossier import NOW, add_full_dossier
from tests.stores import new_store

pytestmark = pytest.mark.qt


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "opslag", keychain) as opened:
        yield opened


def _today() -> date:
    from datetime import UTC, datetime

    return local_today(datetime.now(UTC))


def _ports(store: Store) -> LogbookPorts:
    return LogbookPorts(
        choices=lambda: log_choices(store),
        search=lambda log_filter: search_log(store, log_filter),
        today=_today,
    )


def test_the_filters_narrow_the_log_to_one_dossier_and_action(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    first = add_full_dossier(store)
    second = add_full_dossier(store, surname="Jansen")
    make_inzage(store, first, tmp_path / "a", NOW)
    make_inzage(store, second, tmp_path / "b", NOW)
    window = LogbookWindow(_ports(store))
    qtbot.addWidget(window)
    window.case_field.setText(str(second))
    window.action_field.setCurrentIndex(window.action_field.findData("inzage.made"))
    window.search()
    assert window.model.rowCount() == 1
    assert window.model.row_at(0).case_id == second
    assert window.count_label.text() == "1 gebeurtenis"


def test_the_period_and_who_filters_are_applied(store: Store, tmp_path: Path) -> None:
    case_id = add_full_dossier(store)
    make_inzage(store, case_id, tmp_path / "a", NOW)
    with store.session() as session:
        me = settings_repo.current_caseworker_id(session)
    today = _today()
    assert search_log(store, LogFilter(action="inzage.made", actor_id=me, first=today,
                                       last=today))  # fmt: skip
    assert search_log(store, LogFilter(action="inzage.made", last=today - timedelta(days=1))) == []
    assert search_log(store, LogFilter(action="inzage.made", actor_id=(me or 0) + 1)) == []


def test_a_dossier_number_that_is_not_a_number_is_refused_in_dutch(
    qtbot: QtBot, store: Store
) -> None:
    window = LogbookWindow(_ports(store))
    qtbot.addWidget(window)
    window.case_field.setText("Jansen")
    window.search()
    box = window.findChild(QMessageBox, "errorBox")
    assert isinstance(box, QMessageBox)
    qtbot.addWidget(box)
    assert "Een dossiernummer is een getal" in box.text()


def test_every_logged_action_has_a_dutch_label_in_the_filter(store: Store, tmp_path: Path) -> None:
    case_id = add_full_dossier(store)
    make_inzage(store, case_id, tmp_path / "a", NOW)
    search_log(store, LogFilter())
    for code, label in log_choices(store).actions:
        assert label != code, code
        blank = AuditEntry(NOW, None, code, "", None, None, {})
        assert event_text(blank)
