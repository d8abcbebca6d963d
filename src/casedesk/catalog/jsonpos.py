"""Where each value of a JSON text starts, so an error can name its line.

The standard ``json`` module forgets positions once a text is decoded. Coordinators edit the
catalog by hand, and "regel 212" is what lets them find a problem among 30 entries, so this
module walks an already-valid JSON text once more and records the offset of every value.
It reuses ``json.decoder.scanstring`` for strings, so escapes are read exactly as ``json``
reads them.
"""

import bisect
import json.decoder
import re
from dataclasses import dataclass

JsonPath = tuple[str | int, ...]
"""Keys and list indexes from the document root, e.g. ``("instruments", 3, "contact")``."""

_WHITESPACE = re.compile(r"[ \t\n\r]*")
# Python's json also accepts NaN and Infinity; they must get a position too (the schema
# then refuses them as values).
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|NaN|-?Infinity")


@dataclass(frozen=True, slots=True)
class TextPosition:
    line: int
    """1-based, as editors count."""
    column: int
    """1-based."""


@dataclass(frozen=True)
class JsonPositions:
    """Positions of the values of one JSON text; ask with ``position_of(path)``."""

    offsets: dict[JsonPath, int]
    line_starts: list[int]
    duplicate_keys: tuple[JsonPath, ...]
    """Paths of object keys that occur twice in the same object (``json`` keeps the last)."""

    def position_of(self, path: JsonPath) -> TextPosition:
        """The position of ``path``, or of its nearest existing ancestor.

        A missing field has no position of its own; the object that should hold it is the
        best place to point at.
        """
        probe = tuple(path)
        while probe not in self.offsets and probe:
            probe = probe[:-1]
        offset = self.offsets.get(probe, 0)
        line_index = bisect.bisect_right(self.line_starts, offset) - 1
        return TextPosition(line_index + 1, offset - self.line_starts[line_index] + 1)


def locate_json_values(text: str) -> JsonPositions:
    """Record where every value of ``text`` begins. ``text`` must be valid JSON.

    For an object member the key's position is recorded: that is the line a person looks
    for (``"phone": "…"``), also when the value is a multi-line object or list.
    """
    offsets: dict[JsonPath, int] = {}
    duplicates: list[JsonPath] = []

    def skip_whitespace(index: int) -> int:
        match = _WHITESPACE.match(text, index)
        assert match is not None  # the pattern also matches the empty string
        return match.end()

    def read_value(index: int, path: JsonPath, record: bool) -> int:
        index = skip_whitespace(index)
        if record:
            offsets[path] = index
        char = text[index]
        if char == "{":
            return read_object(index + 1, path)
        if char == "[":
            return read_array(index + 1, path)
        if char == '"':
            return int(json.decoder.scanstring(text, index + 1)[1])  # type: ignore[attr-defined]
        match = _SCALAR.match(text, index)
        if match is None:
            raise ValueError(f"not valid JSON at offset {index}")
        return match.end()

    def read_object(index: int, path: JsonPath) -> int:
        index = skip_whitespace(index)
        if text[index] == "}":
            return index + 1
        seen: set[str] = set()
        while True:
            index = skip_whitespace(index)
            key_offset = index
            key, index = json.decoder.scanstring(text, index + 1)  # type: ignore[attr-defined]
            member_path = (*path, key)
            if key in seen:
                duplicates.append(member_path)
            seen.add(key)
            offsets[member_path] = key_offset
            index = skip_whitespace(index) + 1  # past the ':'
            index = skip_whitespace(read_value(index, member_path, record=False))
            if text[index] == ",":
                index += 1
                continue
            return index + 1  # past the '}'

    def read_array(index: int, path: JsonPath) -> int:
        index = skip_whitespace(index)
        if text[index] == "]":
            return index + 1
        position = 0
        while True:
            index = skip_whitespace(read_value(index, (*path, position), record=True))
            position += 1
            if text[index] == ",":
                index += 1
                continue
            return index + 1  # past the ']'

    read_value(0, (), record=True)
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    return JsonPositions(offsets, line_starts, tuple(duplicates))


def format_path(path: JsonPath) -> str:
    """``("instruments", 3, "contact", "phone")`` → ``instruments[3].contact.phone``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(het hele bestand)"
