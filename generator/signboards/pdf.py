"""Write a :class:`PlaqueDrawing` as a one-page vector PDF at true physical size.

Why no library: the drawing is only filled Bézier outlines plus one stroked rectangle, which PDF
expresses directly (``m``/``l``/``c``/``h``/``f``, ``re``/``S``). A ~100-line writer over the same
outlines as the SVG needs no new dependency, embeds no font (the text is already outlines, so there is
nothing to subset and nothing to fall back to an empty box), and is byte-for-byte deterministic (no
creation date, fixed compression level). The alternatives weighed were CairoSVG (needs the system
cairo library plus cairocffi, cffi, cssselect2, tinycss2, defusedxml, Pillow) and ReportLab (large).

Page size is ``width_mm × height_mm`` in points (mm × 72 / 25.4). The content stream maps mm with y
down onto PDF points with one ``cm`` matrix, so coordinates are written in mm as in the SVG. An example plaque's page is taller by the slug with its
示例 mark (mark.py): ``/TrimBox`` is the plaque, the mark is drawn below it as an ``/Artifact``, and the
document's /Title, /Subject and /Keywords say 示例.
"""

from __future__ import annotations

import zlib

from fontTools.pens.basePen import BasePen

from .drawing import PlacedGlyph, PlaqueDrawing, Point, fmt
from .mark import EXAMPLE_KEYWORDS, EXAMPLE_NOTE
from .svg import EXAMPLE_TITLE

PT_PER_MM = 72 / 25.4


def _fmt_pt(value: float) -> str:
    """Points with 3 decimals (a page box of 0.001 pt is precise far beyond any printer)."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _PdfPathPen(BasePen):
    """Collects path construction operators; quadratic curves become cubics via :class:`BasePen`."""

    def __init__(self) -> None:
        super().__init__(None)
        self.ops: list[str] = []

    def _pt(self, *points: Point) -> str:
        return " ".join(f"{fmt(x)} {fmt(y)}" for x, y in points)

    def _moveTo(self, pt: Point) -> None:
        self.ops.append(f"{self._pt(pt)} m")

    def _lineTo(self, pt: Point) -> None:
        self.ops.append(f"{self._pt(pt)} l")

    def _curveToOne(self, pt1: Point, pt2: Point, pt3: Point) -> None:
        self.ops.append(f"{self._pt(pt1, pt2, pt3)} c")

    def _closePath(self) -> None:
        self.ops.append("h")


def _pdf_text_string(text: str) -> str:
    """A PDF text string as UTF-16BE hex with BOM: safe for any character, nothing to escape."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _content_stream(drawing: PlaqueDrawing) -> bytes:
    r, g, b = (c / 255 for c in drawing.colour_rgb)
    colour = f"{_fmt_pt(r)} {_fmt_pt(g)} {_fmt_pt(b)}"
    page_h = drawing.page_height_mm * PT_PER_MM
    lines = [
        # mm, y down → points, y up
        f"{_fmt_pt(PT_PER_MM)} 0 0 {_fmt_pt(-PT_PER_MM)} 0 {_fmt_pt(page_h)} cm",
        f"1 1 1 rg 0 0 {fmt(drawing.width_mm)} {fmt(drawing.page_height_mm)} re f",
        f"{colour} RG {colour} rg {fmt(drawing.border_mm)} w",
    ]
    inset = drawing.border_mm / 2
    lines.append(
        f"{fmt(inset)} {fmt(inset)} {fmt(drawing.width_mm - drawing.border_mm)} "
        f"{fmt(drawing.height_mm - drawing.border_mm)} re S"
    )
    for block in drawing.blocks:
        for glyph in block.glyphs:
            ops = _path_ops(glyph)
            if ops:
                lines.extend(ops)
                lines.append("f")  # non-zero winding, as the fonts are designed for
    if drawing.mark is not None:  # below the trim, marked as an artifact (not part of the plaque)
        lines.append("/Artifact <</Type /Pagination /Subtype /Watermark>> BDC")
        for glyph in drawing.mark.glyphs:
            lines.extend(_path_ops(glyph))
            lines.append("f")
        lines.append("EMC")
    return ("\n".join(lines) + "\n").encode("ascii")


_OPERATOR = {"moveTo": " m", "lineTo": " l", "curveTo": " c"}


def _path_ops(glyph: PlacedGlyph) -> list[str]:
    """The glyph's path operators, as _PdfPathPen writes them, from the numbers the SVG wrote
    (tests/signboards/test_render.py); outlines with other operations go through the pen."""
    if not glyph.plain:
        pen = _PdfPathPen()
        glyph.draw(pen)
        return pen.ops
    return [
        " ".join(texts) + _OPERATOR[op] if op != "closePath" else "h"
        for (op, _), texts in zip(glyph.ops, glyph.numbers)
    ]


def to_pdf(drawing: PlaqueDrawing) -> bytes:
    """The PDF file bytes (PDF 1.4, one page, Flate-compressed content, document title = the label)."""
    w_pt = _fmt_pt(drawing.width_mm * PT_PER_MM)
    h_pt = _fmt_pt(drawing.page_height_mm * PT_PER_MM)
    content = zlib.compress(_content_stream(drawing), 9)
    boxes = f"/MediaBox [0 0 {w_pt} {h_pt}]"
    info = f"/Title {_pdf_text_string(drawing.label)}"
    if drawing.example:  # the plaque is the top of the page; the slug with the 示例 mark lies below the trim
        boxes += f" /TrimBox [0 {_fmt_pt(drawing.slug_mm * PT_PER_MM)} {w_pt} {h_pt}]"
        info = (
            f"/Title {_pdf_text_string(EXAMPLE_TITLE + drawing.label)} /Subject {_pdf_text_string(EXAMPLE_NOTE)} "
            f"/Keywords {_pdf_text_string(EXAMPLE_KEYWORDS)}"
        )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R {boxes} /Resources << >> /Contents 4 0 R >>".encode("ascii"),
        f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode("ascii") + content + b"\nendstream",
        f"<< {info} /Producer (generator.signboards) >>".encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode("ascii")
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R /Info 5 0 R >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref_at}\n%%EOF\n".encode("ascii")
    return bytes(out)
