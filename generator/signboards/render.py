"""Public entry points: a :class:`PlaqueSpec` → SVG text, PDF bytes or a PNG preview.

Each call lays the plaque out once (:func:`layout.layout`, outlines from the installed Noto CJK faces)
and hands the same drawing to one writer, so the three formats always agree. Fonts are opened once per
process. Raises :class:`MissingGlyphError` if a font lacks a character (never an empty box) and
:class:`FontNotFoundError` if a face is not installed.
"""

from __future__ import annotations

from .errors import FontNotFoundError, MissingGlyphError
from .layout import layout
from .pdf import to_pdf
from .png import to_png
from .spec import BilingualLayout, PlaqueSpec
from .svg import to_svg

__all__ = [
    "BilingualLayout",
    "FontNotFoundError",
    "MissingGlyphError",
    "PlaqueSpec",
    "render_pdf",
    "render_png",
    "render_svg",
]


def render_svg(spec: PlaqueSpec) -> str:
    """The plaque as a standalone SVG document (text as outlines, sized in mm, deterministic)."""
    return to_svg(layout(spec))


def render_pdf(spec: PlaqueSpec) -> bytes:
    """The plaque as a one-page vector PDF at true physical size."""
    return to_pdf(layout(spec))


def render_png(spec: PlaqueSpec, width_px: int = 200) -> bytes:
    """A small PNG preview ``width_px`` wide."""
    return to_png(layout(spec), width_px)
