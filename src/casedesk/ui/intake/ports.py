"""What the intake window and the dossier view need from the services (issue 4).

Implemented by ``casedesk.services.intake.IntakeService`` over the store; tests may use an
honest in-memory double. Every method may raise ``KnownError`` with a Dutch message.
"""

from collections.abc import Sequence
from typing import Protocol

from casedesk.domain.advice import Advice
from casedesk.domain.agreements import Action, Appointment
from casedesk.domain.case import CaseId
from casedesk.domain.catalog import InstrumentId
from casedesk.domain.decision import RouteDecision
from casedesk.domain.dossier import (
    AnswersBase,
    AnswersSaved,
    ChosenInstrument,
    Dossier,
    DuplicateMatch,
    IntakeState,
    PartBase,
    PartSaved,
    Registration,
)
from casedesk.domain.intake import IntakeAnswers
from casedesk.domain.routes import Route


class IntakePort(Protocol):
    def start_intake(self, registration: Registration, answers: IntakeAnswers) -> CaseId:
        """Opens a new dossier (status intake) and returns its id."""
        ...

    def load_intake(self, case_id: CaseId) -> IntakeState:
        """The stored state of an intake (an audited read)."""
        ...

    def save_answers(
        self, case_id: CaseId, answers: IntakeAnswers, base: AnswersBase | None = None
    ) -> AnswersSaved:
        """Autosave: stores the answers (also an incomplete intake) in one transaction.

        ``base``: the answers and part versions the window loaded or last stored. What a
        colleague stored since is merged in; a field both changed keeps the colleague's
        value and is returned as a conflict, for the caseworker to choose.
        """
        ...

    def save_registration(
        self,
        case_id: CaseId,
        registration: Registration,
        base: PartBase[Registration] | None = None,
    ) -> PartSaved[Registration]:
        """Stores the registration. ``base``: what the window loaded or last stored; a
        colleague's change since is merged in, a field both changed keeps theirs and is
        returned as a conflict, for the caseworker to choose."""
        ...

    def find_duplicates(self, case_id: CaseId, answers: IntakeAnswers) -> Sequence[DuplicateMatch]:
        """Other dossiers with the same KvK number, BSN, or name with date of birth."""
        ...

    def advise(self, case_id: CaseId, answers: IntakeAnswers) -> Advice:
        """The advice for these answers (catalog in use, the entrepreneur's region). Fast."""
        ...

    def decide_route(
        self,
        case_id: CaseId,
        advice: Advice,
        primary: Route,
        secondary: Route | None,
        override_reason: str,
        third: Route | None = None,
    ) -> RouteDecision:
        """Records the decision; choosing other routes than advised needs a reason."""
        ...

    def choose_instruments(
        self,
        case_id: CaseId,
        instrument_ids: Sequence[InstrumentId],
        base: PartBase[tuple[InstrumentId, ...]] | None = None,
    ) -> PartSaved[tuple[ChosenInstrument, ...]]:
        """Stores the chosen instruments; what a colleague chose or dropped since ``base``
        is merged in (never a conflict). Returns what is chosen now."""
        ...

    def save_actions(
        self,
        case_id: CaseId,
        actions: Sequence[Action],
        base: PartBase[tuple[Action, ...]] | None = None,
    ) -> PartSaved[tuple[Action, ...]]:
        """Replaces the case's actions; returns them with their stored ids. ``base`` as for
        the registration: merged per action and field, conflicts returned."""
        ...

    def save_appointment(
        self,
        case_id: CaseId,
        appointment: Appointment | None,
        base: PartBase[Appointment | None] | None = None,
    ) -> PartSaved[Appointment | None]:
        """The next appointment (None removes it); ``base`` as for the registration."""
        ...

    def dossier(self, case_id: CaseId) -> Dossier:
        """The whole dossier for the dossier view (an audited read)."""
        ...
