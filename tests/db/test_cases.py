"""The case repository: creating and reading dossiers, and the case list's pages."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from casedesk.db.cases import (
    BusinessData,
    CaseNotFoundError,
    CasePageKey,
    EntrepreneurData,
    count_cases,
    fetch_case_page,
    read_case,
    set_case_status,
    update_entrepreneur,
)
from casedesk.db.models import Case
from casedesk.db.settings_repo import add_caseworker, save_municipalities
from casedesk.domain.case import CaseStatus
from casedesk.domain.intake import full_name
from casedesk.domain.regions import Municipality, MunicipalityCode, RegionCode
from tests.backends import Backend
from tests.db.schema_helpers import add_case, at, transaction


@pytest.fixture
def engine(backend: Backend, tmp_path: Path) -> Engine:
    # The owner on the server: these tests also fill the region's shared tables.
    return backend.new_engine(tmp_path, as_owner=True)


def test_display_name_is_written_the_dutch_way() -> None:
    assert full_name("Zoë", "van 't", "Hoff-Çelik") == "Zoë van 't Hoff-Çelik"
    assert full_name("Jan", "", "Jansen") == "Jan Jansen"


def test_a_created_case_reads_back_whole(engine: Engine) -> None:
    with transaction(engine) as session:
        caseworker = add_caseworker(session, "Sanne de Vries")
        case_id = add_case(
            session, "Zoë", "Hoff-Çelik", tussenvoegsel="van 't", trade_name="Zoë's Bloemen",
            kvk_number="12345678", postcode="1011 AB", place="Amsterdam", actor_id=caseworker,
        )  # fmt: skip
    with transaction(engine) as session:
        core = read_case(session, caseworker, case_id)
    assert core.entrepreneur.display_name == "Zoë van 't Hoff-Çelik"
    assert core.entrepreneur.date_of_birth == date(1980, 5, 17)
    assert core.business == BusinessData(trade_name="Zoë's Bloemen", kvk_number="12345678")
    assert (core.status, core.municipality_code, core.caseworker_id) == (
        CaseStatus.REGISTERED, "GM0363", caseworker,
    )  # fmt: skip


def test_reading_a_missing_case_says_so_in_dutch(engine: Engine) -> None:
    with transaction(engine) as session, pytest.raises(CaseNotFoundError) as raised:
        read_case(session, None, 404)
    assert str(raised.value) == (
        "Dossier 404 bestaat niet (meer). Vernieuw de lijst en kies het dossier opnieuw."
    )


def _set_updated_at(session: Session, case_id: int, day: int) -> None:
    session.execute(update(Case).where(Case.id == case_id).values(updated_at=at(day)))


def test_the_list_shows_the_latest_change_first(engine: Engine) -> None:
    with transaction(engine) as session:
        older = add_case(session, "Jan", "Jansen")
        newer = add_case(session, "Fatma", "Kaya")
        _set_updated_at(session, older, 20)
        _set_updated_at(session, newer, 25)
    with Session(engine) as session:
        page = fetch_case_page(session, "", None, 10)
    assert [row.case_id for row in page] == [newer, older]
    assert page[0].updated_at == at(25)


def test_pages_cover_every_case_once_even_with_equal_timestamps(engine: Engine) -> None:
    with transaction(engine) as session:
        ids = [add_case(session, f"Naam{n}", "Jansen") for n in range(7)]
        for case_id in ids:
            _set_updated_at(session, case_id, 20 if case_id % 2 else 21)
    seen: list[int] = []
    after: CasePageKey | None = None
    with Session(engine) as session:
        while page := fetch_case_page(session, "", after, 3):
            seen.extend(row.case_id for row in page)
            after = CasePageKey.after(page[-1])
    expected = sorted(ids, key=lambda case_id: (20 if case_id % 2 else 21, case_id), reverse=True)
    assert seen == expected


def test_the_list_shows_the_municipality_by_name_when_known(engine: Engine) -> None:
    with transaction(engine) as session:
        amsterdam = Municipality(
            MunicipalityCode("GM0363"), "Amsterdam", RegionCode("AM18"), "Noord-Holland", 2026
        )
        save_municipalities(session, [amsterdam])
        add_case(session, "Jan", "Jansen", municipality_code="GM0363")
        add_case(session, "Piet", "Bakker", municipality_code="GM9999")
    with Session(engine) as session:
        page = fetch_case_page(session, "", None, 10)
    shown = {row.entrepreneur_name: row.municipality for row in page}
    assert shown == {"Jan Jansen": "Amsterdam", "Piet Bakker": "GM9999"}


def test_a_change_moves_the_case_to_the_top(engine: Engine) -> None:
    with transaction(engine) as session:
        first = add_case(session, "Jan", "Jansen")
        second = add_case(session, "Fatma", "Kaya")
        _set_updated_at(session, first, 1)
        _set_updated_at(session, second, 2)
    with transaction(engine) as session:
        set_case_status(session, None, first, CaseStatus.INTAKE)
    with Session(engine) as session:
        page = fetch_case_page(session, "", None, 10)
    assert [(row.case_id, row.status) for row in page] == [
        (first, CaseStatus.INTAKE), (second, CaseStatus.REGISTERED),
    ]  # fmt: skip


def test_count_follows_the_search(engine: Engine) -> None:
    with transaction(engine) as session:
        add_case(session, "Jan", "Jansen")
        add_case(session, "Janneke", "Vos")
        add_case(session, "Fatma", "Kaya")
    with Session(engine) as session:
        assert count_cases(session) == 3
        assert count_cases(session, "jan") == 2
        assert count_cases(session, "kaya") == 1
        assert count_cases(session, "nergens") == 0


def test_changing_an_entrepreneur_to_the_same_data_changes_nothing(engine: Engine) -> None:
    person = EntrepreneurData("Jan", "", "Jansen", date_of_birth=date(1980, 5, 17))
    with transaction(engine) as session:
        case_id = add_case(session, "Jan", "Jansen")
        _set_updated_at(session, case_id, 1)
    with transaction(engine) as session:
        update_entrepreneur(session, None, case_id, person)
    with Session(engine) as session:
        assert session.scalar(select(func.max(Case.updated_at))) == at(1)
