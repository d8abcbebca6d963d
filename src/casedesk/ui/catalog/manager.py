"""Catalogus › Beheren…: the regional coordinator keeps the catalog of instruments and
partners here, and sends it out as a versioned file.

The list shows every entry, the longest unchecked first, stale ones marked; the form
beside it edits the chosen one with the file import's own checks shown at each field as
the coordinator types. Saving, "Nagekeken", export, import and the routekaart go through
the injected ports (services): this window keeps no catalog of its own.
"""

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from casedesk import clock
from casedesk.domain.catalog import (
    PARTNER_TYPE_LABELS,
    Availability,
    Catalog,
    Contact,
    CostKind,
    Instrument,
    InstrumentId,
    Partner,
    PartnerId,
    PartnerType,
)
from casedesk.domain.catalog_edit import (
    Entry,
    VersionDetails,
    by_last_checked,
    lead_loss_reason,
    next_version,
    remove_entry,
)
from casedesk.domain.dutch import long_date
from casedesk.domain.regions import RegionCode
from casedesk.errors import KnownError
from casedesk.ui.catalog.form import EntryForm
from casedesk.ui.catalog.import_dialog import ImportPreviewDialog
from casedesk.ui.catalog.ports import CatalogPorts
from casedesk.ui.catalog.removal import RemovalChoice, RemoveEntryDialog
from casedesk.ui.catalog.route_leads import RouteLeadsDialog, route_leads_text
from casedesk.ui.main_window import (
    CATALOG_FILE_FILTER,
    ask_open_path,
    ask_save_path,
    ask_save_path_ending,
)
from casedesk.ui.shared.dialog_parts import error_label, show_dialog_error
from casedesk.ui.shared.display_text import short_date
from casedesk.ui.shared.errors import show_error
from casedesk.ui.shared.screen_fit import bring_to_front, fit_to_screen
from casedesk.ui.shared.tables import ActivatingTableView, AnyIndex, HeadedTableModel
from casedesk.ui.shared.text_match import fold

T = TypeVar("T")

STALE_TEXT = "Nakijken"
STALE_BACKGROUND = QColor("#fde9c8")
KIND_ALL, KIND_INSTRUMENTS, KIND_PARTNERS, KIND_STALE = range(4)
ROUTEKAART_FILTER = "PDF-bestanden (*.pdf)"


class CatalogEntriesModel(HeadedTableModel):
    """Every entry of the catalog, one per row; the sort keys are under ``UserRole``."""

    COL_NAME, COL_KIND, COL_ROUTES, COL_CHECKED, COL_STATUS = range(5)
    HEADERS = ("Naam", "Soort", "Routes", "Nagekeken", "Status")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[Entry] = []
        self.today = clock.today()

    def set_entries(self, entries: Sequence[Entry], today: date) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.today = today
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        stale = entry.active and entry.is_stale(self.today)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(entry, column, stale)
        if role == Qt.ItemDataRole.UserRole:
            if column == self.COL_CHECKED:
                return entry.last_checked.isoformat()
            return fold(self._text(entry, column, stale))
        if role == Qt.ItemDataRole.BackgroundRole and stale:
            return QBrush(STALE_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and stale:
            return "Langer dan een jaar niet nagekeken: kijk de gegevens na."
        return None

    @staticmethod
    def _text(entry: Entry, column: int, stale: bool) -> str:
        if column == CatalogEntriesModel.COL_NAME:
            return entry.name
        if column == CatalogEntriesModel.COL_KIND:
            if isinstance(entry, Instrument):
                return "Instrument"
            return PARTNER_TYPE_LABELS[entry.partner_type]
        if column == CatalogEntriesModel.COL_ROUTES:
            if isinstance(entry, Instrument):
                return ", ".join(
                    service.value.replace("route", "") if service.value != "intake" else "intake"
                    for service in sorted(entry.services)
                )
            return ", ".join(str(route.value) for route in sorted(entry.leads_routes))
        if column == CatalogEntriesModel.COL_CHECKED:
            return short_date(entry.last_checked)
        if not entry.active:
            return "Voorbeeld"
        return STALE_TEXT if stale else "In orde"


class CatalogFilter(QSortFilterProxyModel):
    """Rows whose name, id or kind holds the typed text, of the chosen kind."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._kind = KIND_ALL
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = fold(text.strip())
        self.endFilterChange()

    def set_kind(self, kind: int) -> None:
        self.beginFilterChange()
        self._kind = kind
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, CatalogEntriesModel)
        entry = model.entries[source_row]
        if self._kind == KIND_INSTRUMENTS and not isinstance(entry, Instrument):
            return False
        if self._kind == KIND_PARTNERS and not isinstance(entry, Partner):
            return False
        if self._kind == KIND_STALE and not (entry.active and entry.is_stale(model.today)):
            return False
        if not self._text:
            return True
        provider = entry.provider if isinstance(entry, Instrument) else ""
        return self._text in fold(" ".join([entry.name, entry.id, provider]))


def open_one_manager(
    current: "CatalogManager | None",
    ports: Callable[[], CatalogPorts],
    forget: Callable[[], None],
) -> "CatalogManager":
    """Catalogus › Beheren…: the window that is open brought to the front, else a new one;
    ``forget`` is called when the new one closes."""
    if current is not None:
        bring_to_front(current)
        return current
    manager = CatalogManager(ports())
    manager.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    manager.destroyed.connect(lambda: forget())
    manager.show()
    return manager


class CatalogManager(QMainWindow):
    """The window of Catalogus › Beheren…."""

    def __init__(self, ports: CatalogPorts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Catalogus beheren — casedesk")
        self.setObjectName("catalogManager")
        self._ports = ports
        self.catalog: Catalog = ports.load()
        central = QWidget(self)
        self.setCentralWidget(central)
        layout = QVBoxLayout(central)

        self.about = QLabel(central)
        self.about.setObjectName("catalogAbout")
        self.about.setWordWrap(True)
        layout.addWidget(self.about)
        leads_bar = QHBoxLayout()
        self.route_leads = QLabel(central)
        self.route_leads.setObjectName("catalogRouteLeads")
        self.route_leads.setWordWrap(True)
        leads_bar.addWidget(self.route_leads, 1)
        # No Alt letter: every letter of it is taken by the form's fields.
        self.route_leads_button = self._button(leads_bar, "Regie per route…", self.ask_route_leads)
        self.route_leads_button.setToolTip(
            "Kies per route welk soort partner de regie heeft."
        )
        layout.addLayout(leads_bar)

        bar = QHBoxLayout()
        self.filter_field = QLineEdit(central)
        self.filter_field.setPlaceholderText("Zoek op naam, id of aanbieder")
        self.filter_field.setAccessibleName("Zoek in de catalogus")
        self.filter_field.setClearButtonEnabled(True)
        self.kind_field = QComboBox(central)
        self.kind_field.setAccessibleName("Toon")
        self.kind_field.addItems(
            ["Alles", "Instrumenten", "Partners", "Alleen wat nagekeken moet worden"]
        )
        bar.addWidget(_caption("&Zoeken:", self.filter_field))
        bar.addWidget(self.filter_field, 2)
        bar.addWidget(_caption("T&oon:", self.kind_field))
        bar.addWidget(self.kind_field, 1)
        self.new_instrument_button = self._button(bar, "Nieuw instrument", self.new_instrument)
        self.new_partner_button = self._button(bar, "Nieuwe partner", self.new_partner)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.model = CatalogEntriesModel(self)
        self.proxy = CatalogFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = ActivatingTableView(splitter)
        self.table.setObjectName("catalogTable")
        self.table.setAccessibleName("Instrumenten en partners")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(CatalogEntriesModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        for column, sample in (
            (CatalogEntriesModel.COL_KIND, "Leerwerkloket"),
            (CatalogEntriesModel.COL_ROUTES, "intake, 1, 2"),
            (CatalogEntriesModel.COL_CHECKED, "30-09-2026"),
            (CatalogEntriesModel.COL_STATUS, "Voorbeeld"),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        # The work list: the longest unchecked first (the 2021 entries of the guide).
        self.table.sortByColumn(CatalogEntriesModel.COL_CHECKED, Qt.SortOrder.AscendingOrder)

        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.form = EntryForm(None, ports.regions, ports.today())
        self.form_scroll = QScrollArea(right)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setWidget(self.form)
        right_layout.addWidget(self.form_scroll)
        self.status = QLabel(right)
        self.status.setObjectName("catalogStatus")
        self.status.setWordWrap(True)
        right_layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.save_button = self._button(buttons, "Opslaan (Ctrl+S)", self.save)
        self.checked_button = self._button(buttons, "Na&gekeken", self.mark_checked)
        self.checked_button.setToolTip(
            "De gegevens van de gekozen onderdelen zijn vandaag nagekeken en kloppen."
        )
        self.revert_button = self._button(buttons, "Wi&jzigingen wissen", self.revert)
        # Alt+V is Voorwaarden's; the Delete key in the list asks the same.
        self.remove_button = self._button(buttons, "Verwijderen…", self.ask_remove)
        self.remove_button.setToolTip(
            "Haal het gekozen onderdeel uit de catalogus, of zet “In gebruik” uit (Delete "
            "in de lijst)."
        )
        buttons.addStretch(1)
        self.export_button = self._button(buttons, "E&xporteren…", self.ask_export)
        self.import_button = self._button(buttons, "Inlezen…", self.ask_import)
        self.routekaart_button = self._button(buttons, "Routekaart…", self.ask_routekaart)
        right_layout.addLayout(buttons)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([530, 830])
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.revert)
        remove_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(self.ask_remove)

        self.filter_field.textChanged.connect(self.proxy.set_text)
        self.kind_field.currentIndexChanged.connect(self.proxy.set_kind)
        self.form.edited.connect(self.check_form)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._showing: Entry | None = None
        self._show_catalog(self.catalog)
        self.resize(1280, 720)
        fit_to_screen(self)

    # -- commands ------------------------------------------------------------------------

    def select_entry(self, entry_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            entry = self.model.entries[self.proxy.mapToSource(index).row()]
            if entry.id == entry_id:
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                return

    def new_instrument(self) -> None:
        if self._refuse_to_leave():
            return
        today = self._ports.today()
        self._edit(
            Instrument(
                id=InstrumentId(""), name="", provider="", description="",
                services=frozenset(), topics=frozenset(), availability=Availability(),
                cost=CostKind.UNKNOWN, cost_note="", forms=frozenset(), contact=Contact(),
                source="", last_checked=today,
            ),
            is_new=True,
        )  # fmt: skip
        self.form.name.setFocus()

    def new_partner(self) -> None:
        if self._refuse_to_leave():
            return
        today = self._ports.today()
        self._edit(
            Partner(
                id=PartnerId(""), name="", partner_type=PartnerType.MARKET_PARTY,
                description="", leads_routes=frozenset(), availability=Availability(),
                contact=Contact(), source="", last_checked=today,
            ),
            is_new=True,
        )  # fmt: skip
        self.form.name.setFocus()

    def check_form(self) -> None:
        """The file import's checks on what is typed, shown at the fields."""
        entry = self.form.entry()
        if entry is None:
            self.form.show_problems({})
        else:
            problems = self._guarded(self._ports.check, entry, self.form.original_id)
            self.form.show_problems(problems or {})
        fields = self.form.problem_fields()
        if fields:
            # The form is taller than the window: say here which fields to look at.
            self._say(f"Nog niet in orde: {', '.join(fields)}. Zie de melding bij het veld.")
        elif self.status.text().startswith("Nog niet in orde"):
            self._say("")
        self._update_buttons()

    def save(self) -> bool:
        entry = self.form.entry()
        self.check_form()
        if entry is None or self.form.problem_count():
            fields = ", ".join(self.form.problem_fields()) or "de velden"
            self._say(f"Niet opgeslagen: verbeter eerst {fields}.")
            first = self.form.first_problem()
            if first is not None:
                self.form_scroll.ensureWidgetVisible(first)
            return False
        catalog = self._guarded(self._ports.save, entry, self.form.original_id)
        if catalog is None:
            return False
        self._show_catalog(catalog, entry.id)
        self._say(f"“{entry.name}” is opgeslagen.")
        return True

    def mark_checked(self) -> None:
        """Marks the chosen entries as checked today; the one in the form is saved first
        when it has changes (with today's date)."""
        if self.form.has_changes():
            self.form.last_checked.set_value(self._ports.today())
            self.save()
            return
        ids = self.selected_ids()
        if not ids:
            return
        catalog = self._guarded(self._ports.mark_checked, ids)
        if catalog is None:
            return
        self._show_catalog(catalog, self.shown_id())
        self._say(
            f"{len(ids)} onderdelen zijn nagekeken op {long_date(self._ports.today())}."
            if len(ids) > 1
            else f"Nagekeken op {long_date(self._ports.today())}."
        )

    def revert(self) -> None:
        if self._showing is not None:
            self.form.set_entry(self._showing)
        self._update_buttons()
        self._say("")

    def ask_remove(self) -> None:
        """Verwijderen…: refused when a route would lose its lead partner; otherwise a
        confirmation that says what it means and how many dossiers use the entry."""
        entry = self._showing
        if entry is None:
            return
        if self.form.has_changes():
            self._say(
                "Sla eerst op (Ctrl+S) of wis de wijzigingen (Esc); kies daarna Verwijderen."
            )
            return
        refused = lead_loss_reason(
            self.catalog,
            remove_entry(self.catalog, entry.id),
            self._ports.regions,
            f"“{entry.name}” kan niet worden verwijderd",
        )
        if refused is not None:
            self._say("")  # the box says it, once
            show_error(self, KnownError(refused))
            return
        counted = self._guarded(lambda: (self._ports.dossiers_using(entry.id),))
        if counted is None:
            return
        dialog = RemoveEntryDialog(entry, counted[0], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._removal_chosen(entry, dialog.choice))
        dialog.open()
        self.remove_dialog = dialog

    def _removal_chosen(self, entry: Entry, choice: RemovalChoice | None) -> None:
        if choice is RemovalChoice.DEACTIVATE:
            catalog = self._guarded(
                self._ports.save, dataclasses.replace(entry, active=False), entry.id
            )
            if catalog is not None:
                self._show_catalog(catalog, entry.id)
                self._say(
                    f"“{entry.name}” staat niet meer in gebruik: het advies noemt het niet "
                    "meer, en de dossiers houden alles wat ze tonen."
                )
        elif choice is RemovalChoice.REMOVE:
            catalog = self._guarded(self._ports.remove, entry.id)
            if catalog is not None:
                self._show_catalog(catalog)
                self._say(f"“{entry.name}” is uit de catalogus verwijderd.")

    def ask_route_leads(self) -> None:
        dialog = RouteLeadsDialog(
            self.catalog, self._ports.regions, self._ports.set_route_leads, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._route_leads_saved(dialog.saved))
        dialog.open()
        self.route_leads_dialog = dialog

    def _route_leads_saved(self, catalog: Catalog | None) -> None:
        if catalog is not None:
            self._show_catalog(catalog, self.shown_id())
            self._say("De regie per route is opgeslagen.")

    def selected_ids(self) -> list[str]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [
            self.model.entries[self.proxy.mapToSource(self.proxy.index(row, 0)).row()].id
            for row in sorted(rows)
        ]

    def ask_export(self) -> None:
        dialog = ExportDialog(self.catalog, self._ports, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._exported(dialog.issued))
        dialog.open()
        self.export_dialog = dialog

    def _exported(self, catalog: Catalog | None) -> None:
        if catalog is not None:
            self._show_catalog(catalog, self.shown_id())
            self._say(f"Versie {catalog.version} is geëxporteerd en in gebruik.")

    def ask_import(self) -> None:
        path = ask_open_path(self, "Catalogus inlezen", CATALOG_FILE_FILTER)
        if path is not None:
            self.import_from(path)

    def import_from(self, path: Path) -> None:
        choice = self._guarded(self._ports.preview_import, path)
        if choice is None:
            return
        dialog = ImportPreviewDialog(choice, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.taken.connect(lambda: self._show_catalog(self._ports.load()))
        dialog.open()
        self.import_dialog = dialog

    def ask_routekaart(self) -> None:
        path = ask_save_path_ending(
            self, "Routekaart opslaan", ROUTEKAART_FILTER,
            f"Routekaart {self._ports.today().isoformat()}.pdf",
        )  # fmt: skip
        if path is None:
            return
        write = self._ports.write_routekaart
        if self._guarded(lambda: write(path) or True):
            self._say(f"De routekaart is opgeslagen in {path}.")

    # -- plumbing ------------------------------------------------------------------------

    def _show_catalog(self, catalog: Catalog, select: str | None = None) -> None:
        self.catalog = catalog
        today = self._ports.today()
        entries = by_last_checked(catalog)
        self.model.set_entries(entries, today)
        stale = sum(1 for entry in entries if entry.active and entry.is_stale(today))
        about = (
            f"Catalogus “{catalog.title}”, versie {catalog.version}, uitgegeven op "
            f"{long_date(catalog.issued)}" + (f" door {catalog.author}" if catalog.author else "")
            + f". {len(catalog.instruments)} instrumenten en {len(catalog.partners)} partners"
        )  # fmt: skip
        if stale:
            about += f"; {stale} moeten worden nagekeken (langer dan een jaar geleden)."
        else:
            about += "; alles is het afgelopen jaar nagekeken."
        self.about.setText(about)
        self.route_leads.setText(route_leads_text(catalog))
        self._showing = None
        target = select or (self._first_id())
        if target is not None:
            self.select_entry(target)
            if self.shown_id() != target:
                self._edit_by_id(target)
        self._update_buttons()

    def shown_id(self) -> str | None:
        """The id of the stored entry in the form (None: a new entry, or nothing)."""
        return self._showing.id if self._showing is not None else None

    def _first_id(self) -> str | None:
        if not self.proxy.rowCount():
            return None
        source = self.proxy.mapToSource(self.proxy.index(0, 0))
        return self.model.entries[source.row()].id

    def _edit_by_id(self, entry_id: str) -> None:
        entry = next((e for e in self.model.entries if e.id == entry_id), None)
        if entry is not None:
            self._edit(entry)

    def _edit(self, entry: Entry, *, is_new: bool = False) -> None:
        self._showing = None if is_new else entry
        self.form.set_entry(entry, is_new=is_new)
        if is_new:
            self.table.selectionModel().clearSelection()
        self.check_form()
        self._say("Nieuw onderdeel: vul de velden in en kies Opslaan." if is_new else "")

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            return
        entry = self.model.entries[self.proxy.mapToSource(current).row()]
        if self._showing is not None and entry.id == self._showing.id:
            return
        if self._refuse_to_leave():
            model = self.table.selectionModel()
            model.blockSignals(True)
            try:
                model.setCurrentIndex(
                    previous,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            finally:
                model.blockSignals(False)
            return
        self._edit(entry)

    def _refuse_to_leave(self) -> bool:
        """Whether the form holds changes that would be lost; if so, says what to do."""
        if self.form.name.text() == "" and self._showing is None:
            return False  # an untouched new entry
        if not self.form.has_changes():
            return False
        self._say(
            "U hebt wijzigingen die nog niet zijn opgeslagen. Kies Opslaan (Ctrl+S), of "
            "Wijzigingen wissen (Esc) om ze te laten vallen."
        )
        return True

    def _update_buttons(self) -> None:
        changed = self.form.has_changes()
        self.save_button.setEnabled(changed)
        self.revert_button.setEnabled(changed and self._showing is not None)
        self.remove_button.setEnabled(self._showing is not None and not changed)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _button(self, layout: QHBoxLayout, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(lambda: slot())
        layout.addWidget(button)
        return button

    def _guarded(self, command: Callable[..., T], *args: object) -> T | None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return command(*args)
        except Exception as error:
            show_error(self, error)
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()


def _caption(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text, buddy.parentWidget())
    label.setBuddy(buddy)
    return label


class ExportDialog(QDialog):
    """Export the next version: number, date and author shown before the file is chosen."""

    def __init__(self, catalog: Catalog, ports: CatalogPorts, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Catalogus exporteren")
        self._ports = ports
        self.issued: Catalog | None = None
        today = ports.today()
        self.version = next_version(catalog.version, today)
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                "casedesk schrijft de catalogus als nieuwe versie naar een bestand dat u naar "
                "de gemeenten stuurt. Deze versie blijft hier in gebruik.",
                self,
                wordWrap=True,
            )
        )
        form.addRow("Versie:", QLabel(f"{self.version} (was {catalog.version})", self))
        form.addRow("Datum:", QLabel(long_date(today), self))
        self.title = QLineEdit(catalog.title, self)
        self.title.setAccessibleName("Titel")
        self.title.setMaxLength(VersionDetails.MAX_TITLE_LENGTH)
        self.title.setCursorPosition(0)
        self.setMinimumWidth(560)
        form.addRow("&Titel:", self.title)
        self.region = QComboBox(self)
        self.region.setAccessibleName("Arbeidsmarktregio")
        self.region.addItem("Landelijk (geen arbeidsmarktregio)", None)
        for region in sorted(ports.regions.regions, key=lambda r: r.name):
            self.region.addItem(f"{region.name} ({region.code})", region.code)
        self.region.setCurrentIndex(max(0, self.region.findData(catalog.region)))
        form.addRow("&Arbeidsmarktregio:", self.region)
        self.author = QLineEdit(ports.author or catalog.author, self)
        self.author.setAccessibleName("Uitgegeven door")
        self.author.setMaxLength(VersionDetails.MAX_AUTHOR_LENGTH)
        form.addRow("&Uitgegeven door:", self.author)
        self.error = error_label(self, "exportError")
        form.addRow(self.error)
        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton(
            "&Bestand kiezen en exporteren…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.choose_and_export)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choose_and_export(self) -> None:
        path = ask_save_path(
            self, "Catalogus exporteren", CATALOG_FILE_FILTER, f"Catalogus {self.version}.json"
        )
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        for field, missing in (
            (self.title, "Vul de titel van de catalogus in."),
            (self.author, "Vul in wie deze versie uitgeeft."),
        ):
            if not field.text().strip():
                show_dialog_error(self, self.error, missing)
                field.setFocus()
                return
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        try:
            region = self.region.currentData()
            details = VersionDetails(
                author=self.author.text().strip(),
                title=self.title.text().strip(),
                region=RegionCode(region) if region else None,
            )
            self.issued = self._ports.export(path, details)
        except Exception as error:
            show_error(self, error)
            return
        self.accept()
