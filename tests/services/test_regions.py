"""A coordinator imports CBS's newer municipality table; the whole app then uses it."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from casedesk.catalog.problems import RegionTableError
from casedesk.catalog.regions import load_default_region_table
from casedesk.db import settings_repo
from casedesk.db.store import Store
from casedesk.domain.intake import Entrepreneur, IntakeAnswers
from casedesk.domain.regions import MunicipalityCode
from casedesk.resources import resource_path
from casedesk.services.advice import locality_for
from casedesk.services.demo import fill_with_demo_cases
from casedesk.services.regions import import_region_table, region_table_in_use
from tests.services.casework_store import store

__all__ = ["store"]

SHIPPED = resource_path("regions", "gemeenten-arbeidsmarktregios.csv")
TILBURG = MunicipalityCode("GM0855")


def newer_table(tmp_path: Path) -> Path:
    """The shipped table where Tilburg moved to Noordoost-Brabant (AM27) and was renamed."""
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    changed = [
        line.replace("Tilburg,GM0855", "Tilburg-Stad,GM0855").replace(
            ",AM26,Midden-Brabant,", ",AM27,Noordoost-Brabant,"
        )
        if ",GM0855," in line
        else line
        for line in lines
    ]
    assert changed != lines
    path = tmp_path / "gemeenten-2027.csv"
    path.write_text("\n".join(changed) + "\n", encoding="utf-8")
    return path


def test_a_store_uses_the_shipped_table_until_a_newer_one_is_imported(store: Store) -> None:
    assert region_table_in_use(store) == load_default_region_table()


def test_an_imported_table_decides_the_region_of_the_advice(
    store: Store, tmp_path: Path
) -> None:
    result = import_region_table(store, newer_table(tmp_path))
    assert "gemeenten" in result.summary
    answers = IntakeAnswers(entrepreneur=Entrepreneur(municipality_code=TILBURG))
    locality = locality_for(answers, None, region_table_in_use(store))
    assert locality.region_code == "AM27"


def test_an_imported_table_renames_municipalities_in_the_case_list(
    store: Store, tmp_path: Path
) -> None:
    import_region_table(store, newer_table(tmp_path))
    with store.session() as session:
        assert settings_repo.municipality_name(session, TILBURG) == "Tilburg-Stad"


def test_demo_cases_keep_the_names_of_an_imported_table(store: Store, tmp_path: Path) -> None:
    import_region_table(store, newer_table(tmp_path))
    fill_with_demo_cases(store, 20, datetime(2026, 11, 27, 9, 30, tzinfo=UTC))
    with store.session() as session:
        assert settings_repo.municipality_name(session, TILBURG) == "Tilburg-Stad"


def test_a_broken_table_is_refused_with_its_line_and_the_table_in_use_stays(
    store: Store, tmp_path: Path
) -> None:
    broken = tmp_path / "kapot.csv"
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    lines[3] = "Ergens,GMXXXX,2026"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RegionTableError, match="regel 4"):
        import_region_table(store, broken)
    assert region_table_in_use(store) == load_default_region_table()
