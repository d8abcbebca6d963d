"""The merge of the registration, the chosen instruments and the actions (issue 12)."""

import dataclasses
from datetime import UTC, date, datetime

from casedesk.domain.agreements import Action, ActionOwner, Appointment, AppointmentMode
from casedesk.domain.answer_merge import Choice
from casedesk.domain.dossier import AnswerConflict
from casedesk.domain.part_merge import (
    ACTION_REMOVED,
    AppointmentMerge,
    changed_action_paths,
    merge_actions,
    merge_appointment,
    merge_choices,
    resolve_actions,
    resolve_appointment,
)

OFFERTE = Action("Offerte opvragen", ActionOwner.ENTREPRENEUR, action_id=1)
BANK = Action("Bank bellen", ActionOwner.CASEWORKER, action_id=2)
KVK = Action("Naar de KvK", ActionOwner.PARTNER, action_id=3)
NEW = Action("Jaarcijfers sturen", ActionOwner.ENTREPRENEUR)


def _conflict(path: str, mine: object, theirs: object) -> AnswerConflict:
    return AnswerConflict(path, mine, theirs, "Noor Bakker", None)


def test_choices_keep_what_each_added_and_lose_what_each_dropped() -> None:
    assert merge_choices(["a", "b"], ["b", "c"], ["a", "b", "d"]) == ("b", "d", "c")


def test_choosing_what_the_colleague_chose_too_counts_it_once() -> None:
    assert merge_choices([], ["a"], ["a"]) == ("a",)


def test_my_new_action_stays_where_i_typed_it_and_theirs_follows() -> None:
    merge = merge_actions((OFFERTE, BANK), (OFFERTE, NEW, BANK), (OFFERTE, BANK, KVK))
    assert merge.actions == (OFFERTE, NEW, BANK, KVK)
    assert merge.conflicts == ()


def test_my_reordering_stands_when_the_colleague_did_not_reorder() -> None:
    merge = merge_actions((OFFERTE, BANK), (BANK, OFFERTE), (OFFERTE, BANK, KVK))
    assert merge.actions == (BANK, OFFERTE, KVK)


def test_an_action_the_colleague_removed_while_i_changed_it_is_a_conflict() -> None:
    changed = dataclasses.replace(BANK, done=True)
    merge = merge_actions((OFFERTE, BANK), (OFFERTE, changed), (OFFERTE,))
    assert merge.actions == (OFFERTE,)
    assert [(c.path, c.mine, c.theirs) for c in merge.conflicts] == [
        ("actions.2", "Bank bellen", ACTION_REMOVED)
    ]
    assert merge.labels["actions.2"] == "Actie “Bank bellen”"


def test_keeping_an_action_the_colleague_removed_adds_it_again_as_new() -> None:
    changed = dataclasses.replace(BANK, done=True)
    conflicts = [_conflict("actions.2", "Bank bellen", ACTION_REMOVED)]
    chosen = {"actions.2": Choice.MINE}
    resolved = resolve_actions((OFFERTE,), (OFFERTE, changed), conflicts, chosen)
    assert resolved == (OFFERTE, dataclasses.replace(changed, action_id=None))


def test_keeping_my_removal_of_an_action_the_colleague_changed_removes_it() -> None:
    conflicts = [_conflict("actions.2", ACTION_REMOVED, "Bank bellen")]
    kept = resolve_actions((OFFERTE, BANK), (OFFERTE,), conflicts, {"actions.2": Choice.MINE})
    assert kept == (OFFERTE,)
    theirs = resolve_actions((OFFERTE, BANK), (OFFERTE,), conflicts, {"actions.2": Choice.THEIRS})
    assert theirs == (OFFERTE, BANK)


def test_the_log_names_changed_fields_and_added_or_removed_actions_by_id() -> None:
    later = dataclasses.replace(OFFERTE, due_date=date(2026, 12, 4))
    assert changed_action_paths((OFFERTE, BANK), (later, KVK)) == [
        "actions.1.due_date", "actions.3", "actions.2",
    ]  # fmt: skip


AT_TEN = Appointment(datetime(2026, 12, 8, 9, 0, tzinfo=UTC), AppointmentMode.PHONE)


def test_an_appointment_made_by_one_while_the_other_had_none_is_kept() -> None:
    assert merge_appointment(None, None, AT_TEN).appointment == AT_TEN
    assert merge_appointment(None, AT_TEN, None).appointment == AT_TEN


def test_an_appointment_removed_by_one_and_left_alone_by_the_other_is_gone() -> None:
    assert merge_appointment(AT_TEN, None, AT_TEN) == AppointmentMerge(None, (), {})


def test_keeping_my_removal_of_a_moved_appointment_removes_it() -> None:
    moved = dataclasses.replace(AT_TEN, location="Kamer 2")
    merge = merge_appointment(AT_TEN, None, moved)
    assert merge.appointment == moved
    (conflict,) = merge.conflicts
    shown = _conflict(conflict.path, conflict.mine, conflict.theirs)
    assert resolve_appointment(moved, None, [shown], {conflict.path: Choice.MINE}) is None
