"""The municipality's logo on page one, in every form a municipality may hand in."""

import io

import pikepdf
import pytest
from PIL import Image

from casedesk.domain.plan_content import PlanContent
from casedesk.plan.pdfa import check_pdfa
from casedesk.plan.render import render_plan
from casedesk.plan.samples import SAMPLE_CREATED_AT


def _encoded(image: Image.Image, file_format: str) -> bytes:
    output = io.BytesIO()
    image.save(output, format=file_format)
    return output.getvalue()


def _images_on_first_page(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(list(document.pages[0].get_images()))


LOGOS = {
    "transparent PNG": _encoded(Image.new("RGBA", (300, 120), (200, 30, 30, 120)), "PNG"),
    "RGB JPEG": _encoded(Image.new("RGB", (300, 120), "navy"), "JPEG"),
    "CMYK JPEG from a print shop": _encoded(Image.new("CMYK", (300, 120), (0, 90, 90, 0)), "JPEG"),
    "grey PNG": _encoded(Image.new("L", (300, 120), 90), "PNG"),
}


@pytest.mark.parametrize("name", sorted(LOGOS))
def test_logo_is_drawn_and_the_plan_stays_pdfa(name: str, typical_content: PlanContent) -> None:
    pdf = render_plan(typical_content, logo=LOGOS[name], created_at=SAMPLE_CREATED_AT)
    assert _images_on_first_page(pdf) == 1
    check = check_pdfa(pdf)
    assert check.passed, check.problems


def test_without_a_logo_the_plan_has_no_image(typical_content: PlanContent) -> None:
    pdf = render_plan(typical_content, created_at=SAMPLE_CREATED_AT)
    assert _images_on_first_page(pdf) == 0


def test_an_svg_logo_is_left_out_rather_than_breaking_the_plan(
    typical_content: PlanContent,
) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    pdf = render_plan(typical_content, logo=svg, created_at=SAMPLE_CREATED_AT)
    assert _images_on_first_page(pdf) == 0
    assert check_pdfa(pdf).passed
