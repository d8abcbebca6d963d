"""The text the case search index holds, made in Python (called from SQL on SQLite).

The triggers of migration 0006 fill the FTS5 index in the same transaction as every
write of a case, its entrepreneur or its business; they call the functions below, which
every connection of the store registers (``db/engine.py``). So the index holds exactly the
fold of ``domain/folding.py``, the one the query terms get. A connection without these
functions (an SQLite shell) cannot change a searched column: the trigger fails with "no
such function" instead of leaving the index out of step.

The case list's sort indexes (migration 0019) hold ``casedesk_fold`` of names and trade
names, and ``PRAGMA integrity_check`` recomputes them: a change to ``fold`` needs a
migration that runs ``REINDEX ix_sort_entrepreneurs_name`` and
``REINDEX ix_sort_businesses_trade_name``, or every store reads as damaged.
"""

from typing import Any

from casedesk.domain.folding import fold, spelling_variant

WORD_SEPARATORS = ("-", "'", ".", "/", "&", ",", "(", ")")
"""Where a word starts besides a space (migration 0003): hyphens, apostrophes, dots, …"""

WORD_START_MARKER = "^^"


def word_starts(folded: str) -> str:
    """Each word of folded text with "^^" in front: "'t hoff-celik" → "^^t ^^hoff ^^celik".

    The trigram index then holds "^^h" and "^ho" for a word that starts with "ho", which
    is how a 1–2 character term matches the start of a word (migration 0003).
    """
    for separator in WORD_SEPARATORS:
        folded = folded.replace(separator, " ")
    return " ".join(WORD_START_MARKER + word for word in folded.split())


def searched_word_starts(text: str) -> str:
    """The marked word starts of a case's searched text, its spelling variant's too."""
    # The words of the spelling variant start words too: "dj" finds "Đorđević".
    return word_starts(f"{fold(text)} {spelling_variant(text) or ''}")


def short_term_probe(term: str) -> str:
    """What a 1–2 character term must find in the word starts (migration 0003).

    One letter: "^^z", a word that starts with it. Two: "^ij", the trigram of a word start.
    """
    letters = "".join(ch for ch in term if ch.isalnum())
    marker = WORD_START_MARKER if len(letters) == 1 else WORD_START_MARKER[0]
    return marker + letters


def _sql_fold(text: str | None) -> str | None:
    return None if text is None else fold(text)


def _sql_word_starts(text: str | None) -> str | None:
    return None if text is None else searched_word_starts(text)


def _sql_spelling_variant(text: str | None) -> str | None:
    return None if text is None else spelling_variant(text)


def register_search_functions(dbapi_connection: Any) -> None:
    """Makes ``casedesk_fold``, ``casedesk_word_starts`` and ``casedesk_spelling_variant``
    callable in SQL on this (sqlcipher3) connection."""
    for name, function in (
        ("casedesk_fold", _sql_fold),
        ("casedesk_word_starts", _sql_word_starts),
        ("casedesk_spelling_variant", _sql_spelling_variant),
    ):
        dbapi_connection.create_function(name, 1, function, deterministic=True)
