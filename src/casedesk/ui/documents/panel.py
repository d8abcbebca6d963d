"""The dossier's documents: every stored plan version, to reopen or reprint as it was."""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.dossier import DocumentLine
from casedesk.errors import KnownError
from casedesk.ui.documents.plan_preview import PlanPreview, format_moment
from casedesk.ui.documents.ports import PlanDocument, PlanPorts
from casedesk.ui.documents.printing import ask_printer, load_pdf, print_pdf
from casedesk.ui.shared.errors import show_error
from casedesk.ui.shared.tables import ActivatingTableView, AnyIndex, HeadedTableModel

T = TypeVar("T")
CHECKSUM_SHOWN = 12
"""Enough hex digits to tell versions apart by eye; the tooltip has all 64."""


class DocumentsModel(HeadedTableModel):
    """Read-only table of a dossier's stored document versions, newest first."""

    COL_KIND = 0
    COL_CREATED = 1
    COL_CASEWORKER = 2
    COL_CHECKSUM = 3
    HEADERS = ("Document", "Gemaakt op", "Gemaakt door", "Controlegetal")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[DocumentLine] = []

    def set_lines(self, lines: Sequence[DocumentLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line_at(self, row: int) -> DocumentLine:
        return self._lines[row]

    def row_of(self, version_id: int) -> int | None:
        for row, line in enumerate(self._lines):
            if line.version_id == version_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._lines)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.COL_KIND:
                return line.kind_label
            if column == self.COL_CREATED:
                return format_moment(line.created_at)
            if column == self.COL_CASEWORKER:
                return line.caseworker
            if column == self.COL_CHECKSUM:
                return line.sha256[:CHECKSUM_SHOWN]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_CHECKSUM:
            return f"SHA-256: {line.sha256}"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class DocumentsTableView(ActivatingTableView):
    """Enter or Return opens the current version on every platform."""


class DocumentsPanel(QWidget):
    """The documents tab of a dossier: a new plan, and every stored version.

    Previews open as windows of their own (not modal), so the caseworker can keep the
    dossier in view.

    Attributes:
        model: the versions shown.
        view: the table of versions.
        previews: the preview windows this panel opened that are still open.

    Signals:
        preview_opened(object): a ``PlanPreview`` was opened (fresh plan or version).
        reprinted(int): this version was printed again (argument: its version id).
    """

    preview_opened = Signal(object)
    reprinted = Signal(int)

    def __init__(self, ports: PlanPorts, parent: QWidget | None = None) -> None:
        """Loads the list at once; raises ``KnownError`` when it cannot be read."""
        super().__init__(parent)
        self._ports = ports
        self.previews: list[PlanPreview] = []
        self.about = ""
        """Whose documents, for their file names: e.g. "dossier 1042 Zoë de Vries"."""
        self.setObjectName("documentsPanel")
        self.setAccessibleName("Documenten van het dossier")
        self.model = DocumentsModel(self)
        self._build()
        self._connect()
        self.refresh()

    # -- public --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list of versions again (after a version was stored)."""
        current = self.selected_version_id()
        self.model.set_lines(self._ports.list_versions())
        row = self.model.row_of(current) if current is not None else None
        if row is None and self.model.rowCount() > 0:
            row = 0
        if row is not None:
            self.view.selectRow(row)
        self._update_buttons()
        count = self.model.rowCount()
        self.empty_label.setVisible(count == 0)

    def selected_version_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.line_at(index.row()).version_id if index.isValid() else None

    def open_new_plan(self) -> PlanPreview:
        """Render the plan from the dossier's current data and show its preview."""
        document = self._busy(self._ports.render_plan)
        return self._show_preview(document)

    def open_version(self, version_id: int) -> PlanPreview:
        """Show a stored version exactly as it was stored."""
        return self._show_preview(self.load_version(version_id), self._title_of(version_id))

    def load_version(self, version_id: int) -> PlanDocument:
        """A stored version with its bytes, checked against the checksum it was stored with."""
        row = self.model.row_of(version_id)
        if row is None:
            raise ValueError(f"no version {version_id} in the list")
        line = self.model.line_at(row)
        pdf = self._busy(lambda: self._ports.load_version(version_id))
        document = PlanDocument(pdf, line.created_at, line.caseworker, version_id=version_id)
        if document.sha256 != line.sha256:
            raise KnownError(
                "Deze versie van het document is beschadigd: de inhoud klopt niet meer met "
                "het controlegetal van toen. Open een andere versie, of zet een back-up terug "
                "met hulp van uw beheerder."
            )
        return document

    def reprint_version(self, version_id: int) -> int:
        """Print a stored version again through the print dialog; returns pages sent
        (0 when the caseworker cancels)."""
        document = self.load_version(version_id)
        pages = load_pdf(document.pdf, parent=self)
        page_count = pages.pageCount()
        pages.deleteLater()
        printer = ask_printer(self, page_count, self._title_of(version_id))
        if printer is None:
            return 0
        sent = self._busy(lambda: print_pdf(document.pdf, printer))
        self.reprinted.emit(version_id)
        return sent

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.view = DocumentsTableView(self)
        self.view.setObjectName("documentsList")
        self.view.setAccessibleName("Bewaarde versies")
        self.view.setAccessibleDescription(
            "Elk afgedrukt of opgeslagen actieplan, nieuwste eerst. Enter opent de versie."
        )
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setAccessibleName("Kolomkoppen")
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DocumentsModel.COL_CASEWORKER, QHeaderView.ResizeMode.Stretch)

        self.empty_label = QLabel(
            "Nog geen bewaarde documenten. Een actieplan wordt bewaard zodra u het afdrukt "
            "of opslaat.",
            self,
        )
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setAccessibleName("Geen documenten")
        self.empty_label.setWordWrap(True)

        self.new_plan_button = self._button("&Nieuw actieplan…", "Nieuw actieplan", "newPlanButton")
        self.open_button = self._button("&Openen", "Versie openen", "openVersionButton")
        self.reprint_button = self._button(
            "Opnieuw a&fdrukken…", "Versie opnieuw afdrukken", "reprintButton"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_plan_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reprint_button)

        title = QLabel("Docu&menten", self)
        title.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self.setTabOrder(self.view, self.open_button)
        self.setTabOrder(self.open_button, self.reprint_button)
        self.setTabOrder(self.reprint_button, self.new_plan_button)

        reprint_action = QAction("Opnieuw afdrukken", self)
        reprint_action.setObjectName("reprintAction")
        reprint_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        reprint_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reprint_action.triggered.connect(self._reprint_selected)
        self.addAction(reprint_action)

    def _button(self, text: str, name: str, object_name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(object_name)
        button.setAccessibleName(name)
        return button

    def _connect(self) -> None:
        self.view.activated.connect(lambda index: self._run(self._open_selected))
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.open_button.clicked.connect(lambda: self._run(self._open_selected))
        self.reprint_button.clicked.connect(self._reprint_selected)
        self.new_plan_button.clicked.connect(lambda: self._run(self.open_new_plan))

    # -- behaviour -----------------------------------------------------------------------

    def _update_buttons(self) -> None:
        has_version = self.view.currentIndex().isValid()
        self.open_button.setEnabled(has_version)
        self.reprint_button.setEnabled(has_version)

    def _open_selected(self) -> None:
        version_id = self.selected_version_id()
        if version_id is not None:
            self.open_version(version_id)

    def _reprint_selected(self) -> None:
        version_id = self.selected_version_id()
        if version_id is not None:
            self._run(lambda: self.reprint_version(version_id))

    def _title_of(self, version_id: int) -> str:
        row = self.model.row_of(version_id)
        return "Actieplan" if row is None else self.model.line_at(row).kind_label

    def _show_preview(self, document: PlanDocument, title: str = "Actieplan") -> PlanPreview:
        preview = PlanPreview(
            document, self._ports.store_version, parent=self.window(), title=title,
            about=self.about, record_output=self._ports.record_output,
        )  # fmt: skip
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.version_stored.connect(lambda version_id: self._run(self.refresh))
        preview.destroyed.connect(lambda: self._forget(preview))
        self.previews.append(preview)
        preview.show()
        self.preview_opened.emit(preview)
        return preview

    def _forget(self, preview: PlanPreview) -> None:
        if preview in self.previews:
            self.previews.remove(preview)

    def _busy(self, command: Callable[[], T]) -> T:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return command()
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _run(self, command: Callable[[], object]) -> None:
        try:
            command()
        except Exception as error:
            show_error(self, error)
