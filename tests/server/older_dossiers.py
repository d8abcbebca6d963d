"""Dossiers on a server of an older revision, written as the app of that revision wrote
them: the search text alone in ``case_search`` (its sort keys came with migration 0037)."""

from collections.abc import Iterable

from sqlalchemy import Connection, insert, text

from casedesk.db.bulk import DemoCaseRow
from casedesk.db.models import Business, Case, Entrepreneur
from casedesk.db.server.search import search_text


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
