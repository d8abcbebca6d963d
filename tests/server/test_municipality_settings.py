"""On the regional server each municipality has its own "Gegevens van de gemeente": a plan
prints those of its dossier's municipality, and a caseworker changes only those of the
municipalities their login works for."""

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from casedesk.db.server.store import ServerRefusedError
from casedesk.domain.municipality import MunicipalitySettings
from casedesk.plan.samples import SAMPLE_MUNICIPALITY
from casedesk.services.inzage import make_inzage
from casedesk.services.municipality_settings import (
    EditableMunicipalities,
    editable_municipalities,
    load_municipality_settings,
    save_municipality_settings,
)
from casedesk.services.plan import render_case_plan
from casedesk.services.routekaart import render_routekaart_of_store
from tests.plan.pdf_tools import pdf_text, squeeze
from tests.server.region import Region

TILBURG = "GM0855"
DONGEN = "GM0766"
NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)

TILBURGS = replace(
    SAMPLE_MUNICIPALITY, name="Gemeente Tilburg", address="Stadhuisplein 130, Tilburg",
    phone="14 013",
)  # fmt: skip
DONGENS = replace(
    SAMPLE_MUNICIPALITY, name="Gemeente Dongen", address="Hoge Ham 62, Dongen",
    phone="0162 383 200",
)  # fmt: skip


@dataclass(frozen=True)
class Logins:
    """Tess works for Tilburg, Dirk for Dongen, Mira for both; the region's counter is
    Tilburg. Tess and Dirk saved their municipality's details."""

    region: Region
    tess: str
    dirk: str
    mira: str


@pytest.fixture(scope="module")
def logins(region: Region) -> Logins:
    region.save_region_settings(TILBURG)
    made = Logins(
        region,
        region.add_caseworker("tess", TILBURG),
        region.add_caseworker("dirk", DONGEN),
        region.add_caseworker("mira", TILBURG, DONGEN),
    )
    with region.store_as(made.tess) as store:
        save_municipality_settings(store, TILBURGS, TILBURG)
    with region.store_as(made.dirk) as store:
        save_municipality_settings(store, DONGENS, DONGEN)
    return made


def test_each_caseworker_finds_their_own_municipalitys_details(logins: Logins) -> None:
    with logins.region.store_as(logins.tess) as store:
        assert load_municipality_settings(store) == TILBURGS
    with logins.region.store_as(logins.dirk) as store:
        assert load_municipality_settings(store) == DONGENS


def test_a_plan_of_mira_prints_the_letterhead_of_the_dossiers_own_municipality(
    logins: Logins,
) -> None:
    dongen_case = logins.region.add_dossier(logins.mira, DONGEN, "Jansen")
    tilburg_case = logins.region.add_dossier(logins.mira, TILBURG, "Smits")
    with logins.region.store_as(logins.mira) as store:
        dongen_plan = squeeze(pdf_text(render_case_plan(store, dongen_case, now=NOW).pdf))
        tilburg_plan = squeeze(pdf_text(render_case_plan(store, tilburg_case, now=NOW).pdf))
    assert squeeze("Hoge Ham 62, Dongen") in dongen_plan
    assert squeeze("Stadhuisplein") not in dongen_plan
    assert squeeze("Stadhuisplein 130, Tilburg") in tilburg_plan
    assert squeeze("Hoge Ham") not in tilburg_plan


def test_the_inzage_of_a_dossier_names_its_own_municipality(
    logins: Logins, tmp_path: Path
) -> None:
    case_id = logins.region.add_dossier(logins.mira, DONGEN, "Bakker")
    with logins.region.store_as(logins.mira) as store:
        files = make_inzage(store, case_id, tmp_path, now=NOW)
    text = squeeze(pdf_text(files.pdf.read_bytes()))
    assert squeeze("Gemeente Dongen") in text
    assert squeeze("Gemeente Tilburg") not in text


def test_a_caseworker_of_two_municipalities_may_change_both_the_counter_first(
    logins: Logins,
) -> None:
    with logins.region.store_as(logins.mira) as store:
        assert editable_municipalities(store) == EditableMunicipalities(
            ((DONGEN, "Dongen"), (TILBURG, "Tilburg")), TILBURG
        )


def test_without_the_counter_the_login_edits_its_own_municipality(logins: Logins) -> None:
    with logins.region.store_as(logins.dirk) as store:
        assert editable_municipalities(store) == EditableMunicipalities(
            ((DONGEN, "Dongen"),), DONGEN
        )


def test_saving_for_one_of_two_municipalities_leaves_the_other_as_it_was(
    logins: Logins,
) -> None:
    nina = logins.region.add_caseworker("nina", TILBURG, DONGEN)
    with logins.region.store_as(nina) as store:
        save_municipality_settings(store, replace(DONGENS, phone="0162 000 000"), DONGEN)
        try:
            assert load_municipality_settings(store, DONGEN).phone == "0162 000 000"
            assert load_municipality_settings(store, TILBURG) == TILBURGS
        finally:
            save_municipality_settings(store, DONGENS, DONGEN)


def test_tilburg_cannot_overwrite_dongens_details_and_is_told_so_in_dutch(
    logins: Logins,
) -> None:
    with (
        logins.region.store_as(logins.tess) as store,
        pytest.raises(ServerRefusedError, match="geen toegang"),
    ):
        save_municipality_settings(store, replace(TILBURGS, name="Overgenomen"), DONGEN)
    with logins.region.store_as(logins.dirk) as store:
        assert load_municipality_settings(store) == DONGENS


def test_tilburg_reads_nothing_of_dongens_details(logins: Logins) -> None:
    with logins.region.store_as(logins.tess) as store:
        assert load_municipality_settings(store, DONGEN) == MunicipalitySettings()


def test_a_coordinator_prints_the_routekaart_without_any_municipalitys_details(
    logins: Logins,
) -> None:
    coordinator = logins.region.add_coordinator("cora")
    with logins.region.store_as(coordinator) as store:
        assert load_municipality_settings(store) == MunicipalitySettings()
        routekaart = pdf_text(render_routekaart_of_store(store, NOW.date()))
    assert "Stadhuisplein" not in routekaart and "Hoge Ham" not in routekaart
