"""A small document interface, and its reportlab implementation.

The plan's layout (``casedesk.plan.layout``) writes to :class:`PlanDocument` only, so the
content never depends on reportlab (the gramps ``TextDoc`` idea, kept to a handful of
methods). :class:`ReportlabDocument` lays the calls out on A4 with the shipped DejaVu
fonts: headings stay with what follows, long text flows onto further pages, tables repeat
their header row, rows taller than a page are split, and every page gets
"pagina X van N".
"""

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from xml.sax.saxutils import escape

from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from casedesk.plan.fonts import BOLD, REGULAR, font_runs, register_fonts
from casedesk.plan.printable import drawn_text

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 12 * mm
BOTTOM_MARGIN = 16 * mm
FOOTER_BASELINE = 9 * mm
"""Office printers leave 4 to 5 mm unprinted; the footer sits well inside that."""
SIDE_MARGIN = 20 * mm
FRAME_PADDING = 6  # reportlab's default Frame padding, in points, on every side
TEXT_WIDTH = PAGE_WIDTH - 2 * SIDE_MARGIN - 2 * FRAME_PADDING
"""Tables, the box and the letterhead span this width."""
BODY_WIDTH = 400
"""Running text is narrower: at 11 pt a line then holds at most about 75 characters."""
LANGUAGE = "nl-NL"
_PDFA_SAFE_MODES = frozenset({"RGB", "RGBA", "L", "LA", "P", "1"})
SECTION_MIN_ROOM = 25 * mm
BLOCK_MIN_ROOM = 18 * mm
FOOTER_SIZE = 8
ROW_MAY_OUTGROW_A_PAGE = 1500
"""Characters in one cell from which a table row may be split over pages."""
ROW_WORD_LIMIT = 140
"""A word wider than this (in points) may be cut in a table cell: a column is not widened
for it (a long web address is cut after a "/" instead)."""
SHORT_CELL = 25
"""Characters up to which a cell (a date, a name) is best kept on one line."""
KEPT_SHARE = 0.8
"""For that, a column gives up at most a fifth of the width it was given."""
KEY_WIDTH = 0.22
"""The labels' share of the width in a block of labels and values."""
CELL_PADDING = 6  # reportlab's default cell padding, left and right
TABLE_PADDING = 4
"""Left and right in a table of rows: narrower than the default, room for the text."""
BOX_PADDING = 8
_WEB_ADDRESS = re.compile(r"^(https?://|www\.|[a-z0-9-]+(\.[a-z0-9-]+)+/)\S*$")
"""Also a bare host with a path ("kvk.nl/zwaar-weer"), as the routekaart prints it."""
_WEB_ADDRESS_BREAKS = re.compile(r"(?<=[/?&=_-])")
_AFTER_A_SLASH = re.compile(r"(?<=/)")


class PlanDocument(Protocol):
    """What a plan or letter layout may ask of a document; plain text in, never markup."""

    def banner(self, logo: bytes | None, lines: Sequence[str]) -> None:
        """The sender at the top: a logo (PNG or JPEG) with lines of text beside it."""
        ...

    def heading(self, text: str, level: int = 1) -> None:
        """A heading (0: title, 1: section, 2: block); never left alone at a page's foot."""
        ...

    def title(self, text: str, aside: str) -> None:
        """The document's title, with a short text (its date) at the right of its line."""
        ...

    def paragraph(self, text: str, *, bullet: bool = False, strong: bool = False) -> None:
        """Wrapping text; a newline starts a new line."""
        ...

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> None:
        """Rows under a header that repeats on every page; ``widths`` are fractions."""
        ...

    def grouped_table(
        self,
        header: Sequence[str],
        groups: Sequence[tuple[str, Sequence[Sequence[str]]]],
        widths: Sequence[float],
    ) -> None:
        """One table, its groups of rows each under a title row (kept with its first row)."""
        ...

    def key_values(
        self, pairs: Sequence[tuple[str, str]], *, columns: int = 1, key_width: float = KEY_WIDTH
    ) -> None:
        """Labels with their values, side by side: ``columns`` pairs to a row; in one column
        the labels take ``key_width`` of a line."""
        ...

    def signature_lines(self, names: Sequence[str]) -> None:
        """A line to sign above each name, with room for the date."""
        ...

    def box(self, title: str, lines: Sequence[str]) -> None:
        """A framed block that the eye finds first: a title and short lines under it."""
        ...

    def block(
        self, title: str, paragraphs: Sequence[str], pairs: Sequence[tuple[str, str]]
    ) -> None:
        """A titled block (text, then labels with values) that is never split over pages."""
        ...

    def page_break(self) -> None: ...


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The PDF's metadata (shown by viewers, required by archives)."""

    title: str
    author: str
    subject: str
    footer: str
    """Printed on the left of every page's footer (e.g. the municipality)."""


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    # Headings, labels and cells span the full width; running text stops at BODY_WIDTH.
    full = ParagraphStyle(
        "full", fontName=REGULAR, fontSize=11, leading=13.5, spaceAfter=2, splitLongWords=1,
        # Never one line of a paragraph alone at the foot or the head of a page.
        allowWidows=0, allowOrphans=0,
    )  # fmt: skip
    body = ParagraphStyle("body", parent=full, rightIndent=TEXT_WIDTH - BODY_WIDTH)
    bullet = ParagraphStyle(
        "bullet", parent=body, leftIndent=12, bulletIndent=2, bulletFontName=REGULAR,
        bulletFontSize=body.fontSize,
    )  # fmt: skip
    return {
        "body": body,
        "strong": ParagraphStyle("strong", parent=body, fontName=BOLD),
        "bullet": bullet,
        # In the box: the text after the bullet is as wide as running text.
        "box_line": ParagraphStyle(
            "box_line",
            parent=bullet,
            rightIndent=TEXT_WIDTH - 2 * BOX_PADDING - bullet.leftIndent - BODY_WIDTH,
            spaceAfter=1.5,
        ),
        "cell": ParagraphStyle("cell", parent=full, leading=13, spaceAfter=0),
        "cell_head": ParagraphStyle(
            "cell_head", parent=full, fontName=BOLD, fontSize=11, leading=13, spaceAfter=0
        ),
        "banner": ParagraphStyle("banner", parent=full, alignment=TA_RIGHT, spaceAfter=0),
        "banner_first": ParagraphStyle(
            "banner_first", parent=full, fontName=BOLD, fontSize=13, leading=17,
            alignment=TA_RIGHT, spaceAfter=2,
        ),
        "h0": ParagraphStyle(
            "h0", parent=full, fontName=BOLD, fontSize=18, leading=22, spaceBefore=4,
            spaceAfter=4,
        ),
        "h1": ParagraphStyle(
            "h1", parent=full, fontName=BOLD, fontSize=13, leading=16, spaceBefore=6,
            spaceAfter=3, textColor=colors.HexColor("#1F3A5F"),
        ),
        "box_title": ParagraphStyle(
            "box_title", parent=full, fontName=BOLD, fontSize=13, leading=16, spaceAfter=3,
            textColor=colors.HexColor("#1F3A5F"),
        ),
        "group": ParagraphStyle(
            "group", parent=full, fontName=BOLD, fontSize=11.5, leading=14, spaceAfter=0
        ),
        "h2": ParagraphStyle(
            "h2", parent=full, fontName=BOLD, fontSize=11.5, leading=14, spaceBefore=4,
            spaceAfter=2,
        ),
    }  # fmt: skip


def inline_markup(text: str, face: str = REGULAR) -> str:
    """Plain text as reportlab paragraph markup: ``&``, ``<`` and ``'`` stay literal.

    Each character is set in the first shipped font that has it (``fonts.font_runs``);
    what none has is replaced first (``printable.drawn_text``), never printed as a box.
    """
    runs = []
    for font, run in font_runs(drawn_text(text), face):
        escaped = escape(run).replace("\n", "<br/>")
        runs.append(escaped if font == face else f'<font name="{font}">{escaped}</font>')
    return "".join(runs)


def _paragraph(
    text: str, style: ParagraphStyle, width: float | None = None, **kwargs: Any
) -> Paragraph:
    """A paragraph of plain text; given the ``width`` it is set in, a web address too long
    for a line gets lines of its own, cut after a "/" (``_web_address_lines``), instead of
    being cut anywhere."""
    if width is not None:
        text = _cut_web_addresses(text, width - style.leftIndent - style.rightIndent, style)
    return Paragraph(inline_markup(text, style.fontName), style, **kwargs)


class ReportlabDocument:
    """A :class:`PlanDocument` that becomes PDF bytes with :meth:`to_pdf`."""

    def __init__(self, info: DocumentInfo) -> None:
        self._info = info
        self._styles = _styles()
        self._flowables: list[Flowable] = []
        self._section_break: CondPageBreak | None = None
        """The page-break check above the last section heading, while nothing followed it."""
        self._block_heading: Paragraph | None = None
        """The last block heading, while nothing followed it."""

    def banner(self, logo: bytes | None, lines: Sequence[str]) -> None:
        texts = [
            _paragraph(line, self._styles["banner_first" if i == 0 else "banner"])
            for i, line in enumerate(lines)
            if line
        ]
        image = _logo_image(logo) if logo else None
        if image is None:
            self._add(*texts)
            return
        logo_width = 45 * mm
        table = Table(
            [[image, texts]],
            colWidths=[logo_width, TEXT_WIDTH - logo_width],
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    # At the top of the page: no room above, as without a logo.
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
        self._add(table)

    def heading(self, text: str, level: int = 1) -> None:
        level = min(max(level, 0), 2)
        # A heading needs room for a few lines under it, or it starts a new page. This
        # instead of keepWithNext, which would drag a whole table or block along and leave
        # half a page empty.
        section_break = self._section_break
        if level == 2 and section_break is not None:
            # Straight under a section heading: the section's break makes room for both.
            section_break.height = SECTION_MIN_ROOM + BLOCK_MIN_ROOM
        elif level in (1, 2):
            room = SECTION_MIN_ROOM if level == 1 else BLOCK_MIN_ROOM
            self._add(CondPageBreak(room))
        section_break = self._flowables[-1] if level == 1 else None
        heading = _paragraph(text, self._styles[f"h{level}"])
        self._add(heading)
        if isinstance(section_break, CondPageBreak):
            self._section_break = section_break
        if level == 2:
            self._block_heading = heading

    def title(self, text: str, aside: str) -> None:
        heading = self._styles["h0"]
        aside_style = ParagraphStyle("title_aside", parent=self._styles["banner"])
        aside_width = _text_width(aside, aside_style) + CELL_PADDING
        table = Table(
            [[_paragraph(text, heading), _paragraph(aside, aside_style)]],
            colWidths=[TEXT_WIDTH - aside_width, aside_width],
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    # The date sits on the title's baseline.
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), heading.spaceBefore),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), heading.spaceAfter),
                ]
            ),
        )
        self._add(table)

    def _add(self, *flowables: Flowable) -> None:
        self._flowables.extend(flowables)
        self._section_break = None
        self._block_heading = None

    def paragraph(self, text: str, *, bullet: bool = False, strong: bool = False) -> None:
        if bullet:
            style = self._styles["bullet"]
            self._add(_paragraph(text, style, TEXT_WIDTH, bulletText="•"))
            return
        style = self._styles["strong" if strong else "body"]
        self._add(_paragraph(text, style, TEXT_WIDTH))

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> None:
        self.grouped_table(header, [("", rows)], widths)

    def grouped_table(
        self,
        header: Sequence[str],
        groups: Sequence[tuple[str, Sequence[Sequence[str]]]],
        widths: Sequence[float],
    ) -> None:
        head = [_paragraph(cell, self._styles["cell_head"]) for cell in header]
        cell_style = self._styles["cell"]
        cells = [
            [row[i] for _, rows in groups for row in rows if i < len(row)]
            for i in range(len(widths))
        ]
        # First no word cut in two ("Ondernemersklankbord" would read as two words), then,
        # with what room is left, short cells (a date, a name) on one line.
        asked = [TEXT_WIDTH * fraction for fraction in widths]
        columns = asked
        for unbroken, keeps in ((_longest_word_width, 0.0), (_short_text_width, KEPT_SHARE)):
            columns = _widened(
                columns,
                [max((unbroken(c, cell_style) for c in column), default=0.0) for column in cells],
                [width * keeps for width in asked],
            )
        room = [width - 2 * TABLE_PADDING for width in columns]
        data: list[list[Paragraph | str]] = [head]
        commands: list[tuple[Any, ...]] = []
        for title, rows in groups:
            if title:
                at = len(data)
                data.append([_paragraph(title, self._styles["group"]), *("" for _ in widths[1:])])
                commands += [("SPAN", (0, at), (-1, at)), ("TOPPADDING", (0, at), (-1, at), 5)]
                if rows and not _may_outgrow_a_page(rows[0]):
                    # A group's title never stands alone at the foot of a page.
                    commands.append(("NOSPLIT", (0, at), (-1, at + 1)))
            data += [
                [
                    # A web address on a line of its own is cut after a "/", as in a block.
                    _paragraph(cell, cell_style, width)
                    for cell, width in zip(row, room, strict=False)
                ]
                for row in rows
            ]
        style = [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E4EAF2")),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#B0B8C4")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), TABLE_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), TABLE_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            *commands,
        ]
        table = Table(
            data,
            colWidths=columns,
            repeatRows=1,
            # A row is never split across pages, unless it may be taller than a page.
            splitInRow=int(any(_may_outgrow_a_page(row) for _, rows in groups for row in rows)),
            style=TableStyle(style),
        )
        if self._section_break is not None:
            # The heading above needs room for the header and the first (titled) row too;
            # measured on those rows alone (a long table is laid out once, not twice).
            first_rows = 3 if groups and groups[0][0] else 2
            first = Table(
                data[:first_rows],
                colWidths=columns,
                style=TableStyle([c for c in style if c[2][1] < first_rows]),
            )
            self._keep_heading_with(first.wrap(TEXT_WIDTH, PAGE_HEIGHT)[1])
        self._add(table)
        self._add(Spacer(1, 2))

    def _keep_heading_with(self, height: float) -> None:
        """Makes the page-break check above a section heading that nothing follows yet
        ask for room for the heading and ``height`` more, so that what cannot be split
        off (a table's first rows) never leaves the heading alone at a page's foot."""
        section_break = self._section_break
        if section_break is None or not self._flowables:
            return
        heading = self._flowables[-1]
        _, heading_height = heading.wrap(TEXT_WIDTH, PAGE_HEIGHT)
        needed = heading.getSpaceBefore() + heading_height + heading.getSpaceAfter() + height
        section_break.height = max(section_break.height, needed)

    def key_values(
        self, pairs: Sequence[tuple[str, str]], *, columns: int = 1, key_width: float = KEY_WIDTH
    ) -> None:
        if not pairs:
            return
        table = (
            self._key_value_table(pairs, key_width)
            if columns == 1
            else self._key_value_grid(pairs, columns)
        )
        heading = self._block_heading
        if heading is not None and self._flowables and self._flowables[-1] is heading:
            # A contact block moves to the next page whole, with its heading (and the
            # section's heading, when the block is the section's first).
            together: list[Flowable] = [self._flowables.pop()]
            above = self._flowables[-1] if self._flowables else None
            if isinstance(above, Paragraph) and above.style.name == "h1":
                together.insert(0, self._flowables.pop())
            self._add(KeepTogether([*together, table]))
            return
        self._add(table)

    def _key_value_table(self, pairs: Sequence[tuple[str, str]], key_width: float) -> Table:
        value_width = TEXT_WIDTH * (1 - key_width) - 2 * CELL_PADDING
        cell = self._styles["cell"]
        data = [
            [
                _paragraph(label, self._styles["cell_head"]),
                _paragraph(value, cell, value_width),
            ]
            for label, value in pairs
        ]
        table = Table(
            data,
            colWidths=[TEXT_WIDTH * key_width, TEXT_WIDTH * (1 - key_width)],
            splitInRow=0,
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (0, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            ),
        )
        return table

    def _key_value_grid(self, pairs: Sequence[tuple[str, str]], columns: int) -> Table:
        """Pairs side by side, row by row: each label column as wide as its longest label."""
        label_style, value_style = self._styles["cell_head"], self._styles["cell"]
        rows = [pairs[start : start + columns] for start in range(0, len(pairs), columns)]
        label_widths = [
            max(
                (_text_width(row[column][0], label_style) for row in rows if column < len(row)),
                default=0.0,
            )
            + CELL_PADDING
            for column in range(columns)
        ]
        value_width = (TEXT_WIDTH - sum(label_widths)) / columns
        data = [
            [
                cell
                for label, value in row
                for cell in (_paragraph(label, label_style), _paragraph(value, value_style))
            ]
            + ["" for _ in range(2 * (columns - len(row)))]
            for row in rows
        ]
        return Table(
            data,
            colWidths=[w for label in label_widths for w in (label, value_width)],
            splitInRow=0,
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            ),
        )

    def signature_lines(self, names: Sequence[str]) -> None:
        if not names:
            return
        gap = 12 * mm
        width = (TEXT_WIDTH - gap * (len(names) - 1)) / len(names)
        # Signature columns with empty gap columns between them, so each gets its own line.
        columns: list[float] = []
        cells: list[Paragraph | str] = []
        for index, name in enumerate(names):
            if index:
                columns.append(gap)
                cells.append("")
            columns.append(width)
            cells.append(_paragraph(f"{name}\nDatum:", self._styles["cell"]))
        lines = [
            ("LINEBELOW", (column, 0), (column, 0), 0.8, colors.black)
            for column in range(0, len(columns), 2)
        ]
        table = Table(
            [["" for _ in columns], cells],
            colWidths=columns,
            rowHeights=[10 * mm, None],
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 1), (-1, 1), 2),
                    ("BOTTOMPADDING", (0, 1), (-1, 1), 0),
                    *lines,
                ]
            ),
        )
        # The lines go with the paragraph above them: never a page with only the lines;
        # and that paragraph's heading goes with it, never alone at the foot of a page.
        previous = [self._flowables.pop()] if self._flowables else []
        above = self._flowables[-1] if self._flowables else None
        if isinstance(above, Paragraph) and above.style.name in ("h1", "h2"):
            previous.insert(0, self._flowables.pop())
        self._add(KeepTogether([*previous, Spacer(1, 4), table]))

    def block(
        self, title: str, paragraphs: Sequence[str], pairs: Sequence[tuple[str, str]]
    ) -> None:
        self.heading(title, level=2)
        parts: list[Flowable] = [self._flowables.pop()]
        above = self._flowables[-1] if self._flowables else None
        if isinstance(above, Paragraph) and above.style.name == "h1":
            parts.insert(0, self._flowables.pop())  # the section's first block
        parts += [_paragraph(text, self._styles["body"], TEXT_WIDTH) for text in paragraphs]
        if pairs:
            parts.append(self._key_value_table(pairs, KEY_WIDTH))
        self._add(KeepTogether(parts))

    def box(self, title: str, lines: Sequence[str]) -> None:
        inner = TEXT_WIDTH - 2 * BOX_PADDING
        cell = [
            _paragraph(title, self._styles["box_title"]),
            *(
                _paragraph(line, self._styles["box_line"], inner, bulletText="•")
                for line in lines
            ),
        ]
        table = Table(
            [[cell]],
            colWidths=[TEXT_WIDTH],
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor("#1F3A5F")),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#EEF3F8")),
                    ("LEFTPADDING", (0, 0), (-1, -1), BOX_PADDING),
                    ("RIGHTPADDING", (0, 0), (-1, -1), BOX_PADDING),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            ),
        )
        self._add(Spacer(1, 4))
        self._add(table)
        self._add(Spacer(1, 2))

    def page_break(self) -> None:
        self._add(PageBreak())

    def to_pdf(self) -> bytes:
        """The laid-out PDF (not yet PDF/A; see ``casedesk.plan.pdfa``)."""
        buffer = io.BytesIO()
        info = self._info
        template = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=SIDE_MARGIN,
            rightMargin=SIDE_MARGIN,
            topMargin=TOP_MARGIN,
            bottomMargin=BOTTOM_MARGIN,
            # XMP is XML: a control character typed in a name would make it invalid.
            title=_one_line(info.title),
            author=_one_line(info.author),
            subject=_one_line(info.subject),
            creator="casedesk",
            lang=LANGUAGE,
            # Fixed dates and ids inside reportlab; the real creation date is set with the
            # PDF/A metadata, so the same content gives the same bytes.
            invariant=1,
            # Without this reportlab starts every page in Helvetica, a font that is never
            # embedded (and forbidden in PDF/A).
            initialFontName=REGULAR,
        )
        footer = info.footer

        def numbered_canvas(*args: Any, **kwargs: Any) -> Canvas:
            return _NumberedCanvas(footer, *args, **kwargs)

        template.build(list(self._flowables), canvasmaker=numbered_canvas)
        return buffer.getvalue()


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    """Holds every page until the end, so the footer can say "pagina 2 van 3"."""

    def __init__(self, footer: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        self.saveState()
        self.setFillColor(colors.HexColor("#555555"))
        baseline = FOOTER_BASELINE
        x = SIDE_MARGIN
        for font, run in font_runs(_one_line(self._footer)):
            self.setFont(font, FOOTER_SIZE)
            self.drawString(x, baseline, run)
            x += pdfmetrics.stringWidth(run, font, FOOTER_SIZE)
        self.setFont(REGULAR, FOOTER_SIZE)
        self.drawRightString(PAGE_WIDTH - SIDE_MARGIN, baseline, f"pagina {number} van {total}")
        self.restoreState()


_TRAILING_PUNCTUATION = ".,;:!?)"


def _cut_web_addresses(text: str, width: float, style: ParagraphStyle) -> str:
    """``text`` with each web address too long for ``width`` on lines of its own, cut after
    a "/"; the words after it go on from its last line."""

    def cut(match: re.Match[str]) -> str:
        word = match.group(0)
        address = word.rstrip(_TRAILING_PUNCTUATION)
        lines = _web_address_lines(address, width, style)
        if lines == address:
            return word
        before = "" if match.start() == 0 or text[match.start() - 1] == "\n" else "\n"
        return before + lines + word[len(address) :]

    return re.sub(r"\S+", cut, text)


def _web_address_lines(text: str, width: float, style: ParagraphStyle) -> str:
    """A web address too long for ``width`` cut after a ``/``; a part still too long is cut
    after a ``?``, ``&``, ``=``, ``_`` or ``-`` too (never inside a word). A line that ends
    in "/" reads as unfinished; one that ends in "-" looks hyphenated, so "/" comes first.
    Any other text is returned unchanged."""
    if not _WEB_ADDRESS.match(text):
        return text

    def fits(part: str) -> bool:
        measured: float = pdfmetrics.stringWidth(part, style.fontName, style.fontSize)
        return measured <= width

    if fits(text):
        return text
    parts: list[str] = []
    for part in _AFTER_A_SLASH.split(text):
        parts += [part] if fits(part) else _WEB_ADDRESS_BREAKS.split(part)
    lines: list[str] = []
    line = ""
    for part in parts:
        if line and not fits(line + part):
            lines.append(line)
            line = ""
        line += part
    return "\n".join([*lines, line])


def _widened(
    widths: Sequence[float], unbroken: Sequence[float], floors: Sequence[float]
) -> list[float]:
    """Column widths, each widened towards the text it should keep unbroken (at most
    ``ROW_WORD_LIMIT``), with the room the other columns spare beyond theirs (and beyond
    their ``floors``), taken from them in proportion to what they spare."""
    # One point more: the measured width of a word is not always what reportlab fits.
    needed = [min(width, ROW_WORD_LIMIT) + 2 * TABLE_PADDING + 1 for width in unbroken]
    short = [max(need - width, 0.0) for width, need in zip(widths, needed, strict=True)]
    spare = [
        max(width - max(need, floor), 0.0)
        for width, need, floor in zip(widths, needed, floors, strict=True)
    ]
    given = min(sum(short), sum(spare))
    if given == 0:
        return list(widths)
    return [
        width + given * (lack / sum(short) - room / sum(spare))
        for width, lack, room in zip(widths, short, spare, strict=True)
    ]


def _longest_word_width(text: str, style: ParagraphStyle) -> float:
    return max((_text_width(word, style) for word in text.split()), default=0.0)


def _short_text_width(text: str, style: ParagraphStyle) -> float:
    """All of a short text (a date, a name); the longest word of a longer one."""
    if len(text) <= SHORT_CELL:
        return _text_width(text, style)
    return _longest_word_width(text, style)


def _may_outgrow_a_page(row: Sequence[str]) -> bool:
    return any(len(cell) > ROW_MAY_OUTGROW_A_PAGE for cell in row)


def _text_width(text: str, style: ParagraphStyle) -> float:
    width: float = pdfmetrics.stringWidth(drawn_text(text), style.fontName, style.fontSize)
    return width


def _one_line(text: str) -> str:
    return " ".join(drawn_text(text).split())


def _logo_image(data: bytes) -> Image | None:
    """The logo scaled into 45 × 16 mm (the height of the sender's three lines beside it);
    None for a format reportlab cannot draw (SVG)."""
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            picture.load()
            if picture.mode not in _PDFA_SAFE_MODES:
                # A CMYK (print shop) logo would clash with the sRGB output intent of
                # PDF/A; sRGB is what the screen preview and office printers use anyway.
                converted = io.BytesIO()
                picture.convert("RGB").save(converted, format="PNG")
                data = converted.getvalue()
            width, height = picture.size
    except (OSError, SyntaxError, ValueError):  # UnidentifiedImageError is an OSError
        # SVG (and anything the settings check let through but pillow cannot read).
        return None
    scale = min(45 * mm / width, 16 * mm / height)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale, hAlign="LEFT")
