"""A check that a message shown to a caseworker is Dutch: no English fragments, no reprs.

The list holds what the libraries we read files with actually say (json, csv, argparse,
keyring, Python's own errors); it is short on purpose, so every word on it is one that
never belongs in a Dutch sentence.
"""

import re

ENGLISH_FRAGMENTS = (
    "invalid",
    "expecting",
    "error",
    "failed",
    "field larger",
    "field limit",
    "exceeds",
    "the limit",
    "escape",
    "unterminated",
    "traceback",
    "exception",
    "line ",
    "column",
    "char ",
    "expected",
    "required",
    "the following",
    "usage",
    "choose from",
    "unrecognized",
    "prompt dismissed",
    "collection",
    "not found",
    "no such",
    "permission denied",
    "is a directory",
    "codec",
    "can't",
    "cannot",
    "unexpected",
    "digits",
    "overflow",
    "recursion",
    "surrogate",
    "case_number",
    "demo_count",
    "null byte",
    "errno",
)

_REPR_PATTERNS = (
    re.compile(r"\\u[0-9a-fA-F]{4}"),  # an escaped character: a repr, not text
    re.compile(r"\\x[0-9a-fA-F]{2}"),
    re.compile(r"<[A-Za-z_.]+ object at 0x"),
    re.compile(r"\b[A-Z][A-Za-z]+(Error|Exception)\b"),
    re.compile(r"\bb'"),
)

# Dutch words that contain an English fragment from the list.
_DUTCH_WORDS_WITH_FRAGMENTS = re.compile(r"(?i)\b(kolom|kolommen)\b")


def english_in(message: str, echoed: str = "") -> list[str]:
    """The English fragments and Python reprs in ``message`` (empty when it is clean).

    What also occurs in ``echoed`` (the input, which a message may quote) does not count.
    """
    lowered = _DUTCH_WORDS_WITH_FRAGMENTS.sub("", message.lower())
    quoted = echoed.lower()
    found = [f for f in ENGLISH_FRAGMENTS if f in lowered and f not in quoted]
    found += [
        match.group(0)
        for pattern in _REPR_PATTERNS
        for match in pattern.finditer(message)
        if match.group(0).lower() not in quoted
    ]
    return found
