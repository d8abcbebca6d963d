"""Follow-ups (opvolging): what is due today, what is overdue, what comes this week.

A follow-up is due on a calendar date, as the caseworker's agenda shows it. "Today" is the
date in Europe/Amsterdam of an aware moment: at 00:30 local time (23:30 UTC the day before)
it is already the next day at the counter. Computing with the zone (not a fixed offset) keeps
this right across the daylight-saving changes on the last Sundays of March and October.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from casedesk.domain.dutch import AMSTERDAM
from casedesk.errors import KnownError

COMING_DAYS = 7
"""The Vandaag view's "coming week": tomorrow up to and including a week from today."""
MAX_NOTE_LENGTH = 2000
GROUP_LIMIT = 100
"""Rows shown per group of the Vandaag view; the heading still counts them all. More than a
day's work is a backlog to plan, not a list to scroll, and the view stays fast."""
LAPSED_NOTE = "Vervallen: het dossier is afgesloten."


def local_today(now: datetime) -> date:
    """The date at the counter (Europe/Amsterdam) at the aware moment ``now``."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(AMSTERDAM).date()


def week_end(today: date) -> date:
    """The last day of the coming week (inclusive)."""
    return today + timedelta(days=COMING_DAYS)


class Due(Enum):
    OVERDUE = "overdue"
    TODAY = "today"
    COMING_WEEK = "coming_week"
    LATER = "later"


def classify(due_date: date, today: date) -> Due:
    if due_date < today:
        return Due.OVERDUE
    if due_date == today:
        return Due.TODAY
    if due_date <= week_end(today):
        return Due.COMING_WEEK
    return Due.LATER


def is_overdue(due_date: date, now: datetime) -> bool:
    """Overdue from 00:00 Amsterdam time on the day after the due date."""
    return classify(due_date, local_today(now)) is Due.OVERDUE


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    """One open follow-up as the Vandaag view lists it."""

    follow_up_id: int
    case_id: int
    due_date: date
    note: str
    entrepreneur_name: str
    trade_name: str
    referral_id: int | None = None
    partner_name: str = ""


@dataclass(frozen=True, slots=True)
class ActionItem:
    """One open action of the caseworker (Wie = klantmanager), for the Vandaag view."""

    action_id: int
    case_id: int
    description: str
    due_date: date | None
    entrepreneur_name: str
    trade_name: str


@dataclass(frozen=True, slots=True)
class AppointmentItem:
    """One coming appointment, for the Vandaag view."""

    case_id: int
    starts_at: datetime
    how: str
    """"Op locatie", "Telefonisch" or "Videobellen"."""
    where: str
    entrepreneur_name: str
    trade_name: str


@dataclass(frozen=True, slots=True)
class TodayOverview:
    """The Vandaag view: follow-ups overdue (oldest first), due today, and the coming week;
    the caseworker's own open actions and the coming appointments."""

    today: date
    overdue: tuple[FollowUpItem, ...]
    due_today: tuple[FollowUpItem, ...]
    coming_week: tuple[FollowUpItem, ...]
    overdue_total: int = -1
    """How many are overdue in all; -1 (the default) means ``len(overdue)``."""
    due_today_total: int = -1
    coming_week_total: int = -1
    my_actions: tuple[ActionItem, ...] = ()
    """Open actions of the caseworker due by the end of the coming week (or undated)."""
    appointments: tuple[AppointmentItem, ...] = ()
    """Appointments from now to the end of the coming week."""

    def __post_init__(self) -> None:
        for name, shown in (
            ("overdue_total", self.overdue),
            ("due_today_total", self.due_today),
            ("coming_week_total", self.coming_week),
        ):
            if getattr(self, name) < 0:
                object.__setattr__(self, name, len(shown))

    @property
    def is_empty(self) -> bool:
        return not (
            self.overdue or self.due_today or self.coming_week or self.my_actions
            or self.appointments
        )  # fmt: skip


def overview(items: Iterable[FollowUpItem], today: date) -> TodayOverview:
    """Sorts open follow-ups into the view's three groups (later ones are left out)."""
    groups: dict[Due, list[FollowUpItem]] = {due: [] for due in Due}
    for item in sorted(items, key=lambda item: (item.due_date, item.follow_up_id)):
        groups[classify(item.due_date, today)].append(item)
    return TodayOverview(
        today=today,
        overdue=tuple(groups[Due.OVERDUE]),
        due_today=tuple(groups[Due.TODAY]),
        coming_week=tuple(groups[Due.COMING_WEEK]),
    )


class FollowUpRuleError(KnownError):
    """A follow-up (or marking it done) breaks a rule the caseworker can fix."""


def check_done_note(note: str) -> str:
    """The note for marking a follow-up done, stripped; raises when it is empty."""
    cleaned = note.strip()
    if not cleaned:
        raise FollowUpRuleError(
            "Schrijf in een paar woorden wat er is gedaan of afgesproken, bijvoorbeeld "
            "‘Gebeld, coaching is gestart’. De opvolging staat nog open."
        )
    if len(cleaned) > MAX_NOTE_LENGTH:
        raise FollowUpRuleError(
            f"De notitie is te lang (meer dan {MAX_NOTE_LENGTH} tekens). Maak hem korter. "
            "De opvolging staat nog open."
        )
    return cleaned


def check_new_follow_up(note: str, due_date: date, today: date) -> str:
    """The note for a new follow-up, stripped; raises for an empty note or a past date."""
    cleaned = note.strip()
    if not cleaned:
        raise FollowUpRuleError(
            "Schrijf op wat er nagegaan moet worden. De opvolging is niet opgeslagen."
        )
    if len(cleaned) > MAX_NOTE_LENGTH:
        raise FollowUpRuleError(
            f"De notitie is te lang (meer dan {MAX_NOTE_LENGTH} tekens). Maak hem korter. "
            "De opvolging is niet opgeslagen."
        )
    if due_date < today:
        raise FollowUpRuleError(
            "De datum ligt in het verleden. Kies vandaag of een latere datum. De opvolging "
            "is niet opgeslagen."
        )
    return cleaned
