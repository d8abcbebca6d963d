"""casedesk server …: an administrator sets up a region and two caseworkers work apart."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import URL

from casedesk.cli import main
from casedesk.db.cases import BusinessData, EntrepreneurData, create_case
from casedesk.services.cases import list_cases
from casedesk.services.municipality_settings import caseworker_email
from tests.server.region import PASSWORD, Region, new_region


def _address(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def test_an_administrator_sets_up_a_region_where_two_caseworkers_work_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    password_file = tmp_path / "wachtwoord"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    with new_region(set_up=False) as region:
        owner = _address(region.owner_url)
        assert main(["server", "setup", owner]) == 0
        for name, municipality in (("kim", "Amsterdam"), ("piet", "GM0344")):
            login = region.login(name)
            region.logins.append(login)
            assert main(["server", "add-caseworker", login, "--name", name.title(),
                         "--municipality", municipality, "--password-file", str(password_file),
                         "--server", owner]) == 0  # fmt: skip
        capsys.readouterr()
        assert main(["server", "list-caseworkers", "--server", owner]) == 0
        assert capsys.readouterr().out.splitlines() == [
            f"{region.login('kim')}\tKim\tGM0363",
            f"{region.login('piet')}\tPiet\tGM0344",
        ]
        assert main(["server", "check", _address(region.url_for(region.login("kim")))]) == 0
        assert capsys.readouterr().out.splitlines()[-1] == "In orde."
        with region.store_as(region.login("kim")) as store:
            with store.transaction() as session:
                create_case(
                    session, None, entrepreneur=EntrepreneurData("Anna", "", "Kok"),
                    business=BusinessData(), municipality_code="GM0363", region_code=None,
                    registration_date=date(2026, 11, 27),
                )  # fmt: skip
            assert [case.entrepreneur_name for case in list_cases(store)] == ["Anna Kok"]
            # The municipality names came with the set-up.
            assert [case.municipality for case in list_cases(store)] == ["Amsterdam"]
        with region.store_as(region.login("piet")) as store:
            assert list_cases(store) == []


def test_check_as_the_owner_says_the_app_may_not_use_that_login(
    region: Region, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["server", "check", _address(region.owner_url)]) == 1
    assert "eigenaar van de tabellen" in capsys.readouterr().err


def test_check_of_a_database_not_yet_set_up_says_so_in_dutch(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with new_region(set_up=False) as region:
        assert main(["server", "check", _address(region.owner_url)]) == 1
    said = capsys.readouterr().err
    assert "Er ging iets mis" not in said  # no crash report
    assert "Server bereikbaar" in said
    assert "afgeschermd" not in said  # no word on tables that are not there yet


def test_a_server_elsewhere_without_verify_full_is_refused_before_connecting(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for address in (
        "postgresql://kim@db.regio.example/casedesk",
        "postgresql://kim@db.regio.example/casedesk?sslmode=require",
        "postgresql://kim@10.0.0.5/casedesk?sslmode=verify-ca",
    ):
        assert main(["server", "check", address]) == 1
        error = capsys.readouterr().err
        assert "sslmode=verify-full" in error
        assert "Er is geen verbinding gemaakt." in error


def test_an_unknown_municipality_is_refused_in_dutch(
    region: Region, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    password_file = tmp_path / "wachtwoord"
    password_file.write_text(PASSWORD, encoding="utf-8")
    assert main(["server", "add-caseworker", region.login("els"), "--name", "Els",
                 "--municipality", "Atlantis", "--password-file", str(password_file),
                 "--server", _address(region.owner_url)]) == 1  # fmt: skip
    assert "De gemeente “Atlantis” is onbekend" in capsys.readouterr().err


def test_a_short_password_is_refused(
    region: Region, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    password_file = tmp_path / "wachtwoord"
    password_file.write_text("kort", encoding="utf-8")
    assert main(["server", "add-caseworker", region.login("els"), "--name", "Els",
                 "--municipality", "GM0363", "--password-file", str(password_file),
                 "--server", _address(region.owner_url)]) == 1  # fmt: skip
    assert "minstens 12 tekens" in capsys.readouterr().err


def test_add_caseworker_with_email_keeps_the_address_for_her_plans(
    region: Region, tmp_path: Path
) -> None:
    password_file = tmp_path / "wachtwoord"
    password_file.write_text(PASSWORD, encoding="utf-8")
    login = region.login("eva")
    region.logins.append(login)
    assert main(["server", "add-caseworker", login, "--name", "Eva", "--municipality",
                 "GM0363", "--email", "E.Bakker@Amsterdam.nl", "--password-file",
                 str(password_file), "--server", _address(region.owner_url)]) == 0  # fmt: skip
    with region.store_as(login) as store:
        assert caseworker_email(store) == "E.Bakker@amsterdam.nl"


def test_add_caseworker_with_a_wrong_email_is_refused_in_dutch_and_makes_nobody(
    region: Region, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    password_file = tmp_path / "wachtwoord"
    password_file.write_text(PASSWORD, encoding="utf-8")
    assert main(["server", "add-caseworker", region.login("bo"), "--name", "Bo",
                 "--municipality", "GM0363", "--email", "bo.amsterdam.nl", "--password-file",
                 str(password_file), "--server", _address(region.owner_url)]) == 1  # fmt: skip
    said = capsys.readouterr().err
    assert "E-mailadres: er staat geen @ in" in said and "Er is niets aangemaakt." in said
    assert main(["server", "list-caseworkers", "--server", _address(region.owner_url)]) == 0
    assert region.login("bo") not in capsys.readouterr().out
