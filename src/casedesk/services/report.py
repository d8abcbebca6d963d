"""``casedesk report`` and the Rapportage window: the regional report of a period.

The figures come from aggregate queries (``db/report_repo.py``) and are protected in
``domain/report.py`` (counts below 5 show as ``<5``); the PDF (``plan/report.py``) and the
CSV written here show the same report. Showing the figures (``report.viewed``) and writing a file
(``report.written``) are logged with the period and, for a file, its format: never a
figure or a name. A coordinator's event goes through the server's function (migration
0026), which lets report events through and seals them in the chain like any other.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casedesk.db.audit import AuditDetail, record_event
from casedesk.db.data_store import DataStore
from casedesk.db.report_repo import report_counts
from casedesk.db.settings_repo import current_caseworker_id
from casedesk.domain.report import Report, build_report, scope_lines
from casedesk.errors import KnownError
from casedesk.files import os_error_reason, write_atomically
from casedesk.services.outcomes import outcome_logged

CSV_HEADER = ("van", "tot_en_met", "gebied", "gemeentecode", "onderwerp", "code", "omschrijving",
              "aantal", "aandeel")  # fmt: skip
FORMATS = {".pdf": "PDF", ".csv": "CSV"}
REPORT_VIEWED = "report.viewed"
REPORT_WRITTEN = "report.written"


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
    return _counted(store, first, last, today, viewed=False)


@outcome_logged(REPORT_VIEWED, "report")
def show_report(store: DataStore, first: date, last: date, today: date) -> Report:
    """The report to show on screen (Rapportage); that it was shown is logged with the
    period, in the transaction that counts."""
    return _counted(store, first, last, today, viewed=True)


def _counted(store: DataStore, first: date, last: date, today: date, *, viewed: bool) -> Report:
    check_period(first, last)
    with store.transaction() if viewed else store.session() as session:
        raw = report_counts(session, first, last, today)
        if viewed:
            record_event(session, current_caseworker_id(session), REPORT_VIEWED, "report",
                         None, None, _period(first, last))  # fmt: skip
    return build_report(raw, first, last, today)


def _period(first: date, last: date) -> dict[str, AuditDetail]:
    return {"from": first.isoformat(), "to": last.isoformat()}


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


@outcome_logged(REPORT_WRITTEN, "report")
def write_report(
    store: DataStore, first: date, last: date, today: date, out: Path
) -> WrittenReport:
    """Makes the report of the period and writes it as PDF or CSV, by the file's extension."""
    kind = _kind(out)  # refused before the counting, not after
    report = make_report(store, first, last, today)
    _save(store, report, out, kind)
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


@outcome_logged(REPORT_WRITTEN, "report")
def save_report(store: DataStore, report: Report, out: Path) -> None:
    """Writes a made report to ``out`` as PDF or CSV (atomically) and logs that it was
    written (Opslaan als… in Rapportage)."""
    _save(store, report, out, _kind(out))


def _save(store: DataStore, report: Report, out: Path, kind: str) -> None:
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
            session, current_caseworker_id(session), REPORT_WRITTEN, "report", None, None,
            {**_period(report.first, report.last), "format": kind},
        )  # fmt: skip
