"""The CBS region table, the guide's region names and finding a municipality."""

from pathlib import Path

import pytest

from casedesk.catalog.problems import RegionTableError
from casedesk.catalog.regions import (
    current_regions,
    find_municipality,
    load_default_region_table,
    load_region_table,
    parse_region_table,
    region_aliases,
    region_code_for_name,
)
from casedesk.domain.regions import MunicipalityCode, RegionCode
from casedesk.errors import KnownError
from casedesk.resources import resource_path

HEADER = "name,code,year,corop_code,corop,region_code,region,province_code,province\n"
AMSTERDAM = "Amsterdam,GM0363,2026,CR23,Groot-Amsterdam,AM18,Groot Amsterdam,PV27,Noord-Holland\n"
WEESP = "Weesp,GM0457,2022,CR24,Het Gooi en Vechtstreek,AM18,Groot Amsterdam,PV27,Noord-Holland\n"
ZWOLLE = "Zwolle,GM0193,2026,CR11,Noord-Overijssel,AM36,Regio Zwolle,PV23,Overijssel\n"

# Every region name the guide (leidraad 2021) uses: Over Rood's list, section 5.
GUIDE_REGION_NAMES = {
    "Amersfoort": "AM14",
    "Food Valley": "AM38",
    "Gooi- en Vechtstreek": "AM12",
    "Gorinchem": "AM35",
    "Groot Amsterdam": "AM18",
    "Haaglanden": "AM21",
    "Helmond-De Peel": "AM32",
    "Holland Rijnland": "AM19",
    "Midden-Brabant": "AM26",
    "Midden-Gelderland": "AM07",
    "Midden-Holland": "AM20",
    "Midden-Utrecht": "AM13",
    "Noord-Holland Noord": "AM15",
    "Noordoost-Brabant": "AM27",
    "Rijk van Nijmegen": "AM08",
    "Rivierenland": "AM10",
    "Stedendriehoek en Noordwest Veluwe": "AM06",
    "West-Brabant": "AM25",
    "Zaanstreek/Waterland": "AM17",
    "Zuid-Holland Centraal": "AM34",
    "Zuid-Kennemerland en IJmond": "AM37",
    "Zuidoost-Brabant": "AM28",
    "Zuid-Limburg": "AM30",
}


def test_default_table_has_the_35_current_regions() -> None:
    table = load_default_region_table()

    assert len(current_regions(table)) == 35
    assert table.region(RegionCode("AM38")) is not None
    assert table.region(RegionCode("AM04")) is None


def test_default_table_has_every_current_municipality_once() -> None:
    table = load_default_region_table()

    current = table.current_municipalities()
    assert table.current_year == 2026
    assert len(current) == 342
    assert len({m.code for m in table.municipalities}) == len(table.municipalities)


def test_merged_municipality_resolves_by_its_last_year() -> None:
    table = load_default_region_table()

    weesp = table.municipality(MunicipalityCode("GM0457"))

    assert weesp is not None
    assert (weesp.last_year, weesp.region_code) == (2022, "AM18")
    assert table.locality_of(MunicipalityCode("GM0457")).region_code == "AM18"


@pytest.mark.parametrize(("name", "code"), sorted(GUIDE_REGION_NAMES.items()))
def test_every_region_name_of_the_guide_resolves(name: str, code: str) -> None:
    assert region_code_for_name(name) == code


def test_every_alias_points_at_an_existing_region() -> None:
    table = load_default_region_table()

    assert all(table.region(code) is not None for code in region_aliases().values())


def test_region_can_be_named_by_its_code() -> None:
    assert region_code_for_name("am06") == "AM06"


def test_unknown_region_name_is_a_dutch_known_error() -> None:
    with pytest.raises(KnownError) as caught:
        region_code_for_name("Noord-Nederland")

    message = str(caught.value)
    assert message.startswith("De arbeidsmarktregio “Noord-Nederland” is onbekend.")
    assert "FoodValley" in message


def test_similar_but_different_name_is_not_guessed() -> None:
    with pytest.raises(KnownError):
        region_code_for_name("Midden Utrechtt")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Súdwest-Fryslân", "GM1900"),
        ("sudwest fryslan", "GM1900"),
        ("  AMSTERDAM ", "GM0363"),
        ("'s-Hertogenbosch", "GM0796"),
        ("gm0363", "GM0363"),
        ("Weesp", "GM0457"),
    ],
)
def test_find_municipality_ignores_case_and_accents(typed: str, expected: str) -> None:
    found = find_municipality(load_default_region_table(), typed)

    assert found is not None
    assert found.code == expected


def test_find_municipality_returns_none_for_unknown_name() -> None:
    assert find_municipality(load_default_region_table(), "Amsterdm") is None


def test_newer_table_can_be_imported(tmp_path: Path) -> None:
    path = tmp_path / "gemeenten-2027.csv"
    path.write_text(HEADER + AMSTERDAM.replace("2026", "2027") + ZWOLLE + WEESP, encoding="utf-8")

    table = load_region_table(path)

    assert table.current_year == 2027
    assert [m.name for m in table.current_municipalities()] == ["Amsterdam"]
    assert {r.code for r in table.regions} == {"AM18", "AM36"}


def test_packaged_table_loads_through_the_import_path() -> None:
    table = load_region_table(resource_path("regions", "gemeenten-arbeidsmarktregios.csv"))

    assert table == load_default_region_table()


def test_broken_row_is_refused_with_line_and_reason(tmp_path: Path) -> None:
    broken = "Zwolle,GM193,2026,CR11,Noord-Overijssel,AM36,Regio Zwolle,PV23,Overijssel\n"
    path = tmp_path / "gemeenten.csv"
    path.write_text(HEADER + AMSTERDAM + broken + WEESP, encoding="utf-8")

    with pytest.raises(RegionTableError) as caught:
        load_region_table(path)

    assert [(p.line, p.field) for p in caught.value.problems] == [(3, "kolom code")]
    message = str(caught.value)
    assert "De gemeentetabel “gemeenten.csv” is niet ingelezen" in message
    assert "regel 3: kolom code: “GM193” is geen CBS-gemeentecode" in message
    assert "Gebruik de CBS-tabel met de kolommen" in message


def test_every_broken_row_is_reported() -> None:
    rows = [
        "Amsterdam,GM0363,twintig,CR23,x,AM18,Groot Amsterdam,PV27,Noord-Holland\n",
        "Zwolle,GM0193,2026,CR11,x,Zwolle,Regio Zwolle,PV23,Overijssel\n",
        ",GM0457,2022,CR24,x,AM18,Groot Amsterdam,PV27,Noord-Holland\n",
        "Extra,GM0001,2026,CR1,x,AM18,Groot Amsterdam,PV27,Noord-Holland,te veel\n",
    ]

    with pytest.raises(RegionTableError) as caught:
        parse_region_table(HEADER + "".join(rows), "gemeenten.csv")

    assert [(p.line, p.field) for p in caught.value.problems] == [
        (2, "kolom year"),
        (3, "kolom region_code"),
        (4, "kolom name"),
        (5, "regel"),
    ]


def test_region_code_with_two_names_in_one_year_is_refused() -> None:
    shifted = "Zwolle,GM0193,2026,CR11,Noord-Overijssel,AM18,Regio Zwolle,PV23,Overijssel\n"

    with pytest.raises(RegionTableError) as caught:
        parse_region_table(HEADER + AMSTERDAM + shifted, "gemeenten.csv")

    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (3, "kolom region")
    assert "maar op regel 2 “Groot Amsterdam”" in problem.reason


def test_duplicate_municipality_code_names_the_first_line() -> None:
    with pytest.raises(RegionTableError, match="staat ook al op regel 2"):
        parse_region_table(HEADER + AMSTERDAM + AMSTERDAM, "gemeenten.csv")


def test_table_without_required_column_is_refused() -> None:
    with pytest.raises(RegionTableError) as caught:
        parse_region_table("naam,code\nAmsterdam,GM0363\n", "gemeenten.csv")

    assert "deze kolommen ontbreken: name, year, region_code, region, province" in str(caught.value)


def test_empty_table_is_refused() -> None:
    with pytest.raises(RegionTableError, match="geen gemeenten"):
        parse_region_table(HEADER, "gemeenten.csv")


def test_missing_table_file_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(RegionTableError, match="bestaat niet"):
        load_region_table(tmp_path / "weg.csv")
