"""How many dossiers use a catalog entry, asked before the coordinator removes it; the
same count on both stores."""

from datetime import date

from casedesk.db import settings_repo
from casedesk.db.data_store import DataStore
from casedesk.domain.case import CaseId
from casedesk.domain.catalog import InstrumentId
from casedesk.domain.catalog_edit import DossierUse
from casedesk.domain.referrals import ReferralDraft
from casedesk.services.catalog_editing import CatalogEditor
from casedesk.services.intake import IntakeService
from casedesk.services.referrals import create_referral
from tests.services.casework_store import NOW, add_case, store

__all__ = ["store"]

TODAY = date(2026, 11, 27)


def _choose(store: DataStore, case_id: int, *instrument_ids: str) -> None:
    with store.session() as session:
        actor_id = settings_repo.current_caseworker_id(session)
    service = IntakeService(store, actor_id, today=lambda: TODAY, now=lambda: NOW)
    service.choose_instruments(CaseId(case_id), [InstrumentId(i) for i in instrument_ids])


def _refer(store: DataStore, case_id: int, partner_id: str, partner_name: str) -> None:
    draft = ReferralDraft(
        partner_name=partner_name,
        request_text="Hulp bij een baan in loondienst",
        referred_on=TODAY,
        partner_id=partner_id,
    )
    create_referral(store, case_id, draft, NOW)


def test_an_instrument_chosen_in_two_dossiers_is_in_use_in_two(store: DataStore) -> None:
    _choose(store, add_case(store), "ondernemersklankbord", "mkb-diagnosetool")
    _choose(store, add_case(store, "Jan", "Kok"), "ondernemersklankbord")
    editor = CatalogEditor(store)
    assert editor.dossiers_using("ondernemersklankbord") == DossierUse(2)
    assert editor.dossiers_using("mkb-diagnosetool") == DossierUse(1)


def test_a_dossier_that_refers_to_a_partner_twice_counts_once(store: DataStore) -> None:
    case_id = add_case(store)
    _refer(store, case_id, "werkgeversservicepunt", "Werkgeversservicepunt")
    _refer(store, case_id, "werkgeversservicepunt", "Werkgeversservicepunt")
    _refer(store, add_case(store, "Jan", "Kok"), "leerwerkloket", "Leerwerkloket")
    assert CatalogEditor(store).dossiers_using("werkgeversservicepunt") == DossierUse(1)


def test_an_entry_no_dossier_uses_is_in_use_nowhere(store: DataStore) -> None:
    _choose(store, add_case(store), "ondernemersklankbord")
    assert CatalogEditor(store).dossiers_using("mkb-diagnosetool") == DossierUse(0)
