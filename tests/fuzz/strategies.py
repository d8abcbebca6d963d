"""Hostile files: valid samples broken the ways attackers and unlucky users break them.

Every reader gets the same kinds of damage (huge integers, deep nesting, lone surrogates,
NUL bytes, invalid UTF-8, a byte order mark, CRLF, truncation, flipped bytes, files far too
big) applied to realistic samples of its own format, plus structured nonsense of its format.
"""

import json
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

HUGE_INTEGER = "1" * 5000
"""Over Python's int-string limit (4300 digits): ``int()`` of it raises ValueError."""
DEEP = 100_000
OVERSIZE_BYTES = 10 * 1024 * 1024 + 1

_SPECIAL_TEXTS = (
    "\ud800",
    "\udfff",
    "\x00",
    "\ufeff",
    "Zoë \u202e",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\r\n",
    "'; DROP TABLE cases; --",
    "%s%n{0}",
    "A" * 70_000,
)


def json_texts() -> st.SearchStrategy[str]:
    """Any JSON-like text, with the strings and numbers parsers choke on."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=10**18, max_value=10**40),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=20),
        st.sampled_from(_SPECIAL_TEXTS),
    )
    values = st.recursive(
        scalars,
        lambda children: st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=12), children, max_size=4),
        max_leaves=12,
    )
    return values.map(lambda value: json.dumps(value, ensure_ascii=False))


def _replace_json_values(sample: Any, key: str, replacement: str) -> str:
    """``sample`` as JSON text with the value of every ``key`` replaced by raw ``replacement``."""
    marker = "\x00MARKER\x00"

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: (marker if k == key else walk(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(item) for item in value]
        return value

    text = json.dumps(walk(sample), ensure_ascii=False, indent=2)
    return text.replace(json.dumps(marker), replacement)


def _keys_of(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value.keys(), *(k for v in value.values() for k in _keys_of(v))]
    if isinstance(value, list):
        return [k for item in value for k in _keys_of(item)]
    return []


def hostile_json_files(samples: Sequence[Any]) -> st.SearchStrategy[bytes]:
    """JSON files: valid samples, samples with one value made hostile, then byte damage."""
    keys = sorted({key for sample in samples for key in _keys_of(sample)})
    nasty_values = st.sampled_from(
        [
            HUGE_INTEGER,
            "-" + HUGE_INTEGER,
            "1e999999",
            "NaN",
            "-Infinity",
            '"\\ud800"',
            '"\\udfff\\ud800"',
            '"\\u00"',
            '"\\x41"',
            '"a\\u0000b"',
            "[" * 50 + "]" * 50,
            "{}",
            "[]",
            "null",
            "true",
            '"' + "é" * 1000 + '"',
            "99999999999999999999999999",
        ]
    )
    structured = st.builds(
        _replace_json_values, st.sampled_from(list(samples)), st.sampled_from(keys), nasty_values
    )
    valid = st.sampled_from(
        [json.dumps(sample, ensure_ascii=False, indent=2) for sample in samples]
    )
    whole = st.one_of(
        valid,
        structured,
        json_texts(),
        st.just("[" * DEEP),
        st.just("[" * DEEP + "]" * DEEP),
        st.just('{"a":' * DEEP),
        st.just('{"format_version": ' + HUGE_INTEGER + "}"),
    )
    return damaged(whole.map(lambda text: text.encode("utf-8", "surrogatepass")))


def hostile_csv_files(samples: Sequence[str]) -> st.SearchStrategy[bytes]:
    """CSV files: valid samples, with cells, quotes and lines made hostile, then byte damage."""
    cells = st.one_of(
        st.text(max_size=12),
        st.sampled_from([*_SPECIAL_TEXTS, '"', '""', "a\nb", "x" * 200_000, HUGE_INTEGER]),
    )

    def with_cell(sample: str, line: int, column: int, cell: str) -> str:
        lines = sample.split("\n")
        index = line % len(lines)
        parts = lines[index].split(",")
        parts[column % len(parts)] = cell
        lines[index] = ",".join(parts)
        return "\n".join(lines)

    structured = st.builds(
        with_cell, st.sampled_from(list(samples)), st.integers(0, 400), st.integers(0, 10), cells
    )
    lines = st.lists(
        st.lists(cells, min_size=1, max_size=10).map(",".join), max_size=6
    ).map("\n".join)
    whole = st.one_of(st.sampled_from(list(samples)), structured, lines)
    return damaged(whole.map(lambda text: text.encode("utf-8", "surrogatepass")))


def damaged(files: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """``files`` as they are, or with one kind of damage to their bytes."""
    return st.one_of(
        files,
        st.builds(_with_bom, files),
        st.builds(_crlf, files),
        st.builds(_truncated, files, st.floats(0, 1)),
        st.builds(_flipped, files, st.floats(0, 1), st.integers(0, 255)),
        st.builds(_inserted, files, st.floats(0, 1), st.sampled_from(_BAD_BYTES)),
        st.binary(max_size=200),
        st.just(b""),
        st.just(b"\x00" * 1000),
        st.just(b" " * OVERSIZE_BYTES),
    )


_BAD_BYTES = (
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",  # a surrogate encoded as UTF-8: invalid
    b"\xef\xbb\xbf",
    b"\r",
    b"\r\n",
    b'"',
)


def _with_bom(data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data


def _crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


def _truncated(data: bytes, at: float) -> bytes:
    return data[: int(len(data) * at)]


def _flipped(data: bytes, at: float, value: int) -> bytes:
    if not data:
        return data
    index = min(int(len(data) * at), len(data) - 1)
    return data[:index] + bytes([value]) + data[index + 1 :]


def _inserted(data: bytes, at: float, extra: bytes) -> bytes:
    index = int(len(data) * at)
    return data[:index] + extra + data[index:]
