"""An in-memory ``IntakePort`` that keeps the port's promises, for the intake UI tests.

It stores what it is given, computes the advice with the real ``domain.advice.advise``
and the real default catalog, finds duplicates by KvK number, BSN, or name with date of
birth (as the service does), refuses an override without a reason with the service's kind
of Dutch message, and records every save so tests can wait on them. Integration with the
real encrypted store is tested with ``IntakeService`` itself.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.regions import load_default_region_table
from casedesk.domain.advice import Advice, advise
from casedesk.domain.agreements import Action, Appointment
from casedesk.domain.answer_merge import changed_paths, part_of
from casedesk.domain.answers_json import answers_to_json_dict
from casedesk.domain.case import CaseId, CaseStatus
from casedesk.domain.catalog import Catalog, InstrumentId
from casedesk.domain.decision import RouteDecision, decision_on
from casedesk.domain.dossier import (
    AnswersBase,
    AnswersSaved,
    ChosenInstrument,
    Dossier,
    DuplicateMatch,
    IntakeState,
    LogLine,
    PartBase,
    PartSaved,
    Registration,
)
from casedesk.domain.intake import IntakeAnswers, display_name
from casedesk.domain.part_merge import (
    ACTIONS_PART,
    APPOINTMENT_PART,
    INSTRUMENTS_PART,
    REGISTRATION_PART,
)
from casedesk.domain.regions import MunicipalityCode
from casedesk.domain.routes import Route
from casedesk.domain.validation import normalize_bsn, normalize_kvk_number
from casedesk.errors import KnownError

CASEWORKER = "Sanne de Wit"
OVERRIDE_NEEDS_REASON = (
    "U kiest een andere route dan het advies. Schrijf op waarom; die reden komt in het dossier."
)
_CATALOG: Catalog | None = None


def default_catalog() -> Catalog:
    global _CATALOG
    if _CATALOG is None:
        _CATALOG = load_default_catalog()
    return _CATALOG


@dataclass
class InMemoryIntakePort:
    today: date = date(2026, 11, 27)
    clock: datetime = datetime(2026, 11, 27, 13, 5, tzinfo=UTC)
    states: dict[CaseId, IntakeState] = field(default_factory=dict)
    saved_answers: list[IntakeAnswers] = field(default_factory=list)
    """Every ``save_answers`` call, in order."""
    log: dict[CaseId, list[LogLine]] = field(default_factory=dict)
    save_error: KnownError | None = None
    """When set, every save raises it (a full disk, a locked store)."""
    duplicate_checks: int = 0

    # -- helpers for tests ---------------------------------------------------------------

    def add_case(self, answers: IntakeAnswers, status: CaseStatus = CaseStatus.INTAKE) -> CaseId:
        case_id = self.start_intake(Registration(self.today, "GM0855"), answers)
        self.states[case_id] = replace(self.states[case_id], status=status)
        return case_id

    def answers(self, case_id: CaseId) -> IntakeAnswers:
        return self.states[case_id].answers

    # -- IntakePort ----------------------------------------------------------------------

    def start_intake(self, registration: Registration, answers: IntakeAnswers) -> CaseId:
        case_id = CaseId(len(self.states) + 1)
        self.states[case_id] = IntakeState(
            case_id=case_id,
            status=CaseStatus.INTAKE,
            registration=registration,
            answers=answers,
            decision=None,
            chosen_instruments=(),
            actions=(),
            appointment=None,
            answers_saved_at=None,
        )
        self._log(case_id, "Dossier aangemaakt")
        return case_id

    def load_intake(self, case_id: CaseId) -> IntakeState:
        if case_id not in self.states:
            raise KnownError(f"Dossier {case_id} bestaat niet (meer).")
        self._log(case_id, "Intake geopend")
        return self.states[case_id]

    def save_answers(
        self, case_id: CaseId, answers: IntakeAnswers, base: AnswersBase | None = None
    ) -> AnswersSaved:
        """One caseworker: what is given is stored (the merge with a colleague's changes
        is the service's, tested on the real store)."""
        self._refuse_if_failing()
        self.saved_answers.append(answers)
        state = self.states[case_id]
        versions = dict(state.answer_versions)
        before, after = answers_to_json_dict(state.answers), answers_to_json_dict(answers)
        for part in {part_of(path) for path in changed_paths(before, after)}:
            versions[part] = versions.get(part, 0) + 1
        self._update(
            case_id, answers=answers, answers_saved_at=self.clock, answer_versions=versions
        )
        return AnswersSaved(answers, versions)

    def save_registration(
        self,
        case_id: CaseId,
        registration: Registration,
        base: PartBase[Registration] | None = None,
    ) -> PartSaved[Registration]:
        """One caseworker, as for the answers: stored as given."""
        self._refuse_if_failing()
        self._update(case_id, registration=registration)
        return PartSaved(registration, self._next_version(case_id, REGISTRATION_PART))

    def find_duplicates(self, case_id: CaseId, answers: IntakeAnswers) -> Sequence[DuplicateMatch]:
        self.duplicate_checks += 1
        matches = []
        for other_id, other in self.states.items():
            if other_id == case_id:
                continue
            reason = _same_entrepreneur(answers, other.answers)
            if reason:
                matches.append(
                    DuplicateMatch(
                        case_id=other_id,
                        name=display_name(other.answers.entrepreneur),
                        trade_name=other.answers.business.trade_name,
                        status=other.status,
                        reason=reason,
                    )
                )
        return matches

    def advise(self, case_id: CaseId, answers: IntakeAnswers) -> Advice:
        code = (
            answers.entrepreneur.municipality_code
            or self.states[case_id].registration.municipality_code
        )
        locality = load_default_region_table().locality_of(MunicipalityCode(code))
        return advise(answers, default_catalog(), locality, self.today)

    def decide_route(
        self,
        case_id: CaseId,
        advice: Advice,
        primary: Route,
        secondary: Route | None,
        override_reason: str,
        third: Route | None = None,
    ) -> RouteDecision:
        self._refuse_if_failing()
        chosen = tuple(route for route in (primary, secondary, third) if route is not None)
        if chosen != advice.route_list and not override_reason.strip():
            raise KnownError(OVERRIDE_NEEDS_REASON)
        decision = decision_on(advice, chosen, override_reason, self.clock, CASEWORKER)
        self._update(case_id, decision=decision, status=CaseStatus.ADVICE)
        return decision

    def choose_instruments(
        self,
        case_id: CaseId,
        instrument_ids: Sequence[InstrumentId],
        base: PartBase[tuple[InstrumentId, ...]] | None = None,
    ) -> PartSaved[tuple[ChosenInstrument, ...]]:
        self._refuse_if_failing()
        catalog = default_catalog()
        chosen = []
        for instrument_id in instrument_ids:
            instrument = catalog.instrument(instrument_id)
            if instrument is None:
                raise KnownError(f"Het instrument {instrument_id} staat niet in de catalogus.")
            chosen.append(ChosenInstrument(instrument_id, instrument.name))
        self._update(case_id, chosen_instruments=tuple(chosen))
        return PartSaved(tuple(chosen), self._next_version(case_id, INSTRUMENTS_PART))

    def save_actions(
        self,
        case_id: CaseId,
        actions: Sequence[Action],
        base: PartBase[tuple[Action, ...]] | None = None,
    ) -> PartSaved[tuple[Action, ...]]:
        self._refuse_if_failing()
        if any(not action.description.strip() for action in actions):
            raise KnownError("Een actie zonder omschrijving kan niet worden bewaard.")
        next_id = 1 + max(
            (a.action_id or 0 for state in self.states.values() for a in state.actions), default=0
        )
        stored = []
        for action in actions:
            if action.action_id is None:
                action = replace(action, action_id=next_id)
                next_id += 1
            stored.append(action)
        self._update(case_id, actions=tuple(stored))
        return PartSaved(tuple(stored), self._next_version(case_id, ACTIONS_PART))

    def save_appointment(
        self,
        case_id: CaseId,
        appointment: Appointment | None,
        base: PartBase[Appointment | None] | None = None,
    ) -> PartSaved[Appointment | None]:
        self._refuse_if_failing()
        self._update(case_id, appointment=appointment)
        return PartSaved(appointment, self._next_version(case_id, APPOINTMENT_PART))

    def dossier(self, case_id: CaseId) -> Dossier:
        state = self.load_intake(case_id)
        return Dossier(intake=state, log=tuple(self.log.get(case_id, ())))

    # -- internals -----------------------------------------------------------------------

    def _next_version(self, case_id: CaseId, part: str) -> int:
        versions = dict(self.states[case_id].step_versions)
        versions[part] = versions.get(part, 0) + 1
        self._update(case_id, step_versions=versions)
        return versions[part]

    def _refuse_if_failing(self) -> None:
        if self.save_error is not None:
            raise self.save_error

    def _update(self, case_id: CaseId, **changes: object) -> None:
        self.states[case_id] = replace(self.states[case_id], **changes)  # type: ignore[arg-type]

    def _log(self, case_id: CaseId, text: str) -> None:
        self.log.setdefault(case_id, []).append(LogLine(self.clock, CASEWORKER, text))


def _same_entrepreneur(mine: IntakeAnswers, theirs: IntakeAnswers) -> str:
    kvk = normalize_kvk_number(mine.business.kvk_number)
    if kvk and kvk == normalize_kvk_number(theirs.business.kvk_number):
        return f"Zelfde KvK-nummer ({kvk})"
    bsn = normalize_bsn(mine.entrepreneur.bsn)
    if bsn and bsn == normalize_bsn(theirs.entrepreneur.bsn):
        return "Zelfde BSN"
    me, them = mine.entrepreneur, theirs.entrepreneur
    name = display_name(me).casefold()
    if (
        name
        and me.date_of_birth is not None
        and name == display_name(them).casefold()
        and me.date_of_birth == them.date_of_birth
    ):
        return "Zelfde naam en geboortedatum"
    return ""
