"""Validating, exporting and comparing catalog files, without the store."""

import dataclasses
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.fileformat import dump_catalog, load_catalog, parse_catalog
from casedesk.catalog.problems import CatalogError
from casedesk.catalog.transfer import (
    compare_catalogs,
    export_catalog,
    validate_catalog_file,
)
from casedesk.domain.catalog import InstrumentId, PartnerId, PartnerType
from casedesk.domain.routes import Route
from casedesk.errors import KnownError
from tests.catalog.conftest import TODAY, as_text


def test_validate_reports_counts_and_stale_entries(
    tmp_path: Path, catalog_data: dict[str, Any]
) -> None:
    path = tmp_path / "routekaart.json"
    path.write_text(as_text(catalog_data), encoding="utf-8")

    report = validate_catalog_file(path, today=TODAY)

    assert (report.active_instruments, report.inactive_instruments) == (2, 0)
    assert (report.active_partners, report.inactive_partners) == (1, 0)
    assert report.stale == ("Ondernemersklankbord",)
    assert "Instrumenten: 2 in gebruik, 0 voorbeelden" in report.summary()


def test_validate_warns_when_a_route_lead_has_no_partner(
    tmp_path: Path, catalog_data: dict[str, Any]
) -> None:
    path = tmp_path / "routekaart.json"
    path.write_text(as_text(catalog_data), encoding="utf-8")

    report = validate_catalog_file(path, today=TODAY)

    assert report.warnings == (
        "Route 3 wordt geleid door “werkgeversservicepunt”, maar de catalogus heeft geen "
        "partner van dat soort in gebruik. Voeg zo'n partner toe, of kies bij route_leads "
        "een ander soort partner.",
    )


def test_validate_warns_about_an_instrument_nobody_can_reach_and_says_what_to_fill_in(
    tmp_path: Path, catalog_data: dict[str, Any]
) -> None:
    catalog_data["instruments"][0]["contact"] = {}
    path = tmp_path / "routekaart.json"
    path.write_text(as_text(catalog_data), encoding="utf-8")

    report = validate_catalog_file(path, today=TODAY)

    name = catalog_data["instruments"][0]["name"]
    assert (
        f"“{name}” heeft geen website, telefoonnummer of e-mailadres. Vul er minstens één in, "
        "zodat de ondernemer weet hoe hij het aanbod bereikt."
    ) in report.warnings


def test_the_summary_writes_the_issue_date_in_dutch(
    tmp_path: Path, catalog_data: dict[str, Any]
) -> None:
    catalog_data["issued"] = "2026-11-02"
    path = tmp_path / "routekaart.json"
    path.write_text(as_text(catalog_data), encoding="utf-8")

    report = validate_catalog_file(path, today=TODAY)

    assert "uitgegeven op 2 november 2026." in report.summary()


def test_validate_warns_about_merged_municipalities(
    tmp_path: Path, catalog_data: dict[str, Any]
) -> None:
    catalog_data["instruments"][1]["availability"]["municipalities"] = ["GM0457"]  # Weesp
    path = tmp_path / "routekaart.json"
    path.write_text(as_text(catalog_data), encoding="utf-8")

    report = validate_catalog_file(path, today=TODAY)

    assert any("niet meer bestaan (GM0457)" in warning for warning in report.warnings)


def test_validate_refuses_a_bad_file(tmp_path: Path, catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][0]["contact"]["phone"] = "12"
    path = tmp_path / "routekaart.json"
    path.write_text(as_text(catalog_data), encoding="utf-8")

    with pytest.raises(CatalogError, match="geen geldig telefoonnummer"):
        validate_catalog_file(path, today=TODAY)


def test_default_catalog_validates_with_only_contact_warnings(tmp_path: Path) -> None:
    path = tmp_path / "standaard.json"
    export_catalog(load_default_catalog(), path)

    report = validate_catalog_file(path)

    assert report.active_instruments == 28
    assert report.inactive_instruments == 11
    assert report.active_partners == 7
    assert all("geen website" in warning for warning in report.warnings)


def test_export_writes_a_file_that_reads_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "export.json"

    export_catalog(load_default_catalog(), path)

    assert load_catalog(path) == load_default_catalog()
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_export_replaces_an_existing_file(tmp_path: Path, catalog_data: dict[str, Any]) -> None:
    path = tmp_path / "export.json"
    path.write_text("oud", encoding="utf-8")
    catalog = parse_catalog(as_text(catalog_data), "x.json", today=TODAY)

    export_catalog(catalog, path)

    assert path.read_text(encoding="utf-8") == dump_catalog(catalog)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_failed_export_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    target = folder / "export.json"
    target.write_text("de vorige export", encoding="utf-8")
    folder.chmod(0o500)
    try:
        with pytest.raises(KnownError, match="kan niet worden opgeslagen"):
            export_catalog(load_default_catalog(), target)
    finally:
        folder.chmod(0o700)

    assert target.read_text(encoding="utf-8") == "de vorige export"
    assert [p.name for p in folder.iterdir()] == ["export.json"]


def test_failed_rename_leaves_the_target_and_no_temporary(tmp_path: Path) -> None:
    # A folder in the way makes the final rename fail, also for root (unlike permissions).
    target = tmp_path / "export.json"
    target.mkdir()
    (target / "iets.txt").write_text("blijft", encoding="utf-8")

    with pytest.raises(KnownError, match="Er is niets veranderd"):
        export_catalog(load_default_catalog(), target)

    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]
    assert (target / "iets.txt").read_text(encoding="utf-8") == "blijft"


def test_export_into_missing_folder_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="Kies een andere map"):
        export_catalog(load_default_catalog(), tmp_path / "bestaat-niet" / "export.json")


def test_compare_names_added_removed_and_changed_ids() -> None:
    old = load_default_catalog()
    over_rood = next(i for i in old.instruments if i.id == "over-rood")
    new = dataclasses.replace(
        old,
        version="2026.2",
        instruments=(
            *(
                dataclasses.replace(i, last_checked=date(2026, 11, 1)) if i is over_rood else i
                for i in old.instruments
                if i.id != "mkb-noodlijn"
            ),
            dataclasses.replace(over_rood, id=InstrumentId("over-rood-extra")),
        ),
        partners=old.partners[1:],
    )

    changes = compare_catalogs(old, new)

    assert changes.added_instruments == ("over-rood-extra",)
    assert changes.removed_instruments == ("mkb-noodlijn",)
    assert changes.changed_instruments == ("over-rood",)
    assert changes.removed_partners == (PartnerId("zelfstandigenloket"),)
    assert changes.added_partners == changes.changed_partners == ()
    assert changes.details_changed and not changes.route_leads_changed
    summary = changes.summary(old, new)
    assert "Verdwenen instrumenten (1):\n  - MKB-noodlijn" in summary
    assert "Gewijzigde instrumenten (1):\n  - Over Rood: laatst nagekeken" in summary


def test_compare_sees_changed_route_leads() -> None:
    old = load_default_catalog()
    new = dataclasses.replace(
        old, route_leads={**old.route_leads, Route.STRENGTHEN_BUSINESS: PartnerType.WSP}
    )

    assert compare_catalogs(old, new).route_leads_changed


def test_compare_names_a_change_of_only_the_title() -> None:
    old = load_default_catalog()
    new = dataclasses.replace(old, title="Routekaart Midden-Brabant")

    changes = compare_catalogs(old, new)

    assert changes.summary(old, new) == (
        f"Van versie {old.version} naar versie {new.version}:\n"
        "Alleen de gegevens van de catalogus zelf zijn veranderd "
        "(versie, titel, datum of regio)."
    )


def test_compare_of_equal_catalogs_is_empty() -> None:
    catalog = load_default_catalog()
    copy = parse_catalog(dump_catalog(catalog), "kopie.json")

    changes = compare_catalogs(catalog, copy)

    assert changes.is_empty
    assert changes.summary(catalog, copy) == (
        "De nieuwe catalogus is gelijk aan de catalogus in gebruik."
    )
