"""Decoding a JSON text someone chose, so that hostile input is refused in plain Dutch.

Python's ``json`` lets through what our files must never hold (a lone surrogate ``\\ud800``
that cannot be printed or stored, ``NaN``, numbers beyond any use) and fails on other input
with errors of its own (RecursionError on deep nesting, a ValueError past the int-string
limit), all in English. ``decode_json`` turns each into a ``JsonTextError`` with a Dutch
reason and, where known, the line and column.
"""

import json
from typing import Any

MAX_NUMBER_DIGITS = 30
"""More digits than any amount, count or version in our files; far below Python's own
int-string limit (4300), so a huge literal is refused before it costs time."""

_SYNTAX_REASONS = {
    "Expecting ',' delimiter": "hier ontbreekt een komma (of een sluithaakje } of ]).",
    "Expecting ':' delimiter": "hier ontbreekt een dubbele punt tussen veldnaam en waarde.",
    "Expecting property name enclosed in double quotes": (
        "hier hoort een veldnaam tussen dubbele aanhalingstekens. "
        "Staat er een komma te veel vóór een } ?"
    ),
    "Expecting value": "hier ontbreekt een waarde, of er staat een komma te veel vóór een ].",
    "Unterminated string starting at": (
        "een tekst die hier begint, mist het sluitende aanhalingsteken."
    ),
    "Invalid control character at": (
        "een tekst bevat een regeleinde, tab of ander stuurteken. Zet de tekst op één regel."
    ),
    "Invalid \\escape": "een tekst bevat een ongeldige \\-combinatie. Schrijf \\\\ voor een \\.",
    "Invalid \\uXXXX escape": (
        "een tekst bevat een onvolledige \\u-code: na \\u horen vier tekens 0-9 of a-f."
    ),
    "Extra data": "na het einde van het bestand staat nog tekst.",
}
_OTHER_SYNTAX = "de opmaak klopt hier niet (dit is geen geldige JSON)."


class JsonTextError(Exception):
    """The text is not JSON we can use; ``reason`` is Dutch, ``line``/``column`` 1-based."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


class _RefusedValueError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode_json(text: str, *, non_finite_numbers: bool = False) -> Any:
    """The value of ``text``; raises ``JsonTextError`` for anything we refuse.

    ``non_finite_numbers`` lets NaN, Infinity and 1e999 through, for a caller whose own
    checks refuse them with the field's position.
    """
    numbers: dict[str, Any] = (
        {} if non_finite_numbers else {"parse_float": _finite_float, "parse_constant": _no_constant}
    )
    try:
        data = json.loads(text, parse_int=_bounded_int, **numbers)
    except json.JSONDecodeError as error:
        raise JsonTextError(syntax_reason(error.msg), error.lineno, error.colno) from None
    except _RefusedValueError as refused:
        raise JsonTextError(refused.reason) from None
    except RecursionError:
        raise JsonTextError(
            "de blokken { } of [ ] zijn veel te diep in elkaar genest. Is dit het goede bestand?"
        ) from None
    problem = _first_unprintable_text(data)
    if problem is not None:
        raise JsonTextError(problem)
    return data


def syntax_reason(message: str) -> str:
    """Dutch for the message of a ``json.JSONDecodeError`` (never the English itself)."""
    for english, dutch in sorted(_SYNTAX_REASONS.items(), key=lambda item: -len(item[0])):
        if message.startswith(english):
            return dutch
    return _OTHER_SYNTAX


def _bounded_int(literal: str) -> int:
    if len(literal.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _RefusedValueError(
            f"een getal heeft meer dan {MAX_NUMBER_DIGITS} cijfers. Zo'n groot getal hoort "
            "niet in dit bestand."
        )
    return int(literal)


def _finite_float(literal: str) -> float:
    value = float(literal)
    if value in (float("inf"), float("-inf")):
        raise _RefusedValueError("een getal is te groot om mee te rekenen. Kijk de getallen na.")
    return value


def _no_constant(name: str) -> Any:
    raise _RefusedValueError(
        f"“{name}” is geen getal. Vul een getal in, of laat het veld weg."
    )


def _first_unprintable_text(data: Any) -> str | None:
    """Why a text in ``data`` cannot be used (a lone surrogate), or None."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str):
            reason = unusable_text_reason(value)
            if reason is not None:
                return reason
    return None


def unusable_text_reason(text: str) -> str | None:
    """Why ``text`` cannot be stored or printed, in Dutch; None when it can."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return (
            "een tekst bevat een half teken: een \\u-code tussen d800 en dfff zonder zijn "
            "tweede helft. Haal die code weg of schrijf het teken zelf."
        )
    return None
