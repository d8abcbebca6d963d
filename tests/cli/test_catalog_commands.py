"""`casedesk catalog export` issues a version as Catalogus › Beheren… does; `casedesk
catalog import` shows what a file changes and takes it only when the administrator says so."""

import dataclasses
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from casedesk import clock
from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.fileformat import dump_catalog, load_catalog
from casedesk.catalog.transfer import export_catalog
from casedesk.cli import main
from casedesk.db.keys import open_keychain
from casedesk.db.location import StoreLocation
from casedesk.db.models import AuditEvent
from casedesk.db.store import open_store
from casedesk.domain.catalog import Catalog, InstrumentId
from casedesk.domain.catalog_edit import next_version
from casedesk.domain.dutch import long_date
from casedesk.services.catalog import catalog_in_use
from tests.conftest import MemoryKeyring
from tests.db.conftest import store_files_fingerprint


class Terminal(io.StringIO):
    """What the administrator types at a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def data_dir(
    tmp_path: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> Path:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "init", "--caseworker", "Anne de Wit"]) == 0
    capsys.readouterr()
    return data


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--data-dir", str(data_dir), "catalog", *args])
    out, err = capsys.readouterr()
    return status, out, err


def in_use(data_dir: Path) -> Catalog:
    with open_store(StoreLocation.in_dir(data_dir), open_keychain()) as store:
        return catalog_in_use(store)


def logged(data_dir: Path, action: str) -> list[tuple[str, str]]:
    location = StoreLocation.in_dir(data_dir)
    with open_store(location, open_keychain()) as store, store.session() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.action == action))
        return [(row.outcome, row.details_json) for row in rows]


# --- export ------------------------------------------------------------------------------


def test_export_with_an_author_issues_the_next_version_and_keeps_it_in_use(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    before = in_use(data_dir)
    target = tmp_path / "routekaart.json"
    status, out, _ = run(
        capsys, data_dir, "export", str(target), "--author", "Anne de Wit",
        "--title", "Routekaart Midden-Brabant", "--region", "AM26",
    )  # fmt: skip
    assert status == 0
    today = clock.today()
    sent = load_catalog(target)
    assert (sent.version, sent.author, sent.issued, sent.title, sent.region) == (
        next_version(before.version, today), "Anne de Wit", today,
        "Routekaart Midden-Brabant", "AM26",
    )  # fmt: skip
    assert sent.instruments == before.instruments and sent.partners == before.partners
    assert in_use(data_dir) == sent
    assert f"versie {sent.version}" in out
    assert "Anne de Wit" in out and long_date(today) in out and "(AM26)" in out
    ((outcome, details),) = logged(data_dir, "catalog.exported")
    assert (outcome, json.loads(details)["version"]) == ("done", sent.version)


def test_each_export_with_an_author_numbers_one_on(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    for name in ("eerste.json", "tweede.json"):
        assert run(capsys, data_dir, "export", str(tmp_path / name), "--author", "Anne")[0] == 0
    first, second = load_catalog(tmp_path / "eerste.json"), load_catalog(tmp_path / "tweede.json")
    assert second.version == next_version(first.version, clock.today())
    assert (first.title, first.region) == (load_default_catalog().title, None)


def test_a_region_may_be_named_and_landelijk_makes_the_catalog_national(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    regional, national = tmp_path / "regio.json", tmp_path / "landelijk.json"
    assert run(capsys, data_dir, "export", str(regional), "--author", "Anne",
               "--region", "midden brabant")[0] == 0  # fmt: skip
    assert load_catalog(regional).region == "AM26"
    status, out, _ = run(capsys, data_dir, "export", str(national), "--author", "Anne",
                         "--region", "Landelijk")  # fmt: skip
    assert status == 0
    assert load_catalog(national).region is None
    assert "(landelijk)" in out


def test_export_without_an_author_writes_a_copy_and_says_no_version_was_issued(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    before = in_use(data_dir)
    status, out, _ = run(capsys, data_dir, "export", str(tmp_path / "kopie.json"))
    assert status == 0
    assert load_catalog(tmp_path / "kopie.json") == before == in_use(data_dir)
    assert "er is geen nieuwe versie uitgegeven" in out
    assert "--author NAAM" in out


def test_a_title_or_region_without_an_author_is_a_wrong_argument_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    status, _, err = run(capsys, data_dir, "export", str(tmp_path / "c.json"), "--region", "AM12")
    assert status == 2
    assert "Geef ook --author NAAM" in err
    assert not (tmp_path / "c.json").exists()


def test_an_unknown_region_is_refused_with_the_codes_to_choose_from(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    before = in_use(data_dir)
    status, _, err = run(capsys, data_dir, "export", str(tmp_path / "c.json"),
                         "--author", "Anne", "--region", "AM99")  # fmt: skip
    assert status == 1
    assert "De arbeidsmarktregio “AM99” is onbekend" in err
    assert "Midden-Brabant (AM26)" in err and "--region landelijk" in err
    assert not (tmp_path / "c.json").exists()
    assert in_use(data_dir) == before
    assert logged(data_dir, "catalog.exported") == [("refused", '{"error": "KnownError"}')]


def test_an_unwritable_file_is_refused_in_dutch_and_uses_up_no_version_number(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    before = in_use(data_dir)
    not_a_folder = tmp_path / "bestand"
    not_a_folder.write_text("", encoding="utf-8")
    status, _, err = run(capsys, data_dir, "export", str(not_a_folder / "c.json"),
                         "--author", "Anne")  # fmt: skip
    assert status == 1
    assert "De catalogus kan niet worden opgeslagen" in err
    assert in_use(data_dir) == before
    assert logged(data_dir, "catalog.exported") == [("refused", '{"error": "KnownError"}')]


def test_an_empty_author_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    status, _, err = run(capsys, data_dir, "export", str(tmp_path / "c.json"), "--author", "  ")
    assert status == 1
    assert "--author de naam" in err
    assert not (tmp_path / "c.json").exists()


@pytest.mark.parametrize(
    ("option", "value", "refusal"),
    [
        ("--author", "A" * 121, "te lang (hooguit 120 tekens)"),
        ("--title", "   ", "titel van 1 tot 200 tekens"),
        ("--title", "T" * 201, "titel van 1 tot 200 tekens"),
    ],
)
def test_an_author_or_title_the_catalog_file_cannot_hold_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path,
    option: str, value: str, refusal: str,
) -> None:
    author = [] if option == "--author" else ["--author", "Anne"]
    status, _, err = run(capsys, data_dir, "export", str(tmp_path / "c.json"),
                         *author, option, value)  # fmt: skip
    assert (status, refusal in err) == (1, True)
    assert not (tmp_path / "c.json").exists()


def test_issuing_a_version_without_a_store_is_refused_with_the_way_forward(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    status, _, err = run(capsys, tmp_path / "leeg", "export", str(tmp_path / "c.json"),
                         "--author", "Anne")  # fmt: skip
    assert status == 1
    assert "casedesk init" in err and "casedesk connect" in err
    assert not (tmp_path / "c.json").exists()


# --- import ------------------------------------------------------------------------------


def changed_catalog(folder: Path) -> Path:
    """The shipped catalog with one instrument's text changed, one gone and one new."""
    default = load_default_catalog()
    first, second, *rest = default.instruments
    new = dataclasses.replace(second, id=InstrumentId("nieuw-regio-aanbod"), name="Nieuw aanbod")
    changed = dataclasses.replace(
        default,
        version="2026.7",
        instruments=(
            dataclasses.replace(first, description="Een nieuwe tekst voor de ondernemer."),
            *rest, new,
        ),
    )  # fmt: skip
    path = folder / "regio.json"
    export_catalog(changed, path)
    return path


def test_import_shows_what_is_added_changed_and_removed_and_takes_it_with_yes(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    default = load_default_catalog()
    status, out, _ = run(capsys, data_dir, "import", str(changed_catalog(tmp_path)), "--yes")
    assert status == 0
    assert "Nieuwe instrumenten" in out and "Nieuw aanbod" in out
    assert "Verdwenen instrumenten" in out and default.instruments[1].name in out
    assert f"{default.instruments[0].name}: tekst voor de ondernemer" in out
    assert out.rstrip().endswith("De nieuwe catalogus is in gebruik.")
    assert in_use(data_dir).version == "2026.7"


def test_without_a_terminal_and_without_yes_nothing_changes(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.StringIO("j\n"))  # a pipe: not read
    path = changed_catalog(tmp_path)
    location = StoreLocation.in_dir(data_dir)
    before = store_files_fingerprint(location)
    status, out, err = run(capsys, data_dir, "import", str(path))
    assert status == 1
    assert "Nieuw aanbod" in out
    assert "er is niets veranderd" in err and "--yes" in err
    assert "Doorgaan?" not in out
    assert store_files_fingerprint(location) == before


@pytest.mark.parametrize("answer", ["j\n", "ja\n", " J \n"], ids=["j", "ja", "J-with-spaces"])
def test_at_a_terminal_j_takes_the_file_into_use(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, answer: str,
) -> None:  # fmt: skip
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    status, out, _ = run(capsys, data_dir, "import", str(changed_catalog(tmp_path)))
    assert status == 0
    assert "Doorgaan? [j/N]" in out
    assert in_use(data_dir).version == "2026.7"


def test_while_the_question_waits_the_store_can_be_opened_by_the_app(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr("sys.stdin", Terminal())
    opened_while_asking: list[str] = []

    def answer_after_the_app_opened_the_store(question: str) -> str:
        opened_while_asking.append(in_use(data_dir).version)  # would fail if still open
        return "j"

    monkeypatch.setattr("builtins.input", answer_after_the_app_opened_the_store)
    status, _, _ = run(capsys, data_dir, "import", str(changed_catalog(tmp_path)))
    assert status == 0
    assert opened_while_asking == [load_default_catalog().version]
    assert in_use(data_dir).version == "2026.7"


def test_a_catalog_changed_while_the_question_waits_is_not_written_over(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr("sys.stdin", Terminal())
    (tmp_path / "collega").mkdir()
    first = changed_catalog(tmp_path / "collega")

    def a_colleague_imports_meanwhile(question: str) -> str:
        assert main(["--data-dir", str(data_dir), "catalog", "import", str(first), "--yes"]) == 0
        return "j"

    other = tmp_path / "ander.json"
    export_catalog(dataclasses.replace(load_default_catalog(), version="2026.9"), other)
    monkeypatch.setattr("builtins.input", a_colleague_imports_meanwhile)
    status, _, err = run(capsys, data_dir, "import", str(other))
    assert status != 0
    assert "De catalogus is veranderd nadat de wijzigingen werden getoond" in err
    assert in_use(data_dir).version == "2026.7"


@pytest.mark.parametrize("answer", ["\n", "n\n", "nee\n", ""], ids=["enter", "n", "nee", "eof"])
def test_at_a_terminal_anything_but_j_changes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, answer: str,
) -> None:  # fmt: skip
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    path = changed_catalog(tmp_path)
    before = in_use(data_dir)
    status, _, err = run(capsys, data_dir, "import", str(path))
    assert status == 1
    assert "er is niets veranderd" in err
    assert in_use(data_dir) == before
    assert logged(data_dir, "catalog.imported") == []


def test_an_import_without_changes_says_so_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    same = tmp_path / "zelfde.json"
    same.write_text(dump_catalog(in_use(data_dir)), encoding="utf-8")
    location = StoreLocation.in_dir(data_dir)
    before = store_files_fingerprint(location)
    status, out, _ = run(capsys, data_dir, "import", str(same), "--yes")
    assert status == 0
    assert "De nieuwe catalogus is gelijk aan de catalogus in gebruik." in out
    assert "Er is niets veranderd." in out
    assert store_files_fingerprint(location) == before
