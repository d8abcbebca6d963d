"""Rendered sample plans, shared by the rendering tests (rendering once keeps them fast)."""

import pytest

from casedesk.domain.plan_content import PlanContent, build_plan_content
from casedesk.plan.render import render_plan
from casedesk.plan.samples import (
    SAMPLE_CREATED_AT,
    long_plan_inputs,
    sample_logo_png,
    typical_plan_inputs,
)


@pytest.fixture(scope="session")
def typical_content() -> PlanContent:
    return build_plan_content(typical_plan_inputs())


@pytest.fixture(scope="session")
def typical_pdf(typical_content: PlanContent) -> bytes:
    return render_plan(typical_content, logo=sample_logo_png(), created_at=SAMPLE_CREATED_AT)


@pytest.fixture(scope="session")
def long_content() -> PlanContent:
    return build_plan_content(long_plan_inputs(actions=40))


@pytest.fixture(scope="session")
def long_pdf(long_content: PlanContent) -> bytes:
    return render_plan(long_content, created_at=SAMPLE_CREATED_AT)
