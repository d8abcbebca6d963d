"""Erasure and purge on the regional server (AVG art. 17): through the owner's function of
migration 0025, for the login's own municipalities only, once the server's date says so."""

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from casedesk.cli import main
from casedesk.db.audit import workstation
from casedesk.db.dossier_rows import DossierRows, dossier_tables, read_dossier_rows
from casedesk.db.models import AuditEvent, Case, Caseworker
from casedesk.domain.case import CaseStatus
from casedesk.domain.followups import local_today
from casedesk.errors import KnownError
from casedesk.services.retention import (
    ErasureRefusedError,
    erase_on_request,
    purge,
    purge_preview,
    purge_reminder,
)
from tests.server.region import PASSWORD, Region, new_region
from tests.services.full_dossier import MARKER, add_full_dossier

AMSTERDAM = "GM0363"
UTRECHT = "GM0344"
ROTTERDAM = "GM0599"
EXPIRED = date(2020, 1, 1)
"""A retention term long past by any server's clock."""
KEPT = date(2099, 12, 31)
MUST_STILL_BE_KEPT = "CD001"


def _today() -> date:
    """The date in the Netherlands, as the app and the server's function take it."""
    return local_today(datetime.now(UTC))


def _dossier(region: Region, login: str, code: str, *, until: date = EXPIRED,
             surname: str = MARKER) -> int:  # fmt: skip
    with region.store_as(login) as store:
        return add_full_dossier(
            store, surname=surname, retention_until=until, municipality_code=code
        )


@pytest.fixture
def owner(region: Region) -> Iterator[Session]:
    engine = region.owner_engine()
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def kim(region: Region) -> str:
    return region.add_caseworker("kim", AMSTERDAM)


@pytest.fixture(scope="module")
def piet(region: Region) -> str:
    return region.add_caseworker("piet", UTRECHT)


def _rows_left(owner: Session, before: DossierRows) -> list[str]:
    """``table`` of every row of the dossier (as it was before) that the server still has."""
    owner.rollback()  # a fresh snapshot
    left = []
    for table in dossier_tables():
        for row in before.tables[table.name]:
            key = [column == row[column.name] for column in table.primary_key]
            if owner.execute(select(*table.primary_key).where(*key)).first() is not None:
                left.append(table.name)
    return left


def test_kims_erasure_removes_every_row_of_her_dossier_and_leaves_the_event(
    region: Region, kim: str, owner: Session
) -> None:
    case_id = _dossier(region, kim, AMSTERDAM)
    other = _dossier(region, kim, AMSTERDAM, surname="Jansen")
    before = read_dossier_rows(owner, case_id)
    assert [table for table, rows in before.tables.items() if not rows] == []
    with region.store_as(kim) as store:
        erase_on_request(store, case_id, _today())
    assert _rows_left(owner, before) == []
    assert owner.get(Case, other) is not None
    marker = f"%{MARKER.lower()}%"
    found = owner.execute(
        text("SELECT case_id FROM case_search WHERE search_text LIKE :marker"), {"marker": marker}
    ).all()
    assert found == []
    [event] = owner.scalars(
        select(AuditEvent).where(AuditEvent.case_id == case_id, AuditEvent.action == "case.erased")
    ).all()
    assert (event.outcome, event.origin, event.entity_id) == ("done", workstation(), str(case_id))
    assert json.loads(event.details_json) == {"reason": "request", "rows": event_rows(before)}
    assert MARKER not in event.details_json
    recorded_by = owner.scalar(
        text("SELECT recorded_by FROM audit_events WHERE id = :id"), {"id": event.id}
    )
    assert recorded_by == kim
    kims_name = owner.scalar(select(Caseworker.name).where(Caseworker.id == event.actor_id))
    assert kims_name == "Kim"


def event_rows(before: DossierRows) -> int:
    """How many rows the dossier had: what the event says the erasure removed."""
    return sum(len(rows) for rows in before.tables.values())


def test_a_login_of_amsterdam_cannot_erase_a_dossier_of_utrecht_through_the_function(
    region: Region, kim: str, piet: str, owner: Session
) -> None:
    piets = _dossier(region, piet, UTRECHT)
    with region.straight_to_server(kim) as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("SELECT casedesk_erase_case(%s, 'request', 'x')", (piets,))
        # A number that is no dossier at all is refused the same way: nothing given away.
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("SELECT casedesk_erase_case(%s, 'request', 'x')", (piets + 1000,))
    with region.store_as(kim) as store, pytest.raises(KnownError):
        erase_on_request(store, piets, _today())
    owner.rollback()
    assert owner.get(Case, piets) is not None


def test_only_the_owner_may_re_apply_an_erasure_without_the_term(
    region: Region, kim: str, owner: Session
) -> None:
    kept = _dossier(region, kim, AMSTERDAM, until=KEPT)
    with region.straight_to_server(kim) as conn, pytest.raises(errors.InsufficientPrivilege):
        conn.execute("SELECT casedesk_erase_case(%s, 'restore', 'x')", (kept,))
    owner.rollback()
    assert owner.get(Case, kept) is not None


def test_the_server_keeps_a_dossier_whose_term_has_not_passed_whatever_date_the_app_sends(
    region: Region, kim: str, owner: Session
) -> None:
    kept = _dossier(region, kim, AMSTERDAM, until=KEPT)
    with region.store_as(kim) as store, pytest.raises(ErasureRefusedError, match="de server"):
        erase_on_request(store, kept, KEPT + timedelta(days=1))
    with region.straight_to_server(kim) as conn, pytest.raises(psycopg.DatabaseError) as refused:
        conn.execute("SELECT casedesk_erase_case(%s, 'purge', 'x')", (kept,))
    assert refused.value.sqlstate == MUST_STILL_BE_KEPT
    owner.rollback()
    assert owner.get(Case, kept) is not None
    outcomes = owner.scalars(
        select(AuditEvent.outcome).where(
            AuditEvent.case_id == kept, AuditEvent.action == "case.erased"
        )
    ).all()
    assert outcomes == ["refused"]


def test_an_open_dossier_is_refused_by_the_server(region: Region, kim: str, owner: Session) -> None:
    open_case = _dossier(region, kim, AMSTERDAM)
    with region.store_as(kim) as store, store.transaction() as session:
        session.get_one(Case, open_case).status = CaseStatus.ACTIVE
    with region.straight_to_server(kim) as conn, pytest.raises(psycopg.DatabaseError) as refused:
        conn.execute("SELECT casedesk_erase_case(%s, 'request', 'x')", (open_case,))
    assert refused.value.sqlstate == MUST_STILL_BE_KEPT
    owner.rollback()
    assert owner.get(Case, open_case) is not None


def test_the_caseworkers_role_still_cannot_delete_plans_or_log_events_itself(
    region: Region, kim: str
) -> None:
    case_id = _dossier(region, kim, AMSTERDAM)
    with region.straight_to_server(kim) as conn:
        for table in ("plan_versions", "audit_events"):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(f"DELETE FROM {table} WHERE case_id = %s", (case_id,))
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(f"TRUNCATE {table}")
        plans = conn.execute(
            "SELECT count(*) FROM plan_versions WHERE case_id = %s", (case_id,)
        ).fetchone()
    assert plans == (1,)


def test_the_purge_on_the_server_removes_what_its_preview_showed_of_her_municipality_only(
    region: Region, owner: Session
) -> None:
    anne = region.add_caseworker("anne", ROTTERDAM)
    bram = region.add_caseworker("bram", UTRECHT)
    expired = _dossier(region, anne, ROTTERDAM)
    kept = _dossier(region, anne, ROTTERDAM, until=KEPT)
    utrechts = _dossier(region, bram, UTRECHT)
    with region.store_as(anne) as store:
        preview = purge_preview(store, _today())
        assert preview.case_ids == (expired,)
        assert purge(store, preview) == (expired,)
    owner.rollback()
    assert owner.get(Case, expired) is None
    assert owner.get(Case, kept) is not None
    assert owner.get(Case, utrechts) is not None
    purged = owner.scalars(
        select(AuditEvent.details_json).where(AuditEvent.action == "store.purged")
    ).all()
    assert purged == [f'{{"cases": [{expired}]}}']


def test_the_monthly_purge_question_on_the_server_comes_back_after_a_month(
    region: Region,
) -> None:
    """The region's settings are not a caseworker's to write: the log remembers instead."""
    lotte = region.add_caseworker("lotte", "GM0518")
    _dossier(region, lotte, "GM0518")
    today = _today()
    with region.store_as(lotte) as store:
        assert purge_reminder(store, today) is not None
        assert purge_reminder(store, today + timedelta(days=29)) is None
        assert purge_reminder(store, today + timedelta(days=30)) is not None


def test_the_erasure_writes_its_dossier_number_to_the_servers_own_log(
    region: Region, kim: str
) -> None:
    """The server's log lives outside the database: what an older backup must lose again."""
    case_id = _dossier(region, kim, AMSTERDAM)
    heard: list[str] = []
    with region.straight_to_server(kim) as conn:
        conn.add_notice_handler(lambda notice: heard.append(str(notice.message_primary)))
        conn.execute("SET client_min_messages = log")  # what log_min_messages sends the log
        conn.execute("SELECT casedesk_erase_case(%s, 'request', 'x')", (case_id,))
    assert [line for line in heard if line.startswith("casedesk:")] == [
        f"casedesk: dossier {case_id} erased (reason request) in database {region.database}"
    ]


def _postgres_tool(name: str) -> str:
    """pg_dump or pg_restore of the newest installed PostgreSQL (the cluster's version)."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(
        p.parts[-3]) if p.parts[-3].isdigit() else 0)  # fmt: skip
    tool = str(found[-1]) if found else shutil.which(name)
    if tool is None:
        pytest.fail(f"{name} is not installed (scripts/run-with-postgres.sh installs it)")
    return tool


def _owner_address(region: Region) -> str:
    return region.owner_url.set(drivername="postgresql").render_as_string(hide_password=False)


def test_after_restoring_an_older_backup_the_administrator_erases_its_dossiers_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A real pg_dump, an erasure after it, the ledger kept beside the backups, and a
    real pg_restore into a new database: the ledger erases the dossier again."""
    with new_region() as region:
        kim = region.add_caseworker("kim", AMSTERDAM)
        erased = _dossier(region, kim, AMSTERDAM)
        kept = _dossier(region, kim, AMSTERDAM, surname="Jansen")
        dump = tmp_path / "region.dump"
        environment = {**os.environ, "PGPASSWORD": PASSWORD}
        url = region.owner_url
        # The owner's policy sees every row; without --enable-row-security pg_dump and
        # pg_restore refuse the forced row-level security (docs/server-erasure.md).
        connection_args = ["-h", str(url.host), "-p", str(url.port), "-U", region.owner,
                           "--enable-row-security"]  # fmt: skip
        subprocess.run(
            [_postgres_tool("pg_dump"), *connection_args, "-Fc", "-f", str(dump), region.database],
            check=True, env=environment,
        )  # fmt: skip
        with region.store_as(kim) as store:
            erase_on_request(store, erased, _today())
        owner_address = _owner_address(region)
        capsys.readouterr()
        assert main(["server", "erasures", "--server", owner_address]) == 0
        ledger = tmp_path / "verwijderde-dossiers.txt"
        ledger.write_text(capsys.readouterr().out, "utf-8")
        assert ledger.read_text("utf-8") == f"{erased};{_today().isoformat()}\n"

        superuser = create_engine(region.admin, isolation_level="AUTOCOMMIT")
        try:
            with superuser.connect() as connection:
                connection.execute(text(f"DROP DATABASE {region.database} WITH (FORCE)"))
                connection.execute(text(f"CREATE DATABASE {region.database} OWNER {region.owner}"))
        finally:
            superuser.dispose()
        subprocess.run(
            [_postgres_tool("pg_restore"), *connection_args, "-d", region.database, str(dump)],
            check=True, env=environment,
        )  # fmt: skip
        # As docs/server-erasure.md says: setup again (a dump holds no database rights).
        assert main(["server", "setup", owner_address]) == 0
        kim_address = region.url_for(kim).set(drivername="postgresql")
        assert main(["server", "check", kim_address.render_as_string(hide_password=False)]) == 0
        capsys.readouterr()
        engine = region.owner_engine()
        try:
            with Session(engine) as owner:
                assert owner.get(Case, erased) is not None  # the backup brought it back

            assert main(["server", "reapply-erasures", str(ledger), "--server", owner_address]) == 0
            assert capsys.readouterr().out == f"1 dossier opnieuw verwijderd: {erased}.\n"
            assert main(["server", "reapply-erasures", str(ledger), "--server", owner_address]) == 0
            assert "niets verwijderd" in capsys.readouterr().out

            with Session(engine) as owner:
                assert owner.get(Case, erased) is None
                assert owner.get(Case, kept) is not None
                [event] = owner.scalars(
                    select(AuditEvent).where(
                        AuditEvent.case_id == erased, AuditEvent.action == "case.erased"
                    )
                ).all()
                assert (event.actor_id, json.loads(event.details_json)["reason"]) == (
                    None, "restore"
                )  # fmt: skip
        finally:
            engine.dispose()


def test_a_ledger_without_dossier_numbers_is_refused_in_dutch_and_erases_nothing(
    region: Region, kim: str, owner: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = _dossier(region, kim, AMSTERDAM)
    ledger = tmp_path / "lijst.txt"
    ledger.write_text("dossier twaalf\n", "utf-8")
    assert (
        main(["server", "reapply-erasures", str(ledger), "--server", _owner_address(region)]) == 1
    )
    assert "staat geen dossiernummer" in capsys.readouterr().err
    owner.rollback()
    assert owner.get(Case, case_id) is not None
