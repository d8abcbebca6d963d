"""What the caseworker and the entrepreneur agree on: actions and the next appointment."""

from dataclasses import dataclass
from datetime import date, datetime

from casedesk.domain.intake import LabelledEnum, register_labels


class ActionOwner(LabelledEnum):
    """Who does an action."""

    ENTREPRENEUR = "ondernemer"
    CASEWORKER = "klantmanager"
    PARTNER = "partner"


register_labels(
    ActionOwner,
    {
        ActionOwner.ENTREPRENEUR: "Ondernemer",
        ActionOwner.CASEWORKER: "Klantmanager",
        ActionOwner.PARTNER: "Partner",
    },
)


@dataclass(frozen=True, slots=True)
class Action:
    """One agreed action (wat, wie, wanneer)."""

    description: str
    owner: ActionOwner
    owner_detail: str = ""
    """Which partner (or which person), when the owner alone does not say enough."""
    due_date: date | None = None
    done: bool = False
    action_id: int | None = None
    """None until stored."""


class AppointmentMode(LabelledEnum):
    """Where the next appointment happens (values as stored)."""

    IN_PERSON = "ter_plaatse"
    PHONE = "telefoon"
    VIDEO = "video"


register_labels(
    AppointmentMode,
    {
        AppointmentMode.IN_PERSON: "Op locatie",
        AppointmentMode.PHONE: "Telefonisch",
        AppointmentMode.VIDEO: "Videobellen",
    },
)


@dataclass(frozen=True, slots=True)
class Appointment:
    """The next appointment; ``starts_at`` is timezone-aware (Europe/Amsterdam in the UI)."""

    starts_at: datetime
    mode: AppointmentMode
    location: str = ""
    """Address or room for an in-person meeting; phone number or link otherwise."""
    ends_at: datetime | None = None
    note: str = ""
