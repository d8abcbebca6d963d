"""Export open follow-ups and coming appointments as an iCalendar (.ics) file.

Outlook, Google Calendar and Thunderbird import the file. Follow-ups are all-day events on
their due date (Outlook ignores to-dos in an imported file); appointments are timed events
in Europe/Amsterdam with the zone's VTIMEZONE. UIDs are stable (the same follow-up keeps its
UID in every export), so importing again updates entries instead of doubling them.

Privacy: by default an entry names only the initials and the dossier number, and a
caseworker's own free-text note or an appointment's place (often a home address or phone
number) stays out. With ``include_personal_data`` the full name, the note and the place go
in: the caseworker chooses that on purpose (DESIGN.md: data leaves the machine only so).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from casedesk.db import followups_repo, settings_repo
from casedesk.db.data_store import DataStore
from casedesk.db.followups_repo import CalendarAppointment, CalendarFollowUp, CalendarPerson
from casedesk.domain.agreements import AppointmentMode
from casedesk.domain.dutch import AMSTERDAM
from casedesk.domain.followups import local_today
from casedesk.domain.intake import full_name
from casedesk.domain.referrals import FOLLOW_UP_TEXT
from casedesk.errors import KnownError
from casedesk.files import os_error_reason, write_atomically
from casedesk.services.outcomes import outcome_logged

PRODUCT_ID = "-//casedesk//Zelfstandigenloket//NL"
DEFAULT_APPOINTMENT_MINUTES = 60


@dataclass(frozen=True, slots=True)
class CalendarExport:
    path: Path
    follow_ups: int
    appointments: int


@outcome_logged("calendar.exported", "store")
def export_calendar(
    store: DataStore, path: Path, now: datetime, *, include_personal_data: bool = False
) -> CalendarExport:
    """Writes open follow-ups (from today) and appointments (from now) to ``path``."""
    today = local_today(now)
    with store.transaction() as session:
        follow_ups = followups_repo.calendar_follow_ups(session, today)
        appointments = followups_repo.calendar_appointments(session, now)
        code = settings_repo.get_setting(session, settings_repo.MUNICIPALITY_CODE)
        uid_domain = _uid_domain(code)
        actor = settings_repo.current_caseworker_id(session)
        followups_repo.record_calendar_export(
            session, actor,
            [f.case_id for f in follow_ups] + [a.case_id for a in appointments],
            include_personal_data,
        )  # fmt: skip
        calendar = build_calendar(
            follow_ups, appointments, now, uid_domain, include_personal_data=include_personal_data
        )
        try:
            # Inside the transaction: when the file cannot be written, the log says nothing
            # was exported. Atomically: a full disk never leaves half a calendar file.
            write_atomically(path, calendar.to_ical(), prefix=".agenda-", suffix=".ics")
        except OSError as error:
            raise KnownError(
                f"Het agendabestand kon niet worden opgeslagen in {path.parent} "
                f"({os_error_reason(error)}). Kies een andere map."
            ) from error
    return CalendarExport(path, len(follow_ups), len(appointments))


def build_calendar(
    follow_ups: list[CalendarFollowUp],
    appointments: list[CalendarAppointment],
    now: datetime,
    uid_domain: str,
    *,
    include_personal_data: bool,
) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "casedesk opvolging")
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for follow_up in follow_ups:
        calendar.add_component(
            _follow_up_event(follow_up, now, uid_domain, include_personal_data)
        )
    for appointment in appointments:
        calendar.add_component(
            _appointment_event(appointment, now, uid_domain, include_personal_data)
        )
    calendar.add_missing_timezones()
    return calendar


def initials(person: CalendarPerson) -> str:
    """"Fatma Özdemir" -> "F.Ö."; "Jan-Willem van den Bergh" -> "J.W.B."."""
    given = person.voornamen.replace("-", " ").split()
    family = person.achternaam.replace("-", " ").split()[:1]
    letters = [word[0].upper() for word in [*given, *family] if word]
    return "".join(f"{letter}." for letter in letters) or "?"


def who(person: CalendarPerson, case_id: int, include_personal_data: bool) -> str:
    name = (
        full_name(person.voornamen, person.tussenvoegsel, person.achternaam)
        if include_personal_data
        else initials(person)
    )
    return f"dossier {case_id}, {name}"


def _follow_up_event(
    follow_up: CalendarFollowUp, now: datetime, uid_domain: str, include_personal_data: bool
) -> Event:
    event = Event()
    event.add("uid", f"opvolging-{follow_up.follow_up_id}@{uid_domain}")
    event.add("dtstamp", now)
    event.add("dtstart", follow_up.due_date)
    event.add("dtend", follow_up.due_date + timedelta(days=1))
    about = who(follow_up.person, follow_up.case_id, include_personal_data)
    event.add("summary", f"Opvolging {about}")
    # The standard text names no one; a caseworker's own note may.
    if include_personal_data or follow_up.note == FOLLOW_UP_TEXT:
        event.add("description", follow_up.note)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: leaves the day free
    event.add("categories", ["casedesk"])
    return event


def _appointment_event(
    appointment: CalendarAppointment, now: datetime, uid_domain: str, include_personal_data: bool
) -> Event:
    starts = appointment.starts_at.astimezone(AMSTERDAM)
    ends = (
        appointment.ends_at.astimezone(AMSTERDAM)
        if appointment.ends_at is not None
        else starts + timedelta(minutes=DEFAULT_APPOINTMENT_MINUTES)
    )
    mode = _mode_label(appointment.mode)
    event = Event()
    event.add("uid", f"afspraak-{appointment.appointment_id}@{uid_domain}")
    event.add("dtstamp", now)
    event.add("dtstart", starts)
    event.add("dtend", ends)
    event.add(
        "summary",
        f"Afspraak {who(appointment.person, appointment.case_id, include_personal_data)}"
        f" ({mode.lower()})",
    )
    if include_personal_data:
        if appointment.location:
            event.add("location", appointment.location)
        if appointment.note:
            event.add("description", appointment.note)
    event.add("categories", ["casedesk"])
    return event


def _mode_label(mode: str) -> str:
    try:
        return AppointmentMode(mode).label
    except ValueError:
        return mode


def _uid_domain(municipality_code: str | None) -> str:
    # Ids are per store; the municipality keeps two counters' exports apart in one agenda.
    code = (municipality_code or "").strip().lower()
    return f"{code}.casedesk" if code else "casedesk"
