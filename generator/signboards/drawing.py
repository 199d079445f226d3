"""A laid-out plaque as filled outlines in millimetres: the one model the SVG, PDF and PNG writers share.

Coordinates are in mm with the origin at the top-left corner and y pointing down (as in SVG).
Outlines are fontTools "recording pen" values — ``(operator, points)`` pairs such as
``("moveTo", ((x, y),))`` — so any fontTools pen can replay them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from fontTools.pens.basePen import AbstractPen
from fontTools.pens.recordingPen import replayRecording

Point = tuple[float, float]
PathOps = tuple[tuple[str, tuple[Point, ...]], ...]
BBox = tuple[float, float, float, float]  # x_min, y_min, x_max, y_max (mm)


def fmt(value: float) -> str:
    """A number with at most 2 decimals and no trailing zeros: ``12.5``, ``3``, ``-0.25``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def union_bbox(boxes: list[BBox]) -> BBox | None:
    """The smallest box holding all ``boxes``; ``None`` for none."""
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass(frozen=True)
class PlacedGlyph:
    """One character's outline at its place on the plaque."""

    char: str
    glyph: str  # glyph name in the font (after any ``vert`` substitution)
    ops: PathOps
    bbox: BBox  # exact ink bounds in mm (curve extrema included, not control points)

    def draw(self, pen: AbstractPen) -> None:
        """Replay the outline (mm, y down) onto a fontTools pen."""
        replayRecording(self.ops, pen)

    @functools.cached_property
    def numbers(self) -> tuple[tuple[str, ...], ...]:
        """Each operation's coordinates as `fmt` writes them (the SVG and the PDF share them)."""
        return numbers(self.ops, fmt)

    @functools.cached_property
    def plain(self) -> bool:
        """Only moves, lines, cubic curves and closes: what the writers draw without a pen."""
        return all(op in _PLAIN and (op != "curveTo" or len(points) == 3) for op, points in self.ops)


_PLAIN = frozenset({"moveTo", "lineTo", "curveTo", "closePath"})


def numbers(ops: PathOps, ntos: Callable[[float], str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple([ntos(c) for point in points for c in point]) for _, points in ops)


@dataclass(frozen=True)
class TextBlock:
    """All glyphs of one script: the Chinese line/column or the Korean one."""

    script: str  # "zh" | "ko"
    lang: str  # BCP 47 tag for the SVG ``lang`` attribute
    text: str
    font_name: str
    glyphs: tuple[PlacedGlyph, ...]

    @property
    def bbox(self) -> BBox | None:
        """Union of the glyphs' ink bounds (mm); ``None`` if the block has no ink."""
        return union_bbox([g.bbox for g in self.glyphs])


@dataclass(frozen=True)
class PlaqueDrawing:
    """A white plaque with a thin border (in the text colour) and two text blocks; for an example
    plaque, a slug below it with the 示例 mark (outside the trim: mark.py)."""

    width_mm: float
    height_mm: float
    colour_hex: str  # "#RRGGBB", text and border
    border_mm: float  # stroke width; the stroke lies inside the plaque edge
    label: str  # zh + " / " + ko, for screen readers, search and document titles
    blocks: tuple[TextBlock, ...]
    #: An example plaque's 示例 mark, set below the trim (mark.py); the page is then taller than the plaque.
    mark: TextBlock | None = None
    slug_mm: float = 0.0

    @property
    def example(self) -> bool:
        return self.mark is not None

    @property
    def page_height_mm(self) -> float:
        """The page: the plaque (the trim box, at the top) and the slug below it."""
        return self.height_mm + self.slug_mm

    @property
    def colour_rgb(self) -> tuple[int, int, int]:
        """The colour as 0–255 integers."""
        h = self.colour_hex.lstrip("#")
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
