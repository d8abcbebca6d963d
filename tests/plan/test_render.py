"""The rendered plan and letter, read back with poppler as a reader and an archive would."""

import io
import re
from dataclasses import replace

import pikepdf
import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from casedesk.domain.agreements import Action, ActionOwner
from casedesk.domain.catalog import InstrumentId
from casedesk.domain.plan_content import (
    FIRST_THINGS_TITLE,
    PLAN_SECTIONS,
    SECTION_NUMBERS,
    SECTION_SITUATION,
    ConsentInput,
    PlanContent,
    build_plan_content,
    build_referral_letter,
)
from casedesk.plan.document import BOTTOM_MARGIN
from casedesk.plan.pdfa import check_pdfa
from casedesk.plan.render import render_plan, render_referral_letter
from casedesk.plan.samples import (
    SAMPLE_CREATED_AT,
    long_plan_inputs,
    sample_dossiers,
    sample_logo_png,
    typical_plan_inputs,
)
from casedesk.resources import resource_path
from tests.plan.pdf_tools import (
    pdf_fonts,
    pdf_info,
    pdf_pages,
    pdf_text,
    shown_texts,
    squeeze,
)

NAME = "Zoë van 't Hoff-Çelik"


def test_every_diacritic_of_the_name_and_the_ij_ligature_survive(typical_pdf: bytes) -> None:
    text = pdf_text(typical_pdf)
    assert NAME in text
    assert "Kapsalon Zoë & IJsbrand" in text
    assert "Fatma Özdemir" in text
    assert "Súdwest-Fryslân" in text


def test_ij_ligature_and_euro_sign_print(typical_content: PlanContent) -> None:
    content = replace(
        typical_content,
        situation=("Het bedrijf van de ĳzerhandel kost € 1.250,50 per maand.",),
    )
    text = pdf_text(render_plan(content, created_at=SAMPLE_CREATED_AT))
    assert "ĳzerhandel" in text
    assert "€ 1.250,50" in text


def test_shipped_fonts_have_glyphs_for_ij_and_euro() -> None:
    for file_name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        cmap = TTFont(resource_path("fonts", file_name)).getBestCmap()
        assert {0x0133, 0x0132, 0x20AC, 0x00EB, 0x00C7} <= set(cmap), file_name


def test_sections_come_in_the_agreed_order(typical_content: PlanContent) -> None:
    # A short-listed phone line that was not chosen fills "Belangrijke nummers" too.
    lines = (InstrumentId("kvk-adviesteam-zwaar-weer"),)
    inputs = replace(typical_plan_inputs(), instruments=(), short_list=lines)
    for content in (typical_content, build_plan_content(inputs)):
        text = pdf_text(render_plan(content, created_at=SAMPLE_CREATED_AT))
        titles = [
            title
            for title in ("Persoonlijk actieplan", *PLAN_SECTIONS)
            if content.important_numbers or title != SECTION_NUMBERS
        ]
        positions = [text.index(title) for title in titles]
        assert positions == sorted(positions)


def test_without_numbers_beyond_those_above_there_is_no_numbers_section(
    typical_content: PlanContent, typical_pdf: bytes
) -> None:
    # The municipality's number stands at the top and in the box, the chosen phone lines'
    # numbers in their own blocks: a section repeating them would only take room.
    assert typical_content.important_numbers == ()
    assert SECTION_NUMBERS not in pdf_text(typical_pdf)


def test_all_fonts_are_embedded_and_none_is_helvetica(typical_pdf: bytes) -> None:
    fonts = pdf_fonts(typical_pdf)
    assert fonts
    assert all(font.embedded for font in fonts)
    assert all("DejaVuSans" in font.name for font in fonts)
    assert not any("Helvetica" in font.name for font in fonts)


def test_long_plan_embeds_every_font_too(long_pdf: bytes) -> None:
    assert all(font.embedded and "DejaVuSans" in font.name for font in pdf_fonts(long_pdf))


def test_plan_passes_the_pdfa_2b_check(typical_pdf: bytes, long_pdf: bytes) -> None:
    for pdf in (typical_pdf, long_pdf):
        check = check_pdfa(pdf)
        assert check.passed, check.problems


def test_metadata_names_title_author_subject_and_language(typical_pdf: bytes) -> None:
    info = pdf_info(typical_pdf)
    assert info["Title"] == "Persoonlijk actieplan"
    assert info["Author"] == "Gemeente Súdwest-Fryslân"
    assert info["Subject"] == f"Persoonlijk actieplan voor {NAME}"
    assert b"/Lang (nl-NL)" in typical_pdf or "nl-NL" in _catalog_language(typical_pdf)


def _catalog_language(pdf: bytes) -> str:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return str(document.Root.Lang)


def test_typical_plan_is_two_pages(typical_pdf: bytes) -> None:
    assert len(pdf_pages(typical_pdf)) == 2


def test_no_sample_dossier_takes_more_than_two_pages_with_the_logo() -> None:
    # The crisis adds the 113 line, Belgium a line on the number: still two pages.
    pages = {
        name: len(pdf_pages(render_plan(build_plan_content(inputs), logo=sample_logo_png())))
        for name, inputs in sample_dossiers().items()
    }
    assert {name: count for name, count in pages.items() if count > 2} == {}


def test_every_text_above_the_footer_is_at_least_eleven_points(typical_pdf: bytes) -> None:
    shown = shown_texts(typical_pdf)
    footer = [text for text in shown if text.y < BOTTOM_MARGIN]
    assert {text.page for text in footer} == {1, 2}
    assert min(text.size for text in shown if text.y >= BOTTOM_MARGIN) >= 11


def test_no_line_holds_more_than_about_75_characters(typical_pdf: bytes) -> None:
    lines = pdf_text(typical_pdf).splitlines()
    assert max(len(line) for line in lines) <= 75, max(lines, key=len)


def test_without_actions_this_week_the_table_has_no_lone_later_title(
    typical_content: PlanContent,
) -> None:
    later = tuple(replace(row, this_week=False) for row in typical_content.actions)
    text = pdf_text(render_plan(replace(typical_content, actions=later)))
    assert "Aanmelden bij Over Rood" in text
    assert "Later" not in text.splitlines() and "Deze week" not in text.splitlines()


def test_footer_says_page_x_of_n_on_every_page(long_pdf: bytes) -> None:
    pages = pdf_pages(long_pdf)
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        assert f"pagina {number} van {len(pages)}" in page


def test_forty_actions_and_long_texts_lose_no_word(
    long_content: PlanContent, long_pdf: bytes
) -> None:
    printed = squeeze(pdf_text(long_pdf))
    expected = [
        *long_content.situation,
        *(row.what for row in long_content.actions),
        *(row.when for row in long_content.actions),
        *(instrument.what_it_is for instrument in long_content.instruments),
        *(fit for instrument in long_content.instruments for fit in instrument.why_it_fits),
        *(referral.request for referral in long_content.referrals),
        long_content.privacy_text,
    ]
    missing = [text for text in expected if squeeze(text) not in printed]
    assert missing == []


def test_action_table_repeats_its_header_on_every_page_it_spans(long_pdf: bytes) -> None:
    pages = [{line.strip() for line in page.splitlines()} for page in pdf_pages(long_pdf)]
    start = next(i for i, lines in enumerate(pages) if "Wat gaan we doen" in lines)
    # Page 1's box names this week's actions too; the table starts at its section.
    with_actions = [
        lines for lines in pages[start:] if any(re.search(r"Actie \d+:", line) for line in lines)
    ]
    assert len(with_actions) >= 2
    for lines in with_actions:
        # pdftotext puts the tick column's head on the line of "Wat", or on its own.
        assert {"Wie", "Wanneer"} <= lines
        assert "✓ Wat" in lines or {"✓", "Wat"} <= lines


def test_no_heading_is_left_alone_at_the_bottom_of_a_page(
    long_content: PlanContent, long_pdf: bytes
) -> None:
    contents = [build_plan_content(inputs) for inputs in sample_dossiers().values()]
    # With the logo, as a municipality prints them: it changes where the pages break.
    rendered = [(content, render_plan(content, logo=sample_logo_png())) for content in contents]
    for content, pdf in [*rendered, (long_content, long_pdf)]:
        headings = {*PLAN_SECTIONS, *(instrument.name for instrument in content.instruments)}
        for page in pdf_pages(pdf)[:-1]:
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            body = [line for line in lines if not line.startswith("Gemeente Súdwest-Fryslân")]
            body = [line for line in body if not line.startswith("pagina ")]
            last = body[-1]
            alone = any(last == h or last.startswith(f"{h} — ") for h in headings)
            assert not alone, body[-3:]


def _body_lines(page: str) -> list[str]:
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return [line for line in lines if not line.startswith(("Gemeente Súdwest-Fryslân", "pagina "))]


@pytest.mark.parametrize("actions", range(0, 13))
def test_no_page_holds_only_the_signature_lines_or_a_short_paragraph(actions: int) -> None:
    # As many plans as actions from none to twelve: the pages break at ever other places.
    inputs = long_plan_inputs(actions=actions)
    inputs = replace(inputs, instruments=inputs.instruments[:3], referrals=inputs.referrals[:1])
    content = build_plan_content(inputs)
    signature = {line for name in content.signature_names for line in (name, "Datum:")}
    signature |= {" ".join(content.signature_names), "Datum: Datum:"}
    for page in pdf_pages(render_plan(content, logo=sample_logo_png()))[1:]:
        body = _body_lines(page)
        assert not set(body) <= signature, body
        assert len(body) > 3, body


def test_page_one_opens_with_the_box_the_appointment_and_the_number_to_call(
    typical_pdf: bytes,
) -> None:
    first = squeeze(pdf_pages(typical_pdf)[0])
    box = first.index(squeeze(FIRST_THINGS_TITLE))
    assert box < first.index(squeeze(SECTION_SITUATION))
    for text in ("Volgendeafspraak:donderdag3december2026", "Vragen?Bel140515"):
        assert box < first.index(text) < first.index(squeeze(SECTION_SITUATION))


def test_every_open_action_has_a_box_to_tick_and_a_done_one_a_ticked_box(
    typical_content: PlanContent,
) -> None:
    [first, *others] = typical_content.actions
    content = replace(typical_content, actions=(replace(first, done=True), *others))
    text = pdf_text(render_plan(content))
    assert text.count("☑") == 1
    assert text.count("☐") == len(others)


def test_same_content_and_date_give_the_same_bytes(typical_content: PlanContent) -> None:
    first = render_plan(typical_content, created_at=SAMPLE_CREATED_AT)
    second = render_plan(typical_content, created_at=SAMPLE_CREATED_AT)
    assert first == second


def test_referral_letter_without_consent_holds_no_personal_data() -> None:
    inputs = typical_plan_inputs()
    refused = ConsentInput(False, "naam, telefoonnummer", SAMPLE_CREATED_AT.date(), "mondeling")
    letter = build_referral_letter(inputs, inputs.referrals[0], refused)
    pdf = render_referral_letter(letter, created_at=SAMPLE_CREATED_AT)
    text = pdf_text(pdf)
    for personal in ("Zoë", "Hoff", "Çelik", "06 12345678", "zoe@voorbeeld.nl", "12345678",
                     "Kapsalon"):  # fmt: skip
        assert personal not in text
    info = pdf_info(pdf)
    assert info["Subject"] == "Verwijsbrief aan Schuldhulp voor ondernemers"
    assert not any(personal in value for value in info.values() for personal in ("Zoë", "Hoff"))
    assert "wil niet dat wij gegevens delen" in text
    assert check_pdfa(pdf).passed


def test_referral_letter_with_consent_shows_statement_and_shared_data() -> None:
    inputs = typical_plan_inputs()
    given = ConsentInput(True, "naam en telefoonnummer", SAMPLE_CREATED_AT.date(), "getekend")
    letter = build_referral_letter(inputs, inputs.referrals[0], given)
    text = pdf_text(render_referral_letter(letter, created_at=SAMPLE_CREATED_AT))
    assert f"{NAME} gaf ons op 27 november 2026 toestemming. Dat was op papier." in " ".join(
        text.split()
    )
    assert "06 12345678" in text
    assert "Schuldhulp voor ondernemers" in text


def test_an_action_longer_than_a_page_flows_on_without_losing_words() -> None:
    words = " ".join(f"woord{number}" for number in range(1500))
    inputs = typical_plan_inputs()
    inputs = replace(inputs, actions=(Action(words, ActionOwner.CASEWORKER),))
    text = pdf_text(render_plan(build_plan_content(inputs), created_at=SAMPLE_CREATED_AT))
    assert all(f"woord{number}" in text for number in range(1500))


def test_markup_characters_print_as_typed(typical_content: PlanContent) -> None:
    typed = "Afspraak <b>niet</b> vergeten & 'op tijd' komen: 3 < 5 &amp; 7 > 2"
    content = replace(typical_content, privacy_text=typed)
    text = pdf_text(render_plan(content, created_at=SAMPLE_CREATED_AT))
    assert squeeze(typed) in squeeze(text)


ADDRESS = "https://www.voorbeeld.nl/ondernemers/hulp-bij-schulden/aanmelden-voor-een-gesprek/"


def _printed_address_lines(pdf: bytes) -> list[str]:
    """The lines the address is printed on (the last may go on with the sentence)."""
    lines = [line.strip() for line in pdf_text(pdf).splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("https://www.voorbeeld"))
    printed = []
    for line in lines[start:]:
        printed.append(line)
        if len("".join(printed)) >= len(ADDRESS):
            break
    return printed


def test_a_long_web_address_breaks_after_a_slash_never_inside_a_word(
    typical_content: PlanContent,
) -> None:
    [first, *others] = typical_content.instruments
    content = replace(typical_content, instruments=(replace(first, website=ADDRESS), *others))
    printed = _printed_address_lines(render_plan(content))
    assert "".join(printed) == ADDRESS
    assert len(printed) > 1 and all(line.endswith("/") for line in printed)


def test_a_web_address_in_a_sentence_breaks_after_a_slash_too(
    typical_content: PlanContent,
) -> None:
    [first, *others] = typical_content.actions
    typed = replace(first, what=f"Meld u aan op {ADDRESS} en bel daarna de gemeente.")
    content = replace(typical_content, actions=(typed, *others))
    printed = _printed_address_lines(render_plan(content))
    assert "".join(printed).startswith(ADDRESS)
    assert printed[-1].split(" ")[0].endswith("/")
    assert len(printed) > 1 and all(line.endswith("/") for line in printed[:-1])


def test_no_table_row_or_contact_block_is_split_across_pages(
    long_content: PlanContent, long_pdf: bytes
) -> None:
    pages = [squeeze(page) for page in pdf_pages(long_pdf)]

    def on_one_page(*texts: str) -> bool:
        return any(all(squeeze(text) in page for text in texts) for page in pages)

    rows = [row.what for row in long_content.actions if not on_one_page(row.what)]
    blocks = [
        i.name for i in long_content.instruments if not on_one_page(i.what_it_is, i.cost)
    ]
    assert (rows, blocks) == ([], [])


def test_without_a_name_the_subject_does_not_end_in_voor(typical_content: PlanContent) -> None:
    nameless = replace(
        typical_content, letterhead=replace(typical_content.letterhead, entrepreneur_name="")
    )
    info = pdf_info(render_plan(nameless, created_at=SAMPLE_CREATED_AT))
    assert info["Subject"] == "Persoonlijk actieplan"
