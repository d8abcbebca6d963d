"""The access request (inzage) as a PDF/A-2b document in plain Dutch.

The same document interface, fonts with fallbacks and PDF/A path as the action plan
(``plan/document.py``, ``plan/fonts.py``, ``plan/pdfa.py``): a name in any script prints.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from casedesk.domain.dossier import LogLine
from casedesk.domain.dutch import dutch_time, long_date
from casedesk.domain.inzage import INZAGE_TITLE
from casedesk.plan.document import DocumentInfo, PlanDocument, ReportlabDocument
from casedesk.plan.pdfa import make_pdfa


@dataclass(frozen=True, slots=True)
class InzageSection:
    """One part of the dossier: a title and one block of labelled values per stored row."""

    title: str
    rows: tuple[tuple[tuple[str, str], ...], ...]


@dataclass(frozen=True, slots=True)
class InzageContent:
    municipality_name: str
    """Who keeps the data, on top and in every page's footer ("Gemeente Tilburg")."""
    case_id: int
    made_at: datetime
    sections: tuple[InzageSection, ...]
    log: tuple[LogLine, ...]
    files: tuple[str, ...]
    """The files that come with this document (the JSON export, stored plans)."""
    municipality_address: str = ""
    municipality_phone: str = ""
    logo: bytes | None = None


LOG_TITLE = "Wie uw dossier heeft bekeken of veranderd"
LOG_ROWS_PER_TABLE = 30
LOG_COLUMNS = (0.39, 0.19, 0.42)
"""Room for "30 september 2026 om 17:29" on one line."""
KEY_WIDTH = 0.40
"""Wider than the plan's: the inzage's labels are longer ("Voorgestelde eerste route")."""


def write_inzage(doc: PlanDocument, content: InzageContent) -> None:
    doc.banner(
        content.logo,
        [content.municipality_name, content.municipality_address, content.municipality_phone],
    )
    doc.heading(INZAGE_TITLE, level=0)
    doc.key_values(
        [
            ("Dossiernummer", str(content.case_id)),
            ("Gemaakt op", long_date(dutch_time(content.made_at).date())),
        ],
        key_width=KEY_WIDTH,
    )
    doc.paragraph(
        "U hebt gevraagd welke gegevens wij over u bewaren. Dat is uw recht (artikel 15 "
        "van de AVG). Hieronder staat alles wat het zelfstandigenloket over u heeft "
        "vastgelegd. Klopt er iets niet? Zeg het uw klantmanager. Dan verbeteren wij het."
    )
    for section in content.sections:
        doc.heading(section.title)
        if not section.rows:
            doc.paragraph("Hierover is niets vastgelegd.")
            continue
        for number, pairs in enumerate(section.rows, start=1):
            if len(section.rows) > 1:
                doc.heading(f"{section.title}: {number} van {len(section.rows)}", level=2)
            doc.key_values(list(pairs), key_width=KEY_WIDTH)
    doc.heading(LOG_TITLE)
    rows = [_log_row(line) for line in content.log]
    # Tables of a page or less: reportlab re-measures a table at every page it splits off,
    # so one table of thousands of rows takes minutes to lay out.
    for start in range(0, len(rows), LOG_ROWS_PER_TABLE):
        doc.table(
            ("Wanneer", "Wie", "Wat"),
            rows[start : start + LOG_ROWS_PER_TABLE],
            LOG_COLUMNS,
        )
    if not rows:
        doc.paragraph("Niemand heeft uw dossier bekeken of veranderd.")
    doc.heading("Bij deze brief")
    doc.paragraph(
        "Dezelfde gegevens staan ook in een bestand dat een computer kan lezen. Dat is "
        "handig als u uw gegevens aan een andere organisatie wilt geven."
    )
    for name in content.files:
        doc.paragraph(name, bullet=True)


def _log_row(line: LogLine) -> Sequence[str]:
    local = dutch_time(line.at)
    return (f"{long_date(local.date())} om {local:%H:%M}", line.who, line.text)


def render_inzage(content: InzageContent) -> bytes:
    author = content.municipality_name
    doc = ReportlabDocument(
        DocumentInfo(
            title=INZAGE_TITLE,
            author=author,
            subject=f"Inzage dossier {content.case_id}",
            footer=author,
        )
    )
    write_inzage(doc, content)
    return make_pdfa(doc.to_pdf(), content.made_at)
