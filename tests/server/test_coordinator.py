"""The region's coordinator on the server: a login of its own that reads no dossier, no
person and no log, whatever it sends (psql-like, straight to the server)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import URL, text

from casedesk.cli import main
from casedesk.db.cases import BusinessData, EntrepreneurData, create_case
from casedesk.db.server import admin as server_admin
from casedesk.errors import KnownError
from tests.server.region import PASSWORD, Region

AMSTERDAM = "GM0363"

PERSONAL_TABLES = (
    "cases", "entrepreneurs", "businesses", "intake_answers", "intake_parts", "case_search",
    "case_needs", "actions", "follow_ups", "referrals", "plan_versions", "audit_events",
    "caseworkers", "caseworker_logins", "coordinator_logins",
)  # fmt: skip
"""What a coordinator must never read: dossiers, people (also the caseworkers), the log."""


@dataclass(frozen=True)
class Coordinated:
    region: Region
    kim: str
    anne: str
    case_id: int


@pytest.fixture(scope="module")
def coordinated(region: Region) -> Coordinated:
    """Kim works for Amsterdam and has one dossier; Anne coordinates the region."""
    kim = region.add_caseworker("kim", AMSTERDAM)
    anne = region.add_coordinator("anne", "Anne de Wit")
    with region.store_as(kim) as store, store.transaction() as session:
        case_id = create_case(
            session, None, entrepreneur=EntrepreneurData("Anna", "", "Kok", bsn="111222333"),
            business=BusinessData(trade_name="Bakkerij Kok", kvk_number="12345678"),
            municipality_code=AMSTERDAM, region_code="AM18",
            registration_date=date(2026, 11, 27),
        )  # fmt: skip
    return Coordinated(region, kim, anne, case_id)


def _address(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def anne(coordinated: Coordinated) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """Anne's own login, straight to the server (no casedesk in between)."""
    address = _address(coordinated.region.url_for(coordinated.anne))
    with psycopg.connect(address, autocommit=True) as conn:
        yield conn


def _tables(region: Region) -> list[str]:
    engine = region.owner_engine()
    try:
        with engine.connect() as connection:
            return list(
                connection.scalars(
                    text(
                        "SELECT table_name FROM information_schema.tables "
                        "WHERE table_schema = current_schema() ORDER BY table_name"
                    )
                )
            )
    finally:
        engine.dispose()


def test_the_coordinator_reads_no_table_but_the_schema_municipalities_catalog_and_settings(
    anne: psycopg.Connection[tuple[object, ...]], coordinated: Coordinated
) -> None:
    readable = []
    for table in _tables(coordinated.region):
        try:
            anne.execute(f'SELECT * FROM "{table}" LIMIT 1').fetchall()
        except errors.InsufficientPrivilege:
            continue
        readable.append(table)
    assert set(readable) == (
        server_admin.COORDINATOR_READS | server_admin.COORDINATOR_CATALOG
        | server_admin.COORDINATOR_ADDS | {server_admin.COORDINATOR_SETTINGS}
    )  # fmt: skip
    assert set(PERSONAL_TABLES) <= set(_tables(coordinated.region)) - set(readable)


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO cases (municipality_code, registration_date) VALUES ('GM0363', now())",
        "UPDATE cases SET channel = 'website'",
        "DELETE FROM audit_events",
        "SELECT count(*) FROM cases",
        "SELECT * FROM casedesk_search(ARRAY['%kok%'], 10, NULL, NULL, NULL, NULL, NULL)",
        "SELECT casedesk_erase_case(1, 'request', 'x')",
    ],
)
def test_the_coordinator_changes_and_calls_nothing_of_the_caseworkers(
    anne: psycopg.Connection[tuple[object, ...]], statement: str
) -> None:
    with pytest.raises(errors.InsufficientPrivilege):
        anne.execute(statement)


def test_the_coordinator_cannot_become_a_caseworker_or_the_owner(
    anne: psycopg.Connection[tuple[object, ...]], coordinated: Coordinated
) -> None:
    region = coordinated.region
    for role in (server_admin.caseworkers_role(region.database), region.owner, coordinated.kim):
        with pytest.raises(errors.InsufficientPrivilege):
            anne.execute(f'SET ROLE "{role}"')


def test_the_app_accepts_the_coordinator_login(coordinated: Coordinated) -> None:
    with coordinated.region.store_as(coordinated.anne) as store:
        assert store.login == coordinated.anne


def test_an_administrator_adds_lists_and_removes_a_coordinator(
    region: Region, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    password_file = tmp_path / "wachtwoord"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    owner = _address(region.owner_url)
    login = region.login("joke")
    region.logins.append(login)
    assert main(["server", "add-coordinator", login, "--name", "Joke Smit",
                 "--password-file", str(password_file), "--server", owner]) == 0  # fmt: skip
    assert "geen dossiers" in capsys.readouterr().out
    assert main(["server", "list-coordinators", "--server", owner]) == 0
    assert f"{login}\tJoke Smit" in capsys.readouterr().out.splitlines()
    assert main(["server", "list-caseworkers", "--server", owner]) == 0
    assert login not in capsys.readouterr().out
    assert main(["server", "check", _address(region.url_for(login))]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "In orde."

    assert main(["server", "remove-caseworker", login, "--server", owner]) == 1
    assert "Er is geen klantmanager" in capsys.readouterr().err
    assert main(["server", "remove-coordinator", login, "--server", owner]) == 0
    assert capsys.readouterr().out == f"De aanmelding {login} is verwijderd.\n"
    assert main(["server", "list-coordinators", "--server", owner]) == 0
    assert login not in capsys.readouterr().out
    with pytest.raises(KnownError, match="weigert de aanmelding"), region.store_as(login):
        pass


def test_a_coordinator_needs_a_name_and_a_long_password(region: Region) -> None:
    engine = region.owner_engine()
    try:
        with pytest.raises(KnownError, match="naam van de coördinator"):
            server_admin.add_coordinator(engine, region.login("leeg"), " ", PASSWORD)
        with pytest.raises(KnownError, match="te kort"):
            server_admin.add_coordinator(engine, region.login("kort"), "Kort", "kort")
    finally:
        engine.dispose()
