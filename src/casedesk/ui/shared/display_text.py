"""Dutch words the intake screens show for catalog values, dates and times.

Kept in one place so the intake window, the dossier view and the screenshots say the
same thing. Dates follow the Dutch locale that ``ui.app`` sets as Qt's default.
"""

import html
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale

from casedesk.domain.catalog import COST_LABELS as CATALOG_COST_LABELS
from casedesk.domain.catalog import PARTNER_TYPE_LABELS as CATALOG_PARTNER_TYPE_LABELS
from casedesk.domain.catalog import Contact, CostKind
from casedesk.domain.decision import RouteDecision
from casedesk.domain.dutch import dutch_time, join_dutch
from casedesk.domain.dutch import long_date as dutch_long_date

COST_LABELS = CATALOG_COST_LABELS
PARTNER_TYPE_LABELS = CATALOG_PARTNER_TYPE_LABELS


def weekday_date(day: date) -> str:
    """``vr 27 nov. 2026``: short, with the weekday, for lists and follow-ups."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")


def short_date(day: date) -> str:
    """``27-11-2026``: the form a caseworker types."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "dd-MM-yyyy")


local_time = dutch_time
long_date = dutch_long_date
"""``27 november 2026``: the same words the printed plan uses."""


def clock_time(moment: datetime) -> str:
    """``14:05`` in local time."""
    return QLocale().toString(QDateTime(local_time(moment)), "HH:mm")


def date_and_time(moment: datetime) -> str:
    """``27 november 2026 om 14:05`` in local time."""
    local = local_time(moment)
    return f"{long_date(local.date())} om {clock_time(local)}"


def cost_text(kind: CostKind, note: str) -> str:
    label = COST_LABELS[kind]
    return f"{label}: {note}" if note else label


def contact_text(contact: Contact, separator: str = " · ") -> str:
    parts = [part for part in (contact.phone, contact.website, contact.email) if part]
    return separator.join(parts) if parts else "Geen contactgegevens bekend"


def escape(text: str) -> str:
    """Text for Qt rich text: ``<``, ``>`` and ``&`` escaped; quotes stay as typed, so a
    label's plain text (and a screen reader) says "van 't", not an entity."""
    return html.escape(text, quote=False)


def chosen_routes_text(decision: RouteDecision) -> str:
    """The chosen routes as the dossier and the summary say them: "Route 1: …, daarna …"."""
    first, *later = (route.label for route in decision.routes)
    return f"{first}, daarna {join_dutch(later)}" if later else first
