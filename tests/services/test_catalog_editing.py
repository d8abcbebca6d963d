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
from casedesk.domain.catalog import Contact, InstrumentId, PartnerId, PartnerType
from casedesk.domain.routes import Route
from casedesk.errors import KnownError
from casedesk.services.catalog import (
    apply_catalog_import,
    catalog_in_use,
    preview_catalog_import,
)
from casedesk.services.catalog_editing import (
    CatalogEditor,
    EntryNotSavedError,
    RouteLeadsRefusedError,
)
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


def test_a_removed_entry_is_gone_from_the_catalog_in_use_and_logged(store: Store) -> None:
    editor = CatalogEditor(store)
    removed = editor.remove_entry("mkb-diagnosetool")
    assert removed.instrument(InstrumentId("mkb-diagnosetool")) is None
    assert catalog_in_use(store) == removed
    action, details = _actions(store)[-1]
    assert (action, details["entry"]) == ("catalog.entry_removed", "mkb-diagnosetool")


def test_removing_the_only_lead_partner_is_refused_and_changes_nothing(store: Store) -> None:
    editor = CatalogEditor(store)
    with pytest.raises(KnownError, match="kan niet worden verwijderd: dan heeft Route 3 geen"):
        editor.remove_entry("werkgeversservicepunt")
    assert catalog_in_use(store) == load_default_catalog()
    assert _actions(store) == []


def test_in_gebruik_off_for_the_only_lead_partner_is_refused_too(store: Store) -> None:
    editor = CatalogEditor(store)
    wsp = load_default_catalog().partner(PartnerId("werkgeversservicepunt"))
    assert wsp is not None
    with pytest.raises(KnownError, match="is niet opgeslagen: dan heeft Route 3 geen partner"):
        editor.save(dataclasses.replace(wsp, active=False), TODAY)
    assert catalog_in_use(store) == load_default_catalog()


def test_a_new_route_lead_is_stored_as_a_new_version_and_logged(store: Store) -> None:
    editor = CatalogEditor(store)
    editor.set_route_leads({Route.EMPLOYMENT: PartnerType.LEERWERKLOKET})
    assert catalog_in_use(store).lead_type(Route.EMPLOYMENT) is PartnerType.LEERWERKLOKET
    action, details = _actions(store)[-1]
    assert (action, details["route_leads"]) == (
        "catalog.route_leads_changed",
        "1=zelfstandigenloket,2=zelfstandigenloket,3=leerwerkloket",
    )


def test_a_route_lead_without_a_partner_in_the_region_is_refused(store: Store) -> None:
    editor = CatalogEditor(store)
    refused = "Route 3 kan niet worden geleid door “Marktpartij”"
    with pytest.raises(RouteLeadsRefusedError, match=refused):
        editor.set_route_leads({Route.EMPLOYMENT: PartnerType.MARKET_PARTY})
    assert catalog_in_use(store) == load_default_catalog()
    assert _actions(store) == []


def test_the_same_route_leads_again_store_no_new_version(store: Store) -> None:
    editor = CatalogEditor(store)
    editor.set_route_leads({Route.EMPLOYMENT: PartnerType.WSP})
    assert _actions(store) == []
