"""Insecure keychain mode: allowed by an administrator, but never quiet about it."""

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from casedesk.cli import EXIT_INSECURE_KEYCHAIN, main
from casedesk.db.keys import ALLOW_INSECURE_ENV
from tests.conftest import MemoryKeyring


class PlaintextLookAlikeKeyring(MemoryKeyring):
    """Like keyrings.alt's PlaintextKeyring: keeps the key, but anyone with the disk reads it
    (a priority below 1, as keyring gives such backends)."""

    priority = 0.5


@pytest.fixture
def plaintext_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[PlaintextLookAlikeKeyring]:
    monkeypatch.setenv(ALLOW_INSECURE_ENV, "1")
    previous = keyring.get_keyring()
    backend = PlaintextLookAlikeKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def warning_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if "onveilige sleutelhanger" in line]


@pytest.fixture
def data_dir(
    tmp_path: Path, plaintext_keyring: PlaintextLookAlikeKeyring, capsys: pytest.CaptureFixture[str]
) -> str:
    folder = str(tmp_path / "data")
    assert main(["--data-dir", folder, "init"]) == 0
    capsys.readouterr()
    return folder


def test_check_reports_insecure_mode_with_its_own_exit_status(
    data_dir: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "--data-dir", data_dir, "check")
    assert status == EXIT_INSECURE_KEYCHAIN == 3
    assert "In orde." not in out
    assert "NIET veilig" in err
    assert len(warning_lines(err)) == 1


@pytest.mark.parametrize(
    "command", [["backup"], ["demo", "--cases", "2"], ["plan", "1", "--out", "PLAN"]]
)
def test_every_command_on_the_store_prints_one_dutch_warning_line(
    command: list[str], data_dir: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if command[0] == "plan":
        assert main(["--data-dir", data_dir, "demo", "--cases", "1"]) == 0
        capsys.readouterr()
        command = [*command[:-1], str(tmp_path / "plan.pdf")]
    status, _, err = run(capsys, "--data-dir", data_dir, *command)
    assert status == 0, err
    (line,) = warning_lines(err)
    assert line.startswith("casedesk: Let op: de sleutel van de dossiers staat in een onveilige")


def test_init_in_insecure_mode_warns_once_too(
    tmp_path: Path, plaintext_keyring: PlaintextLookAlikeKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "--data-dir", str(tmp_path / "data"), "init")
    assert status == 0
    assert len(warning_lines(err)) == 1


def test_a_secure_keychain_checks_in_order_without_a_warning(
    tmp_path: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(tmp_path / "data")
    assert main(["--data-dir", data_dir, "init"]) == 0
    capsys.readouterr()
    status, out, err = run(capsys, "--data-dir", data_dir, "check")
    assert status == 0
    assert "In orde." in out
    assert warning_lines(err) == []


def test_a_catalog_import_that_opens_the_store_twice_warns_once(
    data_dir: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "catalogus.json"
    assert main(["--data-dir", data_dir, "catalog", "export", str(path)]) == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    data["instruments"][0]["name"] = "Een andere naam"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    status, _, err = run(capsys, "--data-dir", data_dir, "catalog", "import", str(path), "--yes")
    assert status == 0, err
    assert len(warning_lines(err)) == 1
