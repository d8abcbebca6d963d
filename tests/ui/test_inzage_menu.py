"""Dossier › Inzage… on the real services: the folder asked for gets the PDF and the JSON."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from casedesk.db import settings_repo
from casedesk.db.keys import Keychain
from casedesk.db.store import Store
from casedesk.domain.case import CaseId
from casedesk.services.intake import intake_service_for
from casedesk.ui.dossier_view import DossierView
from casedesk.workspace_wiring import dossier_ports
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
