"""Lay a :class:`PlaqueSpec` out as glyph outlines in millimetres (a :class:`PlaqueDrawing`).

Vertical plaque: two columns, characters stacked top to bottom, all glyphs upright (Hangul syllables
included; the Chinese column uses the font's ``vert`` forms where it has simple ones, e.g. for
punctuation). Horizontal plaque: two lines. Which script goes where comes from ``spec.layout``.

Sizing: both blocks are scaled together to fit inside a margin of :data:`MARGIN_RATIO` of the short
side, and the pair is centred; each line/column is centred on its own along its length.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .drawing import PathOps, PlacedGlyph, PlaqueDrawing, TextBlock
from .fonts import Face, load_face
from .plaqueerrors import MissingGlyphError
from .plaquespec import PlaqueSpec

#: Margin on every side, as a share of the plaque's short side.
MARGIN_RATIO = 0.08
#: ASSUMPTION: Korean glyphs at 0.8 × the Chinese size. The 2022 Yanbian rules regulate the size ratio
#: but the figure was not found; Chinese "somewhat larger" matches photos of current plaques. Change here.
KO_SIZE_RATIO = 0.8
#: Space between the two lines (horizontal) or columns (vertical), in Chinese ems.
GAP_EM = 0.3
#: A word space inside a vertical column, in ems of that column (an ideographic space stays 1 em).
VERTICAL_SPACE_EM = 0.35
#: Border stroke width as a share of the short side (0.3 mm at least, so it survives printing).
BORDER_RATIO = 0.004
MIN_BORDER_MM = 0.3

SCRIPT_LANGS = {"zh": "zh-Hans", "ko": "ko"}
IDEOGRAPHIC_SPACE = "\u3000"


@dataclass(frozen=True)
class _Item:
    """A shaped character: a glyph with its advance along the line/column, or a gap (``glyph is None``)."""

    char: str
    glyph: str | None
    advance: float  # font units, along the line (horizontal) or column (vertical)


def _is_space(ch: str) -> bool:
    return unicodedata.category(ch) == "Zs"


def _shape(text: str, face: Face, vertical: bool, missing: list[tuple[str, str]]) -> list[_Item]:
    """Map characters to glyphs via ``cmap`` (+ ``vert`` when vertical); record missing ones."""
    items: list[_Item] = []
    em = face.units_per_em
    for ch in text:
        glyph = face.glyph_for(ch)
        if _is_space(ch):
            if vertical:
                advance = em if ch == IDEOGRAPHIC_SPACE else VERTICAL_SPACE_EM * em
            else:
                advance = face.advance(glyph) if glyph else 0.25 * em
            items.append(_Item(ch, None, advance))
            continue
        if glyph is None or glyph == ".notdef":
            if (face.name, ch) not in missing:
                missing.append((face.name, ch))
            continue
        if vertical:
            glyph = face.vertical_form(glyph)
            items.append(_Item(ch, glyph, face.vertical_advance(glyph)))
        else:
            items.append(_Item(ch, glyph, face.advance(glyph)))
    return items


def _place(
    items: list[_Item], face: Face, size_mm: float, vertical: bool, along: float, cross: float
) -> list[PlacedGlyph]:
    """Outline each glyph at its place (mm).

    ``along`` is where the run starts (x of a line, y of a column); ``cross`` is the line's top or the
    column's centre line.
    """
    scale = size_mm / face.units_per_em
    placed: list[PlacedGlyph] = []
    pen_pos = along
    for item in items:
        if item.glyph is not None:
            if vertical:  # the vertical origin (half the advance width, VORG y) sits at (cross, pen_pos)
                dx = cross - face.advance(item.glyph) / 2 * scale
                dy = pen_pos + face.vertical_origin_y(item.glyph) * scale
            else:  # the baseline lies one ascender below the line top
                dx = pen_pos
                dy = cross + face.ascender * scale
            placed_glyph = _outline(item, face, (scale, 0, 0, -scale, dx, dy))
            if placed_glyph is not None:
                placed.append(placed_glyph)
        pen_pos += item.advance * scale
    return placed


def _transform(ops: PathOps, transform: tuple[float, ...]) -> PathOps:
    """``ops`` through an affine ``(xx, xy, yx, yy, dx, dy)``: the very arithmetic of fontTools'
    ``Transform.transformPoint`` (so the same floats as drawing through a ``TransformPen``), without a
    pen call per point. ``None`` (a closed quadratic contour's implied point) passes through.
    """
    xx, xy, yx, yy, dx, dy = transform
    return tuple(
        [  # lists, not generators: ~30 % faster here, and this runs for every point of a plaque
            (op, tuple([p if p is None else (xx * p[0] + yx * p[1] + dx, xy * p[0] + yy * p[1] + dy) for p in points]))
            for op, points in ops
        ]
    )


def _outline(item: _Item, face: Face, transform: tuple[float, ...]) -> PlacedGlyph | None:
    assert item.glyph is not None
    bounds = face.bounds(item.glyph)
    if bounds is None:  # an ink-less glyph (e.g. a filler character): advance only
        return None
    scale, _, _, neg_scale, dx, dy = transform
    x_min, y_min, x_max, y_max = bounds
    bbox = (dx + x_min * scale, dy + y_max * neg_scale, dx + x_max * scale, dy + y_min * neg_scale)
    ops = _transform(face.outline(item.glyph), transform)  # the outline is decoded once per face
    return PlacedGlyph(char=item.char, glyph=item.glyph, ops=ops, bbox=bbox)


def layout(spec: PlaqueSpec) -> PlaqueDrawing:
    """The plaque as outlines; :class:`MissingGlyphError` naming every character a font lacks."""
    vertical = spec.orientation == "vertical"
    faces = {script: load_face(script) for script in ("zh", "ko")}
    texts = {"zh": spec.zh.strip(), "ko": spec.ko.strip()}
    missing: list[tuple[str, str]] = []
    items = {script: _shape(texts[script], faces[script], vertical, missing) for script in ("zh", "ko")}
    if missing:
        raise MissingGlyphError(missing)

    ratio = {"zh": 1.0, "ko": KO_SIZE_RATIO}
    # Lengths along the run and thicknesses across it, in ems of each script's own size.
    length = {s: sum(i.advance for i in items[s]) / faces[s].units_per_em for s in items}
    thickness = {
        s: 1.0 if vertical else (faces[s].ascender - faces[s].descender) / faces[s].units_per_em for s in items
    }
    width, height = float(spec.width_mm), float(spec.height_mm)
    margin = MARGIN_RATIO * min(width, height)
    box_along, box_cross = (height, width) if vertical else (width, height)
    box_along -= 2 * margin
    box_cross -= 2 * margin

    # One Chinese size (mm per em) that makes both runs and the pair fit; Korean follows by ratio.
    cross_ems = thickness["zh"] + GAP_EM + KO_SIZE_RATIO * thickness["ko"]
    candidates = [box_cross / cross_ems] + [box_along / (ratio[s] * length[s]) for s in items if length[s] > 0]
    zh_size = min(candidates)

    if vertical:  # columns from left to right
        order = ("ko", "zh") if spec.layout.vertical == "zh_right" else ("zh", "ko")
    else:  # lines from top to bottom
        order = ("zh", "ko") if spec.layout.horizontal == "zh_first" else ("ko", "zh")
    cross_pos = margin + (box_cross - zh_size * cross_ems) / 2
    blocks: dict[str, TextBlock] = {}
    for script in order:
        size = zh_size * ratio[script]
        run = length[script] * size
        along = margin + (box_along - run) / 2
        thick = thickness[script] * size
        cross = cross_pos + thick / 2 if vertical else cross_pos
        glyphs = _place(items[script], faces[script], size, vertical, along, cross)
        blocks[script] = TextBlock(
            script=script,
            lang=SCRIPT_LANGS[script],
            text=spec.zh if script == "zh" else spec.ko,
            font_name=faces[script].name,
            glyphs=tuple(glyphs),
        )
        cross_pos += thick + GAP_EM * zh_size

    return PlaqueDrawing(
        width_mm=width,
        height_mm=height,
        colour_hex=spec.colour_hex,
        border_mm=max(MIN_BORDER_MM, BORDER_RATIO * min(width, height)),
        label=spec.label,
        blocks=(blocks["zh"], blocks["ko"]),
    )
