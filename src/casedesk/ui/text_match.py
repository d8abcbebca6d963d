"""Matching what a caseworker types against names, ignoring case and diacritics."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case ``text`` and drop its diacritics: "Súdwest-Fryslân" -> "sudwest-fryslan"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.casefold()
