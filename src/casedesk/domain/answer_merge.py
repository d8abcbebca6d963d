"""Three-way merge of intake answers: two caseworkers on one dossier (issue 12).

A window saves what its caseworker typed (*mine*) against the answers it loaded (*base*);
meanwhile a colleague may have stored other answers (*theirs*). Each answer (a field such
as ``business.kvk_number``) is merged on its own:

- changed by neither, or by both to the same value: that value;
- changed only by me: mine; changed only by them: theirs;
- changed by both to different values: a conflict. The merge keeps theirs (nothing the
  colleague stored is overwritten unasked) and lists the field, so the caseworker chooses.

The answers are the plain JSON data of ``domain/answers_json.py``: sections (``entrepreneur``,
``business``, …) of fields, and fields of their own at the top (``channel``). A set of choices
is one answer: adding "Tozo" while a colleague adds "Bbz" is a conflict, not a union, because
choices can contradict each other ("geen regeling").
"""

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from casedesk.domain.answers_json import VERSION_KEY

AnswerData = Mapping[str, Any]
"""Answers as JSON data: ``{"format_version": 1, "entrepreneur": {"surname": …}, …}``."""

_ABSENT: Any = object()
"""A field one document lacks (an older one): it differs from every value, even None."""


class Choice(Enum):
    """Which value of a conflicting field the caseworker keeps."""

    MINE = "mine"
    THEIRS = "theirs"


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """One field both changed, each to another value."""

    path: str
    base: Any
    mine: Any
    theirs: Any


@dataclass(frozen=True, slots=True)
class AnswerMerge:
    merged: dict[str, Any]
    """Every change that did not conflict; a conflicting field holds theirs."""
    conflicts: tuple[FieldConflict, ...]
    """In the order of the answers (the intake's order)."""

    def resolved(self, choices: Mapping[str, Choice]) -> dict[str, Any]:
        """The merged answers with each conflicting field as chosen (unchosen: theirs)."""
        values = answer_values(self.merged)
        for conflict in self.conflicts:
            if choices.get(conflict.path) is Choice.MINE:
                values[conflict.path] = conflict.mine
        return answers_from_values(values, self.merged.get(VERSION_KEY, _ABSENT))


def part_of(path: str) -> str:
    """The part an answer belongs to: its section (``business``), or the field itself
    (``channel``). The store versions the answers per part."""
    return path.split(".", 1)[0]


def answer_values(data: AnswerData) -> dict[str, Any]:
    """Every answer by its path (``business.kvk_number``), in the document's order."""
    return dict(_values(data))


def _values(data: AnswerData) -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        if key == VERSION_KEY:
            continue
        if isinstance(value, Mapping):
            for name, item in value.items():
                yield f"{key}.{name}", item
        else:
            yield key, value


def answers_from_values(values: Mapping[str, Any], version: Any = _ABSENT) -> dict[str, Any]:
    """The JSON data of answers by path; the opposite of :func:`answer_values`."""
    data: dict[str, Any] = {} if version is _ABSENT else {VERSION_KEY: version}
    for path, value in values.items():
        if value is _ABSENT:
            continue
        if "." in path:
            section, name = path.split(".", 1)
            data.setdefault(section, {})[name] = value
        else:
            data[path] = value
    return data


def changed_paths(before: AnswerData, after: AnswerData) -> list[str]:
    """The answers whose values differ, in the order of ``after`` (a field ``after`` lacks
    is not a change: a document of an older format simply had no such question)."""
    old = answer_values(before)
    return [path for path, value in answer_values(after).items() if old.get(path) != value]


def merge_answers(
    base: AnswerData,
    mine: AnswerData,
    theirs: AnswerData,
    *,
    untouched_parts: Collection[str] = (),
) -> AnswerMerge:
    """Merges mine and theirs, both changed from base; see the module's rules.

    ``untouched_parts``: parts nobody stored since base was loaded (their version did not
    move). There theirs is base by definition, so mine stands as typed, whatever the values.
    """
    base_values, my_values = answer_values(base), answer_values(mine)
    # In an untouched part theirs is base, whatever the stored document holds.
    their_values = {
        path: value
        for path, value in answer_values(theirs).items()
        if part_of(path) not in untouched_parts
    } | {path: value for path, value in base_values.items() if part_of(path) in untouched_parts}
    merged, conflicts = merge_values(base_values, my_values, their_values)
    version = mine.get(VERSION_KEY, theirs.get(VERSION_KEY, _ABSENT))
    return AnswerMerge(answers_from_values(merged, version), conflicts)


def merge_values(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> tuple[dict[str, Any], tuple[FieldConflict, ...]]:
    """The module's rules, field by field, over flat values by path (the registration and
    the actions are merged with them too). A path one side lacks is absent there, which
    differs from None; a path the merge leaves absent is not in the result."""
    paths = list(dict.fromkeys([*mine, *theirs, *base]))
    merged: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    for path in paths:
        was = base.get(path, _ABSENT)
        my = mine.get(path, _ABSENT)
        their = theirs.get(path, _ABSENT)
        if my in (their, was):
            merged[path] = their
        elif their == was:
            merged[path] = my
        else:
            merged[path] = their
            conflicts.append(FieldConflict(path, _none(was), _none(my), _none(their)))
    kept = {path: value for path, value in merged.items() if value is not _ABSENT}
    return kept, tuple(conflicts)


def _none(value: Any) -> Any:
    return None if value is _ABSENT else value
