"""Keeping the catalog in the app: every change checked, audited, all or nothing."""

import dataclasses
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.fileformat import load_catalog
from casedesk.db.audit import AuditDetail, events_between
from casedesk.db.store import Store
from casedesk.domain.catalog import Contact
from casedesk.errors import KnownError
from casedesk.services.catalog import (
    apply_catalog_import,
    catalog_in_use,
    preview_catalog_import,
)
from casedesk.services.catalog_editing import CatalogEditor, EntryNotSavedError
from tests.services.casework_store import store

__all__ = ["store"]

pytestmark = pytest.mark.only_sqlite(
    "on a server only the coordinator may change the catalog; a caseworker is refused"
)

TODAY = date(2026, 12, 1)


def _actions(store: Store) -> list[tuple[str, dict[str, AuditDetail]]]:
    with store.session() as session:
        events = events_between(
            session, datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
        )
    return [(e.action, e.details) for e in events if e.action.startswith("catalog.")]


def test_a_saved_entry_is_in_the_catalog_in_use_and_in_the_audit_log(store: Store) -> None:
    editor = CatalogEditor(store)
    first = load_default_catalog().instruments[0]
    editor.save(dataclasses.replace(first, description="Een nieuwe tekst."), TODAY)
    assert catalog_in_use(store).instruments[0].description == "Een nieuwe tekst."
    assert _actions(store)[-1][0] == "catalog.entry_saved"
    assert _actions(store)[-1][1]["entry"] == first.id


def test_an_entry_an_import_would_refuse_is_not_saved(store: Store) -> None:
    editor = CatalogEditor(store)
    first = load_default_catalog().instruments[0]
    broken = dataclasses.replace(first, contact=Contact(phone="12"))
    with pytest.raises(EntryNotSavedError, match="geen geldig telefoonnummer"):
        editor.save(broken, TODAY)
    assert catalog_in_use(store) == load_default_catalog()
    assert _actions(store) == []


def test_nagekeken_dates_the_entry_today(store: Store) -> None:
    editor = CatalogEditor(store)
    first = load_default_catalog().instruments[0]
    editor.mark_checked([first.id], TODAY)
    assert catalog_in_use(store).instruments[0].last_checked == TODAY
    action, details = _actions(store)[-1]
    assert (action, details["entries"]) == ("catalog.entries_checked", first.id)


def test_an_export_is_the_next_version_with_date_and_author(store: Store, tmp_path: Path) -> None:
    editor = CatalogEditor(store)
    path = tmp_path / "routekaart.json"
    issued = editor.export_version(path, "Ingrid de Vries", TODAY)
    written = load_catalog(path, today=TODAY)
    assert (written.version, written.issued, written.author) == (
        "2026.2",
        TODAY,
        "Ingrid de Vries",
    )
    assert json.loads(path.read_text(encoding="utf-8"))["format_version"] == 3
    assert catalog_in_use(store) == issued == written


def test_an_export_that_cannot_be_written_uses_up_no_version(store: Store, tmp_path: Path) -> None:
    editor = CatalogEditor(store)
    with pytest.raises(KnownError, match="Er is niets veranderd"):
        editor.export_version(tmp_path / "weg" / "routekaart.json", "Ingrid", TODAY)
    assert catalog_in_use(store).version == load_default_catalog().version


def test_the_import_takes_what_the_preview_showed(store: Store, tmp_path: Path) -> None:
    other = CatalogEditor(store)
    path = tmp_path / "regio.json"
    other.export_version(path, "Regio", TODAY)
    first = load_default_catalog().instruments[0]
    other.save(dataclasses.replace(first, name="Gewijzigd in de app"), TODAY)
    preview = preview_catalog_import(store, path)
    assert preview.changes.changed_fields == {first.id: ("naam",)}
    path.write_text("kapot", encoding="utf-8")  # changed after the preview: not read again
    taken = apply_catalog_import(store, preview)
    assert catalog_in_use(store) == taken
    assert catalog_in_use(store).instruments[0].name == first.name
