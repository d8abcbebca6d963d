"""The municipality's settings: saved whole, loaded back, and a bad logo refused, on the
laptop's store and on the regional server."""

import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from casedesk.db.data_store import DataStore
from casedesk.db.keys import Keychain
from casedesk.domain.municipality import MunicipalitySettings
from casedesk.plan.samples import SAMPLE_MUNICIPALITY, sample_logo_png
from casedesk.services.municipality_settings import (
    EditableMunicipalities,
    LogoError,
    check_logo,
    editable_municipalities,
    load_municipality_settings,
    save_municipality_settings,
)
from tests.backends import Backend

TILBURG = "GM0855"

SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain, backend: Backend) -> Iterator[DataStore]:
    """The laptop's store, or the server as Fatma, who works for every municipality and
    whose region's counter is Tilburg (GM0855)."""
    with backend.new_store(tmp_path / "data", keychain) as opened:
        yield opened


def _jpeg() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(output, format="JPEG")
    return output.getvalue()


def test_png_jpeg_and_svg_logos_are_accepted() -> None:
    assert check_logo(sample_logo_png()) == "png"
    assert check_logo(_jpeg()) == "jpeg"
    assert check_logo(SVG) == "svg"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leeg"),
        (b"GIF89a" + b"\0" * 100, "geen PNG-, JPEG- of SVG-afbeelding"),
        (b"%PDF-1.7 hallo", "geen PNG-, JPEG- of SVG-afbeelding"),
        (sample_logo_png()[:200], "beschadigd of onvolledig"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>", "SVG-bestand is beschadigd"),
        (b"<?xml version='1.0'?><html/>", "geen PNG-, JPEG- of SVG-afbeelding"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * (3 * 1024 * 1024), "groter dan 2 MB"),
    ],
)
def test_bad_logo_files_are_refused_with_a_dutch_reason(data: bytes, message: str) -> None:
    with pytest.raises(LogoError, match=message):
        check_logo(data)


def test_a_tiny_logo_is_refused() -> None:
    output = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(output, format="PNG")
    with pytest.raises(LogoError, match="te klein"):
        check_logo(output.getvalue())


def test_settings_come_back_as_saved(store: DataStore) -> None:
    abroad = "0515 489 000"
    settings = replace(SAMPLE_MUNICIPALITY, logo=sample_logo_png(), phone_from_abroad=abroad)
    save_municipality_settings(store, settings)
    assert load_municipality_settings(store) == settings


def test_a_new_store_has_empty_settings(store: DataStore) -> None:
    assert load_municipality_settings(store) == MunicipalitySettings()


def test_a_bad_logo_changes_nothing_stored(store: DataStore) -> None:
    save_municipality_settings(store, SAMPLE_MUNICIPALITY)
    with pytest.raises(LogoError):
        save_municipality_settings(
            store, replace(SAMPLE_MUNICIPALITY, name="Nieuwe naam", logo=b"geen logo")
        )
    assert load_municipality_settings(store) == SAMPLE_MUNICIPALITY


def test_removing_the_logo_is_kept(store: DataStore) -> None:
    save_municipality_settings(store, replace(SAMPLE_MUNICIPALITY, logo=sample_logo_png()))
    save_municipality_settings(store, SAMPLE_MUNICIPALITY)
    assert load_municipality_settings(store).logo is None


def test_details_saved_without_a_municipality_are_those_plans_of_the_counter_print(
    store: DataStore,
) -> None:
    save_municipality_settings(store, SAMPLE_MUNICIPALITY)
    assert load_municipality_settings(store, TILBURG) == SAMPLE_MUNICIPALITY


@pytest.mark.only_sqlite("a server login has its municipalities: tests/server")
def test_a_laptop_has_one_set_of_details_and_nothing_to_choose(store: DataStore) -> None:
    assert editable_municipalities(store) == EditableMunicipalities()
