"""On the regional server each caseworker keeps their own e-mail address, as on a laptop:
a plan prints the address of the dossier's caseworker, whoever prints it; only that
caseworker's own login (or the administrator) changes it; a caseworker of another
municipality reads nothing of it, whatever dossiers a client makes."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import psycopg
import pytest
from psycopg import errors

from casedesk.db import settings_repo
from casedesk.db.cases import BusinessData, EntrepreneurData, create_case
from casedesk.db.server.store import ServerRefusedError
from casedesk.domain.municipality import MunicipalitySettings
from casedesk.errors import KnownError
from casedesk.services.municipality_settings import (
    caseworker_email,
    save_caseworker_email,
    save_municipality_settings,
)
from casedesk.services.plan import render_case_plan
from tests.plan.pdf_tools import pdf_text, squeeze
from tests.server.region import Region

TILBURG = "GM0855"
DONGEN = "GM0766"
NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
TESS_EMAIL = "t.devries@tilburg.nl"
TOM_EMAIL = "t.smits@tilburg.nl"


@dataclass(frozen=True)
class Team:
    """Tess and Tom work for Tilburg, Dirk for Dongen. Tess and Tom saved their own
    addresses; Tess has one dossier."""

    region: Region
    tess: str
    tom: str
    dirk: str
    tess_id: int
    tess_dossier: int


def _caseworker_id(region: Region, login: str) -> int:
    with region.store_as(login) as store, store.session() as session:
        caseworker_id = settings_repo.current_caseworker_id(session)
    assert caseworker_id is not None
    return caseworker_id


def _dossier(region: Region, login: str, surname: str) -> int:
    """A dossier of Tilburg with ``login``'s caseworker as its own, as an intake makes it."""
    with region.store_as(login) as store, store.transaction() as session:
        return create_case(
            session, settings_repo.current_caseworker_id(session),
            entrepreneur=EntrepreneurData("Anna", "", surname), business=BusinessData(),
            municipality_code=TILBURG, region_code=None, registration_date=date(2026, 11, 27),
        )  # fmt: skip


@pytest.fixture(scope="module")
def team(region: Region) -> Team:
    region.save_region_settings(TILBURG)
    tess = region.add_caseworker("tess", TILBURG, display_name="Tess de Vries")
    tom = region.add_caseworker("tom", TILBURG, display_name="Tom Smits")
    dirk = region.add_caseworker("dirk", DONGEN)
    with region.store_as(tess) as store:
        save_municipality_settings(
            store, MunicipalitySettings(name="Gemeente Tilburg", phone="14 013"), TILBURG
        )
        save_caseworker_email(store, TESS_EMAIL)
    with region.store_as(tom) as store:
        save_caseworker_email(store, TOM_EMAIL)
    return Team(
        region, tess, tom, dirk, _caseworker_id(region, tess), _dossier(region, tess, "Kok")
    )


def test_her_own_address_is_kept_on_the_server(team: Team) -> None:
    with team.region.store_as(team.tess) as store:
        assert caseworker_email(store) == TESS_EMAIL


def test_the_plan_she_makes_on_the_server_prints_her_address(team: Team) -> None:
    with team.region.store_as(team.tess) as store:
        rendered = render_case_plan(store, team.tess_dossier, now=NOW)
    text = squeeze(pdf_text(rendered.pdf))
    assert squeeze(f"Of mail naar {TESS_EMAIL}") in text
    assert not any("e-mailadres" in point for point in rendered.to_check)


def test_a_colleague_printing_her_dossiers_plan_prints_her_name_and_address(team: Team) -> None:
    # As on a laptop: the plan names the dossier's caseworker, not whoever prints it.
    with team.region.store_as(team.tom) as store:
        text = squeeze(pdf_text(render_case_plan(store, team.tess_dossier, now=NOW).pdf))
    assert squeeze(f"vraag naar Tess de Vries. Of mail naar {TESS_EMAIL}") in text
    assert squeeze(TOM_EMAIL) not in text


def test_a_caseworker_of_another_municipality_reads_nothing_of_her_address(team: Team) -> None:
    with team.region.store_as(team.dirk) as store:
        assert caseworker_email(store, team.tess_id) == ""


def test_a_dossier_in_her_name_elsewhere_is_refused_and_tells_nothing_of_her_address(
    team: Team,
) -> None:
    with team.region.store_as(team.dirk) as store:
        with pytest.raises(ServerRefusedError), store.transaction() as session:
            create_case(
                session, team.tess_id,
                entrepreneur=EntrepreneurData("Dirk", "", "Vals"), business=BusinessData(),
                municipality_code=DONGEN, region_code=None, registration_date=date(2026, 11, 27),
            )  # fmt: skip
        assert caseworker_email(store, team.tess_id) == ""


def test_an_address_that_is_no_e_mail_address_is_refused_in_dutch(team: Team) -> None:
    with (
        team.region.store_as(team.tess) as store,
        pytest.raises(KnownError, match=r"^Uw e-mailadres: er staat geen @ in"),
    ):
        save_caseworker_email(store, "tess.tilburg.nl")
    with team.region.store_as(team.tess) as store:
        assert caseworker_email(store) == TESS_EMAIL


@pytest.fixture
def tom_on_psql(team: Team) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """Tom's own login, straight to the server (no casedesk in between)."""
    with team.region.straight_to_server(team.tom) as conn:
        yield conn


def test_with_sql_a_colleague_reads_the_addresses_of_his_municipalitys_caseworkers_only(
    team: Team, tom_on_psql: psycopg.Connection[tuple[object, ...]]
) -> None:
    amir = team.region.add_caseworker("amir", TILBURG)  # Tilburg too, no dossier yet
    with team.region.store_as(amir) as store:
        save_caseworker_email(store, "a.amrani@tilburg.nl")
    with team.region.store_as(team.dirk) as store:
        save_caseworker_email(store, "d.jansen@dongen.nl")
    seen = tom_on_psql.execute(
        "SELECT value FROM caseworker_settings WHERE caseworker_id <> casedesk_login_caseworker()"
    ).fetchall()
    assert sorted(seen) == [("a.amrani@tilburg.nl",), (TESS_EMAIL,)]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE caseworker_settings SET value = 'x@y.nl' WHERE caseworker_id = {tess}",
        "DELETE FROM caseworker_settings WHERE caseworker_id = {tess}",
    ],
)
def test_with_sql_a_colleague_changes_nothing_of_her_address(
    team: Team, tom_on_psql: psycopg.Connection[tuple[object, ...]], statement: str
) -> None:
    assert tom_on_psql.execute(statement.format(tess=team.tess_id)).rowcount == 0
    with team.region.store_as(team.tess) as store:
        assert caseworker_email(store) == TESS_EMAIL


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO caseworker_settings (caseworker_id, key, value) "
        "VALUES ({tess}, 'email', 'x@y.nl') "
        "ON CONFLICT (caseworker_id, key) DO UPDATE SET value = excluded.value",
        "INSERT INTO caseworker_settings (caseworker_id, key, value) "
        "VALUES ({tess}, 'phone', '06 1234 5678')",
        "UPDATE caseworker_settings SET caseworker_id = {tess} "
        "WHERE caseworker_id = casedesk_login_caseworker()",
    ],
)
def test_with_sql_a_row_for_her_is_refused_by_the_policy(
    team: Team, tom_on_psql: psycopg.Connection[tuple[object, ...]], statement: str
) -> None:
    with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
        tom_on_psql.execute(statement.format(tess=team.tess_id))
