"""A coordinator imports CBS's newer municipality table; the whole app then uses it."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from casedesk.catalog.problems import RegionTableError
from casedesk.catalog.regions import load_default_region_table
from casedesk.db import settings_repo
from casedesk.db.audit import AuditEntry
from casedesk.db.models import AuditEvent
from casedesk.db.store import Store
from casedesk.domain.intake import Entrepreneur, IntakeAnswers
from casedesk.domain.regions import MunicipalityCode
from casedesk.errors import KnownError
from casedesk.resources import resource_path
from casedesk.services.advice import locality_for
from casedesk.services.audit_log import event_text
from casedesk.services.demo.fill import fill_with_demo_cases
from casedesk.services.regions import (
    REGION_TABLE_SETTING,
    REGIONS_IMPORTED,
    apply_region_import,
    import_region_table,
    preview_region_import,
    region_table_in_use,
)
from tests.services.casework_store import add_case, store

pytestmark = pytest.mark.only_sqlite(
    "the owner imports the region's municipality table on a server"
)

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


def table_with_only(tmp_path: Path, *codes: str) -> Path:
    """A CBS table cut down to these municipalities, as a filtered export would be."""
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    kept = [lines[0], *(line for line in lines[1:] if line.split(",")[1] in codes)]
    path = tmp_path / "gefilterd.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def test_a_table_that_drops_municipalities_with_dossiers_is_refused_naming_them(
    store: Store, tmp_path: Path
) -> None:
    add_case(store)
    add_case(store, voornamen="Fatma")
    with store.session() as session:
        stored_before = settings_repo.get_setting(session, REGION_TABLE_SETTING)
    with pytest.raises(KnownError) as refused:
        preview_region_import(store, table_with_only(tmp_path, "GM0363"))
    message = str(refused.value)
    assert "- Tilburg (GM0855): 2 dossiers" in message
    assert "waarschijnlijk onvolledig" in message
    assert region_table_in_use(store) == load_default_region_table()
    with store.session() as session:
        assert settings_repo.get_setting(session, REGION_TABLE_SETTING) == stored_before


def test_the_counters_own_municipality_cannot_be_dropped_even_without_dossiers(
    store: Store, tmp_path: Path
) -> None:
    with pytest.raises(KnownError, match=r"Tilburg \(GM0855\): de gemeente van dit loket"):
        preview_region_import(store, table_with_only(tmp_path, "GM0363"))


def test_the_preview_lists_renamed_and_moved_municipalities(store: Store, tmp_path: Path) -> None:
    lines = preview_region_import(store, newer_table(tmp_path)).changes.lines()
    assert "Krijgen een andere naam (1):" in lines
    assert "  - Tilburg (GM0855) heet voortaan Tilburg-Stad" in lines
    assert "Gaan naar een andere arbeidsmarktregio (1):" in lines
    assert (
        "  - Tilburg (GM0855): Midden-Brabant (AM26) → Noordoost-Brabant (AM27)" in lines
    )
    assert not any(line.startswith(("Nieuw", "Verdwijnen")) for line in lines)
    assert region_table_in_use(store) == load_default_region_table()  # a preview stores nothing


def test_dropping_municipalities_nobody_uses_is_listed_and_allowed(
    store: Store, tmp_path: Path
) -> None:
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    without_vaals = [line for line in lines if ",GM0981," not in line]
    path = tmp_path / "zonder-vaals.csv"
    path.write_text("\n".join(without_vaals) + "\n", encoding="utf-8")
    preview = preview_region_import(store, path)
    assert "Verdwijnen uit de tabel (1):" in preview.changes.lines()
    assert "  - Vaals (GM0981)" in preview.changes.lines()
    apply_region_import(store, preview)
    assert region_table_in_use(store).municipality(MunicipalityCode("GM0981")) is None


def test_an_import_is_written_to_the_audit_log_with_codes_only(
    store: Store, tmp_path: Path
) -> None:
    import_region_table(store, newer_table(tmp_path))
    with store.session() as session:
        (row,) = session.scalars(
            select(AuditEvent).where(AuditEvent.action == REGIONS_IMPORTED)
        ).all()
        entry = AuditEntry(
            row.at, row.actor_id, row.action, row.entity_type, row.entity_id, row.case_id,
            json.loads(row.details_json),
        )
        assert row.actor_id == settings_repo.current_caseworker_id(session)
    assert entry.details["renamed"] == ["GM0855"]
    assert entry.details["moved"] == ["GM0855"]
    assert "Tilburg" not in row.details_json
    assert event_text(entry) == (
        "Gemeententabel van 2026 in gebruik genomen "
        "(0 nieuw, 0 verdwenen, 1 andere naam, 1 naar een andere regio)"
    )


def test_the_table_in_use_again_is_refused_as_nothing_to_do(store: Store) -> None:
    with pytest.raises(KnownError, match="gelijk aan de tabel die al in gebruik is"):
        preview_region_import(store, SHIPPED)
