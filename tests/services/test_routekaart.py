"""The routekaart printed from a store: its catalog, its region, its sender."""

from datetime import date
from pathlib import Path

from casedesk.db.keys import Keychain
from casedesk.domain.municipality import MunicipalitySettings
from casedesk.services.municipality_settings import save_municipality_settings
from casedesk.services.routekaart import render_routekaart_of_store, routekaart_of_store
from tests.plan.pdf_tools import pdf_text
from tests.stores import new_store

TODAY = date(2026, 12, 1)


def test_the_routekaart_is_of_the_counters_region(tmp_path: Path, keychain: Keychain) -> None:
    with new_store(tmp_path / "opslag", keychain, municipality_code="GM0153") as store:
        assert routekaart_of_store(store, TODAY).region_name == "Arbeidsmarktregio Twente"


def test_without_the_municipalitys_details_the_counter_signs_it(
    tmp_path: Path, keychain: Keychain
) -> None:
    with new_store(tmp_path / "opslag", keychain, municipality_code="GM0153") as store:
        assert pdf_text(render_routekaart_of_store(store, TODAY)).startswith("Gemeente Enschede")


def test_the_municipalitys_own_details_head_the_routekaart(
    tmp_path: Path, keychain: Keychain
) -> None:
    with new_store(tmp_path / "opslag", keychain, municipality_code="GM0153") as store:
        save_municipality_settings(
            store, MunicipalitySettings(name="Centrumgemeente Enschede", phone="14 053")
        )
        text = pdf_text(render_routekaart_of_store(store, TODAY))
        assert text.startswith("Centrumgemeente Enschede\n14 053")
