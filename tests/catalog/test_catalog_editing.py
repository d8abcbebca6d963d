"""Changing a catalog entry by entry, checked as a file import checks it."""

import dataclasses
from datetime import date
from typing import Any

import pytest

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.entry_checks import entry_findings
from casedesk.catalog.fileformat import dump_catalog, parse_catalog
from casedesk.catalog.regions import load_default_region_table
from casedesk.catalog.transfer import compare_catalogs
from casedesk.domain.catalog import (
    Availability,
    Catalog,
    Contact,
    InstrumentId,
    PartnerId,
    PartnerType,
)
from casedesk.domain.catalog_edit import (
    EntryGoneError,
    VersionDetails,
    by_last_checked,
    issue_version,
    lead_loss_reason,
    mark_checked,
    next_version,
    remove_entry,
    route_lead_problems,
    routes_without_lead,
    save_entry,
    with_route_leads,
)
from casedesk.domain.regions import RegionCode
from casedesk.domain.routes import Route
from tests.catalog.conftest import TODAY, as_text

REGIONS = load_default_region_table()


def test_an_edited_entry_takes_the_place_of_the_old_one() -> None:
    catalog = load_default_catalog()
    first = catalog.instruments[0]
    changed = save_entry(catalog, dataclasses.replace(first, name="Nieuwe naam"))
    assert changed.instruments[0].name == "Nieuwe naam"
    assert len(changed.instruments) == len(catalog.instruments)


def test_an_entry_with_a_corrected_id_leaves_no_copy_behind() -> None:
    catalog = load_default_catalog()
    first = catalog.instruments[0]
    renamed = dataclasses.replace(first, id=InstrumentId("mkb-diagnose"))
    changed = save_entry(catalog, renamed, replaces=first.id)
    assert [i.id for i in changed.instruments].count(first.id) == 0
    assert changed.instruments[0] == renamed


def test_a_new_entry_goes_at_the_end() -> None:
    catalog = load_default_catalog()
    new = dataclasses.replace(catalog.partners[0], id=PartnerId("wsp-twente"), name="WSP Twente")
    assert save_entry(catalog, new).partners[-1] == new


def test_marking_checked_dates_only_the_chosen_entries() -> None:
    catalog = load_default_catalog()
    first, second = catalog.instruments[:2]
    changed = mark_checked(catalog, [first.id], date(2026, 12, 1))
    assert changed.instruments[0].last_checked == date(2026, 12, 1)
    assert changed.instruments[1].last_checked == second.last_checked


def test_the_work_list_puts_the_longest_unchecked_first() -> None:
    catalog = mark_checked(load_default_catalog(), ["over-rood"], date(2027, 1, 4))
    entries = by_last_checked(catalog)
    dates = [entry.last_checked for entry in entries]
    assert dates == sorted(dates)
    assert entries[-1].id == "over-rood"


def test_version_numbers_count_up_within_a_year_and_restart_in_a_new_one() -> None:
    assert next_version("2026.1", date(2026, 12, 1)) == "2026.2"
    assert next_version("2026.9", date(2027, 1, 4)) == "2027.1"
    assert next_version("v7", date(2026, 12, 1)) == "v8"
    assert next_version("2026-12", date(2026, 12, 1)) == "2026.1"
    assert next_version("eerste", date(2026, 12, 1)) == "2026.1"


def test_an_issued_version_carries_its_date_and_author() -> None:
    details = VersionDetails("  Ingrid de Vries ", "Routekaart Twente", RegionCode("AM05"))
    issued = issue_version(load_default_catalog(), details, date(2026, 12, 1))
    again = parse_catalog(dump_catalog(issued), "uitgifte.json", today=date(2026, 12, 1))
    assert (again.version, again.issued, again.author, again.title, again.region) == (
        "2026.2",
        date(2026, 12, 1),
        "Ingrid de Vries",
        "Routekaart Twente",
        "AM05",
    )


def test_a_partner_address_is_written_and_read_back() -> None:
    catalog = load_default_catalog()
    partner = dataclasses.replace(catalog.partners[0], address="Postbus 1200\n7500 AB  Enschede")
    text = dump_catalog(save_entry(catalog, partner))
    assert parse_catalog(text, "k.json").partners[0].address == "Postbus 1200\n7500 AB  Enschede"


def test_a_version_2_file_without_author_or_address_still_reads(
    catalog_data: dict[str, Any],
) -> None:
    catalog_data["format_version"] = 2
    catalog = parse_catalog(as_text(catalog_data), "oud.json", today=TODAY)
    assert catalog.author == ""
    assert catalog.partners[0].address == ""


def test_a_good_entry_has_no_findings() -> None:
    catalog = load_default_catalog()
    assert entry_findings(catalog, catalog.instruments[0], REGIONS, TODAY) == {}


def test_entry_findings_name_the_field_and_say_what_to_do() -> None:
    catalog = load_default_catalog()
    broken = dataclasses.replace(
        catalog.instruments[0],
        name="",
        contact=Contact(website="www.zonder-https.nl", phone="12", email="geen adres"),
        last_checked=date(2027, 1, 1),
    )
    findings = entry_findings(catalog, broken, REGIONS, TODAY)
    assert findings["name"] == ["dit veld mag niet leeg zijn."]
    assert "Begin met https://" in findings["contact.website"][0]
    assert "geen geldig telefoonnummer" in findings["contact.phone"][0]
    assert "geen geldig e-mailadres" in findings["contact.email"][0]
    assert "in de toekomst" in findings["last_checked"][0]


def test_entry_findings_check_region_codes_against_the_cbs_table() -> None:
    catalog = load_default_catalog()
    broken = dataclasses.replace(
        catalog.instruments[0],
        availability=Availability(national=False, regions=frozenset({RegionCode("AM99")})),
    )
    findings = entry_findings(catalog, broken, REGIONS, TODAY)
    assert "arbeidsmarktregio AM99 bestaat niet" in findings["availability.regions"][0]


def test_a_local_offer_with_no_place_is_refused_at_national() -> None:
    catalog = load_default_catalog()
    broken = dataclasses.replace(catalog.instruments[0], availability=Availability(national=False))
    findings = entry_findings(catalog, broken, REGIONS, TODAY)
    assert "geen regio's of gemeenten" in findings["availability.national"][0]


def test_a_new_entry_may_not_take_an_id_in_use() -> None:
    catalog = load_default_catalog()
    copy = dataclasses.replace(catalog.instruments[1], id=catalog.instruments[0].id)
    findings = entry_findings(catalog, copy, REGIONS, TODAY, replaces="nieuw")
    assert findings["id"] == [
        f"het id “{copy.id}” wordt al gebruikt. Elk instrument en elke partner heeft een eigen id."
    ]


def test_the_import_preview_names_the_changed_fields() -> None:
    old = load_default_catalog()
    first = old.instruments[0]
    new = save_entry(
        old, dataclasses.replace(first, description="Andere tekst.", cost_note="Gratis.")
    )
    changes = compare_catalogs(old, new)
    assert changes.changed_fields == {
        first.id: ("tekst voor de ondernemer", "uitleg over de kosten")
    }
    assert (
        f"Gewijzigde instrumenten (1):\n  - {first.name}: tekst voor de ondernemer, "
        "uitleg over de kosten" in changes.summary(old, new)
    )


def _without(catalog: Catalog, entry_id: str) -> str | None:
    """Why removing ``entry_id`` is refused (a route loses its lead), or None."""
    return lead_loss_reason(
        catalog, remove_entry(catalog, entry_id), REGIONS, "Het kan niet worden verwijderd"
    )


def test_a_removed_entry_is_gone_and_the_rest_stays_in_order() -> None:
    catalog = load_default_catalog()
    second = catalog.instruments[1]
    changed = remove_entry(catalog, second.id)
    assert changed.instruments == catalog.instruments[:1] + catalog.instruments[2:]
    assert changed.partners == catalog.partners


def test_removing_an_entry_that_is_not_there_says_nothing_changed() -> None:
    with pytest.raises(EntryGoneError, match="Er is niets veranderd"):
        remove_entry(load_default_catalog(), "bestaat-niet")


def test_removing_the_only_lead_partner_of_a_route_is_refused_with_what_to_do() -> None:
    assert _without(load_default_catalog(), "werkgeversservicepunt") == (
        "Het kan niet worden verwijderd: dan heeft Route 3 geen partner meer die de regie "
        "heeft (soort “Werkgeversservicepunt (WSP)”, in gebruik in de regio). Voeg eerst een "
        "andere partner van dat soort toe, of kies bij Regie per route een ander soort partner "
        "voor Route 3."
    )


def test_a_lead_partner_leading_two_routes_names_both() -> None:
    reason = _without(load_default_catalog(), "zelfstandigenloket")
    assert reason is not None
    assert "dan hebben Route 1 en Route 2 geen partner meer" in reason


def test_a_lead_partner_may_go_when_another_of_its_type_stays() -> None:
    catalog = load_default_catalog()
    wsp = catalog.partner(PartnerId("werkgeversservicepunt"))
    assert wsp is not None
    second = dataclasses.replace(wsp, id=PartnerId("wsp-twente"), name="WSP Twente")
    assert _without(save_entry(catalog, second), "werkgeversservicepunt") is None


def test_a_partner_that_leads_nothing_may_go() -> None:
    assert _without(load_default_catalog(), "sociaal-domein") is None


def test_in_a_regional_catalog_a_lead_partner_must_work_in_that_region() -> None:
    catalog = load_default_catalog()
    wsp = catalog.partner(PartnerId("werkgeversservicepunt"))
    assert wsp is not None
    elsewhere = dataclasses.replace(
        wsp,
        id=PartnerId("wsp-twente"),
        availability=Availability(national=False, regions=frozenset({RegionCode("AM05")})),
    )
    regional = dataclasses.replace(save_entry(catalog, elsewhere), region=RegionCode("AM26"))
    reason = _without(regional, "werkgeversservicepunt")
    assert reason is not None and "Route 3" in reason


def test_a_route_that_had_no_lead_already_does_not_block_another_removal() -> None:
    catalog = with_route_leads(load_default_catalog(), {Route.EMPLOYMENT: PartnerType.MARKET_PARTY})
    assert routes_without_lead(catalog, REGIONS) == (Route.EMPLOYMENT,)
    assert _without(catalog, "mkb-diagnosetool") is None


def test_a_route_may_be_led_by_another_type_that_has_a_partner() -> None:
    catalog = load_default_catalog()
    leads = {Route.EMPLOYMENT: PartnerType.LEERWERKLOKET}
    assert route_lead_problems(catalog, leads, REGIONS) == {}
    changed = with_route_leads(catalog, leads)
    assert changed.lead_type(Route.EMPLOYMENT) is PartnerType.LEERWERKLOKET
    assert changed.lead_type(Route.DE_ESCALATION) is PartnerType.ZELFSTANDIGENLOKET


def test_a_route_lead_without_a_partner_of_that_type_is_refused_in_dutch() -> None:
    problems = route_lead_problems(
        load_default_catalog(), {Route.EMPLOYMENT: PartnerType.MARKET_PARTY}, REGIONS
    )
    assert problems == {
        Route.EMPLOYMENT: "Route 3 kan niet worden geleid door “Marktpartij”: de catalogus "
        "heeft geen partner van dat soort in gebruik in de regio. Voeg eerst zo'n partner "
        "toe, of kies een ander soort."
    }


def test_new_route_leads_survive_the_file() -> None:
    changed = with_route_leads(
        load_default_catalog(), {Route.EMPLOYMENT: PartnerType.LEERWERKLOKET}
    )
    assert parse_catalog(dump_catalog(changed), "x", REGIONS, today=date.max) == changed
