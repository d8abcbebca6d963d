"""Three-way merge of the intake's other parts: two caseworkers on one dossier (issue 12).

Besides the answers (``domain/answer_merge.py``) a window saves the registration, the
chosen instruments and the actions, each against the version it loaded (*base*), so that
what a colleague stored meanwhile (*theirs*) is merged with what this window holds (*mine*)
by the same rules as the answers:

- the registration's date and municipality are two fields;
- an instrument is chosen or not: choosing or dropping one never conflicts, so the chosen
  instruments always merge without asking;
- each stored action is its fields (description, who, which partner, by when, done), by
  its id; an action one removed while the other changed it is a conflict about the whole
  action. New actions of either side are kept;
- the next appointment is its fields (start, end, how, where, note); removed by one while
  the other changed it is a conflict about the whole appointment.

A field both changed, each to another value, keeps theirs and is listed, for the
caseworker to choose (:func:`resolve_registration`, :func:`resolve_actions`).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from casedesk.domain.agreements import Action, Appointment
from casedesk.domain.answer_merge import Choice, FieldConflict, merge_values
from casedesk.domain.dossier import AnswerConflict, Registration

REGISTRATION_PART = "registration"
INSTRUMENTS_PART = "instruments"
ACTIONS_PART = "actions"
APPOINTMENT_PART = "appointment"
STEP_PARTS = frozenset({REGISTRATION_PART, INSTRUMENTS_PART, ACTIONS_PART, APPOINTMENT_PART})
"""The parts versioned beside the answers' (their names never clash with a section)."""

REGISTRATION_DATE = "registration.registration_date"
REGISTRATION_MUNICIPALITY = "registration.municipality_code"
REGISTRATION_LABELS = {
    REGISTRATION_DATE: "Datum van aanmelding",
    REGISTRATION_MUNICIPALITY: "Gemeente van het loket",
}

ACTION_REMOVED = "(actie weggehaald)"
"""What a conflict shows for the side that removed the action."""
_ACTION_FIELDS = {
    "description": "omschrijving",
    "owner": "wie",
    "owner_detail": "welke partner of persoon",
    "due_date": "klaar voor",
    "done": "gedaan",
}

APPOINTMENT_REMOVED = "(afspraak weggehaald)"
_APPOINTMENT_FIELDS = {
    "starts_at": "begint",
    "ends_at": "eindigt",
    "mode": "hoe",
    "location": "waar",
    "note": "notitie",
}

_Item = TypeVar("_Item")


# --- registration ---------------------------------------------------------------------


def registration_values(registration: Registration) -> dict[str, Any]:
    return {
        REGISTRATION_DATE: registration.registration_date,
        REGISTRATION_MUNICIPALITY: registration.municipality_code,
    }


def merge_registration(
    base: Registration, mine: Registration, theirs: Registration
) -> tuple[Registration, tuple[FieldConflict, ...]]:
    merged, conflicts = merge_values(
        registration_values(base), registration_values(mine), registration_values(theirs)
    )
    return Registration(merged[REGISTRATION_DATE], merged[REGISTRATION_MUNICIPALITY]), conflicts


def resolve_registration(
    saved: Registration, conflicts: Sequence[AnswerConflict], choices: Mapping[str, Choice]
) -> Registration:
    """The stored registration with each conflicting field as chosen (unchosen: theirs)."""
    values = registration_values(saved)
    for conflict in conflicts:
        if choices.get(conflict.path) is Choice.MINE and conflict.path in values:
            values[conflict.path] = conflict.mine
    return Registration(values[REGISTRATION_DATE], values[REGISTRATION_MUNICIPALITY])


# --- the next appointment -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AppointmentMerge:
    appointment: Appointment | None
    """Every change that did not conflict; a conflicting field (or the whole) holds theirs."""
    conflicts: tuple[FieldConflict, ...]
    labels: Mapping[str, str]


def merge_appointment(
    base: Appointment | None, mine: Appointment | None, theirs: Appointment | None
) -> AppointmentMerge:
    if mine is None or theirs is None:
        other = theirs if mine is None else mine
        if other is None or base is None:
            return AppointmentMerge(other, (), {})  # both removed it, or one made one
        if other == base:
            return AppointmentMerge(None, (), {})  # removed, not changed by the other
        conflict = FieldConflict(
            APPOINTMENT_PART,
            base.starts_at,
            APPOINTMENT_REMOVED if mine is None else mine.starts_at,
            APPOINTMENT_REMOVED if theirs is None else theirs.starts_at,
        )
        return AppointmentMerge(theirs, (conflict,), {APPOINTMENT_PART: "Volgende afspraak"})
    merged, conflicts = merge_values(
        {} if base is None else _appointment_values(base),
        _appointment_values(mine),
        _appointment_values(theirs),
    )
    appointment = Appointment(
        **{field: merged[f"{APPOINTMENT_PART}.{field}"] for field in _APPOINTMENT_FIELDS}
    )
    labels = {
        conflict.path: f"Volgende afspraak: {_APPOINTMENT_FIELDS[conflict.path.split('.')[1]]}"
        for conflict in conflicts
    }
    return AppointmentMerge(appointment, conflicts, labels)


def resolve_appointment(
    saved: Appointment | None,
    typed: Appointment | None,
    conflicts: Sequence[AnswerConflict],
    choices: Mapping[str, Choice],
) -> Appointment | None:
    """The stored appointment with each conflict as chosen (unchosen: theirs)."""
    result = saved
    for conflict in conflicts:
        if choices.get(conflict.path) is not Choice.MINE:
            continue
        if conflict.path == APPOINTMENT_PART:
            return typed
        if result is not None:
            result = replace(result, **{conflict.path.split(".", 1)[1]: conflict.mine})
    return result


def changed_appointment_paths(before: Appointment | None, after: Appointment | None) -> list[str]:
    """What a save changed, for the log: ``appointment`` when one was made or removed,
    else ``appointment.starts_at`` and the like."""
    if before is None or after is None:
        return [] if before == after else [APPOINTMENT_PART]
    old, new = _appointment_values(before), _appointment_values(after)
    return [path for path, value in new.items() if old[path] != value]


def _appointment_values(appointment: Appointment) -> dict[str, Any]:
    return {
        f"{APPOINTMENT_PART}.{field}": getattr(appointment, field) for field in _APPOINTMENT_FIELDS
    }


# --- chosen instruments -----------------------------------------------------------------


def merge_choices(
    base: Sequence[_Item], mine: Sequence[_Item], theirs: Sequence[_Item]
) -> tuple[_Item, ...]:
    """What both chose: theirs, without what mine dropped since base, and then what mine
    added, in mine's order."""
    dropped = {item for item in base if item not in mine}
    kept = [item for item in theirs if item not in dropped]
    added = [item for item in mine if item not in base and item not in kept]
    return tuple(dict.fromkeys([*kept, *added]))


# --- actions ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActionsMerge:
    actions: tuple[Action, ...]
    """Every change that did not conflict; a conflicting field or action holds theirs."""
    conflicts: tuple[FieldConflict, ...]
    labels: Mapping[str, str]
    """What the dialog calls each conflict, by its path."""


def action_path(action_id: int, field: str | None = None) -> str:
    """``actions.17`` (the action itself) or ``actions.17.due_date`` (one of its fields)."""
    return f"actions.{action_id}" if field is None else f"actions.{action_id}.{field}"


def parse_action_path(path: str) -> tuple[int, str | None]:
    parts = path.split(".")
    return int(parts[1]), (parts[2] if len(parts) > 2 else None)


def merge_actions(
    base: Sequence[Action], mine: Sequence[Action], theirs: Sequence[Action]
) -> ActionsMerge:
    """Merges the actions as the module says. The order is mine's unless the colleague
    reordered the stored ones; a colleague's new actions follow, then (in mine's order)
    the new ones of this window stay where they were typed."""
    was_by, my_by, their_by = _by_id(base), _by_id(mine), _by_id(theirs)
    merged_by: dict[int, Action] = {}
    conflicts: list[FieldConflict] = []
    labels: dict[str, str] = {}
    for action_id in dict.fromkeys([*their_by, *was_by, *my_by]):
        was, my, their = was_by.get(action_id), my_by.get(action_id), their_by.get(action_id)
        if was is None:
            if their is not None:  # a colleague's new action
                merged_by[action_id] = their
            continue
        if my is None or their is None:
            other = their if my is None else my
            if other is None or other == was:
                continue  # removed, and not changed by the other
            path = action_path(action_id)
            labels[path] = f"Actie “{was.description}”"
            if their is not None:  # mine removed it, theirs changed it: theirs stays
                merged_by[action_id] = their
                conflicts.append(FieldConflict(path, was.description, ACTION_REMOVED,
                                               their.description))  # fmt: skip
            elif my is not None:  # theirs removed it, mine changed it: removed until chosen
                conflicts.append(FieldConflict(path, was.description, my.description,
                                               ACTION_REMOVED))  # fmt: skip
            continue
        merged, field_conflicts = merge_values(
            _fields(action_id, was), _fields(action_id, my), _fields(action_id, their)
        )
        merged_by[action_id] = Action(
            **{field: merged[action_path(action_id, field)] for field in _ACTION_FIELDS},
            action_id=action_id,
        )
        for conflict in field_conflicts:
            field = parse_action_path(conflict.path)[1] or ""
            labels[conflict.path] = f"Actie “{their.description}”: {_ACTION_FIELDS[field]}"
        conflicts.extend(field_conflicts)
    reordered = [i for i in their_by if i in was_by] != [i for i in was_by if i in their_by]
    lead = theirs if reordered else mine
    ordered = [
        merged_by[action.action_id] if action.action_id is not None else action
        for action in lead
        if action.action_id is None or action.action_id in merged_by
    ]
    placed = {action.action_id for action in ordered}
    ordered += [action for action_id, action in merged_by.items() if action_id not in placed]
    if reordered:
        ordered += [action for action in mine if action.action_id is None]
    return ActionsMerge(tuple(ordered), tuple(conflicts), labels)


def resolve_actions(
    saved: Sequence[Action],
    typed: Sequence[Action],
    conflicts: Sequence[AnswerConflict],
    choices: Mapping[str, Choice],
) -> tuple[Action, ...]:
    """The stored actions with each conflict as chosen (unchosen: theirs). Keeping an
    action the colleague removed adds it again, as a new action."""
    typed_by = _by_id(typed)
    result = list(saved)
    for conflict in conflicts:
        if choices.get(conflict.path) is not Choice.MINE:
            continue
        action_id, field = parse_action_path(conflict.path)
        mine = typed_by.get(action_id)
        if field is not None:
            result = [
                replace(action, **{field: conflict.mine})
                if action.action_id == action_id
                else action
                for action in result
            ]
        elif mine is None:  # mine removed it
            result = [action for action in result if action.action_id != action_id]
        else:
            result.append(replace(mine, action_id=None))
    return tuple(result)


def changed_action_paths(before: Sequence[Action], after: Sequence[Action]) -> list[str]:
    """What a save changed, for the log (ids and field names, no text): an action added or
    removed as ``actions.17``, a changed field as ``actions.17.due_date``."""
    old, new = _by_id(before), _by_id(after)
    paths: list[str] = []
    for action_id, action in new.items():
        if action_id not in old:
            paths.append(action_path(action_id))
            continue
        was = old[action_id]
        paths += [
            action_path(action_id, field)
            for field in _ACTION_FIELDS
            if getattr(was, field) != getattr(action, field)
        ]
    paths += [action_path(action_id) for action_id in old if action_id not in new]
    return paths


def _by_id(actions: Sequence[Action]) -> dict[int, Action]:
    return {action.action_id: action for action in actions if action.action_id is not None}


def _fields(action_id: int, action: Action) -> dict[str, Any]:
    return {action_path(action_id, field): getattr(action, field) for field in _ACTION_FIELDS}
