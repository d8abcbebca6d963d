"""The command line as administrators use it: Dutch output, exit status, nothing lost."""

import io
import json
import re
from pathlib import Path

import pytest

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.fileformat import dump_catalog
from casedesk.catalog.regions import load_default_region_table
from casedesk.cli import main
from casedesk.db.keys import Keychain, open_keychain
from casedesk.db.location import StoreLocation
from casedesk.db.settings_repo import dossiers_per_municipality
from casedesk.db.store import open_store
from casedesk.domain.case import CaseId
from casedesk.domain.catalog import Catalog
from casedesk.domain.regions import MunicipalityCode
from casedesk.resources import resource_path
from casedesk.services.cases import count_matching_cases
from casedesk.services.catalog import catalog_in_use
from casedesk.services.intake import IntakeService
from casedesk.services.regions import region_table_in_use
from tests.conftest import MemoryKeyring
from tests.db.conftest import store_files_fingerprint

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.fixture
def data_dir(tmp_path: Path, memory_keyring: MemoryKeyring) -> Path:
    return tmp_path / "data"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def initialised(capsys: pytest.CaptureFixture[str], data_dir: Path) -> str:
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "init",
        "--caseworker", "Fatma Özdemir", "--municipality", "Súdwest-Fryslân",
    )
    assert status == 0
    return out


def test_init_prints_the_recovery_key_once_with_a_dutch_explanation(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    out = initialised(capsys, data_dir)
    assert "HERSTELSLEUTEL" in out
    assert "casedesk recover" in out
    assert (data_dir / "casedesk.db").is_file()


def test_init_refuses_an_unknown_municipality_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    status, _, err = run(
        capsys, "--data-dir", str(data_dir), "init", "--municipality", "Atlantis"
    )
    assert status == 1
    assert "De gemeente “Atlantis” is onbekend" in err
    assert not (data_dir / "casedesk.db").exists()


def test_init_never_overwrites_an_existing_store(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    initialised(capsys, data_dir)
    before = store_files_fingerprint(StoreLocation.in_dir(data_dir))
    status, _, err = run(capsys, "--data-dir", str(data_dir), "init")
    assert status == 1
    assert err.startswith("casedesk: ")
    assert store_files_fingerprint(StoreLocation.in_dir(data_dir)) == before


def test_check_passes_on_a_new_store(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    initialised(capsys, data_dir)
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "check")
    assert status == 0
    assert "In orde." in out


def test_check_fails_on_a_damaged_store(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    initialised(capsys, data_dir)
    store_file = data_dir / "casedesk.db"
    damaged = bytearray(store_file.read_bytes())
    damaged[5000:5100] = b"\x00" * 100
    store_file.write_bytes(bytes(damaged))
    status, _, err = run(capsys, "--data-dir", str(data_dir), "check")
    assert status == 1
    assert "NIET in orde." in err


def test_without_a_store_commands_say_how_to_make_one(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    status, _, err = run(capsys, "--data-dir", str(data_dir), "demo", "--cases", "5")
    assert status == 1
    assert "casedesk init" in err


def test_demo_fills_the_store(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    initialised(capsys, data_dir)
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "demo", "--cases", "25")
    assert status == 0
    assert "25 voorbeelddossiers" in out
    with open_store(StoreLocation.in_dir(data_dir), _keychain()) as store:
        assert count_matching_cases(store) == 25


def test_demo_places_the_dossiers_in_the_counters_labour_market_region_and_works_on_some(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    initialised(capsys, data_dir)  # the counter of Súdwest-Fryslân
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "demo", "--cases", "60")
    assert status == 0
    table = load_default_region_table()
    home = next(m for m in table.current_municipalities() if m.name == "Súdwest-Fryslân")
    region = [m.code for m in table.municipalities_in(home.region_code)]
    every_code = [m.code for m in table.municipalities]
    with open_store(StoreLocation.in_dir(data_dir), _keychain()) as store, store.session() as s:
        everywhere = dossiers_per_municipality(s, every_code)
    assert sum(everywhere.values()) == 60
    assert set(everywhere) <= set(region)
    assert f"arbeidsmarktregio {table.region(home.region_code).name}" in out  # type: ignore[union-attr]
    assert re.search(r"Aan \d+ ervan is verder gewerkt", out)


def test_demo_refuses_a_count_that_is_not_a_number(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--data-dir", str(data_dir), "demo", "--cases", "veel"])
    assert stopped.value.code == 2
    assert "geef een aantal van 1 tot 1.000.000" in capsys.readouterr().err


def test_backup_and_restore_bring_the_data_back(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    initialised(capsys, data_dir)
    run(capsys, "--data-dir", str(data_dir), "demo", "--cases", "3")
    copy = tmp_path / "kopie.db"
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "backup", "--to", str(copy))
    assert status == 0 and copy.is_file()
    run(capsys, "--data-dir", str(data_dir), "demo", "--cases", "4")
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "restore", str(copy))
    assert status == 0
    assert "bewaard als" in out
    with open_store(StoreLocation.in_dir(data_dir), _keychain()) as store:
        assert count_matching_cases(store) == 3


def test_recover_puts_the_key_back_from_the_recovery_key(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = initialised(capsys, data_dir)
    recovery_key = next(line.strip() for line in out.splitlines() if line.count("-") >= 10)
    memory_keyring.entries.clear()
    status, _, err = run(capsys, "--data-dir", str(data_dir), "check")
    assert status == 1 and "casedesk recover" in err
    monkeypatch.setattr("sys.stdin", io.StringIO(recovery_key + "\n"))
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "recover")
    assert status == 0
    assert run(capsys, "--data-dir", str(data_dir), "check")[0] == 0


def test_recover_refuses_a_wrong_recovery_key_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    initialised(capsys, data_dir)
    before = dict(memory_keyring.entries)
    monkeypatch.setattr("sys.stdin", io.StringIO("AAAA-BBBB-CCCC\n"))
    status, _, err = run(capsys, "--data-dir", str(data_dir), "recover")
    assert status == 1
    assert err.startswith("casedesk: ")
    assert memory_keyring.entries == before


def test_catalog_validate_reports_a_bad_file_with_line_and_reason(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "regio.json"
    bad.write_text('{\n  "format": "casedesk-catalog",\n  "format_version": 1,\n}\n')
    status, _, err = run(capsys, "catalog", "validate", str(bad))
    assert status == 1
    assert "regio.json" in err and "regel 4" in err


def test_catalog_import_makes_a_region_file_the_catalog_in_use(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    initialised(capsys, data_dir)
    regional = tmp_path / "regio.json"
    regional.write_text(_regional_catalog_text(), encoding="utf-8")
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "catalog", "import", str(regional), "--yes"
    )
    assert status == 0, out
    with open_store(StoreLocation.in_dir(data_dir), _keychain()) as store:
        assert catalog_in_use(store).version == "2026.2"


def test_catalog_import_of_a_bad_file_leaves_the_catalog_in_use_as_it_was(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    initialised(capsys, data_dir)
    regional = tmp_path / "regio.json"
    regional.write_text(_regional_catalog_text(), encoding="utf-8")
    assert run(
        capsys, "--data-dir", str(data_dir), "catalog", "import", str(regional), "--yes"
    )[0] == 0
    before = dump_catalog(_catalog(data_dir))
    bad = tmp_path / "kapot.json"
    bad.write_text(_regional_catalog_text("2026.3").replace('"0800 21 17"', '"bel ons"'))
    status, _, err = run(
        capsys, "--data-dir", str(data_dir), "catalog", "import", str(bad), "--yes"
    )
    assert status == 1
    assert "contact.phone" in err
    assert dump_catalog(_catalog(data_dir)) == before


def test_catalog_export_writes_a_file_that_validates(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    initialised(capsys, data_dir)
    target = tmp_path / "export.json"
    assert run(capsys, "--data-dir", str(data_dir), "catalog", "export", str(target))[0] == 0
    assert run(capsys, "catalog", "validate", str(target))[0] == 0


def test_advise_without_a_store_uses_the_default_catalog(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    answers = EXAMPLES / "kapper-tilburg-acute-schulden.json"
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "advise", str(answers))
    assert status == 0
    advice = json.loads(out)
    assert advice["urgent"] is True
    assert advice["routes"][0]["route"] == 2
    assert "R2-ACUTE-DEBT" in {reason["rule_id"] for reason in advice["reasons"]}
    assert 1 <= len(advice["short_list"]) <= 5
    assert advice["short_list"][0] == "over-rood"  # debt help in Midden-Brabant comes first
    assert set(advice["short_list"]) < {item["id"] for item in advice["instruments"]}


def test_advise_reports_a_bad_answers_file_in_dutch(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "antwoorden.json"
    answers.write_text('{"format_version": 1, "business": {"kvk_nummer": "1234"}}')
    status, _, err = run(capsys, "--data-dir", str(data_dir), "advise", str(answers))
    assert status == 1
    assert err.startswith("casedesk: ")
    assert "kvk_nummer" in err


def _regional_catalog_text(version: str = "2026.2") -> str:
    text = dump_catalog(load_default_catalog())
    assert '"version": "2026.1"' in text
    return text.replace('"version": "2026.1"', f'"version": "{version}"', 1)


def _keychain() -> Keychain:
    from casedesk.db.keys import open_keychain

    return open_keychain()


def _catalog(data_dir: Path) -> Catalog:
    with open_store(StoreLocation.in_dir(data_dir), _keychain()) as store:
        return catalog_in_use(store)


def test_plan_writes_a_pdf_and_stores_it_as_a_version(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    initialised(capsys, data_dir)
    run(capsys, "--data-dir", str(data_dir), "demo", "--cases", "2")
    target = tmp_path / "actieplan.pdf"
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "plan", "1", "--out", str(target))
    assert status == 0, out
    assert target.read_bytes().startswith(b"%PDF")
    # Demo dossiers may already hold a plan: each run adds the next version.
    first = int(re.findall(r"\(versie (\d+)\)", out)[0])
    _, again, _ = run(capsys, "--data-dir", str(data_dir), "plan", "1", "--out", str(target))
    assert f"(versie {first + 1})" in again


def test_routekaart_writes_the_regions_routekaart_as_pdf(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    initialised(capsys, data_dir)
    target = tmp_path / "routekaart.pdf"
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "routekaart", "--out", str(target))
    assert status == 0, out
    assert target.read_bytes().startswith(b"%PDF")
    assert out == f"Routekaart geschreven naar {target}.\n"


def test_routekaart_into_a_missing_folder_says_so_in_dutch(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    initialised(capsys, data_dir)
    target = tmp_path / "bestaat-niet" / "routekaart.pdf"
    status, _, err = run(capsys, "--data-dir", str(data_dir), "routekaart", "--out", str(target))
    assert status == 1
    assert "De routekaart kan niet worden opgeslagen" in err
    assert "Kies een andere map" in err


def test_plan_of_an_unknown_case_is_refused_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    initialised(capsys, data_dir)
    target = tmp_path / "actieplan.pdf"
    status, _, err = run(capsys, "--data-dir", str(data_dir), "plan", "404", "--out", str(target))
    assert status == 1
    assert "Dossier 404" in err
    assert not target.exists()


def test_plan_needs_a_case_number(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    with pytest.raises(SystemExit):
        main(["--data-dir", str(data_dir), "plan", "zoe", "--out", "x.pdf"])
    assert "een dossiernummer is een getal" in capsys.readouterr().err


def test_regions_import_refuses_a_file_that_is_not_a_cbs_table(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    initialised(capsys, data_dir)
    wrong = tmp_path / "adressen.csv"
    wrong.write_text("naam;adres\nZoë;Hoofdstraat 1\n", encoding="utf-8")
    status, _, err = run(capsys, "--data-dir", str(data_dir), "regions", "import", str(wrong))
    assert status == 1
    assert "adressen.csv" in err and "kolommen ontbreken" in err


def _table_where_tilburg_moved(tmp_path: Path) -> Path:
    shipped = resource_path("regions", "gemeenten-arbeidsmarktregios.csv")
    text = shipped.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if ",GM0855," in line)
    path = tmp_path / "gemeenten-2027.csv"
    path.write_text(
        text.replace(line, line.replace(",AM26,Midden-Brabant,", ",AM27,Noordoost-Brabant,")),
        encoding="utf-8",
    )
    return path


def test_regions_import_without_yes_shows_the_changes_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    initialised(capsys, data_dir)
    table = _table_where_tilburg_moved(tmp_path)
    status, out, err = run(capsys, "--data-dir", str(data_dir), "regions", "import", str(table))
    assert status == 1
    assert "Gaan naar een andere arbeidsmarktregio (1):" in out
    assert "Tilburg (GM0855): Midden-Brabant (AM26) → Noordoost-Brabant (AM27)" in out
    assert "Herhaal de opdracht dan met --yes" in err
    with open_store(StoreLocation.in_dir(data_dir), open_keychain()) as store:
        assert region_table_in_use(store) == load_default_region_table()


def test_regions_import_with_yes_takes_the_table_into_use(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    initialised(capsys, data_dir)
    table = _table_where_tilburg_moved(tmp_path)
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "regions", "import", str(table), "--yes"
    )
    assert status == 0
    assert "Gemeententabel van 2026 in gebruik" in out
    with open_store(StoreLocation.in_dir(data_dir), open_keychain()) as store:
        tilburg = region_table_in_use(store).municipality(MunicipalityCode("GM0855"))
    assert tilburg is not None and tilburg.region_code == "AM27"


def test_regions_import_refuses_a_one_municipality_table_even_with_yes(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    initialised(capsys, data_dir)  # the counter is Súdwest-Fryslân
    shipped = resource_path("regions", "gemeenten-arbeidsmarktregios.csv").read_text("utf-8")
    lines = shipped.splitlines()
    only_amsterdam = tmp_path / "amsterdam.csv"
    only_amsterdam.write_text(
        "\n".join([lines[0], *(line for line in lines if ",GM0363," in line)]) + "\n",
        encoding="utf-8",
    )
    status, _, err = run(
        capsys, "--data-dir", str(data_dir), "regions", "import", str(only_amsterdam), "--yes"
    )
    assert status == 1
    assert "(GM1900): de gemeente van dit loket" in err
    assert "waarschijnlijk onvolledig" in err


def test_intake_import_makes_a_dossier_from_an_answers_file_and_prints_its_number(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    initialised(capsys, data_dir)
    answers = EXAMPLES / "kapper-tilburg-acute-schulden.json"
    status, out, _ = run(
        capsys, "--data-dir", str(data_dir), "intake", "import", str(answers),
        "--municipality", "Tilburg",
    )  # fmt: skip
    assert status == 0 and out.strip().isdigit()
    case_id = int(out)
    with open_store(StoreLocation.in_dir(data_dir), _keychain()) as store:
        [line] = [
            line for line in IntakeService(store, None).dossier(CaseId(case_id)).log
            if "ingelezen" in line.text
        ]
        assert line.text == "Intake ingelezen uit een antwoordenbestand"
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "cases", "--search", "tilburg")
    assert status == 0 and f"{case_id} " in out and "Tilburg" in out


def test_intake_import_of_a_bad_file_makes_no_dossier(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    initialised(capsys, data_dir)
    answers = tmp_path / "antwoorden.json"
    answers.write_text('{"format_version": 1, "business": {"kvk_nummer": "1234"}}')
    status, _, err = run(capsys, "--data-dir", str(data_dir), "intake", "import", str(answers))
    assert status == 1 and "kvk_nummer" in err
    with open_store(StoreLocation.in_dir(data_dir), _keychain()) as store:
        assert count_matching_cases(store) == 0


def test_cases_lists_number_name_municipality_route_and_status(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    initialised(capsys, data_dir)
    run(capsys, "--data-dir", str(data_dir), "demo", "--cases", "12")
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "cases", "--status", "lopend")
    assert status == 0
    header, *rows = out.splitlines()
    assert header.split() == ["Nummer", "Naam", "Gemeente", "Route", "Status"]
    assert rows and all(row.endswith("Lopend") for row in rows)


def test_cases_says_when_nothing_matches(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    initialised(capsys, data_dir)
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "cases", "--search", "qqqq")
    assert status == 0 and out.splitlines()[-1] == "Geen dossiers gevonden."


def _open_case_id(data_dir: Path) -> int:
    from sqlalchemy import select

    from casedesk.db.models import Case
    from casedesk.domain.case import CaseStatus

    with open_store(StoreLocation.in_dir(data_dir), _keychain()) as store, store.session() as s:
        found = s.scalars(select(Case.id).where(Case.status != CaseStatus.CLOSED)).first()
    assert found is not None
    return found


def test_plan_of_a_closed_case_says_it_is_closed_and_adds_no_version(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from casedesk.domain.closing import Outcome
    from casedesk.domain.followups import local_today
    from casedesk.services.closing import close_case
    from casedesk.services.plan import list_plan_versions

    initialised(capsys, data_dir)
    run(capsys, "--data-dir", str(data_dir), "demo", "--cases", "3")
    case_id = _open_case_id(data_dir)
    now = datetime.now(UTC)
    with open_store(StoreLocation.in_dir(data_dir), _keychain()) as store:
        versions = len(list_plan_versions(store, case_id))
        today = local_today(now)
        close_case(store, case_id, Outcome.BUSINESS_CONTINUED, today, now, confirmed=True)
    target = tmp_path / "actieplan.pdf"
    args = ("--data-dir", str(data_dir), "plan", str(case_id), "--out", str(target))
    status, _, err = run(capsys, *args)
    assert status == 1
    assert f"Dossier {case_id} is afgesloten" in err
    assert "Traceback" not in err
    assert not target.exists()
    with open_store(StoreLocation.in_dir(data_dir), _keychain()) as store:
        assert len(list_plan_versions(store, case_id)) == versions


def test_casedesk_without_a_command_starts_the_app(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import casedesk.cli

    started: list[Path] = []

    def app(_args: object, location: StoreLocation) -> int:
        started.append(location.data_dir)
        return 0

    monkeypatch.setattr(casedesk.cli, "run_app", app)
    assert main(["--data-dir", str(tmp_path)]) == 0
    assert main(["--data-dir", str(tmp_path), "--data-dir", str(tmp_path / "b")]) == 0
    monkeypatch.setenv("CASEDESK_DATA_DIR", str(tmp_path / "c"))
    assert main([]) == 0  # `casedesk` alone, in the folder the administrator set
    assert started == [tmp_path, tmp_path / "b", tmp_path / "c"]


def test_the_program_exits_with_mains_status_and_skips_the_last_full_collection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    import casedesk.cli

    monkeypatch.setattr(casedesk.cli, "main", lambda: 3)
    try:
        with pytest.raises(SystemExit) as exited:
            casedesk.cli.run()
        assert exited.value.code == 3
        assert gc.get_freeze_count() > 0  # what the interpreter's exit need not walk
    finally:
        gc.unfreeze()
