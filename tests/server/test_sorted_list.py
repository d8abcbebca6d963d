"""The case list sorted by a column on the regional server, as on the laptop: the
caseworker's own municipality's dossiers in that column's order, page after page."""

from datetime import UTC, date, datetime, timedelta

from casedesk.db.bulk import DemoCaseRow, insert_cases
from casedesk.domain.case import CaseOrder, CaseSortKey, CaseStatus
from casedesk.services.cases import case_page_source
from tests.server.region import Region

AMSTERDAM = "GM0363"
UTRECHT = "GM0344"
ROTTERDAM = "GM0599"
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _row(surname: str, code: str, minutes: int) -> DemoCaseRow:
    return DemoCaseRow(
        voornamen="Jan", tussenvoegsel="", achternaam=surname, date_of_birth=date(1980, 1, 1),
        trade_name=f"Klus {surname}", kvk_number=None, postcode="1011 AB", place="Amsterdam",
        municipality_code=code, region_code="AM18", status=CaseStatus.INTAKE, primary_route=None,
        created_at=START, updated_at=START + timedelta(minutes=minutes),
    )  # fmt: skip


def test_a_caseworker_on_the_server_sorts_the_list_by_name_page_after_page(
    region: Region,
) -> None:
    login = region.add_caseworker("sanne", AMSTERDAM)
    surnames = ["Visser", "Kok", "de Boer", "Aalders", "Bakker"]
    engine = region.owner_engine()
    try:
        with engine.begin() as connection:
            insert_cases(
                connection,
                [_row(name, AMSTERDAM, n) for n, name in enumerate(surnames)]
                + [_row("Abbas", UTRECHT, 9)],
            )
    finally:
        engine.dispose()
    with region.store_as(login) as store:
        fetch = case_page_source(store, order=CaseOrder(CaseSortKey.NAME, False))
        first = fetch("", None, 3)
        second = fetch("", first[-1], 3)
    names = [case.entrepreneur_name for case in first + second]
    assert names == ["Jan Aalders", "Jan Bakker", "Jan de Boer", "Jan Kok", "Jan Visser"]


def test_a_name_with_an_accented_first_letter_sorts_with_its_plain_letter_on_the_server(
    region: Region,
) -> None:
    login = region.add_caseworker("ilse", ROTTERDAM)
    surnames = ["Visser", "Özkan", "Oosterhuis", "Élias", "Evers", "Pauw", "Ozturk"]
    engine = region.owner_engine()
    try:
        with engine.begin() as connection:
            insert_cases(connection, [_row(name, ROTTERDAM, n) for n, name in enumerate(surnames)])
    finally:
        engine.dispose()
    with region.store_as(login) as store:
        fetch = case_page_source(store, order=CaseOrder(CaseSortKey.NAME, False))
        first = fetch("", None, 4)
        second = fetch("", first[-1], 4)
    names = [case.entrepreneur_name.removeprefix("Jan ") for case in first + second]
    assert names == ["Élias", "Evers", "Oosterhuis", "Özkan", "Ozturk", "Pauw", "Visser"]
