"""Printing a finished PDF (an action plan) through Qt's printer choice.

The plan exists as PDF bytes before anyone prints it, so printing must put exactly those
pages on paper. Qt cannot paint a PDF page as vectors, so the way depends on the target:

- "Print to file" (``QPrinter.OutputFormat.PdfFormat``): the chosen pages of the PDF are
  written to the file as they are, text and fonts intact.
- A system printer where CUPS is present (Linux, macOS): the PDF goes to the queue
  unchanged with CUPS's ``lp``, with the copies, page range, duplex and collation chosen in
  the print dialog. CUPS takes PDF as its native job format, so text stays sharp at any
  printer resolution.
- Elsewhere (Windows): each page is rendered with QtPdf at the printer's resolution (at
  most ``RASTER_DPI_LIMIT``) on white and painted onto the printer.
"""

import logging
import shutil
import subprocess
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

import pikepdf
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from casedesk.errors import KnownError
from casedesk.files import os_error_reason, write_atomically

log = logging.getLogger(__name__)

RASTER_DPI_LIMIT = 300
"""Sharp enough for text on paper; an A4 page at 1200 dpi would be a 550 MB image."""
LP_TIMEOUT_S = 60


def load_pdf(pdf: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A QtPdf document over ``pdf``; raises ``KnownError`` when the bytes are no PDF.

    QtPdf reads the buffer lazily, so the buffer is parented to the document and lives
    exactly as long as it.
    """
    document = QPdfDocument() if parent is None else QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        document.deleteLater()
        raise KnownError(
            "Dit document kan niet worden getoond: het is geen leesbaar PDF-bestand. "
            "Maak het actieplan opnieuw."
        )
    return document


def ask_printer(parent: QWidget | None, page_count: int, title: str) -> QPrinter | None:
    """Qt's print dialog (in Dutch) for the document ``title`` of ``page_count`` pages.

    Returns the chosen printer with its settings, or ``None`` when the caseworker cancels.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"{title} afdrukken")
    dialog.setMinMax(1, page_count)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print ``pdf`` on ``printer`` as its settings say; returns the number of pages sent.

    Copies are not counted: three copies of a two-page plan return 2.
    Raises ``KnownError`` when the printer or file cannot take the job.
    """
    document = load_pdf(pdf)
    try:
        pages = selected_pages(document.pageCount(), printer)
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            write_pdf_pages(pdf, pages, Path(printer.outputFileName()))
        elif printer.printerName() and shutil.which("lp"):
            every_page = pages == list(range(document.pageCount()))
            page_range = None if every_page else (pages[0], pages[-1])
            submit_to_cups(pdf, printer.printerName(), printer, page_range)
        else:
            paint_pdf(document, pages, printer)
    finally:
        document.deleteLater()
    return len(pages)


def selected_pages(page_count: int, printer: QPrinter) -> list[int]:
    """The 0-based page numbers to print: the dialog's page range, else every page."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(page_count, printer.toPage() or page_count)
        pages = list(range(first - 1, last))
        if pages:
            return pages
    return list(range(page_count))


def write_pdf_pages(pdf: bytes, pages: Sequence[int], target: Path) -> None:
    """Write the chosen pages of ``pdf`` to ``target``; every page: the bytes unchanged."""
    if not target.name:
        raise KnownError("Kies een bestandsnaam om het actieplan als PDF op te slaan.")
    try:
        with pikepdf.open(BytesIO(pdf)) as source:
            if list(pages) == list(range(len(source.pages))):
                data = pdf
            else:
                with pikepdf.new() as chosen:
                    chosen.pages.extend(source.pages[page] for page in pages)
                    written = BytesIO()
                    chosen.save(written)
                    data = written.getvalue()
        write_atomically(target, data, prefix=".casedesk-", suffix=".pdf")
    except OSError as error:
        raise KnownError(
            f"Het bestand ‘{target}’ kon niet worden geschreven ({os_error_reason(error)}). "
            "Kies een andere map of maak ruimte vrij en probeer het opnieuw."
        ) from error


def submit_to_cups(
    pdf: bytes, queue: str, printer: QPrinter, page_range: tuple[int, int] | None = None
) -> None:
    """Send the PDF unchanged to the CUPS queue ``queue`` with ``lp``.

    ``printer`` brings the print dialog's choices (copies, duplex, collation, title);
    ``page_range`` is the first and last 0-based page to print; ``None`` prints all.
    """
    command = ["lp", "-d", queue, "-t", printer.docName() or "Actieplan"]
    command += ["-n", str(max(1, printer.copyCount()))]
    if page_range is not None:
        command += ["-P", f"{page_range[0] + 1}-{page_range[1] + 1}"]
    sides = {
        QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
        QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
        QPrinter.DuplexMode.DuplexNone: "one-sided",
    }.get(printer.duplex())
    if sides:
        command += ["-o", f"sides={sides}"]
    if printer.copyCount() > 1:
        command += ["-o", f"collate={'true' if printer.collateCopies() else 'false'}"]
    command.append("-")  # the job comes from stdin: no temporary file holds personal data
    try:
        result = subprocess.run(
            command, input=pdf, capture_output=True, timeout=LP_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        log.warning("lp failed: %s", type(error).__name__)
        raise _printer_refused(queue) from error
    if result.returncode != 0:
        # lp's message is English and names only the queue; log it for the administrator.
        detail = result.stderr.decode(errors="replace")
        log.warning("lp exited with %s: %s", result.returncode, detail)
        raise _printer_refused(queue)


def _printer_refused(queue: str) -> KnownError:
    return KnownError(
        f"Het actieplan kon niet naar de printer ‘{queue}’ worden gestuurd. Controleer of "
        "de printer aanstaat en verbonden is, of kies een andere printer, en probeer het "
        "opnieuw."
    )


def paint_pdf(document: QPdfDocument, pages: Sequence[int], printer: QPrinter) -> None:
    """Render each page on white at the printer's resolution and paint it on the paper.

    The PDF brings its own margins, so the printer is switched to full-page painting; each
    page is scaled to fit the paper, keeping its proportions.
    """
    printer.setFullPage(True)
    first_size = document.pagePointSize(pages[0])
    printer.setPageLayout(
        QPageLayout(
            QPageSize(first_size, QPageSize.Unit.Point),
            QPageLayout.Orientation.Portrait,
            printer.pageLayout().margins(),
        )
    )
    dpi = min(printer.resolution(), RASTER_DPI_LIMIT)
    painter = QPainter()
    if not painter.begin(printer):
        raise _printer_refused(printer.printerName() or printer.outputFileName())
    try:
        for number, page in enumerate(pages):
            if number and not printer.newPage():
                raise _printer_refused(printer.printerName() or printer.outputFileName())
            image = render_page_on_white(document, page, dpi)
            target = QRectF(painter.viewport())
            scale = min(target.width() / image.width(), target.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            painter.drawImage(
                QRectF(target.x(), target.y(), width, height), image, QRectF(image.rect())
            )
    finally:
        painter.end()


def render_page_on_white(document: QPdfDocument, page: int, dpi: int) -> QImage:
    """One page as an image at ``dpi``; QtPdf leaves unpainted areas transparent."""
    points = document.pagePointSize(page)
    width = max(1, round(points.width() * dpi / 72))
    size = QSize(width, max(1, round(points.height() * dpi / 72)))
    rendered = document.render(page, size)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image
