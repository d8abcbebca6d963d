"""The shipped DejaVu Sans fonts, registered with reportlab once per process.

Only embedded TrueType fonts may appear in a plan (PDF/A, and Dutch letters such as ĳ and
€ must print on any machine), so every style, table and canvas text names these fonts.
"""

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from casedesk.resources import resource_path

REGULAR = "CasedeskSans"
BOLD = "CasedeskSans-Bold"
ITALIC = "CasedeskSans-Oblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}


@cache
def register_fonts() -> None:
    """Registers the three faces and their family (so ``<b>`` and ``<i>`` use them)."""
    for name, file_name in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
