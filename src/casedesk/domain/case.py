"""A dossier's identity, status and the summary row the case list shows."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NewType

from casedesk.domain.routes import Route

CaseId = NewType("CaseId", int)


class CaseStatus(StrEnum):
    """Where a dossier is in the flow of DESIGN.md."""

    REGISTERED = "aangemeld"
    INTAKE = "intake"
    ADVICE = "advies"
    PLAN_MADE = "plan_gemaakt"
    ACTIVE = "lopend"
    CLOSED = "afgesloten"

    @property
    def label(self) -> str:
        return CASE_STATUS_LABELS[self]


CASE_STATUS_LABELS: dict[CaseStatus, str] = {
    CaseStatus.REGISTERED: "Aangemeld",
    CaseStatus.INTAKE: "Intake",
    CaseStatus.ADVICE: "Advies",
    CaseStatus.PLAN_MADE: "Plan gemaakt",
    CaseStatus.ACTIVE: "Lopend",
    CaseStatus.CLOSED: "Afgesloten",
}


class CaseFilter(StrEnum):
    """Which dossiers the case list shows."""

    ALL = "alle"
    OPEN = "open"
    CLOSED = "afgesloten"
    MINE = "mijn"
    PLAN_MADE = "plan_gemaakt"

    @property
    def label(self) -> str:
        return CASE_FILTER_LABELS[self]


CASE_FILTER_LABELS: dict[CaseFilter, str] = {
    CaseFilter.ALL: "Alle dossiers",
    CaseFilter.OPEN: "Open dossiers",
    CaseFilter.CLOSED: "Afgesloten dossiers",
    CaseFilter.MINE: "Mijn open dossiers",
    CaseFilter.PLAN_MADE: "Plan gemaakt, nog niet lopend",
}


class CaseSortKey(StrEnum):
    """A column the case list can be sorted by (issue 10)."""

    NAME = "naam"
    """By surname, then first names: "de Vries" under V, as a Dutch list is read."""
    TRADE_NAME = "handelsnaam"
    MUNICIPALITY = "gemeente"
    """By the municipality's name; newest change first within one municipality."""
    ROUTE = "route"
    """Route 1, 2, 3, then no route yet; newest change first within one route."""
    STATUS = "status"
    """In the order of the flow (aangemeld … afgesloten); newest change first within one."""
    UPDATED = "gewijzigd"


@dataclass(frozen=True, slots=True)
class CaseOrder:
    key: CaseSortKey = CaseSortKey.UPDATED
    descending: bool = True

    @property
    def label(self) -> str:
        direction = "aflopend" if self.descending else "oplopend"
        return f"{CASE_SORT_LABELS[self.key]}, {direction}"


CASE_SORT_LABELS: dict[CaseSortKey, str] = {
    CaseSortKey.NAME: "Naam",
    CaseSortKey.TRADE_NAME: "Handelsnaam",
    CaseSortKey.MUNICIPALITY: "Gemeente",
    CaseSortKey.ROUTE: "Route",
    CaseSortKey.STATUS: "Status",
    CaseSortKey.UPDATED: "Laatst gewijzigd",
}

NEWEST_FIRST = CaseOrder()
"""The list's usual order: the dossier changed last on top."""


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One row of the case list."""

    case_id: CaseId
    entrepreneur_name: str
    trade_name: str
    municipality: str
    route: Route | None
    status: CaseStatus
    updated_at: datetime
