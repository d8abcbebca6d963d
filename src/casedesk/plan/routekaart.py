"""The routekaart as PDF/A-2b, in the plan's layout family (same fonts, page, footer)."""

from collections.abc import Sequence
from datetime import UTC, datetime

from casedesk.domain.routekaart import (
    STALE_MARK,
    Routekaart,
    RoutekaartOffer,
    RoutekaartPartner,
)
from casedesk.plan.document import DocumentInfo, PlanDocument, ReportlabDocument
from casedesk.plan.pdfa import make_pdfa

OFFER_COLUMNS = ["Aanbod", "Contact", "Nagekeken"]
OFFER_WIDTHS = [0.44, 0.37, 0.19]
"""Three columns: four made the names and web addresses break inside words."""


def render_routekaart(
    kaart: Routekaart,
    sender: Sequence[str],
    *,
    logo: bytes | None = None,
    created_at: datetime | None = None,
) -> bytes:
    """``sender``: the lines at the top (the municipality or region that prints it)."""
    author = next((line for line in sender if line.strip()), "") or "casedesk"
    subject = f"{kaart.title}: {kaart.region_name}"
    doc = ReportlabDocument(
        DocumentInfo(title=kaart.title, author=author, subject=subject, footer=subject)
    )
    write_routekaart(doc, kaart, sender, logo)
    return make_pdfa(doc.to_pdf(), created_at or datetime.now(UTC))


def write_routekaart(
    doc: PlanDocument, kaart: Routekaart, sender: Sequence[str], logo: bytes | None
) -> None:
    doc.banner(logo, list(sender))
    doc.heading(kaart.title, level=0)
    doc.paragraph(kaart.region_name, strong=True)
    doc.key_values(list(kaart.about))
    doc.paragraph(
        "Per route ziet u wie de regie heeft en welk aanbod er in de regio is. Het landelijke "
        "aanbod staat onder het aanbod van de regio."
    )
    if kaart.stale_count:
        doc.box(
            "Nakijken",
            [
                f"{kaart.stale_count} onderdelen zijn langer dan een jaar niet nagekeken. "
                f"Ze staan hieronder met “{STALE_MARK}”.",
                "Kijk ze na in casedesk bij Catalogus › Beheren en verspreid daarna de "
                "nieuwe versie.",
            ],
        )
    if kaart.intake:
        doc.heading("Intake: hoe staat het bedrijf ervoor?")
        _offers(doc, kaart.intake)
    for section in kaart.sections:
        doc.heading(section.title)
        if section.lead_missing:
            doc.paragraph(section.lead_missing, strong=True)
        # A block per lead partner: kept whole, and the first one with the route's heading.
        for partner in section.leads:
            doc.block(f"Regie: {partner.name}", [_lead_text(partner)], [])
        doc.key_values([("Zo georganiseerd", section.scale)])
        regional = [offer for offer in section.offers if not offer.national]
        national = [offer for offer in section.offers if offer.national]
        if regional:
            doc.heading("Aanbod in de regio", level=2)
            _offers(doc, regional)
        if national:
            doc.heading("Landelijk aanbod", level=2)
            _offers(doc, national)
        if not section.offers:
            doc.heading("Aanbod", level=2)
            doc.paragraph("Er is nog geen aanbod voor deze route in de catalogus.")


def _offers(doc: PlanDocument, offers: Sequence[RoutekaartOffer]) -> None:
    doc.table(
        OFFER_COLUMNS,
        [
            [
                _offer_cell(offer),
                "\n".join(offer.contact),
                _checked_cell(offer.last_checked, offer.stale),
            ]
            for offer in offers
        ],
        widths=OFFER_WIDTHS,
    )


def _offer_cell(offer: RoutekaartOffer) -> str:
    """Name, provider (unless the name says it) and cost, one per line."""
    provider = [] if offer.provider in offer.name else [offer.provider]
    return "\n".join([offer.name, *provider, offer.cost])


def _lead_text(partner: RoutekaartPartner) -> str:
    """The kind of partner (unless its name says it), how to reach it, when checked."""
    kind = [] if partner.kind.casefold() in partner.name.casefold() else [partner.kind]
    checked = f"Nagekeken: {partner.last_checked}"
    if partner.stale:
        checked += f" ({STALE_MARK})"
    return "\n".join([*kind, *partner.contact, checked])


def _checked_cell(last_checked: str, stale: bool) -> str:
    return f"{last_checked}\n{STALE_MARK}" if stale else last_checked
