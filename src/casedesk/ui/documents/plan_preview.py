"""The action plan's preview: the PDF as it will print, then print or save it.

A fresh render is not yet part of the dossier; the first time it is printed or saved it is
stored as an immutable version, and every later print or save of this window uses exactly
that version's bytes.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.dutch import dutch_time
from casedesk.errors import KnownError
from casedesk.files import os_error_reason, write_atomically
from casedesk.ui.documents.ports import PlanDocument, RecordOutput, StoreVersion
from casedesk.ui.documents.printing import ask_printer, load_pdf, print_pdf
from casedesk.ui.shared.dialog_parts import documents_folder
from casedesk.ui.shared.display_text import escape
from casedesk.ui.shared.errors import show_error
from casedesk.ui.shared.screen_fit import fit_to_screen

PDF_FILE_FILTER = "PDF-bestanden (*.pdf)"
DATE_TIME_FORMAT = "d MMMM yyyy HH:mm"  # Dutch locale: "27 november 2026 14:05"
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)
PREVIEW_SIZE = (900, 1000)
TO_CHECK_STYLE = "background: #fff4ce; color: #3b2f00; padding: 6px; border-radius: 3px;"
SURROUND_COLOR = QColor(128, 128, 128)
"""Behind the white pages, so the paper's edge shows, in light and dark themes alike."""


def format_moment(moment: datetime) -> str:
    """A moment in Dutch local time: "27 november 2026 14:05" (naive means UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    local = dutch_time(aware).replace(tzinfo=None)
    return QLocale().toString(QDateTime(local), DATE_TIME_FORMAT)


def version_text(document: PlanDocument, title: str = "Actieplan") -> str:
    """The line above the preview that says which document this is."""
    made = f"{format_moment(document.created_at)}, gemaakt door {document.caseworker}"
    if document.is_stored:
        return f"Versie van {made}"
    kind = "Nieuwe verwijsbrief" if title == "Verwijsbrief" else f"Nieuw {title.lower()}"
    return (
        f"{kind} van {made}. Het wordt in het dossier bewaard zodra u het afdrukt of opslaat."
    )


def warnings_text(document: PlanDocument) -> str:
    """What cannot be printed as typed, for the caseworker to check before printing."""
    if not document.warnings:
        return ""
    lines = "\n".join(f"• {line}" for line in document.warnings)
    return f"Let op, dit kan niet precies zo op papier:\n{lines}"


def suggested_file_name(document: PlanDocument, title: str = "Actieplan", about: str = "") -> str:
    """E.g. "Actieplan dossier 1042 Zoë de Vries 2026-11-27.pdf": what it is, whose, and the
    Dutch date the preview shows (naive means UTC, as in ``format_moment``)."""
    aware = document.created_at
    if aware.tzinfo is None:
        aware = aware.replace(tzinfo=UTC)
    parts = [title, about, f"{dutch_time(aware):%Y-%m-%d}"]
    name = " ".join(part.strip() for part in parts if part.strip())
    # Characters no file system on a counter PC accepts in a name.
    return "".join(" " if char in '\\/:*?"<>|' else char for char in name) + ".pdf"


def ask_save_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    """Ask where to save the PDF, starting in Documents; ``None`` when the caseworker cancels."""
    start = str(documents_folder() / suggested)
    chosen, _ = QFileDialog.getSaveFileName(parent, "Opslaan als PDF", start, PDF_FILE_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash never leaves half a file under that name."""
    try:
        write_atomically(path, data, prefix=".casedesk-", suffix=".pdf")
    except OSError as error:
        raise KnownError(
            f"Het actieplan kon niet worden opgeslagen in ‘{path}’ "
            f"({os_error_reason(error)}). Kies een andere map of maak ruimte vrij "
            "en probeer het opnieuw."
        ) from error


class PlanPreview(QDialog):
    """Shows one action plan (fresh or stored) and prints or saves it.

    Keyboard: Page Down / Page Up for the next and previous page, Ctrl+Home / Ctrl+End for
    the first and last page, Ctrl++ / Ctrl+- to zoom, Ctrl+0 for the page width,
    Ctrl+P to print, Ctrl+S to save as PDF, Esc to close.

    Attributes:
        document: the plan shown; after the first print or save, the stored version.
        pdf_document: QtPdf's document over ``document.pdf``.
        pdf_view: the view that shows it.

    Signals:
        version_stored(int): the fresh plan was stored as a version with this id.
        printed(int): this many pages were sent to the printer.
        saved(str): the plan was saved as a PDF at this path.
    """

    version_stored = Signal(int)
    printed = Signal(int)
    saved = Signal(str)

    def __init__(
        self,
        document: PlanDocument,
        store_version: StoreVersion | None = None,
        parent: QWidget | None = None,
        *,
        title: str = "Actieplan",
        about: str = "",
        record_output: RecordOutput | None = None,
    ) -> None:
        """``store_version`` is needed only for a fresh plan (``document.version_id`` is
        ``None``); ``title`` names the document (e.g. "Verwijsbrief") in the window title
        and the print job. Raises ``KnownError`` when ``document.pdf`` cannot be read."""
        super().__init__(parent)
        if not document.is_stored and store_version is None:
            raise ValueError("a fresh plan needs store_version to be printed or saved")
        self.document = document
        self._store_version = store_version
        self._record_output = record_output
        self.title = title
        self.about = about
        """Whose document, for the file name: e.g. "dossier 1042 Zoë de Vries"."""
        self.setObjectName("planPreview")
        self.setWindowTitle(title)
        self.setAccessibleName("Voorbeeld van het actieplan")
        self.pdf_document = load_pdf(document.pdf, parent=self)
        self._build()
        self._build_actions()
        self._connect()
        self._show_page_number(0)
        self.resize(*PREVIEW_SIZE)
        fit_to_screen(self)
        self.pdf_view.setFocus()

    # -- public --------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.pdf_document.pageCount()

    @property
    def current_page(self) -> int:
        """The page in view, counted from 0."""
        return self.pdf_view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        """Show ``page`` (from 0), clamped to the document."""
        page = max(0, min(self.page_count - 1, page))
        self.pdf_view.pageNavigator().jump(page, QPointF(), self.pdf_view.zoomFactor())

    def zoom_by(self, factor: float) -> None:
        """Zoom from what is shown now (also from "page width") by ``factor``."""
        zoom = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], self.shown_zoom() * factor))
        with self._keeping_place():
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.pdf_view.setZoomFactor(zoom)

    def fit_width(self) -> None:
        with self._keeping_place():
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def shown_zoom(self) -> float:
        """The zoom the pages are shown at; QPdfView keeps ``zoomFactor`` at its last custom
        value while it fits the width, so that case is worked out as QPdfView does it."""
        view = self.pdf_view
        if view.zoomMode() != QPdfView.ZoomMode.FitToWidth:
            return view.zoomFactor()
        margins = view.documentMargins()
        room = view.viewport().width() - margins.left() - margins.right()
        pages = range(self.page_count)
        widest = max(self.pdf_document.pagePointSize(page).width() for page in pages)
        pixels_per_point = self.logicalDpiX() / 72
        return room / (widest * pixels_per_point) if widest > 0 else 1.0

    @contextmanager
    def _keeping_place(self) -> Iterator[None]:
        """Keep the same place of the document at the top of the view while zooming (the
        scroll bar's old pixel position would land on another page)."""
        bar = self.pdf_view.verticalScrollBar()
        old_height, old_value = bar.maximum() + bar.pageStep(), bar.value()
        yield
        new_height = bar.maximum() + bar.pageStep()
        if old_height > 0:
            bar.setValue(round(old_value * new_height / old_height))

    def stored_document(self) -> PlanDocument:
        """The plan as a stored version; stores a fresh plan first (once)."""
        if not self.document.is_stored:
            assert self._store_version is not None
            stored = self._store_version(self.document)
            if stored.pdf != self.document.pdf:
                raise ValueError("the stored version differs from the plan shown")
            self.document = stored
            self.version_label.setText(version_text(stored))
            assert stored.version_id is not None
            self.version_stored.emit(stored.version_id)
        return self.document

    def print_to(self, printer: QPrinter) -> int:
        """Store the plan if needed, then print it on ``printer``; returns pages sent."""
        document = self.stored_document()
        try:
            pages = print_pdf(document.pdf, printer)
        except Exception:
            self._log_output(document, "printed", "failed", 0)
            raise
        self._log_output(document, "printed", "done", pages)
        where = printer.printerName() or printer.outputFileName()
        self.status_label.setText(f"{_pages(pages)} naar {where} gestuurd.")
        self.printed.emit(pages)
        return pages

    def save_to(self, path: Path) -> None:
        """Store the plan if needed, then write exactly its bytes to ``path``."""
        document = self.stored_document()
        try:
            write_file_atomically(path, document.pdf)
        except Exception:
            self._log_output(document, "saved", "failed", 0)
            raise
        self._log_output(document, "saved", "done", 0)
        self.status_label.setText(f"Opgeslagen als {path}")
        self.saved.emit(str(path))

    def _log_output(self, document: PlanDocument, what: str, outcome: str, pages: int) -> None:
        if self._record_output is not None and document.version_id is not None:
            self._record_output(document.version_id, what, outcome, pages)

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.version_label = QLabel(version_text(self.document, self.title), self)
        self.version_label.setObjectName("versionLabel")
        self.version_label.setAccessibleName("Welke versie dit is")
        self.version_label.setWordWrap(True)

        self.warnings_label = QLabel(warnings_text(self.document), self)
        self.warnings_label.setObjectName("warningsLabel")
        self.warnings_label.setAccessibleName("Wat niet afgedrukt kan worden")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setVisible(bool(self.document.warnings))

        self.pdf_view = QPdfView(self)
        self.pdf_view.setObjectName("pdfView")
        self.pdf_view.setAccessibleName(self.title)
        self.pdf_view.setAccessibleDescription(
            "Page Down en Page Up bladeren, Ctrl plus en Ctrl min zoomen."
        )
        self.pdf_view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.setPageSpacing(12)
        palette = self.pdf_view.palette()
        palette.setColor(QPalette.ColorRole.Dark, SURROUND_COLOR)
        palette.setColor(QPalette.ColorRole.Window, SURROUND_COLOR)
        palette.setColor(QPalette.ColorRole.Base, SURROUND_COLOR)
        self.pdf_view.setPalette(palette)
        self.pdf_view.setBackgroundRole(QPalette.ColorRole.Dark)
        self.pdf_view.setDocument(self.pdf_document)

        self.previous_button = self._tool_button("Vorige pagina", "◀", "previousPageButton")
        self.next_button = self._tool_button("Volgende pagina", "▶", "nextPageButton")
        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageLabel")
        self.page_label.setAccessibleName("Paginanummer")
        self.zoom_out_button = self._tool_button("Uitzoomen", "−", "zoomOutButton")
        self.zoom_in_button = self._tool_button("Inzoomen", "+", "zoomInButton")
        self.fit_width_button = self._tool_button("Paginabreedte", "↔", "fitWidthButton")
        navigation = QHBoxLayout()
        for widget in (self.previous_button, self.page_label, self.next_button):
            navigation.addWidget(widget)
        navigation.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_width_button):
            navigation.addWidget(widget)

        self.print_button = QPushButton("&Afdrukken…", self)
        self.print_button.setObjectName("printButton")
        self.print_button.setAccessibleName("Afdrukken")
        self.print_button.setToolTip("Afdrukken (Ctrl+P)")
        self.save_button = QPushButton("&Opslaan als PDF…", self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setAccessibleName("Opslaan als PDF")
        self.save_button.setToolTip("Opslaan als PDF (Ctrl+S)")
        self.close_button = QPushButton("Sl&uiten", self)
        self.close_button.setObjectName("closeButton")
        self.close_button.setAccessibleName("Sluiten")
        self.buttons = QDialogButtonBox(self)
        self.buttons.setAccessibleName("Knoppen")
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        # Enter in the view must not print by accident.
        for button in (self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLabel")
        self.status_label.setAccessibleName("Melding")

        self.check_label = QLabel(self)
        self.check_label.setObjectName("toCheckLabel")
        self.check_label.setAccessibleName("Nog nakijken")
        self.check_label.setWordWrap(True)
        self.check_label.setStyleSheet(TO_CHECK_STYLE)
        self.check_label.setVisible(bool(self.document.to_check) and not self.document.is_stored)
        if self.document.to_check:
            items = "".join(f"<li>{escape(point)}</li>" for point in self.document.to_check)
            self.check_label.setText(f"<b>Nog nakijken voor u afdrukt:</b><ul>{items}</ul>")

        layout = QVBoxLayout(self)
        layout.addWidget(self.version_label)
        layout.addWidget(self.check_label)
        layout.addWidget(self.warnings_label)
        layout.addLayout(navigation)
        layout.addWidget(self.pdf_view, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.pdf_view, self.print_button)
        self.setTabOrder(self.print_button, self.save_button)
        self.setTabOrder(self.save_button, self.close_button)

    def _tool_button(self, name: str, symbol: str, object_name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(object_name)
        button.setText(symbol)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    def _build_actions(self) -> None:
        def add(
            text: str, keys: list[QKeySequence], slot: Callable[[], object], name: str
        ) -> QAction:
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            return action

        def keys(*sequences: str | QKeySequence.StandardKey) -> list[QKeySequence]:
            return [QKeySequence(sequence) for sequence in sequences]

        add(
            "Volgende pagina",
            keys(QKeySequence.StandardKey.MoveToNextPage, "Ctrl+PgDown"),
            lambda: self.go_to_page(self.current_page + 1),
            "nextPageAction",
        )
        add(
            "Vorige pagina",
            keys(QKeySequence.StandardKey.MoveToPreviousPage, "Ctrl+PgUp"),
            lambda: self.go_to_page(self.current_page - 1),
            "previousPageAction",
        )
        add("Eerste pagina", keys("Ctrl+Home"), lambda: self.go_to_page(0), "firstPageAction")
        add(
            "Laatste pagina",
            keys("Ctrl+End"),
            lambda: self.go_to_page(self.page_count - 1),
            "lastPageAction",
        )
        add(
            "Inzoomen",
            keys(QKeySequence.StandardKey.ZoomIn, "Ctrl+="),
            lambda: self.zoom_by(ZOOM_STEP),
            "zoomInAction",
        )
        add(
            "Uitzoomen",
            keys(QKeySequence.StandardKey.ZoomOut),
            lambda: self.zoom_by(1 / ZOOM_STEP),
            "zoomOutAction",
        )
        add("Paginabreedte", keys("Ctrl+0"), self.fit_width, "fitWidthAction")
        add("Afdrukken", keys(QKeySequence.StandardKey.Print), self._print, "printAction")
        add("Opslaan als PDF", keys(QKeySequence.StandardKey.Save), self._save, "saveAction")

    def _connect(self) -> None:
        self.pdf_view.pageNavigator().currentPageChanged.connect(self._show_page_number)
        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page + 1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.fit_width_button.clicked.connect(self.fit_width)
        self.print_button.clicked.connect(self._print)
        self.save_button.clicked.connect(self._save)
        self.close_button.clicked.connect(self.reject)

    # -- behaviour -----------------------------------------------------------------------

    def _show_page_number(self, page: int) -> None:
        self.page_label.setText(f"Pagina {page + 1} van {self.page_count}")
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.page_count - 1)

    def _print(self) -> None:
        printer = ask_printer(self, self.page_count, self.title)
        if printer is not None:
            self._run(lambda: self.print_to(printer))

    def _save(self) -> None:
        path = ask_save_pdf_path(self, suggested_file_name(self.document, self.title, self.about))
        if path is not None:
            self._run(lambda: self.save_to(path))

    def _run(self, command: Callable[[], object]) -> None:
        try:
            command()
        except Exception as error:
            self.status_label.clear()
            show_error(self, error)


def _pages(count: int) -> str:
    return "1 pagina" if count == 1 else f"{count} pagina's"
