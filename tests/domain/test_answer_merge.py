"""The three-way merge of intake answers: what one window typed, what a colleague stored."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from casedesk.domain.answer_merge import (
    Choice,
    FieldConflict,
    answer_values,
    answers_from_values,
    changed_paths,
    merge_answers,
    part_of,
)
from casedesk.domain.answers_json import answers_to_json_dict
from casedesk.domain.intake import Business, Entrepreneur, IntakeAnswers, Scheme, Situation

BASE: dict[str, Any] = {
    "format_version": 1,
    "entrepreneur": {"first_names": "Zoë", "surname": "Hoff", "phone": ""},
    "business": {"trade_name": "Zoë's Bloemen", "kvk_number": "12345678", "staff": None},
    "situation": {"schemes": ["bbz"]},
    "channel": None,
}


def changed(data: dict[str, Any], **values: Any) -> dict[str, Any]:
    """``data`` with answers replaced by path, ``entrepreneur__surname="Jansen"``."""
    flat = answer_values(data)
    flat.update({path.replace("__", "."): value for path, value in values.items()})
    return answers_from_values(flat, data["format_version"])


def test_a_field_changed_only_in_this_window_keeps_what_was_typed() -> None:
    mine = changed(BASE, entrepreneur__surname="Hoff-Çelik")
    merge = merge_answers(BASE, mine, BASE)
    assert merge.merged == mine
    assert merge.conflicts == ()


def test_a_field_changed_only_by_the_colleague_takes_their_value() -> None:
    theirs = changed(BASE, business__kvk_number="87654321")
    merge = merge_answers(BASE, BASE, theirs)
    assert merge.merged == theirs
    assert merge.conflicts == ()


def test_different_fields_changed_on_both_sides_are_both_kept() -> None:
    mine = changed(BASE, entrepreneur__phone="06 12345678")
    theirs = changed(BASE, business__staff=2, channel="website")
    merge = merge_answers(BASE, mine, theirs)
    assert merge.merged == changed(
        BASE, entrepreneur__phone="06 12345678", business__staff=2, channel="website"
    )
    assert merge.conflicts == ()


def test_one_field_changed_to_the_same_value_on_both_sides_is_no_conflict() -> None:
    both = changed(BASE, entrepreneur__surname="Hoff-Çelik")
    merge = merge_answers(BASE, both, both)
    assert merge.merged == both
    assert merge.conflicts == ()


def test_one_field_changed_to_different_values_is_a_conflict_and_keeps_theirs() -> None:
    mine = changed(BASE, entrepreneur__surname="Hoff-Çelik", entrepreneur__phone="06 1")
    theirs = changed(BASE, entrepreneur__surname="van 't Hoff")
    merge = merge_answers(BASE, mine, theirs)
    assert merge.conflicts == (
        FieldConflict("entrepreneur.surname", "Hoff", "Hoff-Çelik", "van 't Hoff"),
    )
    assert merge.merged == changed(BASE, entrepreneur__surname="van 't Hoff",
                                   entrepreneur__phone="06 1")  # fmt: skip


def test_a_set_of_choices_is_one_answer_so_two_different_additions_conflict() -> None:
    mine = changed(BASE, situation__schemes=["bbz", "tozo"])
    theirs = changed(BASE, situation__schemes=["bbz", "geen"])
    (conflict,) = merge_answers(BASE, mine, theirs).conflicts
    assert conflict.path == "situation.schemes"
    assert (conflict.mine, conflict.theirs) == (["bbz", "tozo"], ["bbz", "geen"])


def test_conflicts_are_listed_in_the_order_of_the_answers() -> None:
    mine = changed(BASE, channel="website", entrepreneur__first_names="Zoe",
                   business__trade_name="Bloemen")  # fmt: skip
    theirs = changed(BASE, channel="kvk", entrepreneur__first_names="Zoey",
                     business__trade_name="Zoë Bloem")  # fmt: skip
    paths = [c.path for c in merge_answers(BASE, mine, theirs).conflicts]
    assert paths == ["entrepreneur.first_names", "business.trade_name", "channel"]


def test_choices_per_field_resolve_the_conflicts_and_keep_the_merged_rest() -> None:
    mine = changed(BASE, entrepreneur__surname="Hoff-Çelik", business__staff=1,
                   entrepreneur__phone="06 1")  # fmt: skip
    theirs = changed(BASE, entrepreneur__surname="van 't Hoff", business__staff=3,
                     channel="website")  # fmt: skip
    merge = merge_answers(BASE, mine, theirs)
    chosen = merge.resolved({"entrepreneur.surname": Choice.MINE,
                             "business.staff": Choice.THEIRS})  # fmt: skip
    assert chosen == changed(BASE, entrepreneur__surname="Hoff-Çelik", business__staff=3,
                             entrepreneur__phone="06 1", channel="website")  # fmt: skip


def test_a_conflict_left_unchosen_keeps_theirs() -> None:
    mine = changed(BASE, business__staff=1)
    theirs = changed(BASE, business__staff=3)
    assert merge_answers(BASE, mine, theirs).resolved({}) == theirs


def test_in_a_part_nobody_else_stored_since_loading_the_typed_values_stand() -> None:
    # The window's base may differ from the stored values (answers of a case made
    # outside the intake); an unmoved version says nobody else changed that part.
    mine = changed(BASE, entrepreneur__surname="Hoff-Çelik")
    stored = changed(BASE, entrepreneur__surname="HOFF", business__staff=4)
    merge = merge_answers(BASE, mine, stored, untouched_parts={"entrepreneur"})
    assert merge.conflicts == ()
    assert merge.merged == changed(BASE, entrepreneur__surname="Hoff-Çelik", business__staff=4)


def test_a_field_only_one_document_has_is_kept_from_it() -> None:
    older = {"format_version": 1, "entrepreneur": {"surname": "Hoff"}}
    newer = changed(BASE, entrepreneur__surname="Hoff")
    merge = merge_answers(older, older, newer)
    assert merge.merged == newer
    assert merge.conflicts == ()


def test_the_part_of_an_answer_is_its_section_or_the_field_itself() -> None:
    assert part_of("business.kvk_number") == "business"
    assert part_of("channel") == "channel"


def test_changed_paths_name_the_fields_that_differ_in_the_answers_order() -> None:
    after = changed(BASE, channel="website", entrepreneur__phone="06 1")
    assert changed_paths(BASE, after) == ["entrepreneur.phone", "channel"]


def test_the_paths_of_real_answers_are_every_field_of_the_intake() -> None:
    data = answers_to_json_dict(
        IntakeAnswers(
            entrepreneur=Entrepreneur(surname="Hoff"),
            business=Business(staff=2),
            situation=Situation(schemes=frozenset({Scheme.BBZ})),
        )
    )
    values = answer_values(data)
    assert values["entrepreneur.surname"] == "Hoff"
    assert values["situation.schemes"] == ["bbz"]
    assert "format_version" not in values
    assert answers_from_values(values, 1) == data


_VALUES = st.sampled_from(["", "a", "b", None, 1, 2])
_DOCUMENTS = st.fixed_dictionaries(
    {"format_version": st.just(1), "entrepreneur": st.fixed_dictionaries(
        {"surname": _VALUES, "phone": _VALUES}), "channel": _VALUES}
)  # fmt: skip


@given(_DOCUMENTS, _DOCUMENTS, _DOCUMENTS)
def test_every_field_ends_as_the_rules_say(
    base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]
) -> None:
    merge = merge_answers(base, mine, theirs)
    merged = answer_values(merge.merged)
    conflicting = {c.path for c in merge.conflicts}
    for path, was in answer_values(base).items():
        my, their = answer_values(mine)[path], answer_values(theirs)[path]
        if my in (their, was):
            assert merged[path] == their and path not in conflicting
        elif their == was:
            assert merged[path] == my and path not in conflicting
        else:
            assert merged[path] == their and path in conflicting


@given(_DOCUMENTS, _DOCUMENTS, _DOCUMENTS)
def test_keeping_mine_everywhere_keeps_every_change_typed_here(
    base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]
) -> None:
    merge = merge_answers(base, mine, theirs)
    kept = answer_values(merge.resolved({c.path: Choice.MINE for c in merge.conflicts}))
    for path, was in answer_values(base).items():
        my, their = answer_values(mine)[path], answer_values(theirs)[path]
        assert kept[path] == (my if my != was else their)
