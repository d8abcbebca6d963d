"""Makes resources/fonts/NotoSansKR-Hangul-Regular.ttf: the Hangul of Noto Sans CJK KR.

    apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb cjk
    .venv/bin/python scripts/make-hangul-font.py \
        cjk/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
        resources/fonts/NotoSansKR-Hangul-Regular.ttf

Only the Korean letters (Hangul syllables and jamo, 11,172 + 400 characters) of the KR face
are kept, and its PostScript (CFF) outlines become TrueType outlines, the only kind
reportlab embeds (the conversion of fontTools' ``Snippets/otf2ttf.py``). The whole face is
16 MB; this is 2.4 MB. Needs fontTools (``pip install fonttools``), not the app.
"""

import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection, TTFont, newTable

HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7A3), (0xD7B0, 0xD7FF))
FAMILY = "Noto Sans CJK KR"


def hangul_subset(collection_path: str) -> TTFont:
    faces = TTCollection(collection_path).fonts
    font = next(face for face in faces if face["name"].getDebugName(1) == FAMILY)
    options = Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=[0x20, *(c for low, high in HANGUL for c in range(low, high + 1))])
    subsetter.subset(font)
    return font


def to_truetype(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "VORG", "VVAR"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    metrics = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        metrics[name] = (metrics[name][0], getattr(glyph, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def main(collection_path: str, target: str) -> int:
    font = hangul_subset(collection_path)
    to_truetype(font)
    font.recalcTimestamp = False  # the same source gives the same bytes
    font.save(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
