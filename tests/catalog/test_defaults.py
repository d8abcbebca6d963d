"""The shipped default catalog holds the guide's whole library, as the guide gives it."""

from datetime import date

import pytest

from casedesk.catalog.defaults import DEFAULT_CATALOG_FILE, load_default_catalog
from casedesk.catalog.fileformat import dump_catalog, load_catalog
from casedesk.catalog.regions import load_default_region_table, region_code_for_name
from casedesk.domain.catalog import (
    Condition,
    CostKind,
    Instrument,
    Partner,
    PartnerType,
    Service,
)
from casedesk.domain.regions import Locality, MunicipalityCode, RegionCode
from casedesk.domain.routes import Route
from casedesk.resources import resource_path

GUIDE_DATE = date(2021, 10, 1)

# Section 5 of the guide, in its order, as named there (the zelfstandigenorganisaties are
# one entry per organisation; see docs/catalog-format.md).
GUIDE_INSTRUMENTS = [
    "MKB Diagnosetool",
    "KvK Zwaar weer routewijzer",
    "KvK Adviesteam zwaar weer",
    "Qredits: Toekomstgericht ondernemen",
    "Ondernemersklankbord",
    "NL leert door",
    "Praktijkleren",
    "Dienstverlening door CNV Zelfstandigen",
    "Dienstverlening door FNV Zelfstandigen",
    "Dienstverlening door ONL voor Ondernemers",
    "Dienstverlening door Platform Zelfstandige Ondernemers (PZO)",
    "Dienstverlening door Vereniging van Zelfstandigen Zonder Personeel (VZZP)",
    "Dienstverlening door ZZP Nederland",
    "Dienstverlening door ZZP Netwerk Nederland",
    "Weerbaar uit de crisis",
    "Begeleiding door FCBW en STEW",
    "MKB-noodlijn",
    "Good Company score",
    "Quickscan en coaching door Onderneem Consultancy",
    "Ondersteuning door FBA Adviesgroep",
    "Ondersteuning door De Meent Advies",
    "Analyse en training door VuurKracht",
    "Performance College",
    "Over Rood",
    "Geldfit Zakelijk",
    "De Nederlandse Zaak voor Ondernemers",
    "MKBDoorgaan.nl",
]

# Every phone number and instrument website in section 5, exactly as the guide prints them.
GUIDE_PHONES = {"KvK Adviesteam zwaar weer": "0800 21 17", "MKB-noodlijn": "088 999 0000"}
GUIDE_WEBSITES = {
    "MKB Diagnosetool": "https://www.mkbdiagnosetool.nl/",
    "KvK Zwaar weer routewijzer": (
        "https://www.kvk.nl/advies-en-informatie/zwaar-weer/kvk-zwaar-weer-routewijzer/"
    ),
    "Qredits: Toekomstgericht ondernemen": "https://qredits.nl/toekomstgericht-ondernemen/",
    "Ondernemersklankbord": "https://www.ondernemersklankbord.nl/",
    "NL leert door": "https://www.hoewerktnederland.nl/",
    "Praktijkleren": (
        "https://www.samenvoordeklant.nl/dienstverlening/"
        "werkgevers-en-werkzoekendendienstverlening/praktijkleren"
    ),
    "Dienstverlening door CNV Zelfstandigen": (
        "https://www.cnvvakmensen.nl/campagne/cnv-zelfstandigen"
    ),
    "Dienstverlening door FNV Zelfstandigen": "https://fnvzzp.nl/",
    "Dienstverlening door ONL voor Ondernemers": "http://www.onl.nl/",
    "Dienstverlening door Platform Zelfstandige Ondernemers (PZO)": "http://www.pzo-zzp.nl/",
    "Dienstverlening door Vereniging van Zelfstandigen Zonder Personeel (VZZP)": (
        "http://www.vzzp.nl/"
    ),
    "Dienstverlening door ZZP Nederland": "http://www.zzp-nederland.nl/",
    "Dienstverlening door ZZP Netwerk Nederland": "http://www.zzpnetwerknederland.nl/",
    "Begeleiding door FCBW en STEW": "https://www.fcbvstew.nl/",
    "Good Company score": "https://www.155.nl/",
    "Online hulpmiddelen en ontwikkeladvies van Stichting 155": "http://www.imk.nl/",
    "Ondersteuning door FBA Adviesgroep": "http://www.fba-adviesgroep.nl/",
    "Ondersteuning door De Meent Advies": "https://demeentadvies.nl/",
    "Analyse en training door VuurKracht": "http://www.vuurkracht.nl/",
    "Performance College": (
        "https://www.performancecollege.com/training/tozo_hulp_ondernemerschap"
    ),
    "Over Rood": "http://www.overrood.nl/",
    "Geldfit Zakelijk": "https://geldfit.nl/zakelijk/",
    "De Nederlandse Zaak voor Ondernemers": "http://www.denederlandsezaakvoorondernemers.nl/",
    "MKBDoorgaan.nl": "https://www.mkbdoorgaan.nl/nl",
}

GUIDE_REGIONAL_EXAMPLES = 11
"""Section 3, "Wat zijn goede voorbeelden van aanbod in regio's?": eleven bullets."""


def by_name(name: str) -> Instrument:
    found = [i for i in load_default_catalog().instruments if i.name == name]
    assert len(found) == 1, name
    return found[0]


def test_default_catalog_file_validates_on_its_own() -> None:
    catalog = load_catalog(resource_path(*DEFAULT_CATALOG_FILE))

    assert catalog == load_default_catalog()


def test_default_catalog_file_is_written_as_dump_writes_it() -> None:
    text = resource_path(*DEFAULT_CATALOG_FILE).read_text(encoding="utf-8")

    assert dump_catalog(load_default_catalog()) == text


@pytest.mark.parametrize("name", GUIDE_INSTRUMENTS)
def test_every_instrument_of_the_guide_is_active(name: str) -> None:
    instrument = by_name(name)

    assert instrument.active
    assert instrument.source == "leidraad 2021"


@pytest.mark.parametrize(("name", "phone"), sorted(GUIDE_PHONES.items()))
def test_guide_phone_numbers_are_kept_exactly(name: str, phone: str) -> None:
    assert by_name(name).contact.phone == phone


@pytest.mark.parametrize(("name", "website"), sorted(GUIDE_WEBSITES.items()))
def test_guide_websites_are_kept_exactly(name: str, website: str) -> None:
    assert by_name(name).contact.website == website


def test_guide_entries_carry_the_guide_date_and_show_as_stale() -> None:
    guide_entries = [i for i in load_default_catalog().instruments if i.source == "leidraad 2021"]

    assert {i.last_checked for i in guide_entries} == {GUIDE_DATE}
    assert all(i.is_stale(date(2026, 11, 28)) for i in guide_entries)


def test_regional_examples_are_inactive_templates() -> None:
    templates = [i for i in load_default_catalog().instruments if not i.active]

    assert len(templates) == GUIDE_REGIONAL_EXAMPLES
    assert all(i.id.startswith("regio-") for i in templates)
    assert all(not i.availability.national for i in templates)
    names = {i.name for i in templates}
    assert {"Scholingsvoucher", "Loopbaancoaching", "Expertteam van accountants"} <= names


def test_over_rood_is_offered_in_exactly_the_guides_regions() -> None:
    over_rood = by_name("Over Rood")
    guide_regions = {
        "Amersfoort", "Food Valley", "Gooi- en Vechtstreek", "Gorinchem", "Groot Amsterdam",
        "Haaglanden", "Helmond-De Peel", "Holland Rijnland", "Midden-Brabant",
        "Midden-Gelderland", "Midden-Holland", "Midden-Utrecht", "Noord-Holland Noord",
        "Noordoost-Brabant", "Rijk van Nijmegen", "Rivierenland",
        "Stedendriehoek en Noordwest Veluwe", "West-Brabant", "Zaanstreek/Waterland",
        "Zuid-Holland Centraal", "Zuid-Kennemerland en IJmond", "Zuidoost-Brabant",
    }  # fmt: skip

    assert not over_rood.availability.national
    assert over_rood.availability.regions == {region_code_for_name(n) for n in guide_regions}
    assert over_rood.cost is CostKind.OWN_CONTRIBUTION
    assert "gemeente" in over_rood.caseworker_note


def test_vuurkracht_covers_the_three_northern_provinces_only() -> None:
    vuurkracht = by_name("Analyse en training door VuurKracht")
    table = load_default_region_table()

    covered = {
        m.province
        for m in table.current_municipalities()
        if vuurkracht.availability.covers(table.locality_of(m.code))
    }
    assert covered == {"Groningen", "Fryslân", "Drenthe"}


def test_de_nederlandse_zaak_covers_the_guides_places() -> None:
    zaak = by_name("De Nederlandse Zaak voor Ondernemers")
    table = load_default_region_table()

    def covers(municipality: str) -> bool:
        return zaak.availability.covers(table.locality_of(MunicipalityCode(municipality)))

    provinces = {"Drenthe", "Flevoland", "Fryslân"}
    in_provinces = [m for m in table.current_municipalities() if m.province in provinces]
    assert len(in_provinces) == 36
    assert all(covers(m.code) for m in in_provinces)
    assert covers("GM0599")  # Rotterdam
    assert covers("GM0772")  # Eindhoven
    assert covers("GM0202") and covers("GM0268")  # Arnhem, Nijmegen
    assert not covers("GM0363")  # Amsterdam


def test_geldfit_is_national_with_the_participation_caveat() -> None:
    geldfit = by_name("Geldfit Zakelijk")

    assert geldfit.availability.national
    assert "35 aangesloten gemeenten" in geldfit.caseworker_note


def test_conditions_of_the_guide() -> None:
    assert by_name("Praktijkleren").conditions == {Condition.TOZO_OR_BBZ}
    assert by_name("Performance College").conditions == {Condition.TOZO}
    assert Condition.MEMBERS_ONLY in by_name("Dienstverlening door ZZP Nederland").conditions


def test_costs_as_the_guide_states_them() -> None:
    assert by_name("Qredits: Toekomstgericht ondernemen").cost is CostKind.MUNICIPALITY_PAYS
    assert by_name("Ondernemersklankbord").cost is CostKind.FREE
    assert "tijdelijk gratis" in by_name("Ondernemersklankbord").caseworker_note
    assert by_name("NL leert door").cost is CostKind.FREE
    assert by_name("MKBDoorgaan.nl").cost is CostKind.FREE


def test_diagnosis_tools_fit_the_intake() -> None:
    for name in ("MKB Diagnosetool", "KvK Zwaar weer routewijzer", "Good Company score"):
        assert Service.INTAKE in by_name(name).services


def test_every_route_has_active_national_instruments() -> None:
    active = [i for i in load_default_catalog().instruments if i.active]
    nowhere = Locality(MunicipalityCode("GM0363"), RegionCode("AM18"))

    for route in Route:
        fitting = [
            i
            for i in active
            if Service.for_route(route) in i.services and i.availability.covers(nowhere)
        ]
        assert fitting, route


def test_partner_types_of_section_2_lead_their_routes() -> None:
    catalog = load_default_catalog()
    leads = {p.partner_type: p.leads_routes for p in catalog.partners}

    assert Route.DE_ESCALATION in leads[PartnerType.ZELFSTANDIGENLOKET]
    for partner_type in (PartnerType.WSP, PartnerType.LEERWERKLOKET, PartnerType.RMT):
        assert leads[partner_type] == {Route.EMPLOYMENT}
    assert PartnerType.ENTREPRENEURS_ASSOCIATION in leads
    assert catalog.route_leads[Route.DE_ESCALATION] is PartnerType.ZELFSTANDIGENLOKET
    assert catalog.route_leads[Route.EMPLOYMENT] is PartnerType.WSP


def test_descriptions_are_short_and_address_the_entrepreneur() -> None:
    catalog = load_default_catalog()
    entries: list[Instrument | Partner] = [*catalog.instruments, *catalog.partners]

    for entry in entries:
        assert len(entry.description) <= 330, entry.name
        words = entry.description.replace(".", " ").replace(",", " ").split()
        assert "u" in words or "uw" in words or "U" in words, entry.name


def test_what_the_entrepreneur_reads_holds_no_note_for_caseworkers_or_2021_facts() -> None:
    catalog = load_default_catalog()
    printed = [
        *(text for i in catalog.instruments for text in (i.description, i.cost_note)),
        *(partner.description for partner in catalog.partners),
    ]
    for words in ("leidraad", "kostprijs", "inkopen", "2021", "corona", "Tozo", "Vul in"):
        assert not [text for text in printed if words in text], words


def test_municipal_debt_help_is_a_partner_type_of_its_own_with_the_legal_three_days() -> None:
    [debt_help] = [
        p for p in load_default_catalog().partners if p.partner_type is PartnerType.DEBT_HELP
    ]
    assert debt_help.active
    assert "binnen drie werkdagen" in debt_help.description
