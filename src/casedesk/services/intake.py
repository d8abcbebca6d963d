"""The intake and dossier use cases over the encrypted store (``ui.intake_ports.IntakePort``).

Every call is one transaction, and writes its audit events in that transaction: what is
stored and what the log says about it commit together or not at all. Input the user can
fix is refused with a Dutch :class:`KnownError` *before* anything is written, so a refusal
never loses or changes what was stored. Every change moves the case to the top of the case
list (``cases.updated_at``).
"""

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from babel.dates import format_date
from sqlalchemy.orm import Session

from casedesk import clock
from casedesk.db import agreements_repo, cases, followups_repo, intake_repo, settings_repo
from casedesk.db.agreements_repo import NewDecision
from casedesk.db.audit import record_event
from casedesk.db.cases import BusinessData, EntrepreneurData, create_case, sync_core_data
from casedesk.db.closing_repo import ensure_case_open
from casedesk.db.data_store import DataStore
from casedesk.db.intake_repo import CandidateCase
from casedesk.domain.advice import Advice, advise
from casedesk.domain.agreements import Action, Appointment
from casedesk.domain.answer_merge import (
    AnswerMerge,
    FieldConflict,
    answer_values,
    changed_paths,
    merge_answers,
    part_of,
)
from casedesk.domain.answers_json import (
    FORMAT_VERSION,
    answers_from_json_dict,
    answers_to_json_dict,
)
from casedesk.domain.case import CaseId, CaseStatus
from casedesk.domain.catalog import InstrumentId
from casedesk.domain.decision import RouteDecision, decision_on
from casedesk.domain.dossier import (
    AnswerConflict,
    AnswersBase,
    AnswersSaved,
    ChosenInstrument,
    DocumentLine,
    Dossier,
    DuplicateMatch,
    FollowUpLine,
    IntakeState,
    PartBase,
    PartSaved,
    ReferralLine,
    Registration,
)
from casedesk.domain.intake import (
    Business,
    Channel,
    Country,
    Entrepreneur,
    Future,
    HelpRequest,
    IntakeAnswers,
    LabelledEnum,
    LegalForm,
    Sector,
    UnmetNeed,
    full_name,
    read_value,
)
from casedesk.domain.part_merge import (
    ACTIONS_PART,
    APPOINTMENT_PART,
    INSTRUMENTS_PART,
    REGISTRATION_LABELS,
    REGISTRATION_PART,
    STEP_PARTS,
    AppointmentMerge,
    changed_action_paths,
    changed_appointment_paths,
    merge_actions,
    merge_appointment,
    merge_choices,
    merge_registration,
)
from casedesk.domain.regions import MunicipalityCode, RegionCode, RegionTable
from casedesk.domain.routes import Route
from casedesk.domain.validation import normalize_bsn, normalize_kvk_number
from casedesk.errors import KnownError
from casedesk.services.advice import locality_for
from casedesk.services.audit_log import (
    ANSWERS_CONFLICT,
    ANSWERS_SAVED,
    DUPLICATE_SHOWN,
    PART_CONFLICT,
    last_answer_changes,
    last_part_changes,
    read_case_log,
    referral_status_label,
)
from casedesk.services.catalog import read_catalog_in_use
from casedesk.services.corrections import record_corrections
from casedesk.services.outcomes import outcome_logged_method
from casedesk.services.regions import read_region_table_in_use, region_table_in_use

OVERRIDE_REASON_MISSING = "Geef een reden op waarom u een andere route kiest dan het advies."

DOCUMENT_KIND_LABELS = {"actieplan": "Actieplan", "verwijsbrief": "Verwijsbrief"}

_STATUSES_BEFORE_ADVICE = (CaseStatus.REGISTERED, CaseStatus.INTAKE)
_KVK_DIGITS = 8
_BSN_DIGITS = 9


class IntakeService:
    """The services the intake window and the dossier view call (``IntakePort``).

    Attributes:
        store: the open store.
        actor_id: the caseworker on this machine (``settings_repo.current_caseworker_id``);
            every audit event and decision names them.
    """

    def __init__(
        self,
        store: DataStore,
        actor_id: int | None,
        today: Callable[[], date] = clock.today,
        now: Callable[[], datetime] = clock.now,
    ) -> None:
        self.store = store
        self.actor_id = actor_id
        self._today = today
        self._now = now
        # (case typed in, dossier shown as its possible duplicate): logged once, not on
        # every autosave that checks again.
        self._duplicates_logged: set[tuple[CaseId, CaseId]] = set()

    # --- starting and saving ----------------------------------------------------------

    @outcome_logged_method("case.created")
    def start_intake(self, registration: Registration, answers: IntakeAnswers) -> CaseId:
        region_code = _region_of(region_table_in_use(self.store), registration.municipality_code)
        now = self._now()
        with self.store.transaction() as session:
            case_id = create_case(
                session,
                self.actor_id,
                entrepreneur=_entrepreneur_columns(answers),
                business=_business_columns(answers),
                municipality_code=registration.municipality_code,
                region_code=region_code,
                registration_date=registration.registration_date,
                channel=_channel(answers),
                status=CaseStatus.INTAKE,
            )
            data = answers_to_json_dict(answers)
            intake_repo.save_answers(session, case_id, FORMAT_VERSION, data, now)
            _save_needs(session, case_id, answers)
            intake_repo.touch_case(session, case_id, now)
            changed = changed_paths(answers_to_json_dict(IntakeAnswers()), data)
            if changed:
                self._event(session, ANSWERS_SAVED, case_id, {"fields": changed})
        return case_id

    @outcome_logged_method(ANSWERS_SAVED)
    def save_answers(
        self, case_id: CaseId, answers: IntakeAnswers, base: AnswersBase | None = None
    ) -> AnswersSaved:
        """Autosave. Stores the answers as typed (validation never blocks saving).

        ``base`` is what the window loaded or last stored (two caseworkers on one dossier,
        issue 12). A part of the answers whose version has not moved since is stored as
        typed. A part a colleague stored since is merged field by field: their changes
        are kept, and a field both changed differently keeps their value and comes back
        as a conflict naming who stored it and when, for the caseworker to choose.
        Without ``base`` (an import, the demo data) the answers are stored as given.
        """
        mine = answers_to_json_dict(answers)
        with self.store.transaction() as session:
            status = intake_repo.lock_open_case(session, case_id).status
            stored = intake_repo.stored_answers(session, case_id)
            before = (
                stored.data
                if stored
                else answers_to_json_dict(_answers_from_columns(session, case_id))
            )
            read = intake_repo.part_versions(session, case_id)
            versions = _answer_parts(read)
            merge = _merged(base, mine, before, versions)
            data = merge.merged
            result = answers if data == mine else answers_from_json_dict(data)
            changed = changed_paths(before, data)
            if changed or stored is None:
                now = self._now()
                record_corrections(
                    session, self.actor_id, case_id, before, data, changed, now,
                    stored.saved_at if stored else None,
                )  # fmt: skip
                intake_repo.save_answers(session, case_id, FORMAT_VERSION, data, now)
                # A first save writes everything the answers are mirrored into; a later one
                # only what its changed answers come into.
                rewrites = {path.split(".", 1)[0] for path in changed} if stored else None
                if rewrites is None or not _NEED_PATHS.isdisjoint(changed):
                    _save_needs(session, case_id, result)
                sync_core_data(
                    session,
                    case_id,
                    _entrepreneur_columns(result) if _rewrites(rewrites, "entrepreneur") else None,
                    _business_columns(result) if _rewrites(rewrites, "business") else None,
                    _channel(result),
                    now,
                )
                parts = {part_of(path) for path in changed}
                versions = _answer_parts(intake_repo.advance_parts(session, case_id, parts, read))
                self._event(session, ANSWERS_SAVED, case_id, {"fields": changed})
                if status is CaseStatus.REGISTERED:
                    # Answers typed into a registered case: its intake has begun.
                    intake_repo.touch_case(session, case_id, now, CaseStatus.INTAKE)
                    self._event(
                        session, "case.status_changed", case_id,
                        {"from": status.value, "to": CaseStatus.INTAKE.value},
                    )  # fmt: skip
            conflicts: tuple[AnswerConflict, ...] = ()
            if merge.conflicts:
                paths = [conflict.path for conflict in merge.conflicts]
                self._event(session, ANSWERS_CONFLICT, case_id, {"fields": paths})
                conflicts = _conflicts(session, case_id, paths, answers, result)
        return AnswersSaved(result, versions, conflicts)

    @outcome_logged_method("registration.changed")
    def save_registration(
        self,
        case_id: CaseId,
        registration: Registration,
        base: PartBase[Registration] | None = None,
    ) -> PartSaved[Registration]:
        """The registration's date and counter municipality.

        ``base``: what the window loaded or last stored, and its version. When a colleague
        stored the registration since, the two are merged field by field; a field both
        changed keeps theirs and comes back as a conflict naming who and when. Without
        ``base`` the registration is stored as given.
        """
        table = region_table_in_use(self.store)
        _region_of(table, registration.municipality_code)  # refused before anything else
        with self.store.transaction() as session:
            intake_repo.lock_open_case(session, case_id)
            facts = intake_repo.case_facts(session, case_id)
            stored = Registration(facts.registration_date, facts.municipality_code)
            read = intake_repo.part_versions(session, case_id)
            version = read.get(REGISTRATION_PART, 0)
            target = registration
            merge_conflicts: tuple[FieldConflict, ...] = ()
            if base is not None and base.version != version:
                target, merge_conflicts = merge_registration(base.value, registration, stored)
            changed = intake_repo.set_registration(
                session,
                case_id,
                target.registration_date,
                target.municipality_code,
                _region_of(table, target.municipality_code),
                self._now(),
            )
            if changed:
                version = intake_repo.advance_parts(session, case_id, [REGISTRATION_PART], read)[
                    REGISTRATION_PART
                ]
                self._event(session, "registration.changed", case_id, {"fields": changed})
            conflicts = self._step_conflicts(
                session, case_id, REGISTRATION_PART, merge_conflicts, REGISTRATION_LABELS
            )
        return PartSaved(target, version, conflicts)

    # --- reading ----------------------------------------------------------------------

    @outcome_logged_method("intake.viewed")
    def load_intake(self, case_id: CaseId) -> IntakeState:
        with self.store.transaction() as session:
            state = _intake_state(session, case_id)
            self._event(session, "intake.viewed", case_id)
        return state

    @outcome_logged_method("dossier.opened")
    def dossier(self, case_id: CaseId) -> Dossier:
        with self.store.transaction() as session:
            intake = _intake_state(session, case_id)
            self._event(session, "dossier.opened", case_id)
            referrals = tuple(
                ReferralLine(
                    row.referral_id,
                    row.partner_name,
                    row.request_text,
                    row.referred_on,
                    referral_status_label(row.status),
                )
                for row in intake_repo.referral_rows(session, case_id)
            )
            documents = tuple(
                DocumentLine(
                    row.version_id,
                    DOCUMENT_KIND_LABELS.get(row.kind) or row.kind.replace("_", " ").capitalize(),
                    row.created_at,
                    row.caseworker or "",
                    row.sha256,
                )
                for row in intake_repo.document_rows(session, case_id)
            )
            log = read_case_log(session, case_id)
            follow_ups = tuple(
                FollowUpLine(row.due_date, row.note, row.done_at, row.done_note or "")
                for row in followups_repo.follow_ups_of(session, case_id)
            )
        return Dossier(intake, referrals, documents, log, follow_ups)

    @outcome_logged_method(DUPLICATE_SHOWN)
    def find_duplicates(self, case_id: CaseId, answers: IntakeAnswers) -> Sequence[DuplicateMatch]:
        """Other dossiers with the same KvK number, BSN, or full name with date of birth.

        Only complete numbers are looked up (8 digits, 9 digits): while they are being
        typed, a part of one would find strangers. Showing another dossier's name is a read
        of that dossier, so it is logged there, once per dossier pair for this service.
        """
        reasons: dict[CaseId, list[str]] = {}
        found: dict[CaseId, CandidateCase] = {}

        def add(candidates: list[CandidateCase], reason: str) -> None:
            for candidate in candidates:
                found.setdefault(candidate.case_id, candidate)
                reasons.setdefault(candidate.case_id, []).append(reason)

        kvk = normalize_kvk_number(answers.business.kvk_number)
        bsn = normalize_bsn(answers.entrepreneur.bsn)
        person = answers.entrepreneur
        name_key = _name_key(full_name(person.first_names, person.name_prefix, person.surname))
        with self.store.transaction() as session:
            if _is_digits(kvk, _KVK_DIGITS):
                add(intake_repo.cases_with_kvk(session, kvk, case_id), f"Zelfde KvK-nummer ({kvk})")
            if _is_digits(bsn, _BSN_DIGITS):
                add(intake_repo.cases_with_bsn(session, bsn, case_id), "Zelfde BSN")
            if person.date_of_birth is not None and _name_key(person.surname):
                # Every word of the name narrows the index look-up: "Jansen" alone is
                # thousands of hits in a large store, "Jan Jansen" a few.
                candidates = intake_repo.cases_with_name_words_and_birth_date(
                    session, name_key.split(), person.date_of_birth, case_id
                )
                same = [c for c in candidates if _name_key(_candidate_name(c)) == name_key]
                born = format_date(person.date_of_birth, format="long", locale="nl_NL")
                add(same, f"Zelfde naam en geboortedatum ({born})")
            for other in found:
                if (case_id, other) not in self._duplicates_logged:
                    self._event(session, DUPLICATE_SHOWN, other, {"from_case": int(case_id)})
                    self._duplicates_logged.add((case_id, other))
        return tuple(
            DuplicateMatch(
                case_id=candidate.case_id,
                name=_candidate_name(candidate),
                trade_name=candidate.trade_name,
                status=candidate.status,
                reason="; ".join(reasons[candidate.case_id]),
            )
            for candidate in found.values()
        )

    # --- advice and decision ----------------------------------------------------------

    def advise(self, case_id: CaseId, answers: IntakeAnswers) -> Advice:
        with self.store.session() as session:
            counter_municipality = intake_repo.case_municipality(session, case_id)
            catalog = read_catalog_in_use(session)
            table = read_region_table_in_use(session)
        locality = locality_for(answers, counter_municipality, table)
        return advise(answers, catalog, locality, self._today())

    @outcome_logged_method("advice.decided")
    def decide_route(
        self,
        case_id: CaseId,
        advice: Advice,
        primary: Route,
        secondary: Route | None,
        override_reason: str,
        third: Route | None = None,
    ) -> RouteDecision:
        """Record the chosen routes, first route first; up to all three (issue 11)."""
        if secondary == primary:
            raise KnownError(
                f"Route {int(primary)} is al de eerste route. Kies als tweede route een andere "
                "route, of geen tweede route."
            )
        if third is not None and (secondary is None or third in (primary, secondary)):
            raise KnownError(
                f"Route {int(third)} kan niet de derde route zijn: kies eerst een tweede route, "
                "en als derde route een route die nog niet gekozen is."
            )
        chosen = tuple(route for route in (primary, secondary, third) if route is not None)
        accepted = chosen == advice.route_list
        reason = override_reason.strip()
        if not accepted and not reason:
            raise KnownError(OVERRIDE_REASON_MISSING)
        now = self._now()
        with self.store.transaction() as session:
            ensure_case_open(session, case_id)  # a closed case is read-only
            case = cases.case_row(session, case_id)
            decided_by = (
                settings_repo.caseworker_name(session, self.actor_id)
                if self.actor_id is not None
                else None
            )
            decision = decision_on(advice, chosen, reason, now, decided_by or "")
            reasons = [{"rule_id": r.rule_id, "text": r.text} for r in advice.reasons]
            agreements_repo.add_decision(
                session,
                case_id,
                NewDecision(decision, json.dumps(reasons, ensure_ascii=False), self.actor_id),
            )
            old_status = case.status
            case.primary_route = primary
            case.secondary_route = secondary
            case.third_route = third
            case.urgent = advice.urgent
            new_status = CaseStatus.ADVICE if old_status in _STATUSES_BEFORE_ADVICE else None
            intake_repo.touch_case(session, case_id, now, new_status)
            self._event(
                session,
                "advice.decided",
                case_id,
                {
                    "accepted": accepted,
                    "primary": int(primary),
                    "secondary": None if secondary is None else int(secondary),
                    "third": _route_number(third),
                    "suggested_primary": int(advice.primary_route),
                    "suggested_secondary": _route_number(advice.secondary_route),
                    "suggested_third": _route_number(decision.suggested_third),
                    "urgent": advice.urgent,
                    "rule_ids": list(advice.rule_ids),
                },
            )
            if new_status is not None:
                self._event(
                    session,
                    "case.status_changed",
                    case_id,
                    {"from": old_status.value, "to": new_status.value},
                )
        return decision

    # --- agreements -------------------------------------------------------------------

    @outcome_logged_method("instruments.chosen")
    def choose_instruments(
        self,
        case_id: CaseId,
        instrument_ids: Sequence[InstrumentId],
        base: PartBase[tuple[InstrumentId, ...]] | None = None,
    ) -> PartSaved[tuple[ChosenInstrument, ...]]:
        """The chosen instruments, in this order (a repeated id counts once).

        An instrument chosen earlier stays choosable when a newer catalog dropped it: the
        dossier keeps the name it had. ``base``: the ids the window loaded or last stored,
        and their version; what a colleague chose or dropped since is merged in (choices
        never conflict: each instrument is chosen or not).
        """
        ordered = list(dict.fromkeys(instrument_ids))
        now = self._now()
        with self.store.transaction() as session:
            intake_repo.lock_open_case(session, case_id)
            stored = agreements_repo.chosen_instruments(session, case_id)
            read = intake_repo.part_versions(session, case_id)
            version = read.get(INSTRUMENTS_PART, 0)
            if base is not None and base.version != version:
                theirs = [item.instrument_id for item in stored]
                ordered = list(merge_choices(base.value, ordered, theirs))
            names = {item.id: item.name for item in read_catalog_in_use(session).instruments}
            for earlier in stored:
                names.setdefault(earlier.instrument_id, earlier.name)
            unknown = [item for item in ordered if item not in names]
            if unknown:
                raise KnownError(
                    f"Het instrument “{unknown[0]}” staat niet in de catalogus die nu in "
                    "gebruik is. Vernieuw de lijst met instrumenten en kies opnieuw. De "
                    "gekozen instrumenten zijn niet veranderd."
                )
            chosen = tuple(ChosenInstrument(item, names[item]) for item in ordered)
            agreements_repo.replace_instruments(session, case_id, chosen, self.actor_id, now)
            if chosen != stored:
                version = intake_repo.advance_parts(session, case_id, [INSTRUMENTS_PART], read)[
                    INSTRUMENTS_PART
                ]
            intake_repo.touch_case(session, case_id, now)
            self._event(
                session,
                "instruments.chosen",
                case_id,
                {"count": len(chosen), "instrument_ids": [str(item) for item in ordered]},
            )
        return PartSaved(chosen, version)

    @outcome_logged_method("actions.saved")
    def save_actions(
        self,
        case_id: CaseId,
        actions: Sequence[Action],
        base: PartBase[tuple[Action, ...]] | None = None,
    ) -> PartSaved[tuple[Action, ...]]:
        """Makes these the case's actions; returns them with their ids.

        ``base``: the actions the window loaded or last stored, and their version. When a
        colleague stored the actions since, the two are merged per action and field; a
        field both changed (or an action one removed and the other changed) keeps theirs
        and comes back as a conflict naming who and when.
        """
        for number, action in enumerate(actions, start=1):
            if not action.description.strip():
                raise KnownError(
                    f"Actie {number} heeft geen omschrijving. Schrijf op wat er moet gebeuren, "
                    "of haal de regel weg. Er is niets opgeslagen."
                )
        now = self._now()
        with self.store.transaction() as session:
            intake_repo.lock_open_case(session, case_id)
            before = agreements_repo.actions_of(session, case_id)
            read = intake_repo.part_versions(session, case_id)
            version = read.get(ACTIONS_PART, 0)
            target = tuple(actions)
            merge_conflicts: tuple[FieldConflict, ...] = ()
            labels: Mapping[str, str] = {}
            if base is not None and base.version != version:
                merge = merge_actions(base.value, actions, before)
                target, merge_conflicts, labels = merge.actions, merge.conflicts, merge.labels
            stored = agreements_repo.replace_actions(session, case_id, target, now)
            changed = changed_action_paths(before, stored)
            if stored != before:
                version = intake_repo.advance_parts(session, case_id, [ACTIONS_PART], read)[
                    ACTIONS_PART
                ]
            intake_repo.touch_case(session, case_id, now)
            self._event(
                session, "actions.saved", case_id, {"count": len(stored), "fields": changed}
            )
            conflicts = self._step_conflicts(
                session, case_id, ACTIONS_PART, merge_conflicts, labels
            )
        return PartSaved(stored, version, conflicts)

    @outcome_logged_method("appointment.saved")
    def save_appointment(
        self,
        case_id: CaseId,
        appointment: Appointment | None,
        base: PartBase[Appointment | None] | None = None,
    ) -> PartSaved[Appointment | None]:
        """The next appointment; ``None`` removes it. Times must be timezone-aware.

        ``base`` as for the registration: a colleague's change since is merged field by
        field; a field both changed (or the appointment one removed and the other changed)
        keeps theirs and comes back as a conflict naming who and when.
        """
        if appointment is not None:
            for moment in (appointment.starts_at, appointment.ends_at):
                if moment is not None and moment.utcoffset() is None:
                    raise ValueError("appointment times must be timezone-aware")
            if appointment.ends_at is not None and appointment.ends_at < appointment.starts_at:
                raise KnownError(
                    "De afspraak eindigt voordat hij begint. Kies een eindtijd na de "
                    "begintijd. De afspraak is niet opgeslagen."
                )
        now = self._now()
        with self.store.transaction() as session:
            intake_repo.lock_open_case(session, case_id)
            before = agreements_repo.next_appointment(session, case_id)
            read = intake_repo.part_versions(session, case_id)
            version = read.get(APPOINTMENT_PART, 0)
            merge = AppointmentMerge(appointment, (), {})
            if base is not None and base.version != version:
                merge = merge_appointment(base.value, appointment, before)
            target = merge.appointment
            agreements_repo.replace_appointment(session, case_id, target, now)
            changed = changed_appointment_paths(before, target)
            if changed:
                version = intake_repo.advance_parts(session, case_id, [APPOINTMENT_PART], read)[
                    APPOINTMENT_PART
                ]
            intake_repo.touch_case(session, case_id, now)
            action = "appointment.removed" if target is None else "appointment.saved"
            self._event(session, action, case_id, {"fields": changed})
            conflicts = self._step_conflicts(
                session, case_id, APPOINTMENT_PART, merge.conflicts, merge.labels
            )
        return PartSaved(target, version, conflicts)

    # --- helpers ----------------------------------------------------------------------

    def _step_conflicts(
        self,
        session: Session,
        case_id: int,
        part: str,
        conflicts: Sequence[FieldConflict],
        labels: Mapping[str, str],
    ) -> tuple[AnswerConflict, ...]:
        """Logs the conflicts of a part's save (which part and how many, no values) and
        names, from the log, who last changed each field and when."""
        if not conflicts:
            return ()
        self._event(session, PART_CONFLICT, case_id, {"part": part, "count": len(conflicts)})
        changes = last_part_changes(session, case_id, part, [c.path for c in conflicts])
        return tuple(
            AnswerConflict(
                conflict.path,
                conflict.mine,
                conflict.theirs,
                changes[conflict.path].who if conflict.path in changes else "",
                changes[conflict.path].at if conflict.path in changes else None,
                labels.get(conflict.path, ""),
            )
            for conflict in conflicts
        )

    def _event(
        self, session: Session, action: str, case_id: int, details: dict[str, Any] | None = None
    ) -> None:
        record_event(session, self.actor_id, action, "case", case_id, case_id, details)


def intake_service_for(store: DataStore) -> IntakeService:
    """The service for the caseworker who works on this machine."""
    with store.session() as session:
        actor_id = settings_repo.current_caseworker_id(session)
    return IntakeService(store, actor_id)


def _merged(
    base: AnswersBase | None,
    mine: dict[str, Any],
    stored: dict[str, Any],
    versions: Mapping[str, int],
) -> AnswerMerge:
    """What a save stores: mine, merged per part with what was stored since ``base``."""
    if base is None:
        return AnswerMerge(mine, ())
    untouched = {
        part
        for part in {part_of(path) for path in answer_values(mine)}
        if versions.get(part, 0) == base.versions.get(part, 0)
    }
    return merge_answers(
        answers_to_json_dict(base.answers), mine, stored, untouched_parts=untouched
    )


def _conflicts(
    session: Session,
    case_id: int,
    paths: Sequence[str],
    mine: IntakeAnswers,
    stored: IntakeAnswers,
) -> tuple[AnswerConflict, ...]:
    """The conflicting answers, each with the last save that changed it (from the log)."""
    changes = last_answer_changes(session, case_id, paths)
    return tuple(
        AnswerConflict(
            path,
            read_value(mine, path),
            read_value(stored, path),
            changes[path].who if path in changes else "",
            changes[path].at if path in changes else None,
        )
        for path in paths
    )


# --- answers to the columns the case list and search read ---------------------------------


def _entrepreneur_columns(answers: IntakeAnswers) -> EntrepreneurData:
    person = answers.entrepreneur
    return EntrepreneurData(
        voornamen=person.first_names[:200],
        tussenvoegsel=person.name_prefix[:50],
        achternaam=person.surname[:200],
        date_of_birth=person.date_of_birth,
        phone=_optional(person.phone, 50),
        email=_optional(person.email, 320),
        street_address=_optional(person.street_address, 300),
        postcode=_optional(person.postcode, 20),
        place=_optional(person.place, 200),
        country=(person.country or "NL")[:2],
        bsn=_optional(normalize_bsn(person.bsn), 9),
    )


def _business_columns(answers: IntakeAnswers) -> BusinessData:
    business = answers.business
    return BusinessData(
        trade_name=business.trade_name[:300],
        kvk_number=_optional(normalize_kvk_number(business.kvk_number), 8),
        sector=None if business.sector is None else business.sector.value,
        legal_form=None if business.legal_form is None else business.legal_form.value,
        start_date=business.start_date,
        staff_count=_fitting_int(business.staff),
        hours_per_week=_fitting_int(business.hours_per_week),
    )


_INT_COLUMN_LIMIT = 2**31
"""PostgreSQL's INTEGER; SQLite's own limit (2**63) would raise on a mistyped number."""


def _fitting_int(value: int | None) -> int | None:
    return value if value is not None and -_INT_COLUMN_LIMIT < value < _INT_COLUMN_LIMIT else None


def _optional(value: str, length: int) -> str | None:
    """The value for a nullable column; None when empty or too long for the column.

    The answers JSON keeps every value as typed; a column only mirrors what fits (a value
    cut short would be a wrong KvK number or BSN, worse than none). KvK number and BSN are
    mirrored without spaces and dots, so search and the duplicate check find them.
    """
    return value if value and len(value) <= length else None


def _rewrites(sections: set[str] | None, section: str) -> bool:
    return sections is None or section in sections


_NEED_PATHS = frozenset({"future.help_requests", "future.unmet_needs"})
"""The answers the countable needs come from: another answer typed leaves them as stored."""


def _save_needs(session: Session, case_id: int, answers: IntakeAnswers) -> None:
    future = answers.future
    intake_repo.save_needs(
        session,
        case_id,
        (request.value for request in future.help_requests),
        (need.value for need in future.unmet_needs),
    )


def _channel(answers: IntakeAnswers) -> str | None:
    return None if answers.channel is None else answers.channel.value


def _region_of(table: RegionTable, municipality_code: str) -> str | None:
    municipality = table.municipality(MunicipalityCode(municipality_code))
    if municipality is None:
        raise KnownError(
            f"De gemeentecode “{municipality_code}” is onbekend. Kies de gemeente uit de "
            "lijst. Er is niets opgeslagen."
        )
    return RegionCode(municipality.region_code)


def _route_number(route: Route | None) -> int | None:
    return None if route is None else int(route)


def _is_digits(value: str, count: int) -> bool:
    return len(value) == count and value.isascii() and value.isdigit()


_NOT_A_LETTER = re.compile(r"[\W_]+")


def _name_key(name: str) -> str:
    """A name as compared for duplicates: no case, no diacritics, words only.

    "Zoë van 't Hoff-Çelik" and "zoe van t hoff celik" are the same person's name.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_A_LETTER.sub(" ", plain.casefold()).split())


def _candidate_name(candidate: CandidateCase) -> str:
    return full_name(candidate.voornamen, candidate.tussenvoegsel, candidate.achternaam)


def _intake_state(session: Session, case_id: int) -> IntakeState:
    # The versions first: each read below sees what was committed when it ran (READ
    # COMMITTED on the server), so a colleague's save between two reads would otherwise
    # give answers older than their versions, and the next save would write over that
    # save unmerged. Versions older than what was read only cost a merge that finds
    # nothing to ask.
    versions = intake_repo.part_versions(session, case_id)
    facts = intake_repo.case_facts(session, case_id)
    stored = intake_repo.stored_answers(session, case_id)
    if stored is None:
        answers = _answers_from_columns(session, case_id)
    else:
        answers = answers_from_json_dict(stored.data)
    return IntakeState(
        case_id=facts.case_id,
        status=facts.status,
        registration=Registration(facts.registration_date, facts.municipality_code),
        answers=answers,
        decision=agreements_repo.latest_decision(session, case_id),
        chosen_instruments=agreements_repo.chosen_instruments(session, case_id),
        actions=agreements_repo.actions_of(session, case_id),
        appointment=agreements_repo.next_appointment(session, case_id),
        answers_saved_at=None if stored is None else stored.saved_at,
        answer_versions=_answer_parts(versions),
        step_versions={part: versions[part] for part in STEP_PARTS if part in versions},
    )


def _answer_parts(versions: Mapping[str, int]) -> dict[str, int]:
    """The versions of the answers' parts alone (the answers' merge compares these)."""
    return {part: version for part, version in versions.items() if part not in STEP_PARTS}


def _answers_from_columns(session: Session, case_id: int) -> IntakeAnswers:
    """The answers of a case made outside the intake (demo data, an older import).

    Built from the columns and the counted needs, so opening such a case shows what it
    holds (and what the report counts of it), and its first autosave blanks neither the
    name in the case list nor the report's needs.
    """
    person, company, channel = intake_repo.core_data(session, case_id)
    needs = intake_repo.stored_needs(session, case_id)
    business = company or BusinessData()
    return IntakeAnswers(
        entrepreneur=Entrepreneur(
            first_names=person.voornamen,
            name_prefix=person.tussenvoegsel,
            surname=person.achternaam,
            date_of_birth=person.date_of_birth,
            phone=person.phone or "",
            email=person.email or "",
            street_address=person.street_address or "",
            postcode=person.postcode or "",
            place=person.place or "",
            country=_choice(Country, person.country),
            bsn=person.bsn or "",
        ),
        business=Business(
            trade_name=business.trade_name,
            kvk_number=business.kvk_number or "",
            sector=_choice(Sector, business.sector),
            legal_form=_choice(LegalForm, business.legal_form),
            start_date=business.start_date,
            staff=business.staff_count,
            hours_per_week=business.hours_per_week,
        ),
        channel=_choice(Channel, channel),
        future=Future(
            help_requests=_choices(HelpRequest, needs[intake_repo.HELP_REQUEST]),
            unmet_needs=_choices(UnmetNeed, needs[intake_repo.UNMET_NEED]),
        ),
    )


_Choice = TypeVar("_Choice", bound=LabelledEnum)


def _choice(enum: type[_Choice], value: str | None) -> _Choice | None:
    """The choice stored as ``value``; None for an empty or unknown one (free text)."""
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        return None


def _choices(enum: type[_Choice], values: Iterable[str]) -> frozenset[_Choice]:
    """The known choices among ``values``."""
    return frozenset(choice for value in values if (choice := _choice(enum, value)) is not None)


def import_intake(
    store: DataStore, answers: IntakeAnswers, municipality_code: str, registered_on: date
) -> CaseId:
    """A new dossier from answers read in (an answers file), registered at this counter;
    audited as created and as imported."""
    with store.session() as session:
        actor = settings_repo.current_caseworker_id(session)
    service = IntakeService(store, actor)
    case_id = service.start_intake(Registration(registered_on, municipality_code), answers)
    with store.transaction() as session:
        record_event(session, actor, "intake.imported", "case", case_id, case_id)
    return case_id
