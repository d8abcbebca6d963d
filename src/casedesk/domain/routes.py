"""The three heroriëntatie routes of the guide (leidraad 2021, section 1 'Drie routes')."""

from enum import IntEnum


class Route(IntEnum):
    """A re-orientation route; the value is the route's number in the guide."""

    STRENGTHEN_BUSINESS = 1
    """Route 1: versterken van de eigen onderneming."""
    DE_ESCALATION = 2
    """Route 2: oplossen van (financiële) problemen, stoppen, sociale hulp."""
    EMPLOYMENT = 3
    """Route 3: een baan of bijbaan in loondienst."""

    @property
    def label(self) -> str:
        return ROUTE_LABELS[self]

    @property
    def short_label(self) -> str:
        return f"Route {self.value}"


ROUTE_LABELS: dict[Route, str] = {
    Route.STRENGTHEN_BUSINESS: "Route 1: eigen onderneming versterken",
    Route.DE_ESCALATION: "Route 2: problemen oplossen (schulden, stoppen, hulp)",
    Route.EMPLOYMENT: "Route 3: (bij)baan in loondienst",
}
