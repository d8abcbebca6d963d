"""The privacy officer's export of the audit log: a period as CSV, logged itself."""

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from casedesk.cli import main
from casedesk.db.store import Store
from casedesk.domain.followups import local_today
from casedesk.errors import KnownError
from casedesk.services.audit_export import HEADER, export_audit_log
from tests.conftest import MemoryKeyring
from tests.services.casework_store import add_case, store

__all__ = ["store"]


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_the_export_lists_every_event_of_the_period_in_dutch_without_names(
    store: Store, tmp_path: Path
) -> None:
    case_id = add_case(store, voornamen="Zoë", achternaam="Çelik")
    out = tmp_path / "logboek.csv"
    today = local_today(datetime.now(UTC))  # the Dutch day, as the export reads its dates
    written = export_audit_log(store, today, today, out)

    rows = _rows(out)
    assert rows[0] == list(HEADER)
    created = [row for row in rows[1:] if row[3] == "case.created"]
    assert created and created[0][2] == "Dossier aangemaakt" and created[0][5] == str(case_id)
    assert all(row[6] == "gedaan" and row[7] and len(row[8]) == 64 for row in rows[1:])
    assert written.events == len(rows) - 1
    assert "Çelik" not in out.read_text(encoding="utf-8")
    assert "audit.exported" in actions_everywhere(store)


def actions_everywhere(store: Store) -> list[str]:
    from sqlalchemy import select

    from casedesk.db.models import AuditEvent

    with store.session() as session:
        return list(session.scalars(select(AuditEvent.action)))


def test_a_period_before_any_event_gives_only_the_header(store: Store, tmp_path: Path) -> None:
    add_case(store)
    out = tmp_path / "leeg.csv"
    assert export_audit_log(store, date(2020, 1, 1), date(2020, 1, 31), out).events == 0
    assert _rows(out) == [list(HEADER)]


def test_a_period_that_ends_before_it_starts_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="vóór de begindatum"):
        export_audit_log(store, date(2026, 12, 1), date(2026, 11, 1), tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def test_the_command_takes_dutch_dates_and_refuses_an_impossible_one(
    tmp_path: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "init"]) == 0
    out = tmp_path / "logboek.csv"
    assert main(["--data-dir", data, "audit", "export", "--from", "1 jan 2026",
                 "--to", "31122026", "--out", str(out)]) == 0  # fmt: skip
    assert out.is_file()
    with pytest.raises(SystemExit):
        main(["--data-dir", data, "audit", "export", "--from", "31-02-2026",
              "--to", "1-3-2026", "--out", str(out)])  # fmt: skip
    assert "31 februari 2026 bestaat niet" in capsys.readouterr().err
