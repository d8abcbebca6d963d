"""What the dossier view needs beyond the intake port: plan, referrals, follow-ups, closing.

All bound to one dossier by the composition root; each may raise ``KnownError``.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casedesk.domain.closing import Outcome
from casedesk.domain.referrals import Referral, ReferralDraft, ReferralStatus
from casedesk.services.closing import ClosingPreview
from casedesk.services.referrals import ReferralTarget
from casedesk.ui.documents.ports import PlanPorts


@dataclass(frozen=True)
class DossierPorts:
    plan: PlanPorts
    referral_targets: Callable[[], Sequence[ReferralTarget]]
    create_referral: Callable[[ReferralDraft], object]
    referrals: Callable[[], Sequence[Referral]]
    change_referral_status: Callable[[int, ReferralStatus, date, str], object]
    add_follow_up: Callable[[date, str], object]
    closing_preview: Callable[[], ClosingPreview]
    close_case: Callable[[Outcome, date, bool], date]
    reopen_case: Callable[[str], object]
    today: Callable[[], date] = date.today
    make_inzage: Callable[[Path], Sequence[Path]] | None = None
    """Writes the access request (inzage) into a folder; returns the files written."""
    erase: Callable[[], object] | None = None
    """Erases the dossier for good at the entrepreneur's request; raises ``KnownError``
    with the reason while its retention term runs."""
