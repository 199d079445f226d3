"""Write a :class:`PlaqueDrawing` as SVG: outlines only, 1 user unit = 1 mm, byte-for-byte deterministic.

Built with ElementTree, which escapes every text and attribute value; no string concatenation of data.
Numbers are rounded to 0.01 mm. The texts stay available to screen readers and search through
``role="img"``, ``aria-label`` and ``<title>``; each glyph path carries ``data-char`` and ``data-bbox``
(``"x y w h"`` in mm, exact ink bounds) and each script group the union of those.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fontTools.pens.svgPathPen import SVGPathPen

from .drawing import BBox, PlacedGlyph, PlaqueDrawing, TextBlock, fmt, numbers

SVG_NS = "http://www.w3.org/2000/svg"


def fmt_bbox(bbox: BBox) -> str:
    """``(x_min, y_min, x_max, y_max)`` → ``"x y w h"``."""
    x_min, y_min, x_max, y_max = bbox
    return " ".join(fmt(v) for v in (x_min, y_min, x_max - x_min, y_max - y_min))


def fmt_whole(value: float) -> str:
    """A number rounded to a whole millimetre (previews: 1 mm is a third of a pixel on screen)."""
    text = str(round(value))
    return "0" if text == "-0" else text


def _block_element(block: TextBlock, colour: str, preview: bool = False) -> ET.Element:
    group = ET.Element("g", {"class": block.script, "lang": block.lang, "fill": colour})
    if not preview:
        group.set("data-script", block.script)
        group.set("data-font", block.font_name)
    bbox = block.bbox
    if bbox is not None and not preview:
        group.set("data-bbox", fmt_bbox(bbox))
    for glyph in block.glyphs:
        d = path_data(glyph, preview)
        attributes = {"d": d} if preview else {
            "data-char": glyph.char,
            "data-glyph": glyph.glyph,
            "data-bbox": fmt_bbox(glyph.bbox),
            "d": d,
        }
        ET.SubElement(group, "path", attributes)
    return group


def path_data(glyph: PlacedGlyph, preview: bool = False) -> str:
    """The glyph's SVG path data, as fontTools' SVGPathPen writes it (tests/signboards/test_render.py),
    without a pen call per point: a plaque has thousands. Outlines with other operations (quadratic
    curves) go through the pen."""
    ntos = fmt_whole if preview else fmt
    if not glyph.plain:
        pen = SVGPathPen(None, ntos=ntos)
        glyph.draw(pen)
        return pen.getCommands()
    out: list[str] = []
    last, x0, y0 = "", None, None  # the pen's last command and point
    for (op, points), texts in zip(glyph.ops, numbers(glyph.ops, ntos) if preview else glyph.numbers):
        if op == "lineTo":
            x, y = points[0]
            if x == x0 and y == y0:
                continue  # a point on itself
            if x == x0:
                out.append("V" + texts[1])
                last = "V"
            elif y == y0:
                out.append("H" + texts[0])
                last = "H"
            elif last == "M":  # after a move, a line needs no letter (and the pen still counts it a move)
                out.append(" " + texts[0] + " " + texts[1])
            else:
                out.append("L" + texts[0] + " " + texts[1])
                last = "L"
            x0, y0 = x, y
        elif op == "curveTo":
            out.append("C" + " ".join(texts))
            last = "C"
            x0, y0 = points[2]
        elif op == "moveTo":
            if last == "M":
                out.pop()  # a move right after a move replaces it (the pen drops its last command)
            out.append("M" + texts[0] + " " + texts[1])
            last = "M"
            x0, y0 = points[0]
        else:  # closePath
            out.append("Z")
            last, x0, y0 = "Z", None, None
    return "".join(out)


def to_svg(drawing: PlaqueDrawing, preview: bool = False) -> str:
    """The SVG document text (UTF-8, no XML declaration needed). `preview`: the light version for
    web pages — whole millimetres, no per-glyph data attributes (about 40 % fewer bytes)."""
    w, h = fmt(drawing.width_mm), fmt(drawing.height_mm)
    root = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "width": f"{w}mm",
            "height": f"{h}mm",
            "viewBox": f"0 0 {w} {h}",
            "role": "img",
            "aria-label": drawing.label,
        },
    )
    ET.SubElement(root, "title").text = drawing.label
    inset = drawing.border_mm / 2  # keep the whole stroke inside the plaque edge
    ET.SubElement(
        root,
        "rect",
        {
            "class": "plaque",
            "x": fmt(inset),
            "y": fmt(inset),
            "width": fmt(drawing.width_mm - drawing.border_mm),
            "height": fmt(drawing.height_mm - drawing.border_mm),
            "fill": "#FFFFFF",
            "stroke": drawing.colour_hex,
            "stroke-width": fmt(drawing.border_mm),
        },
    )
    for block in drawing.blocks:
        root.append(_block_element(block, drawing.colour_hex, preview))
    return ET.tostring(root, encoding="unicode") + "\n"
