"""Catalogus › Beheren… bound to an open store: part of the composition root."""

from functools import partial
from pathlib import Path

from casedesk.clock import today
from casedesk.db.data_store import DataStore
from casedesk.domain.catalog import Catalog
from casedesk.domain.catalog_edit import Entry
from casedesk.services.catalog import apply_catalog_import, preview_catalog_import
from casedesk.services.catalog_editing import CatalogEditor
from casedesk.services.regions import region_table_in_use
from casedesk.services.routekaart import write_routekaart
from casedesk.ui.catalog.ports import CatalogPorts, FieldProblems, ImportChoice


def import_choice(store: DataStore, path: Path) -> ImportChoice:
    """The checked file and what it would change; taking it stores exactly that catalog."""
    found = preview_catalog_import(store, path)
    return ImportChoice(
        summary=found.summary,
        changes_nothing=found.changes.is_empty,
        take_into_use=partial(apply_catalog_import, store, found),
    )


def catalog_ports(store: DataStore, author: str) -> CatalogPorts:
    editor = CatalogEditor(store)

    def check(entry: Entry, replaces: str | None) -> FieldProblems:
        return editor.check(entry, today(), replaces)

    def save(entry: Entry, replaces: str | None) -> Catalog:
        return editor.save(entry, today(), replaces)

    return CatalogPorts(
        load=editor.catalog,
        check=check,
        save=save,
        mark_checked=lambda ids: editor.mark_checked(ids, today()),
        export=lambda path, details: editor.export_version(path, details.author, today(), details),
        preview_import=partial(import_choice, store),
        write_routekaart=lambda path: write_routekaart(store, path, today()),
        dossiers_using=editor.dossiers_using,
        remove=editor.remove_entry,
        set_route_leads=editor.set_route_leads,
        regions=region_table_in_use(store),
        today=today,
        author=author,
    )
