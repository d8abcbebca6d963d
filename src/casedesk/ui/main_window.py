"""The main window: menus, the search field, the case list and the status bar."""

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QLocale, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk import __version__, clock
from casedesk.domain.case import NEWEST_FIRST, CaseFilter, CaseOrder, CaseSortKey, CaseSummary
from casedesk.ui.case_list_model import CaseListModel
from casedesk.ui.ports import CasePageSource, MainWindowActions, StoreInfo
from casedesk.ui.shared.errors import show_error
from casedesk.ui.shared.screen_fit import fit_to_screen
from casedesk.ui.shared.tables import ActivatingTableView

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QKeyEvent
    from PySide6.QtWidgets import QDialog

# QMessageBox, QFileDialog and QDialog are imported where a box or dialog opens: PySide
# makes a Qt class (and its enums) on first use, and the window shows without them.

SEARCH_PLACEHOLDER = "Zoek op naam, handelsnaam, KvK-nummer, postcode of plaats"
SEARCH_DEBOUNCE_MS = 150
"""Long enough to skip the keystrokes of a name typed in one go, short enough to feel live."""
SEARCH_MAX_LENGTH = 200  # a pasted document is not a search term
CATALOG_FILE_FILTER = "Catalogusbestanden (*.json);;Alle bestanden (*)"
STORE_OPENING_TEXT = "De dossiers worden geopend…"

_GEOMETRY_KEY = "main_window/geometry"
_STATE_KEY = "main_window/state"
_HEADER_KEY = "main_window/case_list_header"

T = TypeVar("T")


class CaseTableView(ActivatingTableView):
    """The case list; Enter or Return opens the current case on every platform."""


class SearchField(QLineEdit):
    """The search field; Down walks into the results, as in a browser's address bar.

    ``walk_down`` is asked on Down and says whether it took the key (there were results).
    A key handler rather than an event filter: a filter would see every event of the field
    in Python, and the window would need QEvent (all its enums) before it shows.
    """

    def __init__(self, parent: QWidget, walk_down: Callable[[], bool]) -> None:
        super().__init__(parent)
        self._walk_down = walk_down

    def keyPressEvent(self, event: "QKeyEvent") -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Down and self._walk_down():
            event.accept()
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    """casedesk's main window.

    Attributes:
        case_model: the case list's model (filtered by the search field).
        search_field: where the caseworker types to filter the list.
        case_view: the case list.

    Signals:
        case_activated(int): the caseworker opened a case (Enter or double-click); the
            argument is its ``CaseId``.
    """

    case_activated = Signal(int)

    def __init__(
        self,
        cases: CasePageSource,
        store: StoreInfo,
        actions: MainWindowActions | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        *,
        store_opening: bool = False,
    ) -> None:
        """With ``store_opening`` the window shows at once and stays empty until
        :meth:`store_opened` is called: the store opens while the caseworker already sees
        the window."""
        super().__init__(parent)
        self._actions = actions or MainWindowActions()
        self._settings = settings if settings is not None else QSettings()
        self.setWindowTitle("casedesk")
        self.setObjectName("mainWindow")

        self._store_opening = store_opening
        self.case_model = CaseListModel(cases, parent=self)
        self.search_field = self._build_search_field()
        self.case_view = self._build_case_view()
        self._total: int | None = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)

        self._build_central_widget()
        self._build_menus()
        self._build_status_bar(store)
        self._connect()
        self.setTabOrder(self.search_field, self.case_view)

        if store_opening:
            self.count_label.setText(STORE_OPENING_TEXT)
        else:
            self.case_model.set_query("")
        self._restore_layout()
        self.search_field.setFocus()

    # -- public --------------------------------------------------------------------------

    def show_newest_cases(self, rows: list[CaseSummary]) -> None:
        """The newest dossiers, read while the store opens: shown when the list would start
        with them (all dossiers, newest first, nothing typed yet); :meth:`store_opened`
        reloads."""
        as_listed = self.case_model.order == NEWEST_FIRST and self.case_filter() == CaseFilter.ALL
        if as_listed and not self.search_field.text().strip():
            self.case_model.show_before_opening(rows)
            self.count_label.setText(STORE_OPENING_TEXT)  # how many there are, it cannot say yet

    def store_opened(self, warning: str | None = None) -> None:
        """The store is open: show its warning (if any) and load the list."""
        self._set_store_warning(warning)
        self._store_opening = False
        self.refresh_cases()

    def add_page(self, title: str, page: QWidget) -> None:
        """Another page beside the case list (e.g. Vandaag); Ctrl+1, Ctrl+2… switch."""
        self.pages.addTab(page, title)
        self.pages.tabBar().show()
        for number in range(1, self.pages.count() + 1):
            name = f"pageAction{number}"
            if self.findChild(QAction, name) is not None:
                continue  # a second action on the same Ctrl+N would make it ambiguous
            tab_name = self.pages.tabText(number - 1).replace("&", "")
            action = QAction(f"Naar {tab_name}", self)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, i=number - 1: self.pages.setCurrentIndex(i))
            self.addAction(action)

    def refresh_cases(self) -> None:
        """Load the list again for the current search (after a case was added or changed)."""
        self.case_model.set_query(self.search_field.text())

    # -- building ------------------------------------------------------------------------

    def _build_search_field(self) -> SearchField:
        field = SearchField(self, self._walk_into_results)
        field.setObjectName("searchField")
        field.setPlaceholderText(SEARCH_PLACEHOLDER)
        field.setAccessibleName("Zoeken in dossiers")
        field.setAccessibleDescription(SEARCH_PLACEHOLDER)
        field.setClearButtonEnabled(True)
        field.setMaxLength(SEARCH_MAX_LENGTH)
        return field

    def _build_case_view(self) -> CaseTableView:
        view = CaseTableView(self)
        view.setObjectName("caseList")
        view.setAccessibleName("Dossiers")
        view.setAccessibleDescription(
            "Alle dossiers, nieuwste wijziging eerst. Enter opent het dossier."
        )
        view.setModel(self.case_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTabKeyNavigation(False)  # Tab leaves the list instead of walking its cells
        view.verticalHeader().hide()
        # Fixed row heights let the view skip measuring rows: scrolling stays instant.
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setAccessibleName("Kolomkoppen")
        header.setSectionResizeMode(CaseListModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CaseListModel.COL_TRADE_NAME, QHeaderView.ResizeMode.Stretch)
        metrics = view.fontMetrics()
        padding = 4 * metrics.averageCharWidth()
        for column, sample in (
            (CaseListModel.COL_MUNICIPALITY, "Súdwest-Fryslân"),
            (CaseListModel.COL_ROUTE, "Route 2"),
            (CaseListModel.COL_STATUS, "Plan gemaakt"),
            (CaseListModel.COL_UPDATED, "27 sep 2026 14:05"),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + padding)
        if self._actions.sorted_cases is not None:
            # The indicator first: enabling sorting sorts by it, the list's usual order.
            header.setSortIndicator(CaseListModel.COL_UPDATED, Qt.SortOrder.DescendingOrder)
            view.setSortingEnabled(True)
            header.setAccessibleDescription("Klik op een kolomkop om op die kolom te sorteren.")
        return view

    def _build_central_widget(self) -> None:
        search_label = QLabel("&Zoeken:", self)
        search_label.setBuddy(self.search_field)
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_field, 1)
        self.filter_box = QComboBox(self)
        self.filter_box.setObjectName("caseFilter")
        self.filter_box.setAccessibleName("Welke dossiers")
        for case_filter in CaseFilter:
            self.filter_box.addItem(case_filter.label, case_filter.value)
        filter_label = QLabel("&Toon:", self)
        filter_label.setBuddy(self.filter_box)
        if self._actions.filtered_cases is not None:
            search_row.addWidget(filter_label)
            search_row.addWidget(self.filter_box)
        else:
            filter_label.hide()
            self.filter_box.hide()
        cases_page = QWidget(self)
        layout = QVBoxLayout(cases_page)
        layout.addLayout(search_row)
        layout.addWidget(self.case_view, 1)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("mainPages")
        self.pages.setAccessibleName("Onderdelen")
        self.pages.setDocumentMode(True)
        self.pages.addTab(cases_page, "&Dossiers")
        self.pages.tabBar().hide()  # until a second page is added
        self.setCentralWidget(self.pages)

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        menu_bar.setAccessibleName("Menubalk")
        actions = self._actions

        file_menu = menu_bar.addMenu("&Bestand")
        if actions.make_backup is not None:
            self._add_action(file_menu, "&Back-up maken", self._make_backup, name="backupAction")
        if actions.export_calendar is not None:
            self._add_action(
                file_menu, "&Agenda exporteren…", self._export_calendar, name="calendarAction"
            )
        if actions.municipality_settings is not None:
            settings_command = actions.municipality_settings
            self._add_action(
                file_menu,
                "&Gegevens van de gemeente…",
                lambda: self._run(settings_command),
                name="settingsAction",
            )
        if actions.server_connection is not None or actions.back_to_local is not None:
            file_menu.addSeparator()
        if actions.server_connection is not None:
            self._add_action(
                file_menu, "&Verbinden met regionale server…", self._connect_to_server,
                name="connectServerAction",
            )  # fmt: skip
        if actions.back_to_local is not None:
            self._add_action(
                file_menu, "&Terug naar opslag op deze computer", self._ask_back_to_local,
                name="backToLocalAction",
            )  # fmt: skip
        self._file_menu = file_menu
        self._quit_separator = file_menu.addSeparator()
        quit_action = self._add_action(file_menu, "&Afsluiten", self.close, name="quitAction")
        # Windows has no standard Quit key (Alt+F4 closes the window); Ctrl+Q is the habit.
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        quit_action.setShortcuts(quit_keys or [QKeySequence("Ctrl+Q")])
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        case_menu = menu_bar.addMenu("Do&ssier")
        if actions.new_intake is not None:
            new_intake = actions.new_intake
            intake_action = self._add_action(
                case_menu, "&Nieuwe intake", lambda: self._run(new_intake), name="newIntakeAction"
            )
            intake_action.setShortcut(QKeySequence.StandardKey.New)
        self.open_case_action = self._add_action(
            case_menu, "Dossier &openen", self._activate_current_case, name="openCaseAction"
        )
        self.open_case_action.setEnabled(False)  # until a case is selected
        case_menu.addSeparator()
        find_action = self._add_action(case_menu, "&Zoeken", self._focus_search, name="findAction")
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        self._build_sort_menu(case_menu)

        catalog_menu = menu_bar.addMenu("&Catalogus")
        if actions.manage_catalog is not None:
            manage = actions.manage_catalog
            self._add_action(
                catalog_menu, "&Beheren…", lambda: self._run(manage), name="manageCatalogAction"
            )
        if actions.write_routekaart is not None:
            self._add_action(
                catalog_menu, "&Routekaart maken…", self._write_routekaart, name="routekaartAction"
            )
        if actions.import_catalog is not None or actions.preview_catalog_import is not None:
            self._add_action(
                catalog_menu, "Catalogus &importeren…", self._import_catalog, name="importAction"
            )
        if actions.export_catalog is not None:
            self._add_action(
                catalog_menu, "Catalogus &exporteren…", self._export_catalog, name="exportAction"
            )
        catalog_menu.menuAction().setVisible(not catalog_menu.isEmpty())

        report_menu = menu_bar.addMenu("&Rapportage")
        if actions.make_report is not None:
            self._add_action(
                report_menu, "Rapport van de &regio…", self._open_report, name="reportAction"
            )
        report_menu.menuAction().setVisible(not report_menu.isEmpty())

        help_menu = menu_bar.addMenu("&Help")
        shortcuts = self._add_action(
            help_menu, "&Sneltoetsen", self._show_shortcuts, name="shortcutsAction"
        )
        shortcuts.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self._add_action(help_menu, "&Handleiding", self._show_guide, name="guideAction")
        about = self._add_action(help_menu, "&Over casedesk", self._show_about, name="aboutAction")
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_sort_menu(self, case_menu: QMenu) -> None:
        """The header's sorting by keyboard: Alt+S, S, then a column's letter."""
        self.sort_actions: dict[CaseSortKey, QAction] = {}
        if self._actions.sorted_cases is None:
            return
        menu = case_menu.addMenu("&Sorteren op")
        menu.setObjectName("sortMenu")
        group = QActionGroup(self)
        for column, key in enumerate(CaseListModel.SORT_KEYS):
            action = self._add_action(
                menu,
                _SORT_MENU_TEXTS[key],
                partial(self._sort_by, column),
                name=f"sortBy{key.name.title().replace('_', '')}Action",
            )
            action.setCheckable(True)
            group.addAction(action)
            self.sort_actions[key] = action
        menu.addSeparator()
        self.reverse_sort_action = self._add_action(
            menu, "&Omgekeerde volgorde", self._reverse_order, name="reverseSortAction"
        )
        self.reverse_sort_action.setCheckable(True)
        self._show_order(self.case_model.order)

    def _sort_by(self, column: int) -> None:
        # Newest change first is the usual order of that column; text starts at A.
        descending = CaseListModel.SORT_KEYS[column] is CaseSortKey.UPDATED
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.case_view.sortByColumn(column, order)

    def _reverse_order(self) -> None:
        current = self.case_model.order
        order = Qt.SortOrder.AscendingOrder if current.descending else Qt.SortOrder.DescendingOrder
        self.case_view.sortByColumn(self.case_model.column_of(current.key), order)

    def _apply_order(self, order: CaseOrder) -> None:
        self._show_order(order)
        self._reload_cases()

    def _show_order(self, order: CaseOrder) -> None:
        self.sort_actions[order.key].setChecked(True)
        self.reverse_sort_action.setChecked(order.descending)
        self.case_view.setAccessibleDescription(
            f"Dossiers, gesorteerd op {order.label.lower()}. Enter opent het dossier."
        )

    def add_file_command(self, text: str, slot: Callable[[], object], *, name: str) -> QAction:
        """A command in the Bestand menu, above Afsluiten (for what the workspace adds)."""
        action = self._add_action(self._file_menu, text, slot, name=name)
        self._file_menu.insertAction(self._quit_separator, action)
        return action

    def _add_action(
        self, menu: QMenu, text: str, slot: Callable[[], object], *, name: str
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        menu.addAction(action)
        # Also on the window, so its shortcut works while the menu bar is hidden (macOS).
        self.addAction(action)
        return action

    def _build_status_bar(self, store: StoreInfo) -> None:
        bar = self.statusBar()
        bar.setAccessibleName("Statusbalk")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("caseCount")
        self.count_label.setAccessibleName("Aantal dossiers")
        bar.addWidget(self.count_label, 1)
        # Created hidden now so a warning known only once the store opens has its place.
        self._warning_slot = QLabel(self)
        self._warning_slot.setObjectName("storeWarning")
        self._warning_slot.setAccessibleName("Waarschuwing over de opslag")
        self._warning_slot.setStyleSheet("font-weight: bold;")
        self._warning_slot.hide()
        bar.addPermanentWidget(self._warning_slot)
        self.warning_label: QLabel | None = None
        self._set_store_warning(store.warning)
        self.store_label = QLabel(store.description or f"Opslag: {store.path}", self)
        self.store_label.setObjectName("storePath")
        self.store_label.setAccessibleName("Plaats van de opslag")
        self.store_label.setToolTip(str(store.path))
        self.store_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addPermanentWidget(self.store_label)

    def _set_store_warning(self, warning: str | None) -> None:
        if not warning:
            return
        self._warning_slot.setText(f"⚠ {warning}")
        self._warning_slot.show()
        self.warning_label = self._warning_slot

    def _connect(self) -> None:
        self.search_field.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self._apply_search)
        self.filter_box.currentIndexChanged.connect(self._apply_filter)
        self.case_view.activated.connect(self._emit_case_activated)
        self.case_view.selectionModel().currentRowChanged.connect(self._update_open_action)
        self.case_model.modelReset.connect(self._count_total)
        self.case_model.modelReset.connect(self._update_count)
        self.case_model.rowsInserted.connect(self._update_count)
        self.case_model.modelReset.connect(self._update_open_action)
        self.case_model.load_failed.connect(self._show_load_error)
        self.case_model.order_changed.connect(self._apply_order)

    # -- behaviour -----------------------------------------------------------------------

    def _walk_into_results(self) -> bool:
        """Down in the search field: into the list, at its first case; False when empty."""
        if self.case_model.rowCount() == 0:
            return False
        self.case_view.setFocus(Qt.FocusReason.TabFocusReason)
        if not self.case_view.currentIndex().isValid():
            self.case_view.selectRow(0)
        return True

    def _apply_search(self) -> None:
        self.case_model.set_query(self.search_field.text())

    def _focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _emit_case_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(int(self.case_model.case_id_at(index.row())))

    def _activate_current_case(self) -> None:
        self._emit_case_activated(self.case_view.currentIndex())

    def _update_open_action(self) -> None:
        self.open_case_action.setEnabled(self.case_view.currentIndex().isValid())

    def case_filter(self) -> CaseFilter:
        return CaseFilter(str(self.filter_box.currentData()))

    def _apply_filter(self) -> None:
        if self._actions.filtered_cases is None:
            return
        self._reload_cases()

    def _reload_cases(self) -> None:
        """The list anew from its first page, with the filter and order chosen now."""
        in_order = self._actions.sorted_cases
        filtered = self._actions.filtered_cases
        if in_order is not None:
            self.case_model.set_source(in_order(self.case_filter(), self.case_model.order))
        elif filtered is not None:
            self.case_model.set_source(filtered(self.case_filter()))
        if self._store_opening:
            # Nothing to ask yet ("De opslag is nog niet open"): the newest dossiers shown
            # may no longer fit; the list loads with this filter and order once it is open.
            self.case_model.show_before_opening([])
            return
        self.case_model.set_query(self.search_field.text())

    def _count_total(self) -> None:
        """Once per settled search (not per keystroke, not per page scrolled), and only
        when there is more than one page: a capped count of the matches."""
        self._total = None
        count = self._actions.count_cases
        if count is None or not self.case_model.canFetchMore(QModelIndex()):
            return
        try:
            self._total = count(self.case_model.query, COUNT_CAP, self.case_filter())
        except Exception as error:  # the list still works; only the total is missing
            from casedesk.crash_report import write_crash_report

            # A bug of ours, reported without personal data; the caseworker is not stopped.
            write_crash_report(error)

    def _update_count(self) -> None:
        shown = self.case_model.rowCount()
        more = self.case_model.canFetchMore(QModelIndex())
        if more and self._total is not None:
            text = total_text(self._total, shown, query=self.case_model.query)
        else:
            text = count_text(shown, more=more, query=self.case_model.query)
        self.count_label.setText(text)

    def _show_load_error(self, error: Exception) -> None:
        self._show_error(error)

    def _show_error(self, error: BaseException) -> None:
        show_error(self, error)

    def _run(self, command: Callable[..., T], *args: object) -> T | None:
        """Run an injected command with a busy cursor; show its error instead of raising."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return command(*args)
        except Exception as error:
            self._show_error(error)
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _make_backup(self) -> None:
        assert self._actions.make_backup is not None
        written = self._run(self._actions.make_backup)
        if written is not None:
            self._inform("Back-up gemaakt", f"De back-up is gemaakt en gecontroleerd:\n{written}")

    def _export_calendar(self) -> None:
        assert self._actions.export_calendar is not None
        path = ask_save_path(
            self, "Agenda exporteren", "Agenda (*.ics)", f"Agenda casedesk {clock.today()}.ics"
        )
        if path is None:
            return
        if path.suffix.lower() != ".ics":
            path = path.with_name(path.name + ".ics")
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            "Agenda exporteren",
            "Namen van ondernemers en notities meenemen in de agenda?\n\n"
            "Kies Nee als de agenda buiten casedesk wordt gedeeld (bijvoorbeeld in Outlook): "
            "dan staan er alleen initialen en dossiernummers in.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        export = self._actions.export_calendar
        summary = self._run(export, path, answer == QMessageBox.StandardButton.Yes)
        if summary is not None:
            self._inform("Agenda geëxporteerd", summary)

    def _import_catalog(self) -> None:
        path = ask_open_path(self, "Catalogus importeren", CATALOG_FILE_FILTER)
        if path is None:
            return
        if self._actions.preview_catalog_import is not None:
            choice = self._run(self._actions.preview_catalog_import, path)
            if choice is not None:
                from casedesk.ui.catalog.import_dialog import ImportPreviewDialog

                self.import_dialog = ImportPreviewDialog(choice, self)
                self.import_dialog.open()
            return
        assert self._actions.import_catalog is not None
        summary = self._run(self._actions.import_catalog, path)
        if summary is not None:
            self._inform("Catalogus geïmporteerd", summary)

    def _open_report(self) -> None:
        from casedesk.ui.report.window import ReportWindow

        make, save = self._actions.make_report, self._actions.save_report
        assert make is not None and save is not None
        window = ReportWindow(make, save, clock.today(), self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()

    def _write_routekaart(self) -> None:
        write = self._actions.write_routekaart
        assert write is not None
        path = ask_save_path_ending(
            self, "Routekaart maken", "PDF-bestanden (*.pdf)", f"Routekaart {clock.today()}.pdf"
        )
        if path is None:
            return
        if self._run(lambda: write(path) or path) is not None:
            self._inform("Routekaart gemaakt", f"De routekaart is opgeslagen in:\n{path}")

    def _export_catalog(self) -> None:
        export = self._actions.export_catalog
        assert export is not None
        path = ask_save_path(
            self, "Catalogus exporteren", CATALOG_FILE_FILTER, f"Catalogus {clock.today()}.json"
        )
        if path is None:
            return

        def write() -> Path:
            export(path)
            return path

        if self._run(write) is not None:
            self._inform("Catalogus geëxporteerd", f"De catalogus is opgeslagen in:\n{path}")

    def _connect_to_server(self) -> None:
        assert self._actions.server_connection is not None
        ports = self._run(self._actions.server_connection)
        if ports is None:
            return
        # Only when chosen: the window shows before any of the connection's code loads.
        from casedesk.ui.setup.connect_dialog import TITLE, ServerConnectionDialog

        dialog = self.connect_dialog = ServerConnectionDialog(ports, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._inform(TITLE, dialog.connected_text))
        dialog.open()

    def _ask_back_to_local(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Question, "Terug naar opslag op deze computer",
            "Wilt u weer met de opslag op deze computer werken in plaats van met de regionale "
            "server? De dossiers op de server blijven daar staan; casedesk vergeet alleen het "
            "adres en het wachtwoord.",
            QMessageBox.StandardButton.Cancel, self,
        )  # fmt: skip
        box.setObjectName("backToLocalBox")
        back = box.addButton("&Terug naar deze computer", QMessageBox.ButtonRole.AcceptRole)
        back.setObjectName("backToLocalButton")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda clicked: self._back_to_local(clicked is back))
        box.open()

    def _back_to_local(self, confirmed: bool) -> None:
        assert self._actions.back_to_local is not None
        if not confirmed:
            return
        said = self._run(self._actions.back_to_local)
        if said is not None:
            self._inform("Terug naar opslag op deze computer", said)

    def _inform(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("infoBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _show_shortcuts(self) -> None:
        from casedesk.ui.shared.help_windows import (
            ShortcutsDialog,  # not needed for the first window
        )

        others = [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, QMainWindow) and widget is not self and widget.isVisible()
        ]
        self.help_dialog: QDialog = ShortcutsDialog([self, *others], self)
        self.help_dialog.open()

    def _show_guide(self) -> None:
        from casedesk.ui.shared.help_windows import GuideDialog

        self.help_dialog = GuideDialog(self)
        self.help_dialog.open()

    def _show_about(self) -> None:
        self._inform(
            "Over casedesk",
            f"casedesk {__version__}\n\n"
            "Voor het zelfstandigenloket: intake, advies over de route, "
            "afspraken en het plan van aanpak voor ondernemers.\n\n"
            "Alle gegevens staan versleuteld op deze computer.",
        )

    # -- layout memory -------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self._settings.value(_GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self._first_size()
        fit_to_screen(self)
        state = self._settings.value(_STATE_KEY)
        if state is not None:
            self.restoreState(state)
        header_state = self._settings.value(_HEADER_KEY)
        if header_state is not None:
            self.case_view.horizontalHeader().restoreState(header_state)

    def _first_size(self) -> None:
        screen = self.screen() or QApplication.primaryScreen()
        available = screen.availableGeometry()
        width = min(1280, int(available.width() * 0.9))
        height = min(800, int(available.height() * 0.9))
        self.resize(width, height)
        self.move(available.center() - self.rect().center())

    def save_layout(self) -> None:
        """Remember size, position and column widths for the next start."""
        self._settings.setValue(_GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(_STATE_KEY, self.saveState())
        self._settings.setValue(_HEADER_KEY, self.case_view.horizontalHeader().saveState())
        self._settings.sync()

    def closeEvent(self, event: "QCloseEvent") -> None:  # noqa: N802 (Qt override)
        # The main window is the app: closing it (Ctrl+Q, Afsluiten) closes every window.
        close_windows = self._actions.close_windows
        if close_windows is not None and not close_windows():
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)


COUNT_CAP = 10_000
"""Beyond this many matches the count says "meer dan": counting on costs time, says nothing."""


def total_text(total: int, shown: int, *, query: str) -> str:
    """ "1.234 dossiers gevonden, 200 getoond (scroll voor meer)"."""
    amount = (
        f"meer dan {QLocale().toString(COUNT_CAP)}"
        if total > COUNT_CAP
        else QLocale().toString(total)
    )
    found = "gevonden" if query else "in totaal"
    return f"{amount} dossiers {found}, {shown} getoond (scroll voor meer)"


def count_text(shown: int, *, more: bool, query: str) -> str:
    """The status bar's count: "1 dossier", "200 dossiers getoond, scroll voor meer"."""
    if shown == 0:
        return f"Geen dossiers gevonden voor ‘{query}’" if query else "Nog geen dossiers"
    noun = "dossier" if shown == 1 else "dossiers"
    if more:
        return f"{shown} {noun} getoond, scroll voor meer"
    return f"{shown} {noun} gevonden" if query else f"{shown} {noun}"


def ask_open_path(parent: QWidget, title: str, file_filter: str) -> Path | None:
    """Ask which existing file to open; ``None`` when the caseworker cancels."""
    from PySide6.QtWidgets import QFileDialog

    # dialog_parts brings the date field and its parsing: not needed for the first window.
    from casedesk.ui.shared.dialog_parts import documents_folder

    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(documents_folder()), file_filter)
    return Path(chosen) if chosen else None


def ask_save_path(parent: QWidget, title: str, file_filter: str, name: str) -> Path | None:
    """Ask where to save a file, offering ``name`` in Documents; ``None`` on cancel."""
    from PySide6.QtWidgets import QFileDialog

    from casedesk.ui.shared.dialog_parts import documents_folder

    start = str(documents_folder() / name)
    chosen, _ = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    return Path(chosen) if chosen else None


def ask_save_path_ending(
    parent: QWidget, title: str, file_filter: str, name: str
) -> Path | None:
    """``ask_save_path``, with the extension of ``name`` added when the caseworker left it
    off ("routekaart" becomes "routekaart.pdf")."""
    path = ask_save_path(parent, title, file_filter, name)
    suffix = Path(name).suffix
    if path is None or path.suffix.lower() == suffix.lower():
        return path
    return path.with_name(path.name + suffix)

_SORT_MENU_TEXTS: dict[CaseSortKey, str] = {
    CaseSortKey.NAME: "&Naam",
    CaseSortKey.TRADE_NAME: "&Handelsnaam",
    CaseSortKey.MUNICIPALITY: "&Gemeente",
    CaseSortKey.ROUTE: "&Route",
    CaseSortKey.STATUS: "S&tatus",
    CaseSortKey.UPDATED: "&Laatst gewijzigd",
}
"""The column names of ``CASE_SORT_LABELS`` with a letter each for the keyboard."""
