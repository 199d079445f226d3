"""Write a :class:`PlaqueDrawing` as SVG: outlines only, 1 user unit = 1 mm, byte-for-byte deterministic.

Built with ElementTree, which escapes every text and attribute value; no string concatenation of data.
Numbers are rounded to 0.01 mm. The texts stay available to screen readers and search through
``role="img"``, ``aria-label`` and ``<title>``; each glyph path carries ``data-char`` and ``data-bbox``
(``"x y w h"`` in mm, exact ink bounds) and each script group the union of those.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fontTools.pens.svgPathPen import SVGPathPen

from .drawing import BBox, PlaqueDrawing, TextBlock

SVG_NS = "http://www.w3.org/2000/svg"


def fmt(value: float) -> str:
    """A number with at most 2 decimals and no trailing zeros: ``12.5``, ``3``, ``-0.25``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_bbox(bbox: BBox) -> str:
    """``(x_min, y_min, x_max, y_max)`` → ``"x y w h"``."""
    x_min, y_min, x_max, y_max = bbox
    return " ".join(fmt(v) for v in (x_min, y_min, x_max - x_min, y_max - y_min))


def _block_element(block: TextBlock, colour: str) -> ET.Element:
    group = ET.Element(
        "g",
        {
            "class": block.script,
            "data-script": block.script,
            "lang": block.lang,
            "fill": colour,
            "data-font": block.font_name,
        },
    )
    bbox = block.bbox
    if bbox is not None:
        group.set("data-bbox", fmt_bbox(bbox))
    for glyph in block.glyphs:
        pen = SVGPathPen(None, ntos=fmt)
        glyph.draw(pen)
        attributes = {
            "data-char": glyph.char,
            "data-glyph": glyph.glyph,
            "data-bbox": fmt_bbox(glyph.bbox),
            "d": pen.getCommands(),
        }
        ET.SubElement(group, "path", attributes)
    return group


def to_svg(drawing: PlaqueDrawing) -> str:
    """The SVG document text (UTF-8, no XML declaration needed)."""
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
        root.append(_block_element(block, drawing.colour_hex))
    return ET.tostring(root, encoding="unicode") + "\n"
