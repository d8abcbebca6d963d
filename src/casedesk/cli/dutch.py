"""Dutch texts for argparse's own messages (usage, errors, help headings).

argparse looks its texts up through ``gettext``; Python ships no Dutch catalog for them,
so the command line would greet administrators in English. We install a small table of
the messages an administrator can actually meet.
"""

import argparse
from collections.abc import Callable

ARGPARSE_DUTCH: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulptekst en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    # %(value)s, not argparse's %(value)r: a repr shows escapes like \udcff to the reader.
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: “%(value)s” (kies uit %(choices)s)"
    ),
    # The type is the name of a Python function (case_number, int): no use to anyone.
    "invalid %(type)s value: %(value)r": "ongeldige waarde: “%(value)s”",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "expected one argument": "hier hoort één waarde bij",
    "expected at least one argument": "hier hoort minstens één waarde bij",
    "expected at most one argument": "hier hoort hooguit één waarde bij",
    "ambiguous option: %(option)s could match %(matches)s": (
        "optie %(option)s is niet eenduidig: bedoelt u %(matches)s?"
    ),
    "not allowed with argument %s": "gaat niet samen met %s",
    "one of the arguments %s is required": "geef één van deze argumenten: %s",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "int": "een geheel getal",
}


def _dutch_gettext(message: str) -> str:
    return ARGPARSE_DUTCH.get(message, message)


def _dutch_ngettext(singular: str, plural: str, count: int) -> str:
    if singular == "expected %s argument":
        return "hier horen %s waarden bij" if count != 1 else "hier hoort %s waarde bij"
    return singular if count == 1 else plural


def install_dutch_argparse() -> None:
    """Make argparse speak Dutch for the rest of the process."""
    gettext_hook: Callable[[str], str] = _dutch_gettext
    argparse._ = gettext_hook  # type: ignore[attr-defined]
    argparse.ngettext = _dutch_ngettext  # type: ignore[attr-defined]
