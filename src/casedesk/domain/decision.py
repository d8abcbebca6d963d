"""The caseworker's route decision on an advice, and whether it still fits the answers."""

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

    @property
    def accepted(self) -> bool:
        return (self.primary, self.secondary) == (
            self.suggested_primary,
            self.suggested_secondary,
        )


def decision_still_matches(decision: RouteDecision, advice: Advice) -> bool:
    """False when the answers changed so that the advice now suggests other routes.

    The decision is never replaced silently: the intake flags it for the caseworker.
    """
    return (decision.suggested_primary, decision.suggested_secondary) == (
        advice.primary_route,
        advice.secondary_route,
    )
