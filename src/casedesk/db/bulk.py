"""Fast bulk insert of synthetic demo cases (``casedesk demo --cases N``, benchmarks).

Core ``insert()`` executemany in batches, with ids assigned here so entrepreneurs,
businesses and cases can be inserted table by table without a round trip per row. The
search index is filled by the triggers of migration 0002, in the same transaction.
No audit events: demo rows are not a caseworker's reading or changing of a dossier.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from casedesk.db.case_numbers import next_case_number
from casedesk.db.models import Business, Case, Entrepreneur
from casedesk.domain.case import CaseStatus
from casedesk.domain.routes import Route

BATCH_SIZE = 5000


@dataclass(frozen=True, slots=True)
class DemoCaseRow:
    """One synthetic case: an entrepreneur with one business and one dossier."""

    voornamen: str
    tussenvoegsel: str
    achternaam: str
    date_of_birth: date | None
    trade_name: str
    kvk_number: str | None
    postcode: str | None
    place: str | None
    municipality_code: str
    region_code: str | None
    status: CaseStatus
    primary_route: Route | None
    created_at: datetime
    updated_at: datetime
    """Timezone-aware, like every timestamp in the store."""
    sector: str | None = None


def insert_cases(target: Connection | Session, rows: Iterable[DemoCaseRow]) -> int:
    """Insert the rows (in the caller's transaction); return how many were inserted."""
    connection = target.connection() if isinstance(target, Session) else target
    next_entrepreneur = _next_id(connection, Entrepreneur.id)
    next_business = _next_id(connection, Business.id)
    next_case = next_case_number(connection) or _next_id(connection, Case.id)
    inserted = 0
    for batch in _batches(rows, BATCH_SIZE):
        entrepreneurs, businesses, cases = [], [], []
        for offset, row in enumerate(batch):
            entrepreneur_id = next_entrepreneur + offset
            business_id = next_business + offset
            entrepreneurs.append(
                {
                    "id": entrepreneur_id,
                    "voornamen": row.voornamen,
                    "tussenvoegsel": row.tussenvoegsel,
                    "achternaam": row.achternaam,
                    "date_of_birth": row.date_of_birth,
                    "postcode": row.postcode,
                    "place": row.place,
                    "country": "NL",
                    "created_at": row.created_at,
                    "updated_at": row.updated_at,
                }
            )
            businesses.append(
                {
                    "id": business_id,
                    "entrepreneur_id": entrepreneur_id,
                    "trade_name": row.trade_name,
                    "kvk_number": row.kvk_number,
                    "sector": row.sector,
                    "created_at": row.created_at,
                    "updated_at": row.updated_at,
                }
            )
            cases.append(
                {
                    "id": next_case + offset,
                    "entrepreneur_id": entrepreneur_id,
                    "business_id": business_id,
                    "municipality_code": row.municipality_code,
                    "region_code": row.region_code,
                    "registration_date": row.created_at.date(),
                    "status": row.status,
                    "primary_route": row.primary_route,
                    "urgent": False,
                    "created_at": row.created_at,
                    "updated_at": row.updated_at,
                }
            )
        # Parents first: the case trigger reads the entrepreneur and business it indexes.
        connection.execute(insert(Entrepreneur), entrepreneurs)
        connection.execute(insert(Business), businesses)
        connection.execute(insert(Case), cases)
        next_entrepreneur += len(batch)
        next_business += len(batch)
        next_case += len(batch)
        inserted += len(batch)
    return inserted


def _next_id(connection: Connection, id_column: InstrumentedAttribute[int]) -> int:
    highest = connection.scalar(select(func.max(id_column)))
    return 1 if highest is None else int(highest) + 1


def _batches(rows: Iterable[DemoCaseRow], size: int) -> Iterator[list[DemoCaseRow]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch
