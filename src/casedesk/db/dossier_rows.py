"""Every stored row that belongs to one dossier, found by walking the models.

The access request (inzage) and the erasure both need "everything kept about this person";
walking the tables instead of naming columns means a column or table added later is shown
to the entrepreneur and erased with the dossier without anyone remembering to. A table is
either part of a dossier (it has a ``case_id``, or hangs off one that does) or is listed in
:data:`NOT_ABOUT_A_PERSON`; ``tests/services/test_inzage.py`` keeps every table in one of
the two.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from casedesk.db.cases import case_row
from casedesk.db.models import Base, Business, Case, Entrepreneur, Referral

NOT_ABOUT_A_PERSON = frozenset({
    "caseworkers", "settings", "municipalities", "catalog_versions", "catalog_partners",
    "catalog_instruments", "store_commit_mark",
    # The log is read as readable lines (services/audit_log.py) and outlives the dossier.
    "audit_events",
})  # fmt: skip
"""Tables that hold nothing about one entrepreneur (the staff, the catalog, the log)."""

_THROUGH_REFERRAL = "referral_id"


Row = dict[str, Any]


@dataclass(frozen=True)
class DossierRows:
    """Table name -> the dossier's rows in that table (column name -> stored value)."""

    case_id: int
    tables: Mapping[str, tuple[Row, ...]]


def dossier_tables() -> list[Table]:
    """The tables that hold a dossier's rows, parents before children."""
    return [
        table
        for table in Base.metadata.sorted_tables
        if table.name not in NOT_ABOUT_A_PERSON and not table.name.startswith("alembic")
    ]


def read_dossier_rows(session: Session, case_id: int) -> DossierRows:
    """Every row of the dossier; raises ``CaseNotFoundError`` (Dutch) for an unknown one."""
    case = case_row(session, case_id)
    found: dict[str, tuple[Row, ...]] = {}
    referral_ids = list(session.scalars(select(Referral.id).where(Referral.case_id == case_id)))
    for table in dossier_tables():
        query = select(table)
        if table.name == Entrepreneur.__tablename__:
            query = query.where(table.c.id == case.entrepreneur_id)
        elif table.name == Business.__tablename__:
            query = query.where(table.c.id == case.business_id)
        elif table.name == Case.__tablename__:
            query = query.where(table.c.id == case_id)
        elif "case_id" in table.c:
            query = query.where(table.c.case_id == case_id)
        elif _THROUGH_REFERRAL in table.c:
            query = query.where(table.c.referral_id.in_(referral_ids))
        else:
            raise AssertionError(f"table {table.name} is not tied to a dossier")
        found[table.name] = tuple(
            dict(row._mapping) for row in session.execute(query.order_by(*table.primary_key))
        )
    return DossierRows(case_id, found)
