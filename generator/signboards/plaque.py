"""Public entry points: a :class:`PlaqueSpec` → SVG text, PDF bytes or a PNG preview.

A plaque is laid out once (:func:`layout.layout`, outlines from the installed Noto CJK faces) and the
same drawing goes to every writer, so the three formats always agree. Both the drawing and each
written file are cached for the life of the process under a :class:`PlaqueKey` — the spec (texts,
orientation, colour, size, layout rule) and the font files' identity — so rendering the SVG, then the
PDF, then the PNG of a plaque lays it out once, and a rebuild in the same process (``mkdocs serve``)
lays out only plaques whose content changed. Raises :class:`MissingGlyphError` if a font lacks a
character (never an empty box) and :class:`FontNotFoundError` if a face is not installed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .drawing import PlaqueDrawing
from .fonts import FaceKey, load_face
from .layout import SCRIPT_LANGS, layout
from .mark import lay_out
from .pdf import to_pdf
from .plaqueerrors import FontNotFoundError, MissingGlyphError
from .plaquespec import BilingualLayout, PlaqueSpec
from .png import to_png
from .svg import to_svg

__all__ = [
    "BilingualLayout",
    "FontNotFoundError",
    "MissingGlyphError",
    "PlaqueKey",
    "PlaqueSpec",
    "clear_caches",
    "plaque_key",
    "render_pdf",
    "render_png",
    "render_preview_svg",
    "render_svg",
]

#: Laid-out plaques kept: a drawing is large (every point as a float) and is needed only while one
#: plaque's formats are written, which callers do one plaque after another.
DRAWINGS_KEPT = 32
#: Written files kept per format (an SVG is ~10–30 KB, a PDF ~5–12 KB). A 60-county gallery has ~500
#: distinct plaques (~10 MB of SVG + PDF); the bound caps a long `mkdocs serve` near 4,096 × 30 KB.
FILES_KEPT = 4096


@dataclass(frozen=True)
class PlaqueKey:
    """Everything a plaque's files depend on: equal keys, byte-identical files."""

    spec: PlaqueSpec
    faces: tuple[FaceKey | None, ...]  # one per script, in SCRIPT_LANGS order


def plaque_key(spec: PlaqueSpec) -> PlaqueKey:
    """The cache key of ``spec`` with the fonts as installed now (one ``stat`` per face)."""
    return PlaqueKey(spec, tuple(load_face(script).key for script in SCRIPT_LANGS))


@functools.lru_cache(maxsize=DRAWINGS_KEPT)
def _drawing(key: PlaqueKey) -> PlaqueDrawing:
    return lay_out(key.spec, layout(key.spec))  # an example's 示例 mark below the trim (mark.py)


@functools.lru_cache(maxsize=FILES_KEPT)
def _svg(key: PlaqueKey) -> str:
    return to_svg(_drawing(key))


@functools.lru_cache(maxsize=FILES_KEPT)
def _preview_svg(key: PlaqueKey) -> str:
    return to_svg(_drawing(key), preview=True)


@functools.lru_cache(maxsize=FILES_KEPT)
def _pdf(key: PlaqueKey) -> bytes:
    return to_pdf(_drawing(key))


@functools.lru_cache(maxsize=FILES_KEPT, typed=True)  # typed: 200.0 must fail as it would uncached
def _png(key: PlaqueKey, width_px: int) -> bytes:
    return to_png(_drawing(key), width_px)


def clear_caches() -> None:
    """Forget every cached drawing and file (the per-face glyph outlines stay with their face)."""
    for cached in (_drawing, _svg, _preview_svg, _pdf, _png):
        cached.cache_clear()


def render_svg(spec: PlaqueSpec) -> str:
    """The plaque as a standalone SVG document (text as outlines, sized in mm, deterministic)."""
    return _svg(plaque_key(spec))


def render_preview_svg(spec: PlaqueSpec) -> str:
    """The light SVG for showing the plaque on a web page (whole millimetres, no data attributes)."""
    return _preview_svg(plaque_key(spec))


def render_pdf(spec: PlaqueSpec) -> bytes:
    """The plaque as a one-page vector PDF at true physical size."""
    return _pdf(plaque_key(spec))


def render_png(spec: PlaqueSpec, width_px: int = 200) -> bytes:
    """A small PNG preview ``width_px`` wide."""
    return _png(plaque_key(spec), width_px)
