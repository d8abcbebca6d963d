"""A dossier as the intake and the dossier view show it: plain data, no storage."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from casedesk.domain.agreements import Action, Appointment
from casedesk.domain.case import CaseId, CaseStatus
from casedesk.domain.catalog import InstrumentId
from casedesk.domain.decision import RouteDecision
from casedesk.domain.intake import IntakeAnswers


@dataclass(frozen=True, slots=True)
class Registration:
    """Aanmelding: when and where the entrepreneur came to the counter.

    How they came (the channel) is part of the answers (``IntakeAnswers.channel``).
    """

    registration_date: date
    municipality_code: str
    """The municipality whose counter helps the entrepreneur (CBS code, GMxxxx)."""


@dataclass(frozen=True, slots=True)
class ChosenInstrument:
    instrument_id: InstrumentId
    name: str
    """Kept with the id: a later catalog may drop the instrument."""


@dataclass(frozen=True, slots=True)
class IntakeState:
    """Everything the intake window edits, as stored."""

    case_id: CaseId
    status: CaseStatus
    registration: Registration
    answers: IntakeAnswers
    decision: RouteDecision | None
    chosen_instruments: tuple[ChosenInstrument, ...]
    actions: tuple[Action, ...]
    appointment: Appointment | None
    answers_saved_at: datetime | None
    answer_versions: Mapping[str, int] = field(default_factory=dict)
    """The version of each part of the answers (``domain/answer_merge.part_of``); a part
    not listed is at version 0. A save names them (:class:`AnswersBase`)."""
    step_versions: Mapping[str, int] = field(default_factory=dict)
    """The versions of the registration, the chosen instruments and the actions
    (``domain/part_merge.STEP_PARTS``; not listed: version 0). A save names its own
    (:class:`PartBase`)."""


@dataclass(frozen=True, slots=True)
class AnswersBase:
    """The answers a window loaded or last stored, and the versions of their parts: what a
    save is checked against, so that it never writes over a colleague's changes unseen."""

    answers: IntakeAnswers
    versions: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class AnswerConflict:
    """An answer that this window and a colleague both changed, each to another value."""

    path: str
    """``section.field`` as in ``FIELD_LABELS``, or ``channel``."""
    mine: Any
    """What this window typed (a value of the answers, e.g. a ``Sector`` or a date)."""
    theirs: Any
    """What the colleague stored, and what is stored until the caseworker chooses."""
    changed_by: str
    """Who stored theirs, by name, from the log ("" when the log does not say)."""
    changed_at: datetime | None
    label: str = ""
    """What the dialog calls it, when the answer's path has no label of its own (an
    action: "Actie “Offerte maken”: klaar voor")."""


@dataclass(frozen=True, slots=True)
class AnswersSaved:
    """What a save left in the store: the answers (with what colleagues stored merged in),
    their versions (the next save's base), and the conflicts still to be chosen."""

    answers: IntakeAnswers
    versions: Mapping[str, int]
    conflicts: tuple[AnswerConflict, ...] = ()

    @property
    def base(self) -> AnswersBase:
        return AnswersBase(self.answers, self.versions)


_Value = TypeVar("_Value")


@dataclass(frozen=True, slots=True)
class PartBase(Generic[_Value]):
    """What a window loaded or last stored of one part that is not answers (the
    registration, the chosen instruments, the actions) and that part's version: a save is
    checked against it, as the answers' are against :class:`AnswersBase`."""

    value: _Value
    version: int


@dataclass(frozen=True, slots=True)
class PartSaved(Generic[_Value]):
    """What a save of such a part left in the store (with a colleague's changes merged
    in), its version, and the fields both changed, still to be chosen."""

    value: _Value
    version: int
    conflicts: tuple[AnswerConflict, ...] = ()

    @property
    def base(self) -> PartBase[_Value]:
        return PartBase(self.value, self.version)


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    """Another dossier that may be the same entrepreneur."""

    case_id: CaseId
    name: str
    trade_name: str
    status: CaseStatus
    reason: str
    """Dutch, e.g. "Zelfde KvK-nummer (12345678)"."""


@dataclass(frozen=True, slots=True)
class ReferralLine:
    """A referral as the dossier view lists it (issue 6 fills in the details)."""

    referral_id: int
    partner_name: str
    request: str
    referred_on: date
    status_label: str


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """A stored document version (action plan or referral letter)."""

    version_id: int
    kind_label: str
    created_at: datetime
    caseworker: str
    sha256: str


@dataclass(frozen=True, slots=True)
class LogLine:
    """One audit event in readable Dutch."""

    at: datetime
    who: str
    text: str


@dataclass(frozen=True, slots=True)
class FollowUpLine:
    """One follow-up in the dossier: when, what, and (once done) when and how it went."""

    due_date: date
    note: str
    done_at: datetime | None = None
    done_note: str = ""


@dataclass(frozen=True)
class Dossier:
    """The dossier view: data, advice decision, actions, referrals, follow-ups, documents
    and log."""

    intake: IntakeState
    referrals: tuple[ReferralLine, ...] = ()
    documents: tuple[DocumentLine, ...] = ()
    log: tuple[LogLine, ...] = field(default_factory=tuple)
    follow_ups: tuple[FollowUpLine, ...] = ()
