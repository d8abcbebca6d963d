"""Referrals (verwijzingen): their status over time, the consent rule, the proposed follow-up.

A referral sends the entrepreneur to a partner or an instrument of the catalog. Its status
moves along :data:`ALLOWED_TRANSITIONS`; every step is dated and kept. Data may only be
shared with the partner when the entrepreneur's consent was recorded and given (AVG: the
caseworker must be able to show that consent later); a refusal is recorded too, and then no
data is shared.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from casedesk.domain.dutch import long_date
from casedesk.domain.intake import LabelledEnum, register_labels
from casedesk.errors import KnownError


class ReferralStatus(LabelledEnum):
    PROPOSED = "voorgesteld"
    REFERRED = "verwezen"
    STARTED = "gestart"
    COMPLETED = "afgerond"
    ABORTED = "afgebroken"
    NOT_STARTED = "niet_gestart"


register_labels(
    ReferralStatus,
    {
        ReferralStatus.PROPOSED: "Voorgesteld",
        ReferralStatus.REFERRED: "Verwezen",
        ReferralStatus.STARTED: "Gestart",
        ReferralStatus.COMPLETED: "Afgerond",
        ReferralStatus.ABORTED: "Afgebroken",
        ReferralStatus.NOT_STARTED: "Niet gestart",
    },
)

INITIAL_STATUSES = frozenset({ReferralStatus.PROPOSED, ReferralStatus.REFERRED})
"""A new referral is either only proposed to the entrepreneur, or already made."""

ALLOWED_TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.PROPOSED: frozenset(
        {ReferralStatus.REFERRED, ReferralStatus.NOT_STARTED}
    ),
    ReferralStatus.REFERRED: frozenset(
        {ReferralStatus.STARTED, ReferralStatus.NOT_STARTED}
    ),
    ReferralStatus.STARTED: frozenset({ReferralStatus.COMPLETED, ReferralStatus.ABORTED}),
    # Final: a new attempt is a new referral, so the history of this one stays true.
    ReferralStatus.COMPLETED: frozenset(),
    ReferralStatus.ABORTED: frozenset(),
    ReferralStatus.NOT_STARTED: frozenset(),
}

OPEN_STATUSES = frozenset(
    status for status, following in ALLOWED_TRANSITIONS.items() if following
)
"""Statuses that still need the caseworker's attention (closing a case warns about them)."""

FOLLOW_UP_TEXT = "Nagaan of de hulp is gestart"
DEFAULT_FOLLOW_UP_INTERVAL_DAYS = 14
MAX_FOLLOW_UP_INTERVAL_DAYS = 365


class ConsentMethod(LabelledEnum):
    """How the entrepreneur gave (or refused) consent."""

    SPOKEN = "mondeling"
    SIGNED = "getekend"


register_labels(
    ConsentMethod,
    {ConsentMethod.SPOKEN: "Mondeling", ConsentMethod.SIGNED: "Getekend formulier"},
)


@dataclass(frozen=True, slots=True)
class Consent:
    """The entrepreneur's answer to "may we share these data with this partner?"."""

    given: bool
    data_shared: str
    """Which data, in the caseworker's words (e.g. "naam, telefoonnummer, hulpvraag")."""
    recipient: str
    given_on: date
    method: ConsentMethod


@dataclass(frozen=True, slots=True)
class ReferralDraft:
    """A referral as the caseworker enters it, before it is stored."""

    partner_name: str
    request_text: str
    """What is asked of the partner."""
    referred_on: date
    status: ReferralStatus = ReferralStatus.REFERRED
    shares_data: bool = False
    consent: Consent | None = None
    partner_id: str | None = None
    instrument_id: str | None = None
    contact_person: str = ""


@dataclass(frozen=True, slots=True)
class StatusStep:
    """One dated step in a referral's history."""

    status: ReferralStatus
    changed_on: date
    note: str


@dataclass(frozen=True, slots=True)
class Referral:
    """A stored referral with its consent (if recorded) and full history, oldest first."""

    referral_id: int
    case_id: int
    partner_name: str
    request_text: str
    referred_on: date
    status: ReferralStatus
    shares_data: bool
    consent: Consent | None
    history: tuple[StatusStep, ...]
    partner_id: str | None = None
    instrument_id: str | None = None
    contact_person: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ReferralRuleError(KnownError):
    """A referral (or a change to it) breaks a rule the caseworker can fix."""


def check_referral(draft: ReferralDraft) -> None:
    """Raises :class:`ReferralRuleError` (Dutch) when the draft cannot be saved."""
    if not draft.partner_name.strip():
        raise ReferralRuleError(
            "Kies de partner of het instrument waarnaar u verwijst. De verwijzing is niet "
            "opgeslagen."
        )
    if not draft.request_text.strip():
        raise ReferralRuleError(
            "Schrijf op wat u aan de partner vraagt. De verwijzing is niet opgeslagen."
        )
    if draft.status not in INITIAL_STATUSES:
        starts = " of ".join(f"‘{status.label}’" for status in sorted(INITIAL_STATUSES, key=_order))
        raise ReferralRuleError(
            f"Een nieuwe verwijzing begint als {starts}, niet als ‘{draft.status.label}’. "
            "De verwijzing is niet opgeslagen."
        )
    if draft.consent is not None:
        check_consent(draft.consent)
    if draft.shares_data:
        if draft.consent is None:
            raise ReferralRuleError(
                "U wilt gegevens delen met de partner, maar er is geen toestemming van de "
                "ondernemer vastgelegd. Leg eerst vast of de ondernemer toestemming geeft, "
                "of deel geen gegevens. De verwijzing is niet opgeslagen."
            )
        if not draft.consent.given:
            raise ReferralRuleError(
                "De ondernemer heeft geen toestemming gegeven om gegevens te delen. Zet "
                "‘Gegevens delen’ uit: de partner krijgt dan alleen wat de ondernemer zelf "
                "meeneemt. De verwijzing is niet opgeslagen."
            )


def check_consent(consent: Consent) -> None:
    if not consent.recipient.strip():
        raise ReferralRuleError(
            "Vul in met wie de gegevens gedeeld worden (de partner). De verwijzing is niet "
            "opgeslagen."
        )
    if consent.given and not consent.data_shared.strip():
        raise ReferralRuleError(
            "Vul in welke gegevens de ondernemer laat delen, bijvoorbeeld ‘naam, "
            "telefoonnummer en hulpvraag’. De verwijzing is niet opgeslagen."
        )


def check_transition(current: ReferralStatus, new: ReferralStatus) -> None:
    """Raises :class:`ReferralRuleError` (Dutch) for a status change that is not allowed."""
    allowed = ALLOWED_TRANSITIONS[current]
    if new in allowed:
        return
    if not allowed:
        raise ReferralRuleError(
            f"Deze verwijzing is al ‘{current.label}’ en kan niet meer veranderen. Is er een "
            "nieuwe poging nodig? Maak dan een nieuwe verwijzing."
        )
    choices = " of ".join(f"‘{status.label}’" for status in next_statuses(current))
    raise ReferralRuleError(
        f"Een verwijzing die ‘{current.label}’ is, kan niet naar ‘{new.label}’. Kies "
        f"{choices}."
    )


def check_status_date(changed_on: date, previous_step_on: date, today: date) -> None:
    """A status change happens on or after the previous step, and not in the future."""
    if changed_on > today:
        raise ReferralRuleError(
            "De datum van de statuswijziging ligt in de toekomst. Kies vandaag of een "
            "eerdere datum. De status is niet veranderd."
        )
    if changed_on < previous_step_on:
        raise ReferralRuleError(
            f"De datum ligt vóór de vorige stap van deze verwijzing "
            f"({long_date(previous_step_on)}). Kies die datum of een latere. De status is niet "
            "veranderd."
        )


def next_statuses(current: ReferralStatus) -> list[ReferralStatus]:
    """The statuses a referral can move to, in the order of the life cycle."""
    return sorted(ALLOWED_TRANSITIONS[current], key=_order)


def proposed_follow_up_due(referred_on: date, interval_days: int) -> date:
    """When to check that the help started: ``interval_days`` after the referral."""
    if not 1 <= interval_days <= MAX_FOLLOW_UP_INTERVAL_DAYS:
        raise ValueError(f"interval_days must be 1..{MAX_FOLLOW_UP_INTERVAL_DAYS}")
    return referred_on + timedelta(days=interval_days)


def parse_interval_days(setting: str | None) -> int:
    """The follow-up interval from its setting; a missing or unusable value gives 14."""
    if setting is None:
        return DEFAULT_FOLLOW_UP_INTERVAL_DAYS
    try:
        days = int(setting.strip())
    except ValueError:
        return DEFAULT_FOLLOW_UP_INTERVAL_DAYS
    if not 1 <= days <= MAX_FOLLOW_UP_INTERVAL_DAYS:
        return DEFAULT_FOLLOW_UP_INTERVAL_DAYS
    return days


def _order(status: ReferralStatus) -> int:
    return list(ReferralStatus).index(status)
