"""``casedesk report`` and the Rapportage window: the regional report of a period.

The figures come from aggregate queries (``db/report_repo.py``) and are protected in
``domain/report.py`` (counts below 5 show as ``<5``); the PDF (``plan/report.py``) and the
CSV written here show the same report. Making one is logged (period and format only).
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casedesk.db.audit import record_event
from casedesk.db.data_store import DataStore
from casedesk.db.report_repo import report_counts
from casedesk.db.settings_repo import current_caseworker_id
from casedesk.domain.report import Report, build_report, scope_lines
from casedesk.errors import KnownError
from casedesk.files import os_error_reason, write_atomically

CSV_HEADER = ("van", "tot_en_met", "gebied", "gemeentecode", "onderwerp", "code", "omschrijving",
              "aantal", "aandeel")  # fmt: skip
FORMATS = {".pdf": "PDF", ".csv": "CSV"}


@dataclass(frozen=True, slots=True)
class WrittenReport:
    path: Path
    intakes: str
    """The region's number of intakes, as shown (``<5`` when few)."""


def check_period(first: date, last: date) -> None:
    if last < first:
        raise KnownError(
            f"De einddatum ({last:%d-%m-%Y}) ligt vóór de begindatum ({first:%d-%m-%Y}). "
            "Geef eerst de vroegste datum."
        )


def make_report(store: DataStore, first: date, last: date, today: date) -> Report:
    """The report of the cases registered from ``first`` to ``last`` (both included)."""
    check_period(first, last)
    with store.session() as session:
        raw = report_counts(session, first, last, today)
    return build_report(raw, first, last, today)


def report_csv(report: Report) -> bytes:
    """One row per figure and area, ``;``-separated with a BOM, as Excel opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    period = (report.first.isoformat(), report.last.isoformat())
    for index, scope in enumerate(report.scopes):
        area = (scope.name, scope.code)
        intake_cell = report.intakes.cells[index]
        writer.writerow((*period, *area, "aanmeldingen", "aanmeldingen", "Aanmeldingen",
                         intake_cell.text, ""))  # fmt: skip
        for section, line, cell, share in scope_lines(report, scope.code):
            if line is section.total:
                continue
            writer.writerow(
                (*period, *area, section.topic.value, line.key, line.label, cell.text, share)
            )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_report(
    store: DataStore, first: date, last: date, today: date, out: Path
) -> WrittenReport:
    """Makes the report of the period and writes it as PDF or CSV, by the file's extension."""
    _kind(out)  # refused before the counting, not after
    report = make_report(store, first, last, today)
    save_report(store, report, out)
    return WrittenReport(out, report.intakes.cells[0].text)


def _kind(out: Path) -> str:
    kind = FORMATS.get(out.suffix.lower())
    if kind is None:
        raise KnownError(
            "casedesk kan een rapport maken als PDF of als CSV, niet als "
            f"“{out.suffix or out.name}”. "
            "Geef een bestandsnaam die eindigt op .pdf of .csv."
        )
    return kind


def save_report(store: DataStore, report: Report, out: Path) -> None:
    """Writes a made report to ``out`` as PDF or CSV (atomically) and logs that it was made."""
    kind = _kind(out)
    if kind == "PDF":
        from casedesk.plan.report import render_report

        data = render_report(report)
    else:
        data = report_csv(report)
    try:
        write_atomically(out, data, prefix=".rapport-", suffix=out.suffix)
    except OSError as error:
        raise KnownError(
            f"Het rapport kon niet worden opgeslagen als {out} ({os_error_reason(error)}). "
            "Er is niets opgeslagen. Kies een andere map of maak ruimte vrij."
        ) from error
    with store.transaction() as session:
        record_event(
            session, current_caseworker_id(session), "report.made", "report", None, None,
            {"from": report.first.isoformat(), "to": report.last.isoformat(), "format": kind},
        )  # fmt: skip
