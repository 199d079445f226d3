"""The 示例 mark of an example plaque, and a one-line caption for other pictures (QR codes).

An example plaque (drawn from a catalog whose content is illustrative, not an official Yanbian list)
must say so in every file made from it, but not on its face: what lies inside the trim is what a sign
maker would cut. So the page grows by a *slug* below the plaque — the strip outside the trim box that
printers cut away — and the mark is set there as outlines, in the plaque's colour, on white. The PDF
says where the trim is (``/TrimBox``), the SVG in ``data-trim``; the plaque itself is drawn exactly as
an official one, at the same place (top left of the page).

Slug height: :data:`SLUG_RATIO` of the plaque's short side, at least :data:`MIN_SLUG_MM`; the mark's
size follows, shrunk to fit the plaque's width.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .drawing import BBox, PlaqueDrawing, TextBlock
from .fonts import load_face
from .layout import SCRIPT_LANGS, _place, _shape
from .plaqueerrors import MissingGlyphError
from .plaquespec import PlaqueSpec

#: Set in the slug of every example plaque file (SVG, PDF, preview, PNG).
EXAMPLE_MARK = "示例 · 不作为制作依据"
#: What the files' metadata say (PDF /Subject, SVG <desc>).
EXAMPLE_NOTE = (
    "示例：本牌子样式出自示例目录（内容为参照外地做法编写，不是延边州或县（市）正式公布的目录），"
    "不作为制作依据；裁切线（TrimBox）以外的“示例”字样不属于牌面。"
)
#: PDF /Keywords.
EXAMPLE_KEYWORDS = "示例, 不作为制作依据, 机制牌子样式"

SLUG_RATIO = 0.12
MIN_SLUG_MM = 8.0
#: The gap between the trim and the slug's text, and the text's size, as shares of the slug.
GAP_SHARE, SIZE_SHARE = 0.25, 0.5


@dataclass(frozen=True)
class Slug:
    """The strip below the trim and the mark set in it."""

    height_mm: float
    mark: TextBlock

    @property
    def bbox(self) -> BBox | None:
        return self.mark.bbox


def caption_block(
    text: str, size_mm: float, x_mm: float, top_mm: float, max_width_mm: float | None = None
) -> TextBlock:
    """`text` as one horizontal line of Chinese outlines, `size_mm` per em (smaller if it would be wider
    than `max_width_mm`), starting at `x_mm` (centred in `max_width_mm` when given) with its line top at
    `top_mm`. Raises :class:`MissingGlyphError` for a character the font lacks."""
    face = load_face("zh")
    missing: list[tuple[str, str]] = []
    items = _shape(text, face, vertical=False, missing=missing)
    if missing:
        raise MissingGlyphError(missing)
    length_em = sum(i.advance for i in items) / face.units_per_em
    if max_width_mm is not None and length_em * size_mm > max_width_mm:
        size_mm = max_width_mm / length_em
    if max_width_mm is not None:
        x_mm += (max_width_mm - length_em * size_mm) / 2
    glyphs = _place(items, face, size_mm, False, x_mm, top_mm)
    return TextBlock(script="mark", lang=SCRIPT_LANGS["zh"], text=text, font_name=face.name, glyphs=tuple(glyphs))


def line_height(size_mm: float) -> float:
    """The height of a line set by :func:`caption_block` at `size_mm` (ascender to descender)."""
    face = load_face("zh")
    return (face.ascender - face.descender) / face.units_per_em * size_mm


def example_slug(width_mm: float, height_mm: float) -> Slug:
    """The slug below a `width_mm` × `height_mm` plaque, with :data:`EXAMPLE_MARK` in it."""
    slug = max(MIN_SLUG_MM, SLUG_RATIO * min(width_mm, height_mm))
    face = load_face("zh")
    em_height = (face.ascender - face.descender) / face.units_per_em
    size = SIZE_SHARE * slug / em_height
    mark = caption_block(EXAMPLE_MARK, size, 0.0, height_mm + GAP_SHARE * slug, max_width_mm=width_mm)
    return Slug(slug, mark)


def lay_out(spec: PlaqueSpec, plaque: PlaqueDrawing) -> PlaqueDrawing:
    """The drawing of `spec`: `plaque` as laid out, with the slug and its mark if `spec` is an example."""
    if not spec.example:
        return plaque
    slug = example_slug(plaque.width_mm, plaque.height_mm)
    return dataclasses.replace(plaque, mark=slug.mark, slug_mm=slug.height_mm)
