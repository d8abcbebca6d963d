"""The order and look of the plan and the referral letter, written to a PlanDocument."""

from casedesk.domain.catalog import provided_by
from casedesk.domain.plan_content import (
    ACTION_PLAN_TITLE,
    FIRST_THINGS_TITLE,
    SECTION_ACTIONS,
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


def write_letterhead(
    doc: PlanDocument, head: Letterhead, logo: bytes | None, *, with_contact: bool = True
) -> None:
    doc.banner(
        logo,
        [head.municipality_name, head.municipality_address, head.municipality_phone],
    )
    doc.title(head.title, head.date_text)
    # Two columns: whom it is about on the left, the municipality's side on the right.
    about: list[tuple[str, str]] = []
    if head.entrepreneur_name:
        about.append(
            ("Voor" if head.title == ACTION_PLAN_TITLE else "Over", head.entrepreneur_name)
        )
    if head.trade_name:
        about.append(("Bedrijf", head.trade_name))
    sender = []
    if head.caseworker_name:
        # The plan speaks to the entrepreneur; a letter to the partner.
        label = "Uw klantmanager" if head.title == ACTION_PLAN_TITLE else "Klantmanager"
        sender.append((label, head.caseworker_name))
    if with_contact:
        sender.append(("Contact", head.caseworker_contact))
    if not about or not sender:
        # The same narrow labels as two columns have (a letter without consent).
        doc.key_values([*about, *sender], columns=2)
        return
    doc.key_values(_side_by_side(about, sender), columns=2)


def _side_by_side(
    left: list[tuple[str, str]], right: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Two columns of pairs as rows of two (an empty pair where one column is shorter)."""
    rows = max(len(left), len(right))
    padded = [(*column, *([("", "")] * (rows - len(column)))) for column in (left, right)]
    return [pair for row in zip(*padded, strict=True) for pair in row]


def write_plan(doc: PlanDocument, content: PlanContent, logo: bytes | None) -> None:
    # The box below says whom to call; the letterhead need not say it twice.
    write_letterhead(doc, content.letterhead, logo, with_contact=False)
    first = content.first_things
    doc.box(
        FIRST_THINGS_TITLE, [line for line in (*first.lines, first.appointment, first.call) if line]
    )

    doc.heading(SECTION_SITUATION)
    # Short paragraphs of short sentences: as readable as a list, and half the height.
    for paragraph in content.situation:
        doc.paragraph(paragraph)

    doc.heading(SECTION_ROUTE)
    for route in content.routes:
        doc.heading(route.title, level=2)
        doc.paragraph(route.explanation)
    if content.route_reasons:
        doc.paragraph("Waarom deze route:", strong=True)
        for reason in content.route_reasons:
            doc.paragraph(reason, bullet=True)

    doc.heading(SECTION_ACTIONS)
    if content.actions:
        # One table, "Deze week" and "Later" as title rows: one header, less height.
        groups = [
            (title, [["☑" if row.done else "☐", row.what, row.who, row.when] for row in rows])
            for title, this_week in (("Deze week", True), ("Later", False))
            if (rows := [row for row in content.actions if row.this_week is this_week])
        ]
        if len(groups) == 1 and groups[0][0] != "Deze week":
            # Nothing this week (or a closed dossier): "Later" alone would say nothing.
            groups = [("", groups[0][1])]
        doc.grouped_table(["✓", "Wat", "Wie", "Wanneer"], groups, widths=[0.05, 0.43, 0.21, 0.31])
    else:
        doc.paragraph("We hebben nog geen afspraken gemaakt over wat er gaat gebeuren.")

    doc.heading(SECTION_INSTRUMENTS)
    if not content.instruments:
        doc.paragraph("Er is nog geen hulp of aanbod gekozen.")
    # What fits every chosen offer for the same reason is said once, above them all.
    shared_fits = {instrument.why_it_fits for instrument in content.instruments}
    said_once = len(content.instruments) > 1 and len(shared_fits) == 1
    if said_once and (fits := " ".join(next(iter(shared_fits)))):
        doc.paragraph(f"Waarom deze hulp past: {fits}")
    for instrument in content.instruments:
        # Full-width text reads (and fits) better than a narrow column; the contact
        # details stay a small block of labels, all on one page with the text.
        fits = "" if said_once else " ".join(instrument.why_it_fits)
        texts = [
            instrument.what_it_is,
            f"Waarom het past: {fits}" if fits else "",
            f"Kosten: {instrument.cost}" if instrument.cost else "",
        ]
        pairs = [
            ("Telefoon", instrument.phone),
            ("Website", instrument.website),
            ("E-mail", instrument.email),
        ]
        doc.block(
            provided_by(instrument.name, instrument.provider, " — {}"),
            [text for text in texts if text],
            [(label, value) for label, value in pairs if value],
        )

    doc.heading(SECTION_REFERRALS)
    if not content.referrals:
        doc.paragraph("U bent (nog) niet doorverwezen.")
    for referral in content.referrals:
        # Running text, as the offers above: a narrow value column took a line more.
        request = f"Uw vraag: {referral.request}" if referral.request else ""
        doc.block(f"Naar {referral.to}", [t for t in (request, referral.expectation) if t], [])

    if content.important_numbers:
        doc.heading(SECTION_NUMBERS)
        doc.key_values([(number.label, number.number) for number in content.important_numbers])

    doc.heading(SECTION_PRIVACY)
    doc.paragraph(content.privacy_text)
    doc.signature_lines(content.signature_names)


def write_referral_letter(
    doc: PlanDocument, content: ReferralLetterContent, logo: bytes | None
) -> None:
    write_letterhead(doc, content.letterhead, logo, with_contact=False)
    doc.heading("Aan", level=2)
    doc.paragraph("\n".join([content.addressee, *content.addressee_contact]))
    doc.paragraph(content.greeting)
    doc.paragraph(content.introduction)
    doc.heading("Wat wij u vragen", level=2)
    doc.paragraph(content.request)
    doc.paragraph(content.deadline, strong=True)
    doc.heading("Toestemming", level=2)
    doc.paragraph(content.consent_statement)
    if content.shared_data:
        doc.heading("Gegevens die wij met u delen", level=2)
        doc.key_values(list(content.shared_data))
        doc.heading("Wat u met deze gegevens mag doen", level=2)
        doc.paragraph(content.privacy_text)
    doc.paragraph(content.sender_contact)
    doc.paragraph("\n".join(content.closing))
    doc.signature_lines(content.signature_names)
