"""The plan screens on the real services: an encrypted store, the real renderer."""

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from casedesk.db import settings_repo
from casedesk.db.cases import BusinessData, EntrepreneurData, create_case
from casedesk.db.keys import Keychain
from casedesk.db.models import Action
from casedesk.db.store import Store
from casedesk.plan.samples import SAMPLE_MUNICIPALITY
from casedesk.services.municipality_settings import save_municipality_settings
from casedesk.ui.documents.panel import DocumentsPanel
from casedesk.wiring.workspace import plan_ports
from tests.stores import new_store
from tests.ui.plan_doubles import pdf_text

pytestmark = pytest.mark.qt

CASEWORKER = "Fatma Özdemir"


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "opslag", keychain, CASEWORKER, "GM1900") as opened:
        save_municipality_settings(opened, SAMPLE_MUNICIPALITY)
        yield opened


def new_case(store: Store) -> tuple[int, int]:
    with store.transaction() as session:
        actor = settings_repo.current_caseworker_id(session)
        assert actor is not None
        case_id = create_case(
            session,
            actor,
            entrepreneur=EntrepreneurData("Zoë", "van 't", "Hoff-Çelik"),
            business=BusinessData("Kapsalon Zoë & IJsbrand"),
            municipality_code="GM1900",
            region_code=None,
            registration_date=date(2026, 11, 27),
        )
    return case_id, actor


def pdf_text_of(pdf: bytes, folder: Path) -> str:
    path = folder / "fresh.pdf"
    path.write_bytes(pdf)
    return pdf_text(path)


def test_a_saved_plan_reopens_byte_identical_after_the_case_changed(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    case_id, actor = new_case(store)
    panel = DocumentsPanel(plan_ports(store, case_id, actor, CASEWORKER))
    qtbot.addWidget(panel)
    preview = panel.open_new_plan()
    saved = tmp_path / "actieplan.pdf"
    preview.save_to(saved)
    version_id = preview.document.version_id
    assert version_id is not None
    assert panel.model.rowCount() == 1
    assert panel.model.line_at(0).sha256 == hashlib.sha256(saved.read_bytes()).hexdigest()
    preview.close()

    with store.transaction() as session:
        session.add(
            Action(
                case_id=case_id,
                description="Iets heel anders",
                owner="klantmanager",
                due_date=date(2026, 12, 1),
            )
        )
    assert "Iets heel anders" in pdf_text_of(panel.open_new_plan().document.pdf, tmp_path)
    reopened = panel.open_version(version_id)
    assert reopened.document.pdf == saved.read_bytes()
    assert "Fatma Özdemir" in pdf_text(saved)
    assert "Iets heel anders" not in pdf_text(saved)
    close_all = list(panel.previews)
    for window in close_all:
        window.close()


def test_printing_and_saving_a_plan_are_logged_with_their_outcome(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter
    from sqlalchemy import select

    from casedesk.db.models import AuditEvent
    from casedesk.errors import KnownError

    case_id, actor = new_case(store)
    panel = DocumentsPanel(plan_ports(store, case_id, actor, CASEWORKER))
    qtbot.addWidget(panel)
    preview = panel.open_new_plan()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "afdruk.pdf"))
    pages = preview.print_to(printer)
    preview.save_to(tmp_path / "actieplan.pdf")
    with pytest.raises(KnownError, match="kon niet worden opgeslagen"):
        preview.save_to(tmp_path / "no-such-folder" / "actieplan.pdf")
    with store.session() as session:
        logged = session.execute(
            select(AuditEvent.action, AuditEvent.outcome, AuditEvent.details_json)
            .where(AuditEvent.case_id == case_id, AuditEvent.action.like("document.%"))
            .order_by(AuditEvent.id)
        ).all()
    assert [tuple(row) for row in logged] == [
        ("document.stored", "done", logged[0][2]),
        ("document.printed", "done", f'{{"pages": {pages}}}'),
        ("document.saved", "done", "{}"),
        ("document.saved", "failed", "{}"),
    ]
