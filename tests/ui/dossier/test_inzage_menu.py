"""Dossier › Inzage… and Voorgoed verwijderen… on the real services."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from casedesk.db import settings_repo
from casedesk.db.keys import Keychain
from casedesk.db.models import Case
from casedesk.db.store import Store
from casedesk.domain.case import CaseId
from casedesk.services.intake import intake_service_for
from casedesk.ui.dossier.view import DossierView
from casedesk.wiring.workspace import dossier_ports
from tests.services.full_dossier import add_full_dossier
from tests.stores import new_store

pytestmark = pytest.mark.qt


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "opslag", keychain) as opened:
        yield opened


def test_inzage_from_the_dossier_menu_writes_the_files_into_the_chosen_folder(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = add_full_dossier(store)
    with store.session() as session:
        actor = settings_repo.current_caseworker_id(session)
    folder = tmp_path / "inzage"
    folder.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *args: str(folder))
    )
    settings = QSettings(str(tmp_path / "casedesk.ini"), QSettings.Format.IniFormat)
    view = DossierView(
        intake_service_for(store), CaseId(case_id), settings=settings,
        ports=dossier_ports(store, CaseId(case_id), actor, "Fatma Özdemir"),
    )  # fmt: skip
    qtbot.addWidget(view)
    action = view.findChild(QAction, "inzageAction")
    assert isinstance(action, QAction)
    action.trigger()
    assert sorted(path.name for path in folder.iterdir()) == [
        f"inzage-dossier-{case_id}.json", f"inzage-dossier-{case_id}.pdf",
        "verwijsbrief-versie-1.pdf",
    ]  # fmt: skip
    box = view.findChild(QMessageBox, "inzageDoneBox")
    assert isinstance(box, QMessageBox)
    qtbot.addWidget(box)
    assert f"inzage-dossier-{case_id}.pdf" in box.text()


def _view(qtbot: QtBot, store: Store, case_id: int, tmp_path: Path) -> DossierView:
    with store.session() as session:
        actor = settings_repo.current_caseworker_id(session)
    settings = QSettings(str(tmp_path / "casedesk.ini"), QSettings.Format.IniFormat)
    view = DossierView(
        intake_service_for(store), CaseId(case_id), settings=settings,
        ports=dossier_ports(store, CaseId(case_id), actor, "Fatma Özdemir"),
    )  # fmt: skip
    qtbot.addWidget(view)
    return view


def _ask_erase(view: DossierView) -> None:
    action = view.findChild(QAction, "eraseAction")
    assert isinstance(action, QAction)
    action.trigger()
    view.erase_button.click()


def test_erasing_while_the_term_runs_is_refused_with_the_reason(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    case_id = add_full_dossier(store, retention_until=date(2031, 11, 20))
    view = _view(qtbot, store, case_id, tmp_path)
    view.show()
    _ask_erase(view)
    box = view.findChild(QMessageBox, "errorBox")
    assert isinstance(box, QMessageBox)
    qtbot.addWidget(box)
    assert "bewaard blijven tot en met 20 november 2031" in box.text()
    assert view.isVisible()


def test_erasing_after_the_term_removes_the_dossier_and_closes_its_window(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    case_id = add_full_dossier(store, retention_until=date(2020, 1, 1))
    view = _view(qtbot, store, case_id, tmp_path)
    view.show()
    with qtbot.waitSignal(view.changed):
        _ask_erase(view)
    assert not view.isVisible()
    with store.session() as session:
        assert session.get(Case, case_id) is None
