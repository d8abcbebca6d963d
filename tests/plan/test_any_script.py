"""A plan and a letter are always made, whatever script or emoji a field holds (issue 10)."""

from dataclasses import fields, is_dataclass, replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedesk.domain.plan_content import (
    ConsentInput,
    PlanContent,
    build_plan_content,
    build_referral_letter,
)
from casedesk.plan.fonts import FALLBACK_FILES, font_for
from casedesk.plan.pdfa import check_pdfa
from casedesk.plan.printable import drawn_text, printable_text, unprintable_parts
from casedesk.plan.render import render_plan, render_referral_letter
from casedesk.plan.samples import SAMPLE_CREATED_AT, typical_plan_inputs
from casedesk.resources import resource_path
from tests.plan.pdf_tools import pdf_fonts, pdf_text, squeeze

NAMES_FROM_THE_COUNTER = {
    "Chinese": "王伟",
    "Japanese": "佐藤花子",
    "Greek": "Γιώργος Παπαδόπουλος",
    "Cyrillic": "Оле́на Коваленко",
    "Polish and Turkish": "Łukasz Wójcik, Yılmaz Şahin",
    "Vietnamese": "Nguyễn Thị Hồng",
    "Latin extended": "Ǆemal Ŋ Ȣ ẞ",
    "Korean": "김민준",
    "Thai": "สมชาย",
}


def _with_every_text(value: Any, text: str) -> Any:
    """``value`` (a content tree) with every string in it replaced by ``text``."""
    if isinstance(value, str):
        return text
    if isinstance(value, tuple):
        return tuple(_with_every_text(item, text) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _with_every_text(getattr(value, f.name), text) for f in fields(value)}
        return replace(value, **changes)
    return value


def test_names_in_every_script_a_counter_meets_print_as_typed() -> None:
    content = build_plan_content(typical_plan_inputs())
    typed = "; ".join(NAMES_FROM_THE_COUNTER.values())
    pdf = render_plan(replace(content, privacy_text=typed), created_at=SAMPLE_CREATED_AT)
    assert check_pdfa(pdf).passed
    text = squeeze(pdf_text(pdf))
    for script, name in NAMES_FROM_THE_COUNTER.items():
        assert squeeze(name) in text, script


def test_fallback_fonts_are_embedded_only_when_a_text_needs_them() -> None:
    content = build_plan_content(typical_plan_inputs())
    plain = render_plan(content, created_at=SAMPLE_CREATED_AT)
    chinese = render_plan(replace(content, privacy_text="王伟"), created_at=SAMPLE_CREATED_AT)
    assert not any("Fallback" in font.name for font in pdf_fonts(plain))
    embedded = [font for font in pdf_fonts(chinese) if "Fallback" in font.name]
    assert embedded and all(font.embedded for font in embedded)


def test_arabic_prints_joined_and_right_to_left() -> None:
    drawn = drawn_text("Naam: مريم")
    assert drawn.startswith("Naam: ")
    # Joined forms (presentation forms), drawn from the last letter to the first.
    assert all(0xFE70 <= ord(letter) <= 0xFEFF for letter in drawn[6:])
    assert drawn[-1] == "\ufee3"  # initial meem, drawn rightmost


def test_hebrew_is_drawn_right_to_left() -> None:
    assert drawn_text("שלום") == "םולש"


def test_an_emoji_sequence_is_left_out_whole_and_reported() -> None:
    typed = "Kapsalon 💇‍♀️ Anna"
    assert printable_text(typed) == "Kapsalon  Anna"
    [part] = unprintable_parts(typed)
    assert part.text == "💇‍♀️"
    assert part.left_out


def test_a_script_without_a_shipped_font_prints_a_question_mark() -> None:
    # Ethiopic (Amharic, Tigrinya): no shipped font has it.
    assert printable_text("Abebe አበበ") == "Abebe ???"
    parts = unprintable_parts("አበ")
    assert [part.text for part in parts] == ["አ", "በ"]
    assert not any(part.left_out for part in parts)


def test_korean_and_thai_are_set_in_their_own_fallback_faces() -> None:
    assert {font_for(letter) for letter in "김민준"} == {"CasedeskFallback-Hangul"}
    assert {font_for(letter, "CasedeskSans-Bold") for letter in "สมชาย"} == {
        "CasedeskFallback-Thai-Bold"
    }


def test_control_characters_typed_by_accident_vanish_silently() -> None:
    assert printable_text("Jan\x00\x07 de\tVries\r") == "Jan de Vries"
    assert unprintable_parts("Jan\x00\x07 de\tVries\r") == ()


def test_every_shipped_fallback_font_has_its_licence_and_source() -> None:
    source = resource_path("fonts", "SOURCE.md").read_text(encoding="utf-8")
    for file_name in FALLBACK_FILES:
        assert resource_path("fonts", file_name).is_file()
        assert file_name in source
    assert resource_path("fonts", "LICENSE-Noto.txt").is_file()
    assert resource_path("fonts", "LICENSE-DroidSansFallback.txt").is_file()
    assert resource_path("fonts", "LICENSE-NotoCJK.txt").is_file()


def test_dutch_text_stays_in_dejavu() -> None:
    assert {font_for(letter) for letter in "Zoë ĳ € IJsbrand Çelik"} == {"CasedeskSans"}


_ANY_TEXT = st.text(min_size=1, max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_ANY_TEXT)
def test_a_plan_from_arbitrary_unicode_in_every_field_passes_the_pdfa_check(
    text: str,
) -> None:
    content: PlanContent = _with_every_text(build_plan_content(typical_plan_inputs()), text)
    pdf = render_plan(content, created_at=SAMPLE_CREATED_AT)
    check = check_pdfa(pdf)
    assert check.passed, check.problems


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_ANY_TEXT)
def test_a_letter_from_arbitrary_unicode_in_every_field_passes_the_pdfa_check(
    text: str,
) -> None:
    inputs = typical_plan_inputs()
    consent = ConsentInput(True, "naam en telefoon", SAMPLE_CREATED_AT.date(), "mondeling")
    letter = _with_every_text(build_referral_letter(inputs, inputs.referrals[0], consent), text)
    check = check_pdfa(render_referral_letter(letter, created_at=SAMPLE_CREATED_AT))
    assert check.passed, check.problems
