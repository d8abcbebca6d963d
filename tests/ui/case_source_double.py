"""An in-memory case page source that honours the ``CasePageSource`` contract.

A test double for the UI tests: it filters by a case- and diacritics-insensitive substring
and pages by keyset (``updated_at`` desc, ``case_id`` desc) exactly as the port promises,
and records each call so tests can check how the UI pages. Integration tests against the
real encrypted store live with the composition root.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from casedesk.domain.case import CaseId, CaseStatus, CaseSummary
from casedesk.domain.routes import Route
from casedesk.errors import KnownError
from casedesk.ui.shared.text_match import fold


@dataclass(frozen=True)
class PageRequest:
    query: str
    after: CaseSummary | None
    limit: int


@dataclass
class InMemoryCaseSource:
    cases: Sequence[CaseSummary]
    requests: list[PageRequest] = field(default_factory=list)
    error: Exception | None = None
    """When set, every call raises it (a locked or damaged store)."""

    def __call__(
        self, query: str, after: CaseSummary | None, limit: int, /
    ) -> Sequence[CaseSummary]:
        self.requests.append(PageRequest(query, after, limit))
        if self.error is not None:
            raise self.error
        needle = fold(query)
        ordered = sorted(self.cases, key=_keyset, reverse=True)
        matching = [case for case in ordered if needle in _searchable(case)]
        if after is not None:
            cursor = _keyset(after)
            matching = [case for case in matching if _keyset(case) < cursor]
        return matching[:limit]

    @property
    def queries(self) -> list[str]:
        return [request.query for request in self.requests]


def _keyset(case: CaseSummary) -> tuple[datetime, int]:
    return (case.updated_at, case.case_id)


def _searchable(case: CaseSummary) -> str:
    return fold(f"{case.entrepreneur_name}\n{case.trade_name}\n{case.municipality}")


NAMES = [
    ("Fatma Özdemir", "Özdemir Kapsalon", "Súdwest-Fryslân"),
    ("IJsbrand de Vries", "", "Leeuwarden"),
    ("Jan-Willem van den Bergh", "Van den Bergh Klussen", "Utrecht"),
    ("Zoë Jansen-Bakker", "Atelier Zoë", "Nijmegen"),
    ("Mohammed El Amrani", "El Amrani Transport B.V.", "’s-Hertogenbosch"),
]
NEWEST = datetime(2026, 11, 27, 14, 5)


def make_cases(count: int) -> list[CaseSummary]:
    """``count`` cases cycling through ``NAMES``, one hour apart, newest first.

    Every tenth case shares its moment with the one before, so keyset pages must use the
    case id as a tie-breaker.
    """
    routes: list[Route | None] = [None, *Route]
    statuses = list(CaseStatus)
    cases = []
    for number in range(count):
        name, trade_name, place = NAMES[number % len(NAMES)]
        hours = number - (1 if number % 10 == 9 else 0)
        cases.append(
            CaseSummary(
                case_id=CaseId(count - number),
                entrepreneur_name=name,
                trade_name=trade_name,
                municipality=place,
                route=routes[number % len(routes)],
                status=statuses[number % len(statuses)],
                updated_at=NEWEST - timedelta(hours=hours),
            )
        )
    return cases


def locked_store_error() -> KnownError:
    return KnownError(
        "De opslag is op dit moment in gebruik door een ander venster van casedesk. "
        "Sluit dat venster en probeer het opnieuw."
    )
