"""Text as it can be printed with the shipped fonts, and what cannot be printed.

A character no shipped font has would print as the ``.notdef`` box, which PDF/A forbids,
so a plan with one could not be made at all. Instead: an emoji (with the joiners, skin
tones and variation selectors of its sequence) is left out, and any other character
(a script we ship no font for, an unassigned code point) becomes a question mark, so the
reader sees that something is missing. :func:`unprintable_parts` tells the caseworker
beforehand what that concerns.

Arabic and Hebrew are written right to left: Arabic letters are first given their joined
forms (``arabic_reshaper``) and then every right-to-left stretch is put in the order it is
drawn (``python-bidi``, the Unicode bidi algorithm), because reportlab only does that with
its own ``rlbidi``, which is not on PyPI. A long right-to-left paragraph that wraps is not
line-ordered as a right-to-left document would be; names and short notes print right.
"""

import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import cache

from casedesk.plan.fonts import can_print

QUESTION_MARK = "?"
_ZERO_WIDTH_JOINER = "\u200d"
_RIGHT_TO_LEFT = frozenset({"R", "AL"})


class _Fate(Enum):
    KEEP = "keep"
    SPACE = "space"
    DROP_SILENTLY = "drop silently"
    LEAVE_OUT = "leave out"
    QUESTION_MARK = "question mark"


def _is_sequence_part(character: str) -> bool:
    """A joiner, variation selector, skin tone or tag: part of an emoji, not a character."""
    code = ord(character)
    return (
        character == _ZERO_WIDTH_JOINER
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
    )


@cache
def _fate(character: str) -> _Fate:
    if character == "\n":
        return _Fate.KEEP
    category = unicodedata.category(character)
    if category == "Cc":
        return _Fate.SPACE if character in "\t\v\f\x1c\x1d\x1e\x1f\x85" else _Fate.DROP_SILENTLY
    if _is_sequence_part(character) and not can_print(character):
        return _Fate.DROP_SILENTLY
    if can_print(character):
        return _Fate.KEEP
    if category in ("Zs", "Zl", "Zp"):
        return _Fate.SPACE
    if category == "Cf":
        return _Fate.DROP_SILENTLY
    if category in ("So", "Sk", "Sm", "Sc", "Mn", "Me", "Mc"):
        return _Fate.LEAVE_OUT
    return _Fate.QUESTION_MARK


@dataclass(frozen=True, slots=True)
class UnprintablePart:
    text: str
    """The characters as typed (an emoji with its whole sequence)."""
    left_out: bool
    """True: nothing is printed in its place; False: a question mark is."""


def _walk(text: str) -> tuple[str, tuple[UnprintablePart, ...]]:
    printed: list[str] = []
    parts: list[UnprintablePart] = []
    index = 0
    while index < len(text):
        character = text[index]
        fate = _fate(character)
        index += 1
        if fate is _Fate.KEEP:
            printed.append(character)
        elif fate is _Fate.SPACE:
            printed.append(" ")
        elif fate is _Fate.QUESTION_MARK:
            printed.append(QUESTION_MARK)
            parts.append(UnprintablePart(character, left_out=False))
        elif fate is _Fate.LEAVE_OUT:
            # The rest of the emoji sequence goes with it: "💇‍♀️" must not leave a "♀".
            start = index - 1
            while index < len(text) and (
                _is_sequence_part(text[index])
                or (text[index - 1] == _ZERO_WIDTH_JOINER and text[index] != "\n")
            ):
                index += 1
            parts.append(UnprintablePart(text[start:index], left_out=True))
    return "".join(printed), tuple(parts)


def printable_text(text: str) -> str:
    """``text`` with only characters the shipped fonts print (logical order)."""
    if text.isascii() and text.isprintable():
        return text
    return _walk(text)[0]


def unprintable_parts(text: str) -> tuple[UnprintablePart, ...]:
    """What of ``text`` cannot be printed, in the order it occurs."""
    if text.isascii():
        return ()
    return _walk(text)[1]


def drawn_text(text: str) -> str:
    """Printable text in the order it is drawn, left to right, with Arabic letters joined."""
    printed = printable_text(text)
    if printed.isascii() or not any(
        unicodedata.bidirectional(character) in _RIGHT_TO_LEFT for character in printed
    ):
        return printed
    # Imported here: most plans have no right-to-left text and need neither library.
    import arabic_reshaper  # type: ignore[import-untyped]
    from bidi import get_display  # type: ignore[import-untyped]

    lines = []
    for line in printed.split("\n"):
        if any(unicodedata.bidirectional(character) == "AL" for character in line):
            line = arabic_reshaper.reshape(line)
        lines.append(get_display(line, base_dir="L"))
    # Reshaping may produce a joined form no shipped font has; keep those printable too.
    return printable_text("\n".join(lines))
