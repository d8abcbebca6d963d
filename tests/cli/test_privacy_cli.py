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
    written = {path.name for path in folder.iterdir()}
    assert {"inzage-dossier-2.json", "inzage-dossier-2.pdf"} <= written
    # Beside them, each stored plan or letter of the dossier as a file of its own.
    assert all(name.startswith("inzage-") or name.endswith(".pdf") for name in written)
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


def _close_long_ago(folder: Path, case_id: int) -> None:
    from datetime import date

    from casedesk.db.keys import open_keychain
    from casedesk.db.location import StoreLocation
    from casedesk.db.models import Case
    from casedesk.db.store import open_store
    from casedesk.domain.case import CaseStatus

    location = StoreLocation.in_dir(folder)
    with open_store(location, open_keychain()) as store, store.transaction() as session:
        case = session.get_one(Case, case_id)
        case.status = CaseStatus.CLOSED
        case.closed_on = date(2015, 1, 1)
        case.retention_until = date(2020, 1, 1)


def test_purge_shows_numbers_first_and_removes_only_with_yes(
    capsys: pytest.CaptureFixture[str], data_dir: Path  # noqa: F811
) -> None:
    initialised(capsys, data_dir)
    run(capsys, "--data-dir", str(data_dir), "demo", "--cases", "3")
    _close_long_ago(data_dir, 2)
    status, out, err = run(capsys, "--data-dir", str(data_dir), "purge")
    assert status == 1
    assert out.strip() == "De bewaartermijn is voorbij van 1 dossier: 2."
    assert "niets verwijderd" in err
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "purge", "--yes")
    assert status == 0
    assert "1 dossier voorgoed verwijderd: 2." in out
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "purge")
    assert status == 0
    assert out.strip() == "Er zijn geen dossiers waarvan de bewaartermijn voorbij is."


def test_erase_of_an_open_dossier_is_refused_with_the_reason(
    capsys: pytest.CaptureFixture[str], data_dir: Path  # noqa: F811
) -> None:
    initialised(capsys, data_dir)
    run(capsys, "--data-dir", str(data_dir), "demo", "--cases", "1")
    status, _, err = run(capsys, "--data-dir", str(data_dir), "erase", "1")
    assert status == 1
    assert "nog niet afgesloten" in err and "Er is niets verwijderd" in err
    _close_long_ago(data_dir, 1)
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "erase", "1")
    assert status == 0 and "voorgoed verwijderd" in out


def test_retention_shows_the_selectielijst_terms_and_sets_a_municipalitys_own(
    capsys: pytest.CaptureFixture[str], data_dir: Path  # noqa: F811
) -> None:
    initialised(capsys, data_dir)
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "retention")
    assert status == 0
    assert "21_verstrekt        5 jaar  Advies gegeven" in out
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "retention", "21_verstrekt", "7")
    assert status == 0 and "21_verstrekt        7 jaar" in out
    status, _, err = run(capsys, "--data-dir", str(data_dir), "retention", "22_iets", "7")
    assert status == 1 and "De soorten zijn: 8_verstrekt" in err
    status, _, err = run(capsys, "--data-dir", str(data_dir), "retention", "8_verstrekt", "99")
    assert status == 1 and "1 tot 30 jaar" in err
