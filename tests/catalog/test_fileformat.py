"""The catalog file: every bad file a coordinator can make gets field, line and reason."""

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from casedesk.catalog.fileformat import (
    FORMAT_VERSION,
    MAX_FILE_BYTES,
    dump_catalog,
    load_catalog,
    parse_catalog,
)
from casedesk.catalog.problems import MAX_LISTED_PROBLEMS, CatalogError, Problem
from casedesk.catalog.schema import catalog_schema
from casedesk.domain.catalog import (
    Availability,
    Catalog,
    Condition,
    Contact,
    CostKind,
    Form,
    Instrument,
    InstrumentId,
    PartnerType,
    Service,
    Topic,
)
from casedesk.domain.regions import MunicipalityCode, RegionCode
from casedesk.domain.routes import Route
from casedesk.errors import KnownError
from tests.catalog.conftest import TODAY, as_text, line_of


def problems_of(text: str, name: str = "routekaart.json") -> tuple[Problem, ...]:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, name, today=TODAY)
    return caught.value.problems


def only_problem(text: str) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, problems
    return problems[0]


# --- good files ---------------------------------------------------------------------------


def test_valid_file_builds_the_catalog(catalog_data: dict[str, Any]) -> None:
    catalog = parse_catalog(as_text(catalog_data), "routekaart.json", today=TODAY)

    assert catalog.version == "2026.2"
    assert catalog.region == RegionCode("AM18")
    assert catalog.issued == date(2026, 11, 1)
    assert catalog.route_leads[Route.EMPLOYMENT] is PartnerType.WSP
    debt_help = catalog.instruments[1]
    assert debt_help.conditions == {Condition.TOZO_OR_BBZ}
    assert debt_help.availability.municipalities == {MunicipalityCode("GM0363")}
    assert debt_help.contact.phone == "020 255 2910"
    assert catalog.partners[0].leads_routes == {Route.STRENGTHEN_BUSINESS, Route.DE_ESCALATION}


def test_optional_fields_may_be_left_out(catalog_data: dict[str, Any]) -> None:
    instrument = catalog_data["instruments"][0]
    del instrument["conditions"], instrument["active"], instrument["cost"]["note"]
    instrument["contact"] = {}
    del catalog_data["region"]

    catalog = parse_catalog(as_text(catalog_data), "routekaart.json", today=TODAY)

    parsed = catalog.instruments[0]
    assert (parsed.conditions, parsed.active, parsed.cost_note) == (frozenset(), True, "")
    assert parsed.contact == Contact()
    assert catalog.region is None


def test_dump_then_parse_gives_the_same_catalog(catalog_data: dict[str, Any]) -> None:
    catalog = parse_catalog(as_text(catalog_data), "routekaart.json", today=TODAY)

    assert parse_catalog(dump_catalog(catalog), "kopie.json", today=TODAY) == catalog


def test_a_version_1_file_is_read_and_its_caseworker_cost_notes_move_aside(
    catalog_data: dict[str, Any],
) -> None:
    catalog_data["format_version"] = 1
    catalog_data["instruments"][0]["cost"]["note"] = (
        "De leidraad noemt geen kosten. Vraag de aanbieder wat het kost. Gemeenten kunnen "
        "de training inkopen tegen kostprijs."
    )
    instrument = parse_catalog(as_text(catalog_data), "oud.json", today=TODAY).instruments[0]
    assert instrument.cost_note == "Vraag de aanbieder wat het kost."
    assert instrument.caseworker_note == (
        "De leidraad noemt geen kosten. Gemeenten kunnen de training inkopen tegen kostprijs."
    )


def test_caseworker_notes_are_written_and_read_back(catalog_data: dict[str, Any]) -> None:
    catalog_data["format_version"] = 2
    catalog_data["instruments"][0]["caseworker_note"] = "Alleen via de regio aan te vragen."
    catalog_data["partners"][0]["caseworker_note"] = "Vraag naar Ingrid."
    catalog = parse_catalog(as_text(catalog_data), "routekaart.json", today=TODAY)
    again = parse_catalog(dump_catalog(catalog), "kopie.json", today=TODAY)
    assert again.instruments[0].caseworker_note == "Alleen via de regio aan te vragen."
    assert again.partners[0].caseworker_note == "Vraag naar Ingrid."
    assert json.loads(dump_catalog(catalog))["format_version"] == FORMAT_VERSION == 3


def test_dump_is_stable_and_sorts_sets() -> None:
    instrument = Instrument(
        id=InstrumentId("voorbeeld"),
        name="Voorbeeld",
        provider="Gemeente",
        description="Uitleg.",
        services=frozenset({Service.ROUTE_3, Service.INTAKE, Service.ROUTE_1}),
        topics=frozenset({Topic.STOPPING, Topic.COACHING}),
        availability=Availability(False, frozenset({RegionCode("AM18"), RegionCode("AM06")})),
        cost=CostKind.PAID,
        cost_note="€ 25 per maand",
        forms=frozenset({Form.ONLINE, Form.GROUP}),
        contact=Contact("https://example.nl/", "088 999 0000", "info@example.nl"),
        source="regio",
        last_checked=date(2026, 1, 5),
    )
    catalog = Catalog("1", "Test", date(2026, 1, 5), (instrument,), (), region=None)

    text = dump_catalog(catalog)

    assert text == dump_catalog(parse_catalog(text, "x.json", today=TODAY))
    data = json.loads(text)["instruments"][0]
    assert data["services"] == ["intake", "route1", "route3"]
    assert data["availability"]["regions"] == ["AM06", "AM18"]
    assert "€ 25 per maand" in text  # written as UTF-8, not as \u escapes


def test_schema_lists_exactly_the_values_of_the_domain_enums() -> None:
    definitions = catalog_schema()["$defs"]
    instrument = definitions["instrument"]["properties"]

    assert set(instrument["services"]["items"]["enum"]) == {s.value for s in Service}
    assert set(instrument["topics"]["items"]["enum"]) == {t.value for t in Topic}
    assert set(instrument["conditions"]["items"]["enum"]) == {c.value for c in Condition}
    assert set(instrument["forms"]["items"]["enum"]) == {f.value for f in Form}
    assert set(instrument["cost"]["properties"]["kind"]["enum"]) == {c.value for c in CostKind}
    assert set(definitions["partner_type"]["enum"]) == {t.value for t in PartnerType}


# --- bad files: one realistic mistake each ----------------------------------------------------

SYNTAX_ERROR_AT_LINE_12 = """{
  "format": "casedesk-catalog",
  "format_version": 1,
  "version": "2026.2",
  "issued": "2026-11-01",
  "route_leads": {"1": "zelfstandigenloket", "2": "zelfstandigenloket",
                  "3": "werkgeversservicepunt"},
  "instruments": [
    {
      "id": "ondernemersklankbord",
      "name": "Ondernemersklankbord"
      "provider": "Ondernemersklankbord"
    }
  ],
  "partners": []
}
"""


def test_json_syntax_error_names_line_and_column_in_dutch() -> None:
    problem = only_problem(SYNTAX_ERROR_AT_LINE_12)

    assert (problem.line, problem.column) == (12, 7)
    assert "ontbreekt een komma" in problem.reason


def test_json_syntax_error_message_names_the_file() -> None:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(SYNTAX_ERROR_AT_LINE_12, "routekaart-2026.json", today=TODAY)

    message = str(caught.value)
    assert isinstance(caught.value, KnownError)
    assert message.startswith("Het catalogusbestand “routekaart-2026.json” is niet ingelezen")
    assert "regel 12, kolom 7: JSON-opmaak: hier ontbreekt een komma" in message


def test_trailing_comma_is_explained() -> None:
    text = '{\n  "format": "casedesk-catalog",\n  "partners": [],\n}\n'

    problem = only_problem(text)

    assert problem.line == 4
    assert "komma te veel" in problem.reason


def test_missing_required_field_names_entry_and_line(catalog_data: dict[str, Any]) -> None:
    del catalog_data["instruments"][1]["provider"]
    text = as_text(catalog_data)

    problem = only_problem(text)

    assert problem.field == "instruments[1].provider (“Schuldhulp voor ondernemers”)"
    # A missing field has no line; the entry's opening brace (just above its id) is shown.
    assert problem.line == line_of(text, '"id": "schuldhulp-amsterdam"') - 1
    assert problem.reason == "dit verplichte veld ontbreekt."


def test_unknown_region_code_is_refused_with_its_line(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][1]["availability"]["regions"] = ["AM18", "AM04"]
    text = as_text(catalog_data)

    problem = only_problem(text)

    assert problem.field == "instruments[1].availability.regions[1] (“Schuldhulp voor ondernemers”)"
    assert problem.line == line_of(text, '"AM04"')
    assert "arbeidsmarktregio AM04 bestaat niet" in problem.reason


def test_unknown_municipality_code_is_refused(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][1]["availability"]["municipalities"] = ["GM9999"]
    text = as_text(catalog_data)

    problem = only_problem(text)

    assert problem.line == line_of(text, '"GM9999"')
    assert "gemeentecode GM9999 bestaat niet" in problem.reason


def test_badly_written_region_code_gets_the_pattern_explained(catalog_data: dict[str, Any]) -> None:
    catalog_data["region"] = "AM6"

    problem = only_problem(as_text(catalog_data))

    assert problem.field == "region"
    assert "AM gevolgd door twee cijfers" in problem.reason


def test_phone_number_that_does_not_parse_is_refused(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][1]["contact"]["phone"] = "020 255"
    text = as_text(catalog_data)

    problem = only_problem(text)

    assert problem.field == "instruments[1].contact.phone (“Schuldhulp voor ondernemers”)"
    assert problem.line == line_of(text, '"020 255"')
    assert "“020 255” is geen geldig telefoonnummer" in problem.reason


def test_belgian_number_with_country_code_is_accepted(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][1]["contact"]["phone"] = "+32 2 555 12 12"

    catalog = parse_catalog(as_text(catalog_data), "routekaart.json", today=TODAY)

    assert catalog.instruments[1].contact.phone == "+32 2 555 12 12"


def test_duplicate_ids_are_refused_at_the_second_use(catalog_data: dict[str, Any]) -> None:
    catalog_data["partners"][0]["id"] = "ondernemersklankbord"
    text = as_text(catalog_data)

    problem = only_problem(text)

    assert problem.field == "partners[0].id (“Zelfstandigenloket Amsterdam”)"
    assert problem.line == line_of(text, '"id": "ondernemersklankbord"', occurrence=2)
    assert "al gebruikt bij instruments[0]" in problem.reason


def test_future_last_checked_is_refused(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][0]["last_checked"] = "2027-01-01"
    text = as_text(catalog_data)

    problem = only_problem(text)

    assert problem.field == "instruments[0].last_checked (“Ondernemersklankbord”)"
    assert problem.line == line_of(text, '"2027-01-01"')
    assert "ligt in de toekomst" in problem.reason


def test_impossible_date_is_refused(catalog_data: dict[str, Any]) -> None:
    catalog_data["issued"] = "2026-02-30"

    problem = only_problem(as_text(catalog_data))

    assert problem.field == "issued"
    assert "geen bestaande datum" in problem.reason


def test_an_instrument_without_services_is_refused(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][0]["services"] = []

    problem = only_problem(as_text(catalog_data))

    assert problem.field == "instruments[0].services (“Ondernemersklankbord”)"
    assert problem.reason == "deze lijst is leeg. Zet er minstens één waarde in."


def test_date_in_another_notation_is_refused(catalog_data: dict[str, Any]) -> None:
    catalog_data["issued"] = "1-11-2026"

    problem = only_problem(as_text(catalog_data))

    assert "JJJJ-MM-DD" in problem.reason


def test_website_without_scheme_is_refused(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][0]["contact"]["website"] = "www.ondernemersklankbord.nl"

    problem = only_problem(as_text(catalog_data))

    assert problem.field.startswith("instruments[0].contact.website")
    assert "Begin met https://" in problem.reason


def test_bad_email_is_refused(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][1]["contact"]["email"] = "ondernemers@amsterdam"

    problem = only_problem(as_text(catalog_data))

    assert problem.field.startswith("instruments[1].contact.email")
    assert problem.reason == (
        "“ondernemers@amsterdam” is geen geldig e-mailadres. Schrijf het adres zoals "
        "info@voorbeeld.nl, zonder spaties."
    )


def test_unknown_enum_value_lists_the_choices(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][0]["services"] = ["route4"]

    problem = only_problem(as_text(catalog_data))

    assert problem.field.startswith("instruments[0].services[0]")
    assert '"route4" is geen toegestane waarde' in problem.reason
    assert '"intake"' in problem.reason


def test_each_missing_field_is_named_once(catalog_data: dict[str, Any]) -> None:
    catalog_data["route_leads"] = {}

    problems = problems_of(as_text(catalog_data))

    assert [(p.field, p.reason) for p in problems] == [
        (f"route_leads.{route}", "dit verplichte veld ontbreekt.") for route in ("1", "2", "3")
    ]


def test_misspelled_field_is_named(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][0]["descripton"] = catalog_data["instruments"][0].pop("description")

    problems = problems_of(as_text(catalog_data))

    reasons = {p.field.split(" ")[0]: p.reason for p in problems}
    assert reasons["instruments[0].descripton"].startswith("dit veld is onbekend")
    assert reasons["instruments[0].description"] == "dit verplichte veld ontbreekt."


def test_wrong_type_is_explained(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][0]["active"] = "ja"

    problem = only_problem(as_text(catalog_data))

    assert problem.reason == 'hier hoort true of false, maar er staat "ja".'


def test_national_offer_with_regions_is_contradictory(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][0]["availability"]["regions"] = ["AM18"]

    problem = only_problem(as_text(catalog_data))

    assert problem.field.startswith("instruments[0].availability.national")
    assert "landelijk" in problem.reason


def test_active_offer_available_nowhere_is_refused(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][1]["availability"] = {"national": False}

    problem = only_problem(as_text(catalog_data))

    assert "geen regio's of gemeenten" in problem.reason


def test_inactive_template_may_be_available_nowhere_yet(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][1]["availability"] = {"national": False}
    catalog_data["instruments"][1]["active"] = False

    catalog = parse_catalog(as_text(catalog_data), "routekaart.json", today=TODAY)

    assert catalog.instruments[1].availability == Availability(national=False)


def test_duplicate_key_is_refused() -> None:
    text = as_text({"format": "casedesk-catalog"}).replace(
        '"format"', '"title": "A",\n  "title": "B",\n  "format"'
    )

    problems = problems_of(text)

    duplicate = [p for p in problems if "twee keer" in p.reason]
    assert [p.line for p in duplicate] == [3]


def test_newer_format_version_asks_to_update_casedesk(catalog_data: dict[str, Any]) -> None:
    catalog_data["format_version"] = FORMAT_VERSION + 1
    catalog_data["new_field_of_a_later_version"] = True

    with pytest.raises(CatalogError) as caught:
        parse_catalog(as_text(catalog_data), "routekaart.json", today=TODAY)

    message = str(caught.value)
    assert len(caught.value.problems) == 1
    assert f"formaatversie {FORMAT_VERSION + 1}" in message
    assert "Werk casedesk bij" in message


def test_empty_file_is_refused() -> None:
    assert only_problem("\n").reason.startswith("het bestand is leeg")


def test_file_of_another_kind_is_refused_in_one_sentence() -> None:
    problem = only_problem(json.dumps({"name": "iets anders"}))

    assert "dit is geen casedesk-catalogus" in problem.reason


def test_all_problems_are_reported_at_once(catalog_data: dict[str, Any]) -> None:
    catalog_data["instruments"][0]["contact"]["phone"] = "bel ons"
    catalog_data["instruments"][1]["availability"]["regions"] = ["AM99"]
    del catalog_data["partners"][0]["type"]
    text = as_text(catalog_data)

    problems = problems_of(text)

    assert len(problems) == 3
    assert [p.line for p in problems] == sorted(p.line or 0 for p in problems)


def test_message_lists_at_most_twenty_problems(catalog_data: dict[str, Any]) -> None:
    template = catalog_data["instruments"][0]
    catalog_data["instruments"] = [
        {**template, "id": f"item-{n}", "last_checked": "2099-01-01"} for n in range(25)
    ]

    with pytest.raises(CatalogError) as caught:
        parse_catalog(as_text(catalog_data), "routekaart.json", today=TODAY)

    message = str(caught.value)
    assert len(caught.value.problems) == 25
    assert message.count("\n- regel") == MAX_LISTED_PROBLEMS
    assert "en nog 5 andere problemen" in message


# --- files on disk ----------------------------------------------------------------------------


def test_load_reads_a_file_with_byte_order_mark(
    tmp_path: Path, catalog_data: dict[str, Any]
) -> None:
    path = tmp_path / "routekaart.json"
    path.write_bytes(b"\xef\xbb\xbf" + as_text(catalog_data).encode("utf-8"))

    assert load_catalog(path, today=TODAY).title == catalog_data["title"]


def test_missing_file_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path / "weg.json")

    assert caught.value.problems[0].reason == (
        f"het bestand bestaat niet ({tmp_path / 'weg.json'}). Kijk of de naam en de map kloppen."
    )


def test_far_too_big_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing written

    with pytest.raises(CatalogError) as caught:
        load_catalog(path, today=TODAY)

    assert caught.value.problems[0].reason == (
        "het bestand is veel te groot. Is dit het goede bestand?"
    )


def test_a_field_written_twice_in_one_block_is_refused(catalog_data: dict[str, Any]) -> None:
    text = as_text(catalog_data).replace(
        '"title": ', '"title": "Oude titel",\n  "title": ', 1
    )

    problem = only_problem(text)

    assert problem.field == "title"
    assert problem.reason == (
        "dit veld staat twee keer in hetzelfde blok; alleen de laatste telt. Laat er één staan."
    )


def test_file_in_another_encoding_is_refused(tmp_path: Path, catalog_data: dict[str, Any]) -> None:
    catalog_data["title"] = "Heroriëntatie"
    path = tmp_path / "routekaart.json"
    path.write_bytes(as_text(catalog_data).encode("cp1252"))

    with pytest.raises(CatalogError) as caught:
        load_catalog(path, today=TODAY)

    assert caught.value.problems[0].line == line_of(as_text(catalog_data), "Heroriëntatie")
    assert "geen UTF-8-tekst" in str(caught.value)


def test_example_in_the_format_documentation_is_valid() -> None:
    document = Path(__file__).resolve().parents[2] / "docs" / "catalog-format.md"
    text = document.read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]

    catalog = parse_catalog(example, "catalog-format.md", today=TODAY)

    assert [i.name for i in catalog.instruments] == ["Over Rood"]


def test_folder_instead_of_file_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="dit is een map, geen bestand"):
        load_catalog(tmp_path)


def test_nan_is_refused_as_a_value(catalog_data: dict[str, Any]) -> None:
    text = as_text(catalog_data).replace('"version": "2026.2"', '"version": NaN')

    problem = only_problem(text)

    assert problem.field == "version"
    assert problem.reason == "hier hoort een tekst tussen aanhalingstekens, maar er staat NaN."


@pytest.mark.parametrize("depth", [600, 100_000])
def test_absurdly_nested_file_is_refused(depth: int) -> None:
    problem = only_problem("[" * depth + "]" * depth)

    assert "te diep" in problem.reason
