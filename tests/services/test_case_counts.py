"""Counting the dossiers a search finds, capped so a large store is never counted through."""

from sqlalchemy import update

from casedesk.db.models import Case
from casedesk.db.store import Store
from casedesk.domain.case import CaseFilter, CaseStatus
from casedesk.services.cases import case_page_source, count_matching_cases
from tests.services.casework_store import add_case, store

__all__ = ["store"]


def test_a_capped_count_stops_one_past_the_cap(store: Store) -> None:
    for surname in ("Çelik", "Jansen", "de Vries", "Bakker"):
        add_case(store, achternaam=surname)
    assert count_matching_cases(store, "") == 4
    assert count_matching_cases(store, "", at_most=2) == 3
    assert count_matching_cases(store, "jansen", at_most=2) == 1


def test_the_filters_keep_open_closed_or_the_caseworkers_own_dossiers(store: Store) -> None:
    mine, closed, nobodys = (add_case(store, achternaam=name) for name in ("Jan", "Bak", "Smit"))
    with store.transaction() as session:
        session.execute(update(Case).where(Case.id == closed).values(status=CaseStatus.CLOSED))
        session.execute(update(Case).where(Case.id == nobodys).values(caseworker_id=None))

    def shown(case_filter: CaseFilter) -> set[int]:
        return {case.case_id for case in case_page_source(store, case_filter)("", None, 50)}

    assert shown(CaseFilter.CLOSED) == {closed}
    assert shown(CaseFilter.OPEN) == {mine, nobodys}
    assert shown(CaseFilter.MINE) == {mine}
    assert count_matching_cases(store, "", 100, CaseFilter.CLOSED) == 1
    assert count_matching_cases(store, "", None, CaseFilter.MINE) == 1


def test_the_plan_made_filter_keeps_the_dossiers_with_a_plan_that_are_not_yet_lopend(
    store: Store,
) -> None:
    planned, running, new = (add_case(store, achternaam=name) for name in ("Jan", "Bak", "Smit"))
    with store.transaction() as session:
        session.execute(update(Case).where(Case.id == planned).values(status=CaseStatus.PLAN_MADE))
        session.execute(update(Case).where(Case.id == running).values(status=CaseStatus.ACTIVE))
    listed = case_page_source(store, CaseFilter.PLAN_MADE)("", None, 50)
    assert [(case.case_id, case.status.label) for case in listed] == [(planned, "Plan gemaakt")]
    assert count_matching_cases(store, "", None, CaseFilter.PLAN_MADE) == 1
    assert new not in {case.case_id for case in listed}
