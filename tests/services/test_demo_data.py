from datetime import datetime

from casedesk.domain.case import CaseStatus
from casedesk.domain.regions import Municipality, MunicipalityCode, RegionCode
from casedesk.domain.routes import Route
from casedesk.services.demo.data import generate_demo_cases

NOW = datetime(2026, 11, 27, 14, 5)
MUNICIPALITIES = [
    Municipality(MunicipalityCode("GM0855"), "Tilburg", RegionCode("AM26"), "Noord-Brabant", 2026),
    Municipality(
        MunicipalityCode("GM1900"), "Súdwest-Fryslân", RegionCode("AM02"), "Fryslân", 2026
    ),
]


def test_demo_cases_cover_every_status_and_route() -> None:
    cases = list(generate_demo_cases(40, MUNICIPALITIES, now=NOW))
    assert {c.status for c in cases} == set(CaseStatus)
    assert {c.route for c in cases} == {None, *Route}


def test_demo_names_carry_diacritics_and_tussenvoegsels() -> None:
    cases = list(generate_demo_cases(2_000, MUNICIPALITIES, now=NOW))
    full_names = " ".join(f"{c.voornamen} {c.tussenvoegsel} {c.achternaam}" for c in cases)
    assert any(ch in full_names for ch in "ëïöüçéÖÇ")
    assert any(c.tussenvoegsel == "van 't" for c in cases)


def test_demo_kvk_numbers_are_unique_eight_digit_numbers() -> None:
    numbers = [c.kvk_number for c in generate_demo_cases(5_000, MUNICIPALITIES, now=NOW)]
    assert all(len(n) == 8 and n.isdigit() for n in numbers)
    assert len(set(numbers)) == len(numbers)


def test_demo_data_is_reproducible_from_its_seed() -> None:
    first = list(generate_demo_cases(50, MUNICIPALITIES, now=NOW, seed=7))
    again = list(generate_demo_cases(50, MUNICIPALITIES, now=NOW, seed=7))
    assert first == again


def test_demo_dates_never_lie_in_the_future() -> None:
    for case in generate_demo_cases(1_000, MUNICIPALITIES, now=NOW):
        assert case.created_at <= case.updated_at <= NOW


def test_only_dutch_surnames_get_a_tussenvoegsel() -> None:
    foreign = {"Özdemir", "Yılmaz", "Kaya", "Şahin", "Sørensen", "Müller", "Çelik"}
    for case in generate_demo_cases(2_000, MUNICIPALITIES, now=NOW):
        assert not (case.tussenvoegsel and case.achternaam in foreign), case


def test_last_changes_are_spread_out_so_the_list_is_realistic() -> None:
    cases = list(generate_demo_cases(1_000, MUNICIPALITIES, now=NOW))
    newest_minute = NOW.replace(second=0)
    assert sum(c.updated_at >= newest_minute for c in cases) <= 5
