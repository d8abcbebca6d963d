"""casedesk connect: this computer works with the regional server instead of its own store."""

from datetime import date
from pathlib import Path

import pytest

from casedesk.cli import desktop_start, main
from casedesk.db.cases import BusinessData, EntrepreneurData, create_case
from casedesk.db.location import StoreLocation
from tests.conftest import MemoryKeyring
from tests.server.region import PASSWORD, Region


@pytest.fixture(scope="module")
def kim(region: Region) -> str:
    login = region.add_caseworker("kim", "GM0363")
    with region.store_as(login) as store, store.transaction() as session:
        create_case(
            session, None, entrepreneur=EntrepreneurData("Anna", "", "Kok"),
            business=BusinessData(), municipality_code="GM0363", region_code=None,
            registration_date=date(2026, 11, 27),
        )  # fmt: skip
    return login


def _address(region: Region, login: str) -> str:
    url = region.url_for(login).set(drivername="postgresql")._replace(password=None)
    return url.render_as_string(hide_password=False)


def _password_file(tmp_path: Path) -> str:
    path = tmp_path / "wachtwoord"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    return str(path)


def test_after_connecting_the_commands_and_the_app_use_the_server(
    region: Region, kim: str, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    data = ["--data-dir", str(tmp_path / "data")]
    address = _address(region, kim)
    assert main([*data, "connect", address, "--password-file", _password_file(tmp_path)]) == 0
    assert f"als {kim}" in capsys.readouterr().out
    # The password sits in the keychain, not in the file beside the store.
    assert PASSWORD not in (StoreLocation.in_dir(tmp_path / "data")).connection_file.read_text()
    assert PASSWORD in memory_keyring.entries.values()
    assert main([*data, "cases"]) == 0
    assert "Anna Kok" in capsys.readouterr().out
    start = desktop_start(StoreLocation.in_dir(tmp_path / "data"))
    assert start.store_exists()
    assert start.store_description == (
        f"Opslag: regionale server 127.0.0.1, database {region.database}"
    )

    assert main([*data, "connect", "--local"]) == 0
    assert "opslag op deze computer" in capsys.readouterr().out
    assert not memory_keyring.entries
    assert main([*data, "cases"]) == 1
    assert "Er is nog geen opslag" in capsys.readouterr().err


def test_connecting_as_the_owner_is_refused_and_nothing_is_kept(
    region: Region, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    address = _address(region, region.owner)
    data = ["--data-dir", str(tmp_path / "data")]
    assert main([*data, "connect", address, "--password-file", _password_file(tmp_path)]) == 1
    assert "eigenaar van de tabellen" in capsys.readouterr().err
    assert not (StoreLocation.in_dir(tmp_path / "data")).connection_file.exists()
    assert not memory_keyring.entries


def test_a_password_in_the_address_goes_to_the_keychain_not_to_the_file(
    region: Region, kim: str, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with_password = region.url_for(kim).set(drivername="postgresql")
    address = with_password.render_as_string(hide_password=False)
    assert main(["--data-dir", str(tmp_path / "data"), "connect", address]) == 0
    kept = (StoreLocation.in_dir(tmp_path / "data")).connection_file.read_text(encoding="utf-8")
    assert PASSWORD not in kept
    assert list(memory_keyring.entries.values()) == [PASSWORD]
