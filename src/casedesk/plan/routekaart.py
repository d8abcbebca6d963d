"""The routekaart as PDF/A-2b, in the plan's layout family (same fonts, page, footer)."""

from collections.abc import Sequence
from datetime import UTC, datetime

from casedesk.domain.routekaart import STALE_MARK, Routekaart, RoutekaartOffer
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
        doc.paragraph(section.scale)
        doc.heading("Regie", level=2)
        if section.lead_missing:
            doc.paragraph(section.lead_missing, strong=True)
        for partner in section.leads:
            name = f"{partner.name} ({STALE_MARK})" if partner.stale else partner.name
            pairs = [("Partner", name)]
            if partner.kind.casefold() not in partner.name.casefold():
                pairs.append(("Soort", partner.kind))
            if partner.contact:
                pairs.append(("Contact", "\n".join(partner.contact)))
            doc.key_values(pairs)
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
                f"{offer.last_checked}\n{STALE_MARK}" if offer.stale else offer.last_checked,
            ]
            for offer in offers
        ],
        widths=OFFER_WIDTHS,
    )


def _offer_cell(offer: RoutekaartOffer) -> str:
    """Name, provider (unless the name says it) and cost, one per line."""
    provider = [] if offer.provider in offer.name else [offer.provider]
    return "\n".join([offer.name, *provider, offer.cost])
