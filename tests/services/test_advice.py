"""Advice for an answers file (``casedesk advise FILE``): a bad file or code is refused in Dutch."""

import re
from datetime import date
from pathlib import Path

import pytest

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.intake import Entrepreneur, IntakeAnswers
from casedesk.domain.regions import MunicipalityCode, RegionCode
from casedesk.errors import KnownError
from casedesk.services.advice import advise_answers_file, locality_for

TODAY = date(2026, 11, 28)


def _advise(path: Path) -> None:
    advise_answers_file(path, load_default_catalog(), "GM0855", TODAY)


def test_a_missing_answers_file_is_named_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match=re.escape("bestaat niet. Controleer de naam.")):
        _advise(tmp_path / "antwoorden.json")


def test_an_answers_file_that_is_not_utf8_says_how_to_save_it(tmp_path: Path) -> None:
    path = tmp_path / "antwoorden.json"
    path.write_bytes('{"channel": "één"}'.encode("cp1252"))
    with pytest.raises(KnownError, match=re.escape("is geen UTF-8-tekst. Sla het op als UTF-8")):
        _advise(path)


def test_a_folder_instead_of_an_answers_file_says_what_to_choose(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match=r"kan niet worden gelezen .*Kies een bestand"):
        _advise(tmp_path)


def test_an_unknown_municipality_code_is_refused_with_an_example(tmp_path: Path) -> None:
    answers = IntakeAnswers(entrepreneur=Entrepreneur(municipality_code=MunicipalityCode("GM9999")))
    with pytest.raises(KnownError, match=re.escape("De gemeentecode “GM9999” is onbekend")):
        locality_for(answers, "GM0855")


def test_without_an_own_municipality_the_counters_region_is_used() -> None:
    locality = locality_for(IntakeAnswers(), "GM0855")
    assert locality.region_code == RegionCode("AM26")
    assert locality.municipality_code == MunicipalityCode("GM0855")
