"""A TrueType font made here (fontTools) and carried by the PDFs reportlab writes with it: a box for every
character a budget table prints (Chinese, full-width punctuation, ASCII). reportlab's own STSong-Light is a
font the PDF only names, which pdfium lays out in whatever CJK font the machine has (and `ingest.pdf_fast`
therefore leaves to pdfplumber); a test that must see pdfium read Chinese text writes it in this one."""

from __future__ import annotations

from functools import cache
from pathlib import Path

NAME = "GovkgCarried"


@cache
def register(folder: Path) -> str:
    """The font's name, registered with reportlab (its file written in `folder`)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    def box(width: int):
        pen = TTGlyphPen(None)
        pen.moveTo((40, -80)), pen.lineTo((40, 800)), pen.lineTo((width - 40, 800)), pen.lineTo((width - 40, -80))
        pen.closePath()
        return pen.glyph()

    empty = TTGlyphPen(None).glyph()
    glyphs = {".notdef": empty, "space": empty, "narrow": box(500), "wide": box(1000)}
    widths = {".notdef": 500, "space": 250, "narrow": 500, "wide": 1000}
    cmap = {32: "space", **{c: "narrow" for c in range(33, 127)}}
    cmap.update({c: "wide" for c in (*range(0x3000, 0x3040), *range(0x4E00, 0xA000), *range(0xFF00, 0xFF60))})
    cmap.update({c: "wide" for c in map(ord, "“”‘’…—")})
    build = FontBuilder(1000, isTTF=True)
    build.setupGlyphOrder(list(glyphs))
    build.setupCharacterMap(cmap)
    build.setupGlyf(glyphs)
    build.setupHorizontalMetrics({name: (widths[name], 0) for name in glyphs})
    build.setupHorizontalHeader(ascent=880, descent=-120)
    build.setupNameTable({"familyName": NAME, "styleName": "Regular"})
    build.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    build.setupPost()
    path = Path(folder) / f"{NAME}.ttf"
    build.save(str(path))
    pdfmetrics.registerFont(TTFont(NAME, str(path)))
    return NAME
