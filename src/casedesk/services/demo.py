"""``casedesk demo --cases N``: fill a store with synthetic dossiers."""

from collections.abc import Collection
from datetime import datetime

from casedesk.db import settings_repo
from casedesk.db.bulk import DemoCaseRow, insert_cases
from casedesk.db.data_store import DataStore
from casedesk.services.demo_data import MAX_DEMO_CASES, DemoCase, generate_demo_cases
from casedesk.services.demo_dossiers import DEMO_DOSSIERS, add_demo_dossiers
from casedesk.services.regions import region_table_in_use


def fill_with_demo_cases(
    store: DataStore,
    count: int,
    now: datetime,
    seed: int = 2026,
    municipality_codes: Collection[str] = (),
) -> int:
    """Adds ``count`` synthetic cases; returns how many were added.

    The newest few are complete dossiers made through the services, varied on purpose
    (services/demo_dossiers.py); the rest are inserted in bulk, in one transaction, for
    scale. The cases are spread over ``municipality_codes`` (a region), or over every
    municipality when none are given. ``now`` must be timezone-aware, like every timestamp
    in the store.
    """
    if not 1 <= count <= MAX_DEMO_CASES:
        raise ValueError(f"count must be between 1 and {MAX_DEMO_CASES}")
    complete = min(count, len(DEMO_DOSSIERS))
    table = region_table_in_use(store)  # an imported table's names and regions stay
    municipalities = [
        m for m in table.current_municipalities()
        if not municipality_codes or m.code in municipality_codes
    ]  # fmt: skip
    cases = generate_demo_cases(count - complete, municipalities, now=now, seed=seed)
    with store.transaction() as session:
        settings_repo.save_municipalities(session, table.municipalities)
        added = insert_cases(session, (demo_case_row(case) for case in cases))
    return added + add_demo_dossiers(store, now, complete)


def demo_case_row(case: DemoCase) -> DemoCaseRow:
    """A generated demo case as the row the bulk insert writes (also the server bench's fill)."""
    return DemoCaseRow(
        voornamen=case.voornamen,
        tussenvoegsel=case.tussenvoegsel,
        achternaam=case.achternaam,
        date_of_birth=case.birth_date,
        trade_name=case.trade_name,
        kvk_number=case.kvk_number,
        postcode=case.postcode,
        place=case.place,
        municipality_code=case.municipality.code,
        region_code=case.municipality.region_code,
        status=case.status,
        primary_route=case.route,
        created_at=case.created_at,
        updated_at=case.updated_at,
        sector=case.sector,
    )
