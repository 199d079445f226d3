"""Bilingual (Chinese + Korean) village plaques rendered as SVG, PDF and PNG; see :mod:`.render`."""

from .render import (
    BilingualLayout,
    FontNotFoundError,
    MissingGlyphError,
    PlaqueSpec,
    render_pdf,
    render_png,
    render_svg,
)

__all__ = [
    "BilingualLayout",
    "FontNotFoundError",
    "MissingGlyphError",
    "PlaqueSpec",
    "render_pdf",
    "render_png",
    "render_svg",
]
