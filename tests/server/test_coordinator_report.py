"""The coordinator's regional report: made on the server from counts alone, equal to the
report made on one laptop from the same demo data, and with no one in it."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from re import Pattern

import keyring
import psycopg
import pytest
from psycopg import errors
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from casedesk.cli import main
from casedesk.db.keys import open_keychain
from casedesk.db.models import AuditEvent
from casedesk.domain.followups import local_today
from casedesk.domain.report import Report
from casedesk.services.report import (
    make_report,
    report_csv,
    save_report,
    show_report,
    write_report,
)
from tests.conftest import MemoryKeyring
from tests.plan.pdf_tools import pdf_info, pdf_text
from tests.server.region import PASSWORD, Region
from tests.services.demo_region import NOW, demo_region_codes, fill_demo_region
from tests.services.personal_values import personal_values
from tests.stores import new_store

TODAY = NOW.date()
PERIODS = (
    (date(2024, 1, 1), date(2026, 11, 27)),
    (date(2026, 1, 1), date(2026, 12, 31)),
    (date(2026, 6, 1), date(2026, 6, 1)),
)


@dataclass(frozen=True)
class Demo:
    region: Region
    kim: str
    anne: str
    local_reports: dict[tuple[date, date], Report]
    personal: list[Pattern[str]]


@pytest.fixture(scope="module")
def demo(region: Region, tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """The same seeded demo region on a laptop's store and on the server (entered by Kim,
    who works for every municipality of it); Anne coordinates."""
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        with new_store(tmp_path_factory.mktemp("laptop"), open_keychain()) as laptop:
            fill_demo_region(laptop, NOW)
            local_reports = {period: make_report(laptop, *period, TODAY) for period in PERIODS}
            personal = personal_values(laptop)
    finally:
        keyring.set_keyring(previous)
    region.save_region_settings()
    kim = region.add_caseworker("kim", *demo_region_codes(), display_name="Fatma Özdemir")
    with region.store_as(kim) as store:
        fill_demo_region(store, NOW)
        personal += personal_values(store)
    anne = region.add_coordinator("anne", "Anne de Wit")
    return Demo(region, kim, anne, local_reports, personal)


@pytest.mark.parametrize("period", PERIODS)
def test_the_coordinators_report_equals_the_laptops_from_the_same_data(
    demo: Demo, period: tuple[date, date]
) -> None:
    with demo.region.store_as(demo.anne) as store:
        assert store.coordinator
        made = make_report(store, *period, TODAY)
    local = demo.local_reports[period]
    if period == PERIODS[0]:  # every figure is counted, also the server's own arithmetic
        empty = [
            section.topic
            for section in local.sections
            if not any(cell.count for line in section.lines for cell in line.cells)
        ]
        assert empty == []
    # The CSV first: a difference then reads as the lines that differ.
    assert report_csv(made).decode().splitlines() == report_csv(local).decode().splitlines()
    assert made == local


def test_a_caseworker_of_the_whole_region_counts_the_same_through_the_policies(
    demo: Demo,
) -> None:
    with demo.region.store_as(demo.kim) as store:
        assert not store.coordinator
        assert make_report(store, *PERIODS[0], TODAY) == demo.local_reports[PERIODS[0]]


def test_no_demo_name_kvk_number_or_birth_date_is_in_the_coordinators_reports(
    demo: Demo, tmp_path: Path
) -> None:
    assert len(demo.personal) > 300  # the scan looks for something
    texts = []
    with demo.region.store_as(demo.anne) as store:
        for number, period in enumerate(PERIODS):
            for suffix in (".pdf", ".csv"):
                out = tmp_path / f"rapport-{number}{suffix}"
                write_report(store, *period, TODAY, out)
                data = out.read_bytes()
                texts.append(pdf_text(data) + str(pdf_info(data)) if suffix == ".pdf" else
                             data.decode("utf-8-sig"))  # fmt: skip
    assert "Aanmeldingen" in texts[0]
    found = {pattern.pattern for text in texts for pattern in demo.personal if pattern.search(text)}
    assert found == set()


def test_the_report_the_coordinator_made_is_in_the_log_under_their_own_name(
    demo: Demo, tmp_path: Path
) -> None:
    with demo.region.store_as(demo.anne) as store:
        write_report(store, *PERIODS[1], TODAY, tmp_path / "rapport.csv")
    owner = demo.region.owner_engine()
    try:
        with Session(owner) as session:
            event = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "report.written")
                .order_by(AuditEvent.id.desc()).limit(1)
            ).one()  # fmt: skip
            recorded_by, name = session.execute(
                text(
                    "SELECT e.recorded_by, c.name FROM audit_events e "
                    "JOIN caseworkers c ON c.id = e.actor_id WHERE e.id = :id"
                ),
                {"id": event.id},
            ).one()
    finally:
        owner.dispose()
    assert (recorded_by, name) == (demo.anne, "Anne de Wit")
    assert event.case_id is None
    assert event.details_json == '{"format": "CSV", "from": "2026-01-01", "to": "2026-12-31"}'


def test_what_the_coordinator_views_and_writes_is_logged_and_the_chain_stays_whole(
    demo: Demo, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    with demo.region.store_as(demo.anne) as store:
        shown = show_report(store, *PERIODS[1], TODAY)
        save_report(store, shown, tmp_path / "rapport.pdf")
    owner = demo.region.owner_engine()
    try:
        with owner.connect() as connection:
            logged = connection.execute(
                text(
                    "SELECT action, recorded_by, case_id, details_json FROM audit_events "
                    "WHERE action IN ('report.viewed', 'report.written') "
                    "ORDER BY chain_seq DESC LIMIT 2"
                )
            ).all()
    finally:
        owner.dispose()
    period = '"from": "2026-01-01", "to": "2026-12-31"'
    assert [tuple(row) for row in logged] == [
        ("report.written", demo.anne, None, f'{{"format": "PDF", {period}}}'),
        ("report.viewed", demo.anne, None, f"{{{period}}}"),
    ]
    owner_address = demo.region.owner_url.set(drivername="postgresql")
    assert main(["server", "audit-verify", "--server",
                 owner_address.render_as_string(hide_password=False)]) == 0  # fmt: skip
    assert "de keten is heel" in capsys.readouterr().out


@pytest.fixture
def anne(demo: Demo) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    with demo.region.straight_to_server(demo.anne) as conn:
        yield conn


def test_the_servers_figures_are_counts_without_a_name(
    anne: psycopg.Connection[tuple[object, ...]], demo: Demo
) -> None:
    rows = anne.execute(
        "SELECT * FROM casedesk_report_counts('2000-01-01', '2100-01-01', '2026-11-27')"
    ).fetchall()
    assert rows
    assert {len(row) for row in rows} == {4}
    assert all(isinstance(amount, int) and amount > 0 for *_, amount in rows)
    shown = "\n".join(str(row) for row in rows)
    assert [pattern.pattern for pattern in demo.personal if pattern.search(shown)] == []


@pytest.mark.parametrize(
    "call",
    [
        "SELECT casedesk_record_event('case.erased', 'case', '1', '{}', 'done', 'x')",
        "SELECT casedesk_record_event('report.made', 'case', '1', '{}', 'done', 'x')",
    ],
)
def test_the_coordinator_cannot_write_an_event_of_a_dossier(
    anne: psycopg.Connection[tuple[object, ...]], call: str
) -> None:
    with pytest.raises(errors.InsufficientPrivilege):
        anne.execute(call)


def test_a_caseworker_may_not_call_the_coordinators_functions(demo: Demo) -> None:
    with demo.region.straight_to_server(demo.kim) as kim:
        for call in (
            "SELECT * FROM casedesk_report_counts('2000-01-01', '2100-01-01', '2026-11-27')",
            "SELECT casedesk_record_event('report.made', 'report', NULL, '{}', 'done', 'x')",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                kim.execute(call)


def test_a_connected_coordinator_makes_the_report_on_the_command_line(
    demo: Demo, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    data = ["--data-dir", str(tmp_path / "data")]
    address = demo.region.url_for(demo.anne).set(drivername="postgresql")._replace(password=None)
    password_file = tmp_path / "wachtwoord"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    assert main([*data, "connect", address.render_as_string(hide_password=False),
                 "--password-file", str(password_file)]) == 0  # fmt: skip
    capsys.readouterr()
    out = tmp_path / "regio.csv"
    assert main([*data, "report", "--from", "1 jan 2024", "--to", "27-11-2026",
                 "--out", str(out)]) == 0  # fmt: skip
    intakes = demo.local_reports[PERIODS[0]].intakes.cells[0].text
    assert f"({intakes} aanmeldingen)" in capsys.readouterr().out
    # The command counts open follow-ups against the real today.
    with demo.region.store_as(demo.anne) as store:
        expected = make_report(store, *PERIODS[0], local_today(datetime.now(UTC)))
    assert out.read_bytes() == report_csv(expected)
