"""The order and look of the plan and the referral letter, written to a PlanDocument."""

from casedesk.domain.plan_content import (
    SECTION_ACTIONS,
    SECTION_APPOINTMENT,
    SECTION_INSTRUMENTS,
    SECTION_NUMBERS,
    SECTION_PRIVACY,
    SECTION_REFERRALS,
    SECTION_ROUTE,
    SECTION_SITUATION,
    Letterhead,
    PlanContent,
    ReferralLetterContent,
)
from casedesk.plan.document import PlanDocument


def write_letterhead(doc: PlanDocument, head: Letterhead, logo: bytes | None) -> None:
    doc.banner(
        logo,
        [head.municipality_name, head.municipality_address, head.municipality_phone],
    )
    doc.heading(head.title, level=0)
    pairs = [("Datum", head.date_text)]
    if head.entrepreneur_name:
        pairs.append(("Voor", head.entrepreneur_name))
    if head.trade_name:
        pairs.append(("Bedrijf", head.trade_name))
    if head.caseworker_name:
        pairs.append(("Uw klantmanager", head.caseworker_name))
    pairs.append(("Contact", head.caseworker_contact))
    doc.key_values(pairs)


def write_plan(doc: PlanDocument, content: PlanContent, logo: bytes | None) -> None:
    write_letterhead(doc, content.letterhead, logo)

    doc.heading(SECTION_SITUATION)
    # Short paragraphs of short sentences: as readable as a list, and half the height.
    for paragraph in content.situation:
        doc.paragraph(paragraph)

    doc.heading(SECTION_ROUTE)
    for route in content.routes:
        doc.heading(route.title, level=2)
        doc.paragraph(route.explanation)
        if route.this_week:
            doc.paragraph(route.this_week[0], strong=True)
            for line in route.this_week[1:]:
                doc.paragraph(line, bullet=True)
    if content.route_reasons:
        doc.paragraph("Waarom deze route:", strong=True)
        for reason in content.route_reasons:
            doc.paragraph(reason, bullet=True)

    doc.heading(SECTION_ACTIONS)
    if content.actions:
        doc.table(
            ["Wat", "Wie", "Wanneer"],
            [[row.what, row.who, row.when] for row in content.actions],
            widths=[0.52, 0.27, 0.21],
        )
    else:
        doc.paragraph("We hebben nog geen afspraken gemaakt over wat er gaat gebeuren.")

    doc.heading(SECTION_INSTRUMENTS)
    if not content.instruments:
        doc.paragraph("Er is nog geen hulp of aanbod gekozen.")
    for instrument in content.instruments:
        heading = instrument.name
        if instrument.provider and instrument.provider != instrument.name:
            heading = f"{instrument.name} — {instrument.provider}"
        doc.heading(heading, level=2)
        pairs = [
            ("Wat het is", instrument.what_it_is),
            ("Waarom het past", " ".join(instrument.why_it_fits)),
            ("Kosten", instrument.cost),
            ("Telefoon", instrument.phone),
            ("Website", instrument.website),
            ("E-mail", instrument.email),
        ]
        doc.key_values([(label, value) for label, value in pairs if value])

    doc.heading(SECTION_REFERRALS)
    if not content.referrals:
        doc.paragraph("U bent (nog) niet doorverwezen.")
    for referral in content.referrals:
        doc.heading(f"Naar {referral.to}", level=2)
        doc.key_values(
            [
                ("Uw vraag", referral.request),
                ("Wat u kunt verwachten", referral.expectation),
            ]
        )

    doc.heading(SECTION_APPOINTMENT)
    appointment = content.appointment
    if appointment is None:
        doc.paragraph("Er is nog geen nieuwe afspraak gemaakt. Uw klantmanager belt u daarover.")
    else:
        pairs = [("Wanneer", appointment.when), ("Hoe", appointment.how)]
        if appointment.where:
            pairs.append(("Waar", appointment.where))
        if appointment.note:
            pairs.append(("Let op", appointment.note))
        doc.key_values(pairs)

    doc.heading(SECTION_NUMBERS)
    doc.key_values([(number.label, number.number) for number in content.important_numbers])

    doc.heading(SECTION_PRIVACY)
    doc.paragraph(content.privacy_text)
    doc.signature_lines(content.signature_names)


def write_referral_letter(
    doc: PlanDocument, content: ReferralLetterContent, logo: bytes | None
) -> None:
    write_letterhead(doc, content.letterhead, logo)
    doc.heading("Aan", level=2)
    doc.paragraph("\n".join([content.addressee, *content.addressee_contact]))
    doc.heading("Waarom deze brief", level=2)
    doc.paragraph(content.introduction)
    doc.heading("Wat wij u vragen", level=2)
    doc.paragraph(content.request)
    doc.heading("Toestemming", level=2)
    doc.paragraph(content.consent_statement)
    if content.shared_data:
        doc.heading("Gegevens die wij met u delen", level=2)
        doc.key_values(list(content.shared_data))
    doc.heading("Over gegevens", level=2)
    doc.paragraph(content.privacy_text)
    doc.signature_lines(content.signature_names)
