"""Render Catalogus › Beheren…, its dialogs and the import preview to PNG files for review.

``python -m tools.screenshots.catalog OUTDIR`` — offscreen, at 1366x768, on the
shipped catalog held in memory with the file import's real checks. A review tool, not a
test: nothing is stored.
"""

import dataclasses
import os
import sys
from datetime import date
from pathlib import Path

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.entry_checks import entry_findings
from casedesk.catalog.regions import load_default_region_table
from casedesk.catalog.transfer import compare_catalogs
from casedesk.domain.catalog import Catalog
from casedesk.domain.catalog_edit import (
    DossierUse,
    Entry,
    issue_version,
    mark_checked,
    remove_entry,
    save_entry,
    with_route_leads,
)
from casedesk.ui.catalog.ports import CatalogPorts, ImportChoice

TODAY = date(2026, 12, 2)
SCREEN_SIZE = (1366, 768)


class MemoryCatalog:
    """The catalog in use, in memory: what the service does, without the store."""

    def __init__(self) -> None:
        self.catalog = load_default_catalog()
        self.regions = load_default_region_table()

    def ports(self) -> CatalogPorts:
        return CatalogPorts(
            load=lambda: self.catalog,
            check=lambda entry, replaces: entry_findings(
                self.catalog, entry, self.regions, TODAY, replaces
            ),
            save=self._save,
            mark_checked=lambda ids: self._keep(mark_checked(self.catalog, ids, TODAY)),
            export=lambda _path, details: self._keep(issue_version(self.catalog, details, TODAY)),
            preview_import=self._preview,
            write_routekaart=lambda _path: None,
            # As if three dossiers of the region chose or referred to every entry.
            dossiers_using=lambda _entry_id: DossierUse(3),
            remove=lambda entry_id: self._keep(remove_entry(self.catalog, entry_id)),
            set_route_leads=lambda leads: self._keep(with_route_leads(self.catalog, leads)),
            regions=self.regions,
            today=lambda: TODAY,
            author="Ingrid de Vries",
        )

    def _save(self, entry: Entry, replaces: str | None) -> Catalog:
        return self._keep(save_entry(self.catalog, entry, replaces))

    def _keep(self, catalog: Catalog) -> Catalog:
        self.catalog = catalog
        return catalog

    def _preview(self, _path: Path) -> ImportChoice:
        first = self.catalog.instruments[0]
        new = save_entry(self.catalog, dataclasses.replace(first, name=f"{first.name} 2027"))
        new = mark_checked(new, [p.id for p in new.partners], TODAY)
        changes = compare_catalogs(self.catalog, new)
        return ImportChoice(
            changes.summary(self.catalog, new), changes.is_empty, lambda: self._keep(new)
        )


def render_screenshots(target: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from casedesk.ui.app import create_application
    from casedesk.ui.catalog.import_dialog import ImportPreviewDialog
    from casedesk.ui.catalog.manager import CatalogManager

    app = QApplication.instance() or create_application(sys.argv[:1])
    target.mkdir(parents=True, exist_ok=True)
    window = CatalogManager(MemoryCatalog().ports())
    window.resize(*SCREEN_SIZE)
    window.show()
    window.select_entry("ondernemersklankbord")
    app.processEvents()
    window.grab().save(str(target / "beheren.png"))

    window.form.phone.setText("12")
    window.form.website.setText("www.ondernemersklankbord")
    window.form.availability.local.setChecked(True)
    app.processEvents()
    window.grab().save(str(target / "beheren_fouten.png"))
    window.revert()

    window.select_entry("schuldhulpverlening")
    app.processEvents()
    window.grab().save(str(target / "beheren_partner.png"))

    window.select_entry("ondernemersklankbord")
    window.ask_remove()
    app.processEvents()
    window.remove_dialog.grab().save(str(target / "verwijderen.png"))
    window.remove_dialog.close()

    window.ask_route_leads()
    app.processEvents()
    window.route_leads_dialog.grab().save(str(target / "regie_per_route.png"))
    window.route_leads_dialog.close()

    window.ask_export()
    app.processEvents()
    window.export_dialog.grab().save(str(target / "exporteren.png"))
    window.export_dialog.close()

    window.import_from(Path("regio.json"))
    dialog = window.import_dialog
    assert isinstance(dialog, ImportPreviewDialog)
    app.processEvents()
    dialog.grab().save(str(target / "inlezen.png"))
    dialog.close()
    window.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("gebruik: python -m tools.screenshots.catalog MAP")
    render_screenshots(Path(sys.argv[1]))
