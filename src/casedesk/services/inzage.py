"""``casedesk inzage`` and Dossier › Inzage: everything kept about the entrepreneur.

One folder per request: a PDF in plain Dutch, the same data as JSON (every stored column,
internal numbers included), and each stored plan or letter as the file it was. Making it
is itself logged (``inzage.made``, with the dossier number and the number of files only).
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from casedesk.db import settings_repo
from casedesk.db.audit import record_event
from casedesk.db.data_store import DataStore
from casedesk.db.dossier_rows import DossierRows, read_dossier_rows
from casedesk.db.intake_repo import caseworker_names
from casedesk.domain.inzage import (
    ANSWERS_COLUMN,
    ANSWERS_TABLE,
    LABELS,
    PLAN_PDF_COLUMN,
    SECTIONS,
    TECHNICAL,
    InzageNames,
    answer_lines,
    is_caseworker_column,
    readable_value,
    to_json_value,
)
from casedesk.errors import KnownError
from casedesk.files import os_error_reason, write_atomically
from casedesk.plan.inzage_layout import InzageContent, InzageSection, render_inzage
from casedesk.services.audit_log import read_case_log
from casedesk.services.municipality_settings import read_municipality_settings
from casedesk.services.outcomes import outcome_logged
from casedesk.services.regions import read_region_table_in_use

JSON_FORMAT = "casedesk-inzage"
JSON_VERSION = 1
PLANS_TABLE = "plan_versions"


@dataclass(frozen=True)
class InzageFiles:
    folder: Path
    pdf: Path
    json: Path
    documents: tuple[Path, ...]


@outcome_logged("inzage.made")
def make_inzage(
    store: DataStore, case_id: int, folder: Path, now: datetime | None = None
) -> InzageFiles:
    """Writes the inzage of ``case_id`` into ``folder`` (made if missing); logged."""
    made_at = now or datetime.now(UTC)
    with store.transaction() as session:
        rows = read_dossier_rows(session, case_id)
        # On a regional server: the details of the dossier's own municipality.
        letterhead = read_municipality_settings(session, _case_municipality(rows))
        names = inzage_names(session)
        log = read_case_log(session, case_id)
        pdf_name = f"inzage-dossier-{case_id}.pdf"
        json_name = f"inzage-dossier-{case_id}.json"
        documents = {
            _document_name(row): row[PLAN_PDF_COLUMN] for row in rows.tables.get(PLANS_TABLE, ())
        }
        content = InzageContent(
            municipality_name=_municipality_name(letterhead.name, rows, names),
            municipality_address=letterhead.address,
            municipality_phone=letterhead.phone,
            logo=letterhead.logo,
            case_id=case_id,
            made_at=made_at,
            sections=tuple(_sections(rows, names)),
            log=log,
            files=(json_name, *documents),
        )
        export = inzage_json(rows, names.caseworkers, log_lines=log, made_at=made_at)
        pdf = render_inzage(content)
        written = [
            _write(folder / pdf_name, pdf),
            _write(
                folder / json_name,
                json.dumps(export, ensure_ascii=False, indent=2).encode("utf-8"),
            ),
        ]
        written_documents = tuple(_write(folder / name, data) for name, data in documents.items())
        record_event(
            session,
            settings_repo.current_caseworker_id(session),
            "inzage.made",
            "case",
            case_id,
            case_id,
            {"files": len(written) + len(written_documents)},
        )
    return InzageFiles(folder, written[0], written[1], written_documents)


def inzage_names(session: Session) -> InzageNames:
    """The names the inzage prints for stored numbers and codes (staff, places)."""
    table = read_region_table_in_use(session)
    return InzageNames(
        caseworkers=caseworker_names(session),
        municipalities={one.code: one.name for one in table.municipalities},
        regions={one.code: one.name for one in table.regions},
    )


def _municipality_name(printed_name: str, rows: DossierRows, names: InzageNames) -> str:
    """Who keeps the data, as the plans name it (the settings), or else the municipality of
    the dossier: "Gemeente Tilburg"."""
    if printed_name.strip():
        return printed_name.strip()
    code = _case_municipality(rows)
    return f"Gemeente {names.municipalities.get(code, code)}"


def _case_municipality(rows: DossierRows) -> str:
    return str(rows.tables["cases"][0]["municipality_code"])


def _document_name(row: dict[str, Any]) -> str:
    return f"{row['kind']}-versie-{row['id']}.pdf"


def _sections(rows: DossierRows, names: InzageNames) -> list[InzageSection]:
    sections = []
    for table, title in SECTIONS.items():
        if table not in rows.tables:
            continue
        blocks = []
        for row in rows.tables[table]:
            pairs: list[tuple[str, str]] = []
            for column, value in row.items():
                if column in TECHNICAL[table]:
                    continue
                if table == ANSWERS_TABLE and column == ANSWERS_COLUMN:
                    pairs.extend(answer_lines(value, names))
                    continue
                shown = readable_value(table, column, value, names, row)
                pairs.append((LABELS[table][column], shown))
            blocks.append(tuple(pairs))
        sections.append(InzageSection(title, tuple(blocks)))
    return sections


def inzage_json(
    rows: DossierRows, names: Mapping[int, str], *, log_lines: Any, made_at: datetime
) -> dict[str, Any]:
    """The machine-readable export: every stored column of every row, and the log."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for table, table_rows in rows.tables.items():
        exported = []
        for row in table_rows:
            item: dict[str, Any] = {}
            for column, value in row.items():
                if table == PLANS_TABLE and column == PLAN_PDF_COLUMN:
                    item["pdf_file"] = _document_name(row)
                elif column.endswith("_json") and isinstance(value, str):
                    item[column] = json.loads(value)
                else:
                    item[column] = to_json_value(value)
            exported.append(item)
        tables[table] = exported
    return {
        "format": JSON_FORMAT,
        "format_version": JSON_VERSION,
        "case_id": rows.case_id,
        "made_at": made_at.isoformat(),
        # Only the staff this dossier names, not every caseworker of the municipality.
        "caseworkers": {str(key): names[key] for key in sorted(_named_staff(rows, names))},
        "tables": tables,
        "log": [
            {"at": line.at.isoformat(), "who": line.who, "what": line.text} for line in log_lines
        ],
    }


def _named_staff(rows: DossierRows, names: Mapping[int, str]) -> set[int]:
    return {
        value
        for table, table_rows in rows.tables.items()
        for row in table_rows
        for column, value in row.items()
        if isinstance(value, int) and value in names and is_caseworker_column(table, column)
    }


def _write(path: Path, data: bytes) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data, prefix=".inzage-", suffix=path.suffix)
    except OSError as error:
        raise KnownError(
            f"De inzage kon niet worden opgeslagen in {path.parent} ({os_error_reason(error)}). "
            "Kies een andere map of maak ruimte vrij. Er is niets vastgelegd."
        ) from error
    return path
