"""The regional report as PDF/A-2b: the plan's page and fonts, figures with bar charts.

The region's figures first: per topic a short explanation and one table whose last column
is a bar chart (reportlab graphics), so the eye compares at a glance and reads the number
beside it. Before them the table "Per gemeente" of every municipality's main figures:
a row for each with at least 5 intakes, and one row that adds up the smaller ones (every
municipality, line by line, is in the CSV). A hidden count (``<5``) gets no bar, so a chart
never shows what the table hides.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from casedesk.domain.dutch import long_date
from casedesk.domain.referrals import ReferralStatus
from casedesk.domain.report import (
    HIDDEN_TEXT,
    MIN_SHOWN,
    NO_SHARE,
    WITHHELD_TEXT,
    Cell,
    Line,
    Report,
    Section,
    Topic,
    thousands,
    too_small_to_show,
)
from casedesk.plan.document import (
    PAGE_HEIGHT,
    TEXT_WIDTH,
    DocumentInfo,
    ReportlabDocument,
    inline_markup,
)
from casedesk.plan.fonts import BOLD, REGULAR
from casedesk.plan.pdfa import make_pdfa

REPORT_TITLE = "Rapport van de regio: hulp aan zelfstandig ondernemers"
BAR_COLOUR = colors.HexColor("#1F3A5F")
SURVEY_COLOUR = colors.HexColor("#9DB4CF")
HEAD_BACKGROUND = colors.HexColor("#E4EAF2")
RULE_COLOUR = colors.HexColor("#B0B8C4")
FIGURE_SIZE = 9.5
BAR_HEIGHT = 7.5
CELL_PADDING = 6

_SUMMARY_TABLES: tuple[tuple[str, tuple[tuple[str, Topic | None, str], ...]], ...] = (
    (
        "Aanmelding, gekozen route en advies",
        (
            ("Aangemeld", None, ""),
            ("Urgent", Topic.URGENT, "ja"),
            ("Route 1", Topic.ROUTE_CHOSEN, "1"),
            ("Route 2", Topic.ROUTE_CHOSEN, "2"),
            ("Route 3", Topic.ROUTE_CHOSEN, "3"),
            ("Advies aangepast", Topic.ADVICE_FOLLOWED, "nee"),
        ),
    ),
    (
        "Plan, opvolging en afsluiten",
        (
            ("Plan binnen een week", Topic.FIRST_PLAN, "binnen_7_dagen"),
            ("Nog geen plan", Topic.FIRST_PLAN, "nog_geen_plan"),
            ("Opvolging op tijd", Topic.FOLLOW_UP, "op_tijd"),
            ("Opvolging te laat", Topic.FOLLOW_UP, "te_laat"),
            ("Afgesloten", None, "afgesloten"),
        ),
    ),
)
"""The tables of every municipality's main figures: (title, columns (head, topic, line))."""


def _style(name: str, *, bold: bool = False, right: bool = False) -> ParagraphStyle:
    # Numbers and headings are never cut inside a word ("Aande-el"); labels may be.
    return ParagraphStyle(
        name, fontName=BOLD if bold else REGULAR, fontSize=FIGURE_SIZE,
        leading=FIGURE_SIZE + 2, alignment=TA_RIGHT if right else 0,
        splitLongWords=0 if bold or right else 1,
    )  # fmt: skip


_LABEL = _style("figure_label")
_NUMBER = _style("figure_number", right=True)
_HEAD = _style("figure_head", bold=True)
_HEAD_NUMBER = _style("figure_head_number", bold=True, right=True)
_TOTAL = _style("figure_total", bold=True)
_TOTAL_NUMBER = _style("figure_total_number", bold=True, right=True)


class ReportDocument(ReportlabDocument):
    """The plan's document with two things more: a table of figures with bars, and room
    kept for one."""

    def room_for(self, rows: int) -> None:
        """Starts a new page unless a heading, its explanation and ``rows`` rows fit, so a
        short table stays with its heading (a long one still starts where it is)."""
        estimate = 70 + 15 * rows
        self._add(CondPageBreak(min(estimate, PAGE_HEIGHT * 0.45)))

    def figures(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        bars: Sequence[Sequence["Bar"]] = (),
        total: Sequence[str] = (),
    ) -> None:
        """Text columns (the first a label, the others numbers), then, when ``bars`` are
        given, a column with each row's bars; ``total`` is a last row in bold."""
        bar_width = TEXT_WIDTH * (1 - sum(widths))
        head = [Paragraph(inline_markup(text, BOLD), _HEAD if i == 0 else _HEAD_NUMBER)
                for i, text in enumerate(header)]  # fmt: skip
        data: list[list[object]] = [[*head, *([""] if bars else [])]]
        for index, row in enumerate(rows):
            cells: list[object] = [_cell(text, i) for i, text in enumerate(row)]
            if bars:
                cells.append(_bars(bars[index], bar_width - 2 * CELL_PADDING))
            data.append(cells)
        if total:
            data.append(
                [Paragraph(inline_markup(text, BOLD), _TOTAL if i == 0 else _TOTAL_NUMBER)
                 for i, text in enumerate(total)] + ([""] if bars else [])
            )  # fmt: skip
        columns = [TEXT_WIDTH * fraction for fraction in widths]
        if bars:
            columns.append(bar_width)
        style = [
            # Empty cells too are set in a font: never reportlab's unembedded Helvetica.
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BACKGROUND),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE_COLOUR),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        if total:
            style.append(("LINEABOVE", (0, -1), (-1, -1), 0.9, BAR_COLOUR))
        table = Table(data, colWidths=columns, repeatRows=1, style=TableStyle(style))
        self._add(table, Spacer(1, 3))


def _cell(text: str, column: int) -> Paragraph:
    return Paragraph(inline_markup(text), _LABEL if column == 0 else _NUMBER)


@dataclass(frozen=True, slots=True)
class Bar:
    fraction: float
    """Of the column's width; 0 draws nothing."""
    colour: colors.Color = BAR_COLOUR


def _bars(bars: Sequence[Bar], width: float) -> Drawing:
    gap = 1.5
    height = len(bars) * BAR_HEIGHT + (len(bars) - 1) * gap
    drawing = Drawing(width, height)
    # Else reportlab starts the drawing in Helvetica, which is never embedded (PDF/A).
    drawing.initialFontName = REGULAR
    for index, bar in enumerate(bars):
        if bar.fraction > 0:
            y = height - (index + 1) * BAR_HEIGHT - index * gap
            drawing.add(Rect(0, y, width * min(bar.fraction, 1.0), BAR_HEIGHT,
                             fillColor=bar.colour, strokeColor=None))  # fmt: skip
    return drawing


def render_report(report: Report, *, created_at: datetime | None = None) -> bytes:
    """The report as PDF/A-2b; the same report and date give the same bytes."""
    period = f"{_unbroken(long_date(report.first))} tot en met {_unbroken(long_date(report.last))}"
    info = DocumentInfo(
        title=REPORT_TITLE,
        author="casedesk",
        subject=f"Cijfers van {period}",
        footer=f"Rapport van de regio, {period}",
    )
    doc = ReportDocument(info)
    write_report(doc, report, period)
    return make_pdfa(doc.to_pdf(), created_at or datetime.now(UTC))


def write_report(doc: ReportDocument, report: Report, period: str) -> None:
    doc.heading(REPORT_TITLE, level=0)
    doc.key_values(
        [
            ("Periode", f"Dossiers aangemeld van {period}"),
            ("Gemaakt op", long_date(report.made_on)),
            ("Aanmeldingen", report.intakes.cells[0].text),
            ("Gemeenten", _municipalities_text(report)),
        ]
    )
    doc.box(
        "Zo leest u dit rapport",
        [
            "Alle cijfers gaan over de dossiers die in deze periode zijn aangemeld, ook als "
            "het werk later gebeurde.",
            f"Er staan geen namen of andere persoonsgegevens in. Een aantal kleiner dan "
            f"{MIN_SHOWN} staat er als {HIDDEN_TEXT}. Een {WITHHELD_TEXT} is een groter aantal "
            "dat niet wordt getoond, omdat u anders een klein aantal zou kunnen uitrekenen.",
            f"Een {NO_SHARE} bij een aandeel betekent: niet getoond, omdat het aantal te klein is.",
        ],
    )
    doc.heading("Per gemeente")
    doc.paragraph(_per_municipality_text(report))
    rows = len(report.separate_scopes) + (1 if report.combined else 0) + 1
    for title, columns in _SUMMARY_TABLES:
        doc.room_for(rows)
        doc.heading(title, level=2)
        _summary_table(doc, report, columns)
    for section in report.sections:
        _section(doc, section, 0)


def _municipalities_text(report: Report) -> str:
    text = f"{len(report.scopes) - 1} met aanmeldingen in deze periode"
    if report.combined is None:
        return text
    return f"{text}; {len(report.separate_scopes)} daarvan met {MIN_SHOWN} of meer aanmeldingen"


def _per_municipality_text(report: Report) -> str:
    csv_text = (
        "In de CSV-versie van dit rapport staat elke gemeente apart, met al haar cijfers (ook "
        f"daar staat een aantal kleiner dan {MIN_SHOWN} als {HIDDEN_TEXT}). U maakt die in "
        "casedesk onder Rapportage, met Opslaan als CSV."
    )
    if report.combined is None:
        return f"De belangrijkste cijfers van elke gemeente. {csv_text}"
    return (
        f"De belangrijkste cijfers van elke gemeente met {MIN_SHOWN} of meer aanmeldingen. De "
        f"gemeenten met minder aanmeldingen staan samen in één regel: Overige gemeenten. "
        f"{csv_text}"
    )


CellOf = Callable[[Line], Cell]
"""Picks one area's cell of a line: a scope's, or the combined row's."""


def _summary_table(
    doc: ReportDocument, report: Report, columns: Sequence[tuple[str, Topic | None, str]]
) -> None:
    by_topic = {section.topic: section for section in report.sections}

    def row(name: str, cell_of: CellOf) -> list[str]:
        return [name, *(_summary_cell(report, by_topic, topic, key, cell_of)
                        for _title, topic, key in columns)]  # fmt: skip

    rows = [row(report.scopes[index].name, _scope_cell(index)) for index in report.separate_scopes]
    if report.combined is not None:
        rows.append(row(report.combined.label, _combined_cell))
    region = row("Hele regio", _scope_cell(0))
    header = ["Gemeente", *(title for title, _topic, _key in columns)]
    first = 0.25
    doc.figures(header, rows, [first, *[(1 - first) / len(columns)] * len(columns)], total=region)


def _scope_cell(index: int) -> CellOf:
    return lambda line: line.cells[index]


def _combined_cell(line: Line) -> Cell:
    if line.combined is None:
        raise ValueError("a report with small municipalities combines every line")
    return line.combined


def _summary_cell(
    report: Report, by_topic: dict[Topic, Section], topic: Topic | None, key: str,
    cell_of: CellOf,
) -> str:  # fmt: skip
    if topic is None and key == "afgesloten":
        # Closed = intakes minus not closed would be arithmetic on hidden numbers: no.
        outcomes = by_topic[Topic.OUTCOME]
        return _closed_text(outcomes, cell_of)
    if topic is None:
        return cell_of(report.intakes).text
    line = next((line for line in by_topic[topic].lines if line.key == key), None)
    return cell_of(line).text if line else "0"


def _closed_text(outcomes: Section, cell_of: CellOf) -> str:
    """Intakes minus those not closed, when both are shown (then it reveals nothing more)."""
    open_line = next(line for line in outcomes.lines if line.key == "niet_afgesloten")
    total = outcomes.total
    if total is None:
        return NO_SHARE
    open_cell, total_cell = cell_of(open_line), cell_of(total)
    if open_cell.hidden or total_cell.hidden:
        return NO_SHARE
    closed = total_cell.count - open_cell.count
    return HIDDEN_TEXT if too_small_to_show(closed) else thousands(closed)


def _section(doc: ReportDocument, section: Section, index: int) -> None:
    doc.room_for(len([line for line in section.lines if not line.is_empty]) + 1)
    doc.heading(section.title)
    doc.paragraph(section.explanation)
    lines = [line for line in section.lines if not line.is_empty]
    if not lines:
        doc.paragraph("Hierover is in deze periode nog niets vastgelegd.")
        return
    if section.topic is Topic.REFERRAL:
        _referral_table(doc, lines, index)
    else:
        _figures_table(doc, section, lines, index)
    if section.summary and section.summary[index]:
        doc.paragraph(section.summary[index])


def _figures_table(
    doc: ReportDocument, section: Section, lines: Sequence[Line], index: int
) -> None:
    header = ["", "Aantal"]
    widths = [0.44, 0.11]
    if section.has_shares:
        header.append("Aandeel")
        widths.append(0.13)
    if section.has_reference:
        header.append("Landelijk")
        widths.append(0.14)
    rows, bars = [], []
    largest = max((line.cells[index].count for line in lines if not line.cells[index].hidden),
                  default=0) or 1  # fmt: skip
    references = [_percent(line.reference) or 0 for line in lines]
    widest_share = max([_percent(line.shares[index]) or 0 for line in lines if line.shares]
                       + references + [1])  # fmt: skip
    for line in lines:
        cell = line.cells[index]
        row = [line.label, cell.text]
        if section.has_shares:
            row.append(line.shares[index])
        if section.has_reference:
            row.append(line.reference)
        rows.append(row)
        if section.has_reference:
            # Shares side by side with the national survey's: the same scale for both.
            share = _percent(line.shares[index]) or 0
            reference = _percent(line.reference)
            row_bars = [Bar(share / widest_share)]
            if reference is not None:
                row_bars.append(Bar(reference / widest_share, SURVEY_COLOUR))
            bars.append(row_bars)
        else:
            bars.append([Bar(0 if cell.hidden else cell.count / largest)])
    total: list[str] = []
    if section.total is not None:
        total_cell = section.total.cells[index]
        total = [section.total.label, total_cell.text]
        if section.has_shares:
            total.append(NO_SHARE if total_cell.hidden else "100 %")
    if section.has_reference:
        doc.paragraph(
            "Donkere balk: deze regio. Lichte balk: de landelijke enquête van september 2020."
        )
    doc.figures(header, rows, widths, bars=bars, total=total)


def _referral_table(doc: ReportDocument, lines: Sequence[Line], index: int) -> None:
    """Partners down, how the referrals stand across: the matrix a meeting reads."""
    statuses = list(ReferralStatus)
    grid: dict[str, dict[str, str]] = {}
    for line in lines:
        partner, _, status = line.key.rpartition("|")
        grid.setdefault(partner, {})[status] = line.cells[index].text
    shown = [s for s in statuses if any(s.value in cells for cells in grid.values())]
    header = ["Partner", *(status.label for status in shown)]
    share = 0.3
    rest = (1 - share) / max(len(shown), 1)
    rows = [
        [partner, *(cells.get(status.value, "0") for status in shown)]
        for partner, cells in sorted(grid.items(), key=lambda item: item[0].casefold())
    ]
    doc.figures(header, rows, [share, *([rest] * len(shown))])


def _unbroken(day: str) -> str:
    """``1 juni 2024`` that never breaks over two lines."""
    return day.replace(" ", "\u00a0")


def _percent(share: str) -> int | None:
    digits = share.removesuffix(" %")
    return int(digits) if digits.isdigit() else None
