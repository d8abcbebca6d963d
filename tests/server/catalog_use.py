"""A region whose dossiers use catalog entries in two municipalities, for the count the
coordinator is told before removing an entry (migration 0035)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from casedesk.db import settings_repo
from casedesk.domain.case import CaseId
from casedesk.domain.catalog import InstrumentId
from casedesk.domain.referrals import ReferralDraft
from casedesk.services.intake import IntakeService
from casedesk.services.referrals import create_referral
from tests.server.region import Region

AMSTERDAM = "GM0363"
UTRECHT = "GM0344"
NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)

KLANKBORD = "ondernemersklankbord"
"""Chosen in 3 dossiers of Amsterdam and 3 of Utrecht, referred to in one of those: 6."""
DIAGNOSETOOL = "mkb-diagnosetool"
"""Chosen in 1 dossier of Amsterdam and referred to in 1 of Utrecht: 2."""
LEERWERKLOKET = "leerwerkloket"
"""A partner two dossiers of Utrecht refer to, one of them twice: 2."""
UNUSED = "gripvol-weerbaar-uit-de-crisis"


@dataclass(frozen=True)
class CatalogUse:
    region: Region
    kim: str
    """Works for Amsterdam."""
    piet: str
    """Works for Utrecht."""
    anne: str
    """Coordinates the region."""


def fill_catalog_use(region: Region) -> CatalogUse:
    region.save_region_settings()
    kim = region.add_caseworker("kim", AMSTERDAM)
    piet = region.add_caseworker("piet", UTRECHT)
    amsterdam = [region.add_dossier(kim, AMSTERDAM, f"Kok{n}") for n in range(4)]
    utrecht = [region.add_dossier(piet, UTRECHT, f"Smit{n}") for n in range(5)]
    for case_id in amsterdam[:3]:
        _choose(region, kim, case_id, KLANKBORD)
    _choose(region, kim, amsterdam[3], DIAGNOSETOOL)
    for case_id in utrecht[:3]:
        _choose(region, piet, case_id, KLANKBORD)
    # A dossier that chose the instrument and refers to it counts once.
    _refer(region, piet, utrecht[0], LEERWERKLOKET, KLANKBORD)
    _refer(region, piet, utrecht[0], LEERWERKLOKET)
    _refer(region, piet, utrecht[3], LEERWERKLOKET)
    _refer(region, piet, utrecht[4], "", DIAGNOSETOOL)
    return CatalogUse(region, kim, piet, region.add_coordinator("anne", "Anne de Wit"))


def _choose(region: Region, login: str, case_id: int, instrument_id: str) -> None:
    with region.store_as(login) as store:
        with store.session() as session:
            actor_id = settings_repo.current_caseworker_id(session)
        service = IntakeService(store, actor_id, today=lambda: NOW.date(), now=lambda: NOW)
        service.choose_instruments(CaseId(case_id), [InstrumentId(instrument_id)])


def _refer(
    region: Region, login: str, case_id: int, partner_id: str, instrument_id: str | None = None
) -> None:
    draft = ReferralDraft(
        partner_name=partner_id or "Een ondernemerscoach",
        request_text="Hulp bij het plan",
        referred_on=date(2026, 11, 27),
        partner_id=partner_id or None,
        instrument_id=instrument_id,
    )
    with region.store_as(login) as store:
        create_referral(store, case_id, draft, NOW)
