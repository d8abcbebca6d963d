"""``casedesk demo --cases N``: fill a store with synthetic dossiers."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from casedesk.db import settings_repo
from casedesk.db.bulk import DemoCaseRow, insert_cases
from casedesk.db.data_store import DataStore
from casedesk.domain.regions import LabourMarketRegion
from casedesk.services.demo.casework import add_demo_casework
from casedesk.services.demo.data import MAX_DEMO_CASES, DemoCase, generate_demo_cases
from casedesk.services.demo.dossiers import DEMO_DOSSIERS, add_demo_dossiers, demo_counter_code
from casedesk.services.regions import region_table_in_use

DEMO_CASEWORK_SHARE = 3
"""One in three demo dossiers is worked on, so the report and the lists have figures."""
DEMO_CASEWORK_MAX = 60
"""At most this many: each goes through the real services (a plan PDF among them), about
0.4 s a dossier on a busy machine, and 60 give a region's report counts above 5."""


@dataclass(frozen=True, slots=True)
class CounterDemo:
    """What ``casedesk demo`` made."""

    added: int
    worked: int
    """How many of them were worked on (answers, advice, plan, referrals, closing)."""
    region: LabourMarketRegion | None
    """The counter's labour-market region the dossiers are in; None if it is unknown."""
    municipalities: int


def fill_with_demo_cases(
    store: DataStore,
    count: int,
    now: datetime,
    seed: int = 2026,
    municipality_codes: Collection[str] = (),
) -> int:
    """Adds ``count`` synthetic cases; returns how many were added.

    The newest few are complete dossiers made through the services, varied on purpose
    (services/demo/dossiers.py); the rest are inserted in bulk, in one transaction, for
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
        channel=None if case.channel is None else case.channel.value,
        help_requests=[request.value for request in case.help_requests],
        unmet_needs=[need.value for need in case.unmet_needs],
    )


def fill_counter_demo(store: DataStore, count: int, now: datetime, seed: int = 2026) -> CounterDemo:
    """``casedesk demo``: ``count`` dossiers as one counter has them, in the municipalities
    of its labour-market region (a zelfstandigenloket serves its region, and its report
    counts per municipality), a share of them worked on as a counter would."""
    table = region_table_in_use(store)
    counter = table.municipality(demo_counter_code(store))
    region = table.region(counter.region_code) if counter is not None else None
    codes = [m.code for m in table.municipalities_in(region.code)] if region is not None else []
    added = fill_with_demo_cases(store, count, now, seed, codes)
    worked = add_demo_casework(
        store, now, cases=min(count // DEMO_CASEWORK_SHARE, DEMO_CASEWORK_MAX), seed=seed
    )
    current = {m.code for m in table.current_municipalities()}
    spread = len(current.intersection(codes)) if codes else len(current)
    return CounterDemo(added, len(worked), region, spread)
