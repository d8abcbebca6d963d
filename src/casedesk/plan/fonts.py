"""The shipped fonts, registered with reportlab when first needed, and which prints what.

Only embedded TrueType fonts may appear in a plan (PDF/A, and Dutch letters such as ĳ and
€ must print on any machine), so every style, table and canvas text names these fonts.
DejaVu Sans prints almost everything; a character it lacks falls back, one character at a
time, to Noto Sans (Latin, Greek and Cyrillic extensions), Noto Sans Arabic, Noto Sans
Hebrew, Noto Sans Thai, Droid Sans Fallback (Chinese, Japanese) and the Hangul of Noto Sans
CJK KR (Korean). A fallback is only read from disk when a text needs it, so a plain Dutch
plan loads DejaVu only.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from casedesk.resources import resource_path

REGULAR = "CasedeskSans"
BOLD = "CasedeskSans-Bold"
ITALIC = "CasedeskSans-Oblique"

_PRIMARY_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}


@dataclass(frozen=True, slots=True)
class _Fallback:
    name: str
    file_name: str


_NOTO = _Fallback("CasedeskFallback-Noto", "NotoSans-Regular.ttf")
_NOTO_BOLD = _Fallback("CasedeskFallback-Noto-Bold", "NotoSans-Bold.ttf")
_ARABIC = _Fallback("CasedeskFallback-Arabic", "NotoSansArabic-Regular.ttf")
_ARABIC_BOLD = _Fallback("CasedeskFallback-Arabic-Bold", "NotoSansArabic-Bold.ttf")
_HEBREW = _Fallback("CasedeskFallback-Hebrew", "NotoSansHebrew-Regular.ttf")
_HEBREW_BOLD = _Fallback("CasedeskFallback-Hebrew-Bold", "NotoSansHebrew-Bold.ttf")
_THAI = _Fallback("CasedeskFallback-Thai", "NotoSansThai-Regular.ttf")
_THAI_BOLD = _Fallback("CasedeskFallback-Thai-Bold", "NotoSansThai-Bold.ttf")
_CJK = _Fallback("CasedeskFallback-CJK", "DroidSansFallbackFull.ttf")
# Droid Sans Fallback has no Hangul syllables; one weight (as for CJK) keeps it at 2.4 MB.
_HANGUL = _Fallback("CasedeskFallback-Hangul", "NotoSansKR-Hangul-Regular.ttf")

_FALLBACKS: dict[str, tuple[_Fallback, ...]] = {
    REGULAR: (_NOTO, _ARABIC, _HEBREW, _THAI, _CJK, _HANGUL),
    BOLD: (_NOTO_BOLD, _ARABIC_BOLD, _HEBREW_BOLD, _THAI_BOLD, _CJK, _HANGUL),
    # No oblique fallbacks: upright text in a note is better than a missing letter.
    ITALIC: (_NOTO, _ARABIC, _HEBREW, _THAI, _CJK, _HANGUL),
}
FACES = tuple(_PRIMARY_FILES)
FALLBACK_FILES = tuple(sorted({f.file_name for chain in _FALLBACKS.values() for f in chain}))


@cache
def register_fonts() -> None:
    """Registers the three faces and their family (so ``<b>`` and ``<i>`` use them)."""
    for name, file_name in _PRIMARY_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)


@cache
def _font(name: str) -> TTFont:
    """A registered font by name; a fallback is read and registered on first use."""
    if name in _PRIMARY_FILES:
        register_fonts()
        font: TTFont = pdfmetrics.getFont(name)
        return font
    fallback = next(f for chain in _FALLBACKS.values() for f in chain if f.name == name)
    font = TTFont(name, str(resource_path("fonts", fallback.file_name)))
    pdfmetrics.registerFont(font)
    return font


@cache
def _covers(name: str, code_point: int) -> bool:
    # Glyph 0 is .notdef: a font that maps a character there cannot print it.
    return bool(_font(name).face.charToGlyph.get(code_point))


def font_for(character: str, face: str = REGULAR) -> str | None:
    """The first font of ``face``'s chain that prints ``character``; None if none does."""
    code_point = ord(character)
    if _covers(face, code_point):
        return face
    for fallback in _FALLBACKS[face]:
        if _covers(fallback.name, code_point):
            return fallback.name
    return None


def can_print(character: str) -> bool:
    """Whether any face's chain prints ``character`` (the chains cover the same scripts)."""
    return font_for(character, REGULAR) is not None


def font_runs(text: str, face: str = REGULAR) -> Sequence[tuple[str, str]]:
    """``text`` cut into (font name, text) runs; every character must be printable.

    Spaces and line breaks join the run before them, so Dutch text stays one run.
    """
    runs: list[tuple[str, str]] = []
    for character in text:
        if character in " \n":
            name: str | None = runs[-1][0] if runs else face
        else:
            name = font_for(character, face)
        if name is None:
            raise ValueError(f"no shipped font prints U+{ord(character):04X}")
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + character)
        else:
            runs.append((name, character))
    return runs
