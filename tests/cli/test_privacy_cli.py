"""The privacy commands as an administrator runs them: inzage, purge, erase."""

from pathlib import Path

import pytest

from tests.cli.test_cli import data_dir, initialised, run  # noqa: F401  (fixture)


def test_inzage_writes_the_pdf_and_the_json_into_the_folder(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path  # noqa: F811
) -> None:
    initialised(capsys, data_dir)
    run(capsys, "--data-dir", str(data_dir), "demo", "--cases", "2")
    folder = tmp_path / "inzage"
    status, out, err = run(capsys, "--data-dir", str(data_dir), "inzage", "2", "--out",
                           str(folder))  # fmt: skip
    assert status == 0, err
    assert sorted(path.name for path in folder.iterdir()) == [
        "inzage-dossier-2.json", "inzage-dossier-2.pdf",
    ]
    assert (folder / "inzage-dossier-2.pdf").read_bytes().startswith(b"%PDF")
    assert "Inzage van dossier 2 opgeslagen" in out


def test_inzage_of_an_unknown_dossier_is_refused_in_dutch(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path  # noqa: F811
) -> None:
    initialised(capsys, data_dir)
    status, _, err = run(capsys, "--data-dir", str(data_dir), "inzage", "404", "--out",
                         str(tmp_path / "x"))  # fmt: skip
    assert status == 1
    assert "Dossier 404" in err
    assert not (tmp_path / "x").exists()
