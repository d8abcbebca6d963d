"""The hostile inputs of issue 9, one by one: each refused in Dutch, none a crash."""

import json
from pathlib import Path

import keyring.errors
import pytest

from casedesk.catalog.defaults import load_default_catalog
from casedesk.cli import MAX_CASE_NUMBER, main
from casedesk.db.keys import Keychain, KeychainError
from casedesk.services.advice import advise_answers_file
from tests.catalog.conftest import SMALL_CATALOG, TODAY
from tests.conftest import MemoryKeyring
from tests.fuzz.dutch import english_in
from tests.fuzz.strategies import HUGE_INTEGER

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def refused_in_dutch(status: int, err: str) -> str:
    assert status in (1, 2), err
    assert "Traceback" not in err
    assert not english_in(err), err
    return err


@pytest.fixture
def data_dir(tmp_path: Path, memory_keyring: MemoryKeyring) -> str:
    return str(tmp_path / "data")


@pytest.fixture
def initialised(data_dir: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--data-dir", data_dir, "init"]) == 0
    capsys.readouterr()
    return data_dir


@pytest.mark.parametrize("command", [["advise"], ["catalog", "validate"], ["catalog", "import"]])
def test_a_5000_digit_integer_is_refused_by_every_json_command(
    command: list[str], initialised: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "groot.json"
    path.write_text('{"format_version": ' + HUGE_INTEGER + "}", encoding="utf-8")
    err = refused_in_dutch(*run(capsys, "--data-dir", initialised, *command, str(path))[::2])
    assert "meer dan 30 cijfers" in err


def test_100000_brackets_in_an_answers_file_are_refused(
    data_dir: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "diep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    err = refused_in_dutch(*run(capsys, "--data-dir", data_dir, "advise", str(path))[::2])
    assert "te diep in elkaar genest" in err


def test_a_lone_surrogate_in_a_catalog_text_is_refused_at_validate_and_import(
    initialised: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps({**SMALL_CATALOG, "title": "Routekaart"}, indent=2).replace(
        '"Routekaart"', '"Routekaart \\ud800"'
    )
    path = tmp_path / "catalogus.json"
    path.write_text(text, encoding="utf-8")
    for command in ("validate", "import"):
        status, _, err = run(capsys, "--data-dir", initialised, "catalog", command, str(path))
        assert "een half teken" in refused_in_dutch(status, err)


def test_an_answers_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    example = EXAMPLES / "kapper-tilburg-acute-schulden.json"
    path = tmp_path / "met-bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + example.read_bytes().replace(b"\n", b"\r\n"))
    with_bom = advise_answers_file(path, load_default_catalog(), "GM0855", TODAY)
    without = advise_answers_file(example, load_default_catalog(), "GM0855", TODAY)
    assert with_bom == without


def test_a_ten_megabyte_answers_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "groot.json"
    path.write_bytes(b" " * (10 * 1024 * 1024))
    with pytest.raises(Exception, match="veel te groot") as refused:
        advise_answers_file(path, load_default_catalog(), "GM0855", TODAY)
    assert not english_in(str(refused.value))


@pytest.mark.parametrize("number", ["99999999999999999999", str(MAX_CASE_NUMBER + 1), "1" * 5000])
def test_a_dossier_number_beyond_sqlite_integer_is_refused_in_dutch(
    number: str, data_dir: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", data_dir, "plan", number, "--out", str(tmp_path / "plan.pdf")])
    err = capsys.readouterr().err
    refused_in_dutch(int(str(exited.value.code)), err)
    assert f"hooguit {MAX_CASE_NUMBER}" in err


def test_the_largest_dossier_number_is_looked_up_not_refused(
    initialised: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "plan.pdf")
    status, _, err = run(
        capsys, "--data-dir", initialised, "plan", str(MAX_CASE_NUMBER), "--out", out
    )
    assert refused_in_dutch(status, err)
    assert "hooguit" not in err


@pytest.mark.parametrize("number", ["²", "١٢٣"])
def test_a_dossier_number_in_other_digits_names_no_python_type(
    number: str, data_dir: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--data-dir", data_dir, "plan", number, "--out", "x.pdf"])
    err = capsys.readouterr().err
    assert "case_number" not in err
    assert "een dossiernummer is een getal" in err


def test_a_folder_in_place_of_the_store_is_named_at_restore(
    initialised: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", initialised, "backup"]) == 0
    made = Path(capsys.readouterr().out.rsplit(": ", 1)[1].strip())
    store_file = Path(initialised) / "casedesk.db"
    for leftover in Path(initialised).glob("casedesk.db*"):
        leftover.unlink()
    store_file.mkdir()
    err = refused_in_dutch(*run(capsys, "--data-dir", initialised, "restore", str(made))[::2])
    assert "dit is een map" in err
    assert store_file.is_dir()


def test_a_region_table_with_a_huge_cell_says_so_in_dutch(
    initialised: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gemeenten.csv"
    header = "name,code,year,region_code,region,province\n"
    path.write_text(header + '"' + "x" * 200_000 + "\n", encoding="utf-8")
    status, _, err = run(capsys, "--data-dir", initialised, "regions", "import", str(path))
    refused_in_dutch(status, err)
    assert "een cel is veel te lang" in err


def test_an_invalid_unicode_escape_is_explained_in_dutch(
    data_dir: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "catalogus.json"
    text = json.dumps(SMALL_CATALOG, indent=2).replace("Routekaart", "\\u00zz", 1)
    assert "\\u00zz" in text
    path.write_text(text, encoding="utf-8")
    status, _, err = run(capsys, "--data-dir", data_dir, "catalog", "validate", str(path))
    refused_in_dutch(status, err)
    assert "onvolledige \\u-code" in err


class DismissedPromptKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringError("Failed to create the collection: Prompt dismissed..")


def test_a_dismissed_keychain_prompt_is_told_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(KeychainError) as failed:
        Keychain(DismissedPromptKeyring()).load_key(tmp_path / "casedesk.db")
    message = str(failed.value)
    assert "weggeklikt" in message
    assert not english_in(message), message


def test_a_file_name_beyond_the_systems_limit_is_refused_in_dutch(
    data_dir: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--data-dir", data_dir, "restore", "1" * 5000])
    err = capsys.readouterr().err
    assert "deze bestandsnaam is te lang" in err
    assert not english_in(err)
