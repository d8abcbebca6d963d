"""Closing a case: the outcome the region counts, the retention date, and the warnings.

A closed case is read-only until it is reopened with a reason. The retention period starts
at the closing date; its length follows the dossier's Selectielijst result type
(``domain/retention.py``), so the purge knows when a dossier may be removed.
"""

from dataclasses import dataclass
from datetime import date

from casedesk.domain.case import CaseStatus
from casedesk.domain.intake import LabelledEnum, register_labels
from casedesk.errors import KnownError

MAX_RETENTION_YEARS = 30
MAX_REASON_LENGTH = 2000


class Outcome(LabelledEnum):
    BUSINESS_CONTINUED = "onderneming_voortgezet"
    CONTINUED_WITH_CHANGES = "voortgezet_met_aanpassingen"
    PART_TIME_WITH_JOB = "deeltijd_ondernemer_met_baan"
    STOPPED_WITH_JOB = "gestopt_met_baan"
    STOPPED_WITHOUT_WORK = "gestopt_zonder_werk"
    REFERRED_ON = "doorverwezen"
    DROPPED_OUT = "uitgevallen"
    MOVED_AWAY = "verhuisd"


register_labels(
    Outcome,
    {
        Outcome.BUSINESS_CONTINUED: "Onderneming voortgezet",
        Outcome.CONTINUED_WITH_CHANGES: "Onderneming voortgezet met aanpassingen",
        Outcome.PART_TIME_WITH_JOB: "Deeltijdondernemer met een baan",
        Outcome.STOPPED_WITH_JOB: "Gestopt, met een baan",
        Outcome.STOPPED_WITHOUT_WORK: "Gestopt, nog zonder werk",
        Outcome.REFERRED_ON: "Doorverwezen (bijvoorbeeld naar schuldhulp)",
        Outcome.DROPPED_OUT: "Afgehaakt",
        Outcome.MOVED_AWAY: "Verhuisd naar een andere gemeente",
    },
)


class ClosingRuleError(KnownError):
    """Closing or reopening breaks a rule the caseworker can fix."""


class CaseClosedError(KnownError):
    """A change to a closed (read-only) case."""

    def __init__(self, case_id: int) -> None:
        super().__init__(
            f"Dossier {case_id} is afgesloten en kan niet meer veranderen. Heropen het "
            "dossier eerst (met een reden) als er toch iets moet gebeuren."
        )
        self.case_id = case_id


@dataclass(frozen=True, slots=True)
class OpenWork:
    """What is still open in a case that is about to be closed."""

    open_referrals: int
    open_follow_ups: int


def closing_warnings(open_work: OpenWork) -> tuple[str, ...]:
    """Dutch warnings the caseworker confirms before closing; empty when nothing is open."""
    warnings: list[str] = []
    if open_work.open_referrals == 1:
        warnings.append("Er loopt nog 1 verwijzing. Die blijft staan zoals hij is.")
    elif open_work.open_referrals > 1:
        warnings.append(
            f"Er lopen nog {open_work.open_referrals} verwijzingen. Die blijven staan zoals "
            "ze zijn."
        )
    if open_work.open_follow_ups == 1:
        warnings.append("Er staat nog 1 opvolging open. Die vervalt bij het afsluiten.")
    elif open_work.open_follow_ups > 1:
        warnings.append(
            f"Er staan nog {open_work.open_follow_ups} opvolgingen open. Die vervallen bij "
            "het afsluiten."
        )
    return tuple(warnings)


def retention_until(closed_on: date, years: int) -> date:
    """The last day the dossier must be kept: ``years`` after closing (29 Feb -> 28 Feb)."""
    if not 1 <= years <= MAX_RETENTION_YEARS:
        raise ValueError(f"years must be 1..{MAX_RETENTION_YEARS}")
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:  # 29 February in a year that has none
        return closed_on.replace(year=closed_on.year + years, day=28)


def check_closing_date(closed_on: date, registered_on: date, today: date) -> None:
    if closed_on > today:
        raise ClosingRuleError(
            "De datum van afsluiten ligt in de toekomst. Kies vandaag of een eerdere datum. "
            "Het dossier is niet afgesloten."
        )
    if closed_on < registered_on:
        raise ClosingRuleError(
            "De datum van afsluiten ligt vóór de aanmelding. Kies een latere datum. Het "
            "dossier is niet afgesloten."
        )


def check_reopen_reason(reason: str) -> str:
    cleaned = reason.strip()
    if not cleaned:
        raise ClosingRuleError(
            "Schrijf op waarom het dossier weer opengaat, bijvoorbeeld ‘Ondernemer meldt zich "
            "opnieuw’. Het dossier is nog afgesloten."
        )
    if len(cleaned) > MAX_REASON_LENGTH:
        raise ClosingRuleError(
            f"De reden is te lang (meer dan {MAX_REASON_LENGTH} tekens). Maak hem korter. "
            "Het dossier is nog afgesloten."
        )
    return cleaned


@dataclass(frozen=True, slots=True)
class ClosingState:
    """Where a case stands with respect to closing."""

    case_id: int
    status: CaseStatus
    registration_date: date
    outcome: Outcome | None
    closed_on: date | None
    retention_until: date | None

    @property
    def is_closed(self) -> bool:
        return self.status is CaseStatus.CLOSED


@dataclass(frozen=True, slots=True)
class Reopening:
    reopened_on: date
    reason: str
    previous_outcome: Outcome | None
    previous_closed_on: date | None
