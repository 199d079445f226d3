"""Write a :class:`PlaqueDrawing` as SVG: outlines only, 1 user unit = 1 mm, byte-for-byte deterministic.

Built with ElementTree, which escapes every text and attribute value; no string concatenation of data.
Numbers are rounded to 0.01 mm. The texts stay available to screen readers and search through
``role="img"``, ``aria-label`` and ``<title>``; each glyph path carries ``data-char`` and ``data-bbox``
(``"x y w h"`` in mm, exact ink bounds) and each script group the union of those. An example plaque's
file also says 示例 in ``<title>``, ``<desc>`` and Dublin Core ``<metadata>``, and below the trim (mark.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fontTools.pens.svgPathPen import SVGPathPen

from .drawing import BBox, PlacedGlyph, PlaqueDrawing, TextBlock, fmt
from .mark import EXAMPLE_KEYWORDS, EXAMPLE_MARK, EXAMPLE_NOTE

SVG_NS = "http://www.w3.org/2000/svg"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC_NS = "http://purl.org/dc/elements/1.1/"
#: Before an example plaque's label in <title>, aria-label and the PDF /Title.
EXAMPLE_TITLE = "示例（不作为制作依据）："


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
        attributes = (
            {"d": d}
            if preview
            else {
                "data-char": glyph.char,
                "data-glyph": glyph.glyph,
                "data-bbox": fmt_bbox(glyph.bbox),
                "d": d,
            }
        )
        ET.SubElement(group, "path", attributes)
    return group


def path_data(glyph: PlacedGlyph, preview: bool = False) -> str:
    """The glyph's SVG path data, as fontTools' SVGPathPen writes it (tests/signboards/test_render.py),
    without a pen call per point: a plaque has thousands. Outlines with other operations (quadratic
    curves) go through the pen. A `preview` is in whole millimetres with relative commands."""
    if preview:
        return preview_path_data(glyph)
    if not glyph.plain:
        pen = SVGPathPen(None, ntos=fmt)
        glyph.draw(pen)
        return pen.getCommands()
    out: list[str] = []
    last, x0, y0 = "", None, None  # the pen's last command and point
    for (op, points), texts in zip(glyph.ops, glyph.numbers):
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


def preview_path_data(glyph: PlacedGlyph) -> str:
    """The outline in whole millimetres with relative commands ("l-3 12"): the same points as the pen
    writes with `fmt_whole`, in numbers of one or two digits, a third fewer bytes gzipped than absolute
    ones (every preview on a gallery page is downloaded). The points are rounded first, so the
    differences are exact and nothing drifts; lines to where the pen already is are left out."""
    if not glyph.plain:
        pen = SVGPathPen(None, ntos=fmt_whole)
        glyph.draw(pen)
        return pen.getCommands()
    out: list[str] = []
    x0 = y0 = 0  # the current point (SVG starts at 0 0)
    start = (0, 0)  # where the subpath began: "z" goes back there
    last = ""
    before_move = (0, 0)  # the current point before a run of moves (only the last move counts)
    for op, points in glyph.ops:
        if op == "closePath":
            out.append("z")
            (x0, y0), last = start, "z"
            continue
        xy = [(round(x), round(y)) for x, y in points]
        if op == "moveTo":
            if last == "m":
                out.pop()
                x0, y0 = before_move
            else:
                before_move = (x0, y0)
            (x, y), last = xy[0], "m"
            out.append(f"m{_pair(x - x0, y - y0)}")
            x0, y0 = start = x, y
        elif op == "lineTo":
            x, y = xy[0]
            if (x, y) == (x0, y0):
                continue
            out.append(f"v{y - y0}" if x == x0 else f"h{x - x0}" if y == y0 else f"l{_pair(x - x0, y - y0)}")
            x0, y0, last = x, y, "l"
        else:  # curveTo (a plain glyph's curves are cubic)
            (x1, y1), (x2, y2), (x, y) = xy
            out.append(
                f"c{_pair(x1 - x0, y1 - y0)}{_sep(x2 - x0)}{_pair(x2 - x0, y2 - y0)}{_sep(x - x0)}{_pair(x - x0, y - y0)}"
            )
            x0, y0, last = x, y, "c"
    return "".join(out)


def _sep(first: int) -> str:
    """A minus sign separates numbers by itself."""
    return "" if first < 0 else " "


def _pair(dx: int, dy: int) -> str:
    return f"{dx}{_sep(dy)}{dy}"


def _example_metadata(root: ET.Element, drawing: PlaqueDrawing) -> None:
    """<desc> and Dublin Core <metadata> saying 示例, and where the trim is (``data-trim``, mm)."""
    root.set("data-trim", f"0 0 {fmt(drawing.width_mm)} {fmt(drawing.height_mm)}")
    ET.SubElement(root, "desc").text = EXAMPLE_NOTE
    rdf = ET.SubElement(ET.SubElement(root, "metadata"), "rdf:RDF", {"xmlns:rdf": RDF_NS, "xmlns:dc": DC_NS})
    work = ET.SubElement(rdf, "rdf:Description", {"rdf:about": ""})
    ET.SubElement(work, "dc:title").text = f"{EXAMPLE_TITLE}{drawing.label}"
    ET.SubElement(work, "dc:description").text = EXAMPLE_NOTE
    ET.SubElement(work, "dc:subject").text = EXAMPLE_KEYWORDS
    ET.SubElement(work, "dc:type").text = EXAMPLE_MARK


def _slug(root: ET.Element, drawing: PlaqueDrawing, preview: bool) -> None:
    """The white slug below the trim and the 示例 mark in it."""
    assert drawing.mark is not None
    ET.SubElement(
        root,
        "rect",
        {
            "class": "slug",
            "x": "0",
            "y": fmt(drawing.height_mm),
            "width": fmt(drawing.width_mm),
            "height": fmt(drawing.slug_mm),
            "fill": "#FFFFFF",
        },
    )
    group = ET.SubElement(root, "g", {"class": "example-mark", "lang": drawing.mark.lang, "fill": drawing.colour_hex})
    if drawing.mark.bbox is not None and not preview:
        group.set("data-bbox", fmt_bbox(drawing.mark.bbox))
    for glyph in drawing.mark.glyphs:
        ET.SubElement(group, "path", {"d": path_data(glyph, preview)})


def to_svg(drawing: PlaqueDrawing, preview: bool = False) -> str:
    """The SVG document text (UTF-8, no XML declaration needed). `preview`: the light version for
    web pages — whole millimetres, no per-glyph data attributes (about 40 % fewer bytes). An example
    plaque's page is taller by the slug holding its 示例 mark; the plaque stays at the top left."""
    w, h = fmt(drawing.width_mm), fmt(drawing.page_height_mm)
    title = f"{EXAMPLE_TITLE}{drawing.label}" if drawing.example else drawing.label
    root = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "width": f"{w}mm",
            "height": f"{h}mm",
            "viewBox": f"0 0 {w} {h}",
            "role": "img",
            "aria-label": title,
        },
    )
    ET.SubElement(root, "title").text = title
    if drawing.example:
        _example_metadata(root, drawing)
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
    if drawing.example:
        _slug(root, drawing, preview)
    return ET.tostring(root, encoding="unicode") + "\n"
