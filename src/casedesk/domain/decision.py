"""The caseworker's route decision on an advice, and whether it still fits the answers."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from casedesk.domain.advice import Advice
from casedesk.domain.routes import Route


@dataclass(frozen=True, slots=True)
class RouteDecision:
    """What the caseworker chose, next to what the advice suggested at that moment."""

    primary: Route
    secondary: Route | None
    suggested_primary: Route
    suggested_secondary: Route | None
    urgent: bool
    override_reason: str
    """Empty when the advice was accepted; required when another route was chosen."""
    decided_at: datetime
    decided_by: str
    """The caseworker's name, for the dossier."""
    third: Route | None = None
    suggested_third: Route | None = None
    """The advice can name all three routes (issue 11): the caseworker may keep them all."""

    @property
    def routes(self) -> tuple[Route, ...]:
        """The chosen routes, first route first."""
        return _present(self.primary, self.secondary, self.third)

    @property
    def suggested_routes(self) -> tuple[Route, ...]:
        return _present(self.suggested_primary, self.suggested_secondary, self.suggested_third)

    @property
    def accepted(self) -> bool:
        return self.routes == self.suggested_routes


def _present(*routes: Route | None) -> tuple[Route, ...]:
    return tuple(route for route in routes if route is not None)


def _nth(routes: Sequence[Route], index: int) -> Route | None:
    return routes[index] if len(routes) > index else None


def decision_on(
    advice: Advice,
    chosen: Sequence[Route],
    override_reason: str,
    decided_at: datetime,
    decided_by: str,
) -> RouteDecision:
    """The decision to keep ``chosen`` (one to three routes, first route first) on this
    advice; the override reason is kept only when the routes differ from the advice."""
    suggested = advice.route_list
    accepted = tuple(chosen) == suggested
    return RouteDecision(
        primary=chosen[0],
        secondary=_nth(chosen, 1),
        suggested_primary=suggested[0],
        suggested_secondary=_nth(suggested, 1),
        urgent=advice.urgent,
        override_reason="" if accepted else override_reason.strip(),
        decided_at=decided_at,
        decided_by=decided_by,
        third=_nth(chosen, 2),
        suggested_third=_nth(suggested, 2),
    )


def decision_still_matches(decision: RouteDecision, advice: Advice) -> bool:
    """False when the answers changed so that the advice now suggests other routes.

    The decision is never replaced silently: the intake flags it for the caseworker.
    """
    return decision.suggested_routes == advice.route_list
