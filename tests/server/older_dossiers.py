"""Dossiers on a server of an older revision, written as the app of that revision wrote
them: the search text alone in ``case_search`` (its sort keys came with migration 0037)."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Engine, insert, text

from casedesk.db.bulk import DemoCaseRow
from casedesk.db.models import Business, Case, Entrepreneur
from casedesk.db.server.search import search_text
from casedesk.domain.case import CaseStatus
from tests.db.schema_helpers import upgrade_to
from tests.server.region import Region


def older_dossier(
    first: str, surname: str, code: str, *, trade_name: str = "", place: str | None = None,
    postcode: str | None = None, region_code: str | None = None,
) -> DemoCaseRow:  # fmt: skip
    """A dossier in intake of ``first surname`` in municipality ``code``, registered on
    2 November 2026; its business is "``first surname`` Bouw" unless ``trade_name``."""
    moment = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    return DemoCaseRow(
        voornamen=first, tussenvoegsel="", achternaam=surname, date_of_birth=date(1980, 1, 1),
        trade_name=trade_name or f"{first} {surname} Bouw", kvk_number=None, postcode=postcode,
        place=place, municipality_code=code, region_code=region_code,
        status=CaseStatus.INTAKE, primary_route=None, created_at=moment, updated_at=moment,
    )  # fmt: skip


@contextmanager
def older_server(
    region: Region, revision: str, dossiers: Iterable[DemoCaseRow] = ()
) -> Iterator[Engine]:
    """The owner's engine on ``region`` brought up to ``revision`` (0017 up to 0036), with
    ``dossiers`` written as the app of that revision wrote them."""
    engine = region.owner_engine()
    try:
        upgrade_to(engine, revision)
        with engine.begin() as connection:
            insert_older_dossiers(connection, dossiers)
        yield engine
    finally:
        engine.dispose()


def insert_older_dossiers(connection: Connection, rows: Iterable[DemoCaseRow]) -> list[int]:
    """As the owner, on a server from 0017 up to 0036; returns the dossiers' numbers."""
    numbers: list[int] = []
    for row in rows:
        person = connection.scalar(
            insert(Entrepreneur).returning(Entrepreneur.id),
            {"voornamen": row.voornamen, "tussenvoegsel": row.tussenvoegsel,
             "achternaam": row.achternaam, "postcode": row.postcode, "place": row.place,
             "municipality_code": row.municipality_code},
        )  # fmt: skip
        company = connection.scalar(
            insert(Business).returning(Business.id),
            {"entrepreneur_id": person, "trade_name": row.trade_name,
             "kvk_number": row.kvk_number, "municipality_code": row.municipality_code},
        )  # fmt: skip
        number = connection.scalar(
            insert(Case).returning(Case.id),
            {"entrepreneur_id": person, "business_id": company,
             "municipality_code": row.municipality_code, "region_code": row.region_code,
             "registration_date": row.created_at.date(), "status": row.status,
             "primary_route": row.primary_route, "created_at": row.created_at,
             "updated_at": row.updated_at},
        )  # fmt: skip
        name = " ".join(part for part in (row.voornamen, row.tussenvoegsel, row.achternaam) if part)
        connection.execute(
            text("INSERT INTO case_search (case_id, search_text) VALUES (:case_id, :text)"),
            {"case_id": number,
             "text": search_text(name, row.trade_name, row.kvk_number or "",
                                 row.postcode or "", row.place or "")},
        )  # fmt: skip
        assert isinstance(number, int)
        numbers.append(number)
    return numbers


def found_by_older_search(owner: Engine, pattern: str) -> int:
    """How many dossiers ``casedesk_search`` of 0036 up to 0039 (the owner's call, by one
    LIKE ``pattern`` and no filters) finds."""
    with owner.connect() as connection:
        return len(connection.scalars(
            text("SELECT casedesk_search(ARRAY[:pattern], 10, NULL, NULL, NULL, NULL, NULL)"),
            {"pattern": pattern},
        ).all())  # fmt: skip
