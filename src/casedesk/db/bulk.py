"""Fast bulk insert of synthetic demo cases (``casedesk demo --cases N``, benchmarks).

Core ``insert()`` executemany in batches, with ids assigned here so entrepreneurs,
businesses and cases can be inserted table by table without a round trip per row. The
search index is filled by the triggers of migration 0002, in the same transaction (on a
regional server, which hands out the ids itself, by ``db/server/search.py``). A case
with a route gets the decision that chose it (so its plan prints the route); the intake's
channel and needs go where the intake keeps them for the report (``cases.channel``,
``case_needs``), so the dossier opens with them (``services/intake.py``).
No audit events: demo rows are not a caseworker's reading or changing of a dossier.
"""

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import Any

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from casedesk.db.case_numbers import next_case_number
from casedesk.db.intake_repo import HELP_REQUEST, UNMET_NEED
from casedesk.db.models import AdviceDecision, Business, Case, CaseNeed, Entrepreneur
from casedesk.db.server import search as search_postgres
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
    channel: str | None = None
    help_requests: Collection[str] = ()
    """The codes of the intake's help requests and of the needs the region does not offer."""
    unmet_needs: Collection[str] = ()


def insert_cases(target: Connection | Session, rows: Iterable[DemoCaseRow]) -> int:
    """Insert the rows (in the caller's transaction); return how many were inserted."""
    connection = target.connection() if isinstance(target, Session) else target
    next_entrepreneur = _next_id(connection, Entrepreneur.id)
    next_business = _next_id(connection, Business.id)
    next_case = next_case_number(connection) or _next_id(connection, Case.id)
    inserted = 0
    for batch in _batches(rows, BATCH_SIZE):
        entrepreneurs, businesses, cases, decisions = [], [], [], []
        needs: list[dict[str, object]] = []
        decided: list[int] = []  # the batch position of each decision's case
        needed: list[int] = []  # the batch position of each need's case
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
                    "municipality_code": row.municipality_code,
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
                    "municipality_code": row.municipality_code,
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
                    "channel": row.channel,
                    "urgent": False,
                    "created_at": row.created_at,
                    "updated_at": row.updated_at,
                }
            )
            if row.primary_route is not None:
                decisions.append(_decision(next_case + offset, row.primary_route, row.updated_at))
                decided.append(offset)
            for kind, codes in ((HELP_REQUEST, row.help_requests), (UNMET_NEED, row.unmet_needs)):
                needs += ({"case_id": next_case + offset, "kind": kind, "code": code}
                          for code in codes)  # fmt: skip
                needed += [offset] * len(codes)
        if connection.dialect.name == "postgresql":
            # The server chose the case ids: each decision and need follows its case.
            case_ids = _insert_on_server(connection, entrepreneurs, businesses, cases)
            for child, offset in zip([*decisions, *needs], [*decided, *needed], strict=True):
                child["case_id"] = case_ids[offset]
        else:
            # Parents first: the case trigger reads the entrepreneur and business it indexes.
            connection.execute(insert(Entrepreneur), entrepreneurs)
            connection.execute(insert(Business), businesses)
            connection.execute(insert(Case), cases)
        if decisions:
            connection.execute(insert(AdviceDecision), decisions)
        if needs:
            connection.execute(insert(CaseNeed), needs)
        next_entrepreneur += len(batch)
        next_business += len(batch)
        next_case += len(batch)
        inserted += len(batch)
    return inserted


def _insert_on_server(
    connection: Connection,
    entrepreneurs: list[dict[str, Any]],
    businesses: list[dict[str, Any]],
    cases: list[dict[str, Any]],
) -> list[int]:
    """The server hands out the ids (a caseworker may not choose one, db/server/admin.py)
    and has no trigger to fill the search text: it is written here."""
    people = _inserted_ids(connection, Entrepreneur, entrepreneurs)
    for business, case, person in zip(businesses, cases, people, strict=True):
        business["entrepreneur_id"] = case["entrepreneur_id"] = person
    companies = _inserted_ids(connection, Business, businesses)
    for case, company in zip(cases, companies, strict=True):
        case["business_id"] = company
    case_ids = _inserted_ids(connection, Case, cases)
    search_postgres.index_cases(connection, case_ids)
    return case_ids


def _inserted_ids(
    connection: Connection,
    model: type[Entrepreneur] | type[Business] | type[Case],
    rows: list[dict[str, Any]],
) -> list[int]:
    without_ids = [{key: value for key, value in row.items() if key != "id"} for row in rows]
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(connection.scalars(statement, without_ids))


def _decision(case_id: int, route: Route, decided_at: datetime) -> dict[str, object]:
    """The caseworker took the advice of this one route (no reasons kept: demo data)."""
    return {
        "case_id": case_id,
        "suggested_primary_route": route,
        "suggested_secondary_route": None,
        "urgent": False,
        "reasons_json": "[]",
        "accepted": True,
        "chosen_primary_route": route,
        "chosen_secondary_route": None,
        "decided_at": decided_at,
    }


def _next_id(connection: Connection, id_column: InstrumentedAttribute[int]) -> int:
    highest = connection.scalar(select(func.max(id_column)))
    return 1 if highest is None else int(highest) + 1


def _batches(rows: Iterable[DemoCaseRow], size: int) -> Iterator[list[DemoCaseRow]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch
