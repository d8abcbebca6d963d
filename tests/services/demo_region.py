"""The demo region the report tests count: Tilburg's labour-market region, worked on."""

from datetime import UTC, datetime

from casedesk.catalog.regions import load_default_region_table
from casedesk.db.data_store import DataStore
from casedesk.services.demo.casework import add_demo_casework
from casedesk.services.demo.fill import fill_with_demo_cases

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def demo_region_codes() -> list[str]:
    """The municipalities of GM0855's (Tilburg's) labour-market region."""
    table = load_default_region_table()
    region = next(m.region_code for m in table.current_municipalities() if m.code == "GM0855")
    return [m.code for m in table.current_municipalities() if m.region_code == region]


def fill_demo_region(store: DataStore, now: datetime = NOW) -> None:
    """150 demo dossiers in the region, 45 of them worked on as a counter would (seeded:
    the same store contents every time, on either backend)."""
    fill_with_demo_cases(store, 150, now, municipality_codes=demo_region_codes())
    add_demo_casework(store, now, cases=45)
