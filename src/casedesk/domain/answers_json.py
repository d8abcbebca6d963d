"""Intake answers to and from plain JSON data (``docs/answers-format.md``).

The store saves intakes in this form and ``casedesk advise ANSWERS.json`` reads it, so it is
strict: an unknown field (a typo), a wrong type or an unknown choice is refused with a Dutch
message that names the field, never silently dropped. Missing fields are fine (an intake may
be incomplete). Whether a KvK number has 8 digits is validation's business, not this
format's: an incomplete or mistyped answer must still be storable.

The JSON keys are the field names of ``casedesk.domain.intake``; choices are the enum values
(``"weet_nog_niet"``), dates are ``YYYY-MM-DD``, sets are lists.
"""

import dataclasses
import difflib
import json
import types
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any, NewType, Union, get_args, get_origin, get_type_hints

from casedesk.domain.intake import (
    Business,
    Entrepreneur,
    Future,
    IntakeAnswers,
    Situation,
    field_label,
)
from casedesk.domain.json_text import JsonTextError, decode_json
from casedesk.errors import KnownError

FORMAT_VERSION = 1
VERSION_KEY = "format_version"


@dataclasses.dataclass(frozen=True, slots=True)
class FormatProblem:
    field: str
    """Path of the field, e.g. ``business.kvk_number`` (``""`` for the file as a whole)."""
    message: str


class AnswersFormatError(KnownError):
    """The answers data is not in the documented format; lists every problem found."""

    def __init__(self, problems: list[FormatProblem]) -> None:
        lines = "\n".join(f"- {problem.message}" for problem in problems)
        super().__init__(
            "Het antwoordenbestand klopt niet. Pas deze punten aan en probeer het opnieuw:\n"
            + lines
        )
        self.problems = tuple(problems)


def answers_to_json_dict(answers: IntakeAnswers) -> dict[str, Any]:
    """Every answer, unanswered ones as ``null``, ``""`` or ``[]``; sets in a fixed order."""
    data: dict[str, Any] = {VERSION_KEY: FORMAT_VERSION}
    data.update(_encode_dataclass(answers))
    return data


def _encode_dataclass(value: Any) -> dict[str, Any]:
    return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return _encode_dataclass(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset):
        # Definition order of the enum, so a saved file reads like the form.
        if not value:
            return []
        enum_type: type[Enum] = type(next(iter(value)))
        return [member.value for member in enum_type if member in value]
    return value


def answers_from_json_text(text: str) -> IntakeAnswers:
    """Parse a JSON text (the contents of an answers file). Raises ``AnswersFormatError``."""
    try:
        data = decode_json(text)
    except JsonTextError as error:
        if error.line is None:
            message = f"Het bestand kan niet worden gebruikt: {error.reason}"
        else:
            message = (
                f"Dit is geen geldige JSON: op regel {error.line}, kolom {error.column} "
                f"klopt de opmaak niet: {error.reason} Kijk daar of er een komma, "
                "aanhalingsteken of haakje te veel of te weinig staat."
            )
        raise AnswersFormatError([FormatProblem("", message)]) from None
    return answers_from_json_dict(data)


def answers_from_json_dict(data: object) -> IntakeAnswers:
    """Build answers from parsed JSON data. Raises ``AnswersFormatError`` with every problem."""
    problems: list[FormatProblem] = []
    if not isinstance(data, dict):
        raise AnswersFormatError(
            [
                FormatProblem(
                    "",
                    "Het bestand moet één JSON-object zijn, dat begint met { en eindigt met }.",
                )
            ]
        )
    body = dict(data)
    _check_version(body.pop(VERSION_KEY, None), VERSION_KEY in data, problems)
    answers: IntakeAnswers = _decode_dataclass(IntakeAnswers, body, "", problems)
    if problems:
        raise AnswersFormatError(problems)
    return answers


def _check_version(version: object, present: bool, problems: list[FormatProblem]) -> None:
    if not present:
        problems.append(
            FormatProblem(
                VERSION_KEY,
                f"Het veld “{VERSION_KEY}” ontbreekt. Zet bovenaan: "
                f'"{VERSION_KEY}": {FORMAT_VERSION}.',
            )
        )
    elif version != FORMAT_VERSION or isinstance(version, bool):
        problems.append(
            FormatProblem(
                VERSION_KEY,
                f"Versie {json.dumps(version, ensure_ascii=False)} van het antwoordenformaat "
                f"kent deze casedesk niet; alleen versie {FORMAT_VERSION}. Maak het bestand "
                "opnieuw volgens docs/answers-format.md.",
            )
        )


def _name(path: str) -> str:
    label = field_label(path)
    return f"“{path}” ({label})" if label != path else f"“{path}”"


_SKIP = object()
"""Returned by a decoder that reported a problem: the field keeps its default."""

_FIELD_TYPES: dict[type, dict[str, Any]] = {
    cls: get_type_hints(cls) for cls in (IntakeAnswers, Entrepreneur, Business, Situation, Future)
}


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true of false"
    if isinstance(value, int | float):
        return "een getal"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "een lijst"
    return "een object"


def _decode_dataclass(cls: type, data: object, path: str, problems: list[FormatProblem]) -> Any:
    if not isinstance(data, dict):
        problems.append(
            FormatProblem(
                path,
                f"Het veld {_name(path)} moet een object zijn ({{ … }}), "
                f"maar is {_json_kind(data)}.",
            )
        )
        return cls()
    field_types = _FIELD_TYPES[cls]
    for key in data:
        if key not in field_types:
            problems.append(_unknown_field(path, str(key), list(field_types)))
    values = {}
    for name, hint in field_types.items():
        if name in data:
            value = _decode(hint, data[name], _join(path, name), problems)
            if value is not _SKIP:
                values[name] = value
    return cls(**values)


def _unknown_field(path: str, key: str, known: list[str]) -> FormatProblem:
    field = _join(path, key)
    close = difflib.get_close_matches(key, known, n=1)
    if close:
        hint = f"Bedoelt u “{_join(path, close[0])}”?"
    else:
        hint = f"Velden die hier horen: {', '.join(known)}."
    return FormatProblem(field, f"Het veld “{field}” kent casedesk niet. {hint}")


def _decode(
    hint: Any, value: object, path: str, problems: list[FormatProblem], where: str = ""
) -> object:
    """Decode one value; on a problem, report it and return ``_SKIP``.

    ``where`` names the value in messages; by default the field (path and Dutch label).
    """
    where = where or _name(path)
    optional = get_origin(hint) in (Union, types.UnionType)
    if optional:
        if value is None:
            return None
        hint = next(arg for arg in get_args(hint) if arg is not type(None))
    if isinstance(hint, NewType):
        hint = hint.__supertype__

    def wrong(expected: str) -> object:
        problems.append(
            FormatProblem(
                path,
                f"Het veld {where} moet {expected} zijn, maar is {_json_kind(value)}.",
            )
        )
        return _SKIP

    if get_origin(hint) is frozenset:
        return _decode_set(get_args(hint)[0], value, path, problems, wrong)
    if dataclasses.is_dataclass(hint):
        return _decode_dataclass(hint, value, path, problems)  # type: ignore[arg-type]
    if hint is str:
        return value if isinstance(value, str) else wrong("tekst tussen aanhalingstekens")
    if hint is bool:
        return value if isinstance(value, bool) else wrong("true, false of null")
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        return wrong("een heel getal (zonder aanhalingstekens)")
    if hint is date:
        return _decode_date(value, path, problems, wrong, where)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _decode_choice(hint, value, path, problems, wrong, where)
    raise TypeError(f"answers_json cannot decode {hint!r} at {path}")


def _decode_set(
    member_type: type[Enum],
    value: object,
    path: str,
    problems: list[FormatProblem],
    wrong: Callable[[str], object],
) -> object:
    if not isinstance(value, list):
        return wrong("een lijst ([ … ])")
    members = []
    for index, item in enumerate(value, start=1):
        member = _decode(member_type, item, path, problems, f"{_name(path)}, keuze {index},")
        if member is not _SKIP:
            members.append(member)
    return frozenset(members)


def _decode_choice(
    enum: type[Enum],
    value: object,
    path: str,
    problems: list[FormatProblem],
    wrong: Callable[[str], object],
    where: str,
) -> object:
    if not isinstance(value, str):
        return wrong("een keuze tussen aanhalingstekens")
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(f"“{member.value}”" for member in enum)
        problems.append(
            FormatProblem(
                path,
                f"Het veld {where} heeft “{value}”: dat is geen keuze die casedesk kent. "
                f"Kies uit: {choices}.",
            )
        )
        return _SKIP


def _decode_date(
    value: object,
    path: str,
    problems: list[FormatProblem],
    wrong: Callable[[str], object],
    where: str,
) -> object:
    if not isinstance(value, str):
        return wrong("een datum als tekst (JJJJ-MM-DD)")
    try:
        if len(value) != len("2026-11-28"):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        problems.append(
            FormatProblem(
                path,
                f"Het veld {where} heeft “{value}”: dat is geen datum in de vorm "
                "JJJJ-MM-DD. Schrijf bijvoorbeeld 28 november 1979 als 1979-11-28.",
            )
        )
        return _SKIP
