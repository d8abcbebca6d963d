"""How typed text is compared with stored names: one fold for every search in casedesk.

The case search indexes folded text and folds every query term the same way (on SQLite in
the FTS5 index, later on PostgreSQL for ``pg_trgm``), and the completers of the UI fold
the same way, so a name is found by the same spellings everywhere.

What a Dutch caseworker expects, decided per letter:

- Case and diacritics never count: "ozdemir" finds "Özdemir", "zoe" finds "Zoë",
  "celik" finds "Çelik", "muller" finds "Müller".
- Letters that are not a base letter with a mark, and so survive stripping the marks, are
  written the way Dutch and the passport's machine-readable line write them without the
  letter: ı→i (Yılmaz), ł→l (Łukasz), ø→o (Søren), æ→ae (Æsa), œ→oe (Œuvre), ß→ss
  (Straße), đ→d and ð→d (Đorđević → dordevic), þ→th (Þór → thor), ĳ→ij (the Dutch
  ligature), ħ→h, ŧ→t.
- The diaeresis is Dutch (Zoë, België, Citroën): it is dropped, never written as an extra
  "e". So plain folding does not find "Müller" by "Mueller", nor "Đorđević" by the
  Serbian "Djordjevic", nor "Søren" by "Soeren"; :func:`spelling_variant` gives those
  German and Scandinavian spellings as a second text to index, so a caseworker who writes
  down a name as heard still finds it.
- Typographic apostrophes and dashes count as the plain ones ("’t Hoff" is "'t Hoff",
  "Hoff–Çelik" is "Hoff-Çelik"); both stay in the text, as the index always kept them.
"""

import re
import unicodedata

_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ĳ": "ij",
        "ħ": "h",
        "ŧ": "t",
        # Apostrophes and dashes as people paste them from a letter or a website.
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)

# In NFKD an umlaut or a ring is a mark after its base letter: "ü" is "u" + "\u0308".
_UMLAUT = "\u0308"
_RING = "\u030a"
_VARIANT_LETTERS = str.maketrans({"ø": "oe", "đ": "dj"})
_VARIANT_MARKERS = (_UMLAUT, _RING, "ø", "đ")


# The marks of the Latin letters: fold's quick path; the marks of other scripts go one by one.
_LATIN_MARKS = re.compile("[\u0300-\u036f]+")


def fold(text: str) -> str:
    """``text`` as search compares it: "Yılmaz" → "yilmaz", "Straße" → "strasse".

    NFKD and case folding, then every combining mark dropped, then the letters of the
    table above. Idempotent: folding folded text changes nothing.
    """
    if text.isascii():  # most names: no marks, and lower() is casefold() for ASCII
        return text.lower().replace("`", "'")
    bare = _LATIN_MARKS.sub("", _decomposed_case_folded(text))
    if bare.isascii():  # the usual non-ASCII name: Latin letters that had marks
        return bare.replace("`", "'")
    return bare.translate(_FOLDED_CHARACTERS)


class _FoldedCharacters(dict[int, str | None]):
    """What each character becomes, for ``str.translate``; filled as characters are met.

    A mark becomes nothing, a letter of the table its spelling, any other character
    itself. Computed once per character, so folding costs one lookup per character.
    """

    _MOST = 10_000
    """Characters remembered at most: hostile text of every code point stays small."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        folded = None if unicodedata.combining(char) else _LETTERS.get(code, char)
        if len(self) < self._MOST:
            self[code] = folded
        return folded


_FOLDED_CHARACTERS = _FoldedCharacters()


def spelling_variant(text: str) -> str | None:
    """The German and Scandinavian spelling of ``text``, folded; None when it is the same.

    ä, ö, ü become ae, oe, ue ("Müller" → "mueller"), ø becomes oe, å becomes aa and đ
    becomes dj ("Đorđević" → "djordjevic"). Other letters fold as in :func:`fold`. Only
    ä, ö and ü: the Dutch ë and ï are never spelled with an extra "e".
    """
    if text.isascii():
        return None
    decomposed = _decomposed_case_folded(text)
    if not any(char in decomposed for char in _VARIANT_MARKERS):
        return None
    spelled: list[str] = []
    for char in decomposed:
        if char == _UMLAUT and spelled and spelled[-1] in "aou":
            spelled.append("e")
        elif char == _RING and spelled and spelled[-1] == "a":
            spelled.append("a")
        elif not unicodedata.combining(char):
            spelled.append(char)
    variant = "".join(spelled).translate(_VARIANT_LETTERS).translate(_LETTERS)
    return None if variant == fold(text) else variant


def _decomposed_case_folded(text: str) -> str:
    # NFKD on both sides of casefold: "ᴬ" decomposes to "A" and "İ" folds to "i" + a mark.
    return unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
