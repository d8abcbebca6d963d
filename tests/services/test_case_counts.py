"""Counting the dossiers a search finds, capped so a large store is never counted through."""

from casedesk.db.store import Store
from casedesk.services.cases import count_matching_cases
from tests.services.casework_store import add_case, store

__all__ = ["store"]


def test_a_capped_count_stops_one_past_the_cap(store: Store) -> None:
    for surname in ("Çelik", "Jansen", "de Vries", "Bakker"):
        add_case(store, achternaam=surname)
    assert count_matching_cases(store, "") == 4
    assert count_matching_cases(store, "", at_most=2) == 3
    assert count_matching_cases(store, "jansen", at_most=2) == 1
