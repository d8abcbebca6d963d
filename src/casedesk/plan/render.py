"""The action plan and referral letters as PDF/A-2b bytes."""

from datetime import UTC, datetime

from casedesk.domain.plan_content import (
    ACTION_PLAN_TITLE,
    REFERRAL_LETTER_TITLE,
    Letterhead,
    PlanContent,
    ReferralLetterContent,
)
from casedesk.plan.document import DocumentInfo, ReportlabDocument
from casedesk.plan.layout import write_plan, write_referral_letter
from casedesk.plan.pdfa import make_pdfa


def render_plan(
    content: PlanContent, *, logo: bytes | None = None, created_at: datetime | None = None
) -> bytes:
    """The plan as PDF/A-2b; the same content, logo and date give the same bytes."""
    head = content.letterhead
    name = head.entrepreneur_name.strip()
    subject = f"{ACTION_PLAN_TITLE} voor {name}" if name else ACTION_PLAN_TITLE
    doc = ReportlabDocument(_info(head, ACTION_PLAN_TITLE, subject))
    write_plan(doc, content, logo)
    return make_pdfa(doc.to_pdf(), created_at or datetime.now(UTC))


def render_referral_letter(
    content: ReferralLetterContent,
    *,
    logo: bytes | None = None,
    created_at: datetime | None = None,
) -> bytes:
    """A referral letter as PDF/A-2b; without consent its metadata names nobody either."""
    subject = f"{REFERRAL_LETTER_TITLE} aan {content.addressee}"
    doc = ReportlabDocument(_info(content.letterhead, REFERRAL_LETTER_TITLE, subject))
    write_referral_letter(doc, content, logo)
    return make_pdfa(doc.to_pdf(), created_at or datetime.now(UTC))


def _info(head: Letterhead, title: str, subject: str) -> DocumentInfo:
    author = head.municipality_name or "Gemeente"
    return DocumentInfo(title=title, author=author, subject=subject, footer=author)
