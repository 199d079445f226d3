"""Rasterise a :class:`PlaqueDrawing` to a small PNG preview.

Why this way: the outlines are already computed, so all a preview needs is an anti-aliased scan
converter. FreeType's (through fontTools' ``FreeTypePen`` and PyPI ``freetype-py``, whose wheels bundle
libfreetype: no system library, no Pillow, no cairo) fills them; the PNG container is written with
``zlib``/``struct`` from the standard library. The plaque has exactly two colours (white, and the text
colour shared by text and border), so each pixel's coverage 0–255 *is* the index into a 256-entry
palette blending white into the text colour: no per-pixel work in Python, and deterministic bytes.
"""

from __future__ import annotations

import ctypes
import struct
import zlib
from collections.abc import Iterable

from fontTools.pens.basePen import AbstractPen
from fontTools.pens.freetypePen import FreeTypePen
from fontTools.pens.transformPen import TransformPen
from freetype import get_handle
from freetype.ft_enums import FT_PIXEL_MODE_GRAY
from freetype.ft_errors import FT_Exception
from freetype.ft_structs import FT_Bitmap
from freetype.raw import FT_Outline_Get_Bitmap

from .drawing import PlacedGlyph, PlaqueDrawing

MIN_WIDTH_PX = 16
MAX_PIXELS = 40_000_000  # ~40 MB of coverage buffer; a preview never needs more
#: FreeType outlines count points in a C short; flush a batch well below 32 767.
MAX_POINTS_PER_BATCH = 30_000


def _rect(pen: AbstractPen, x0: float, y0: float, x1: float, y1: float, clockwise: bool) -> None:
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    if not clockwise:
        corners.reverse()
    pen.moveTo(corners[0])
    for corner in corners[1:]:
        pen.lineTo(corner)
    pen.closePath()


class _Rasteriser:
    """Accumulates outlines (given in mm) in batches and fills them into one 8-bit coverage bitmap."""

    def __init__(self, width_px: int, height_px: int, width_mm: float, height_mm: float) -> None:
        self.width, self.height = width_px, height_px
        self._buffer = ctypes.create_string_buffer(width_px * height_px)
        self._bitmap = FT_Bitmap(
            ctypes.c_int(height_px),
            ctypes.c_int(width_px),
            ctypes.c_int(width_px),  # positive pitch: row 0 is the top row
            ctypes.cast(self._buffer, ctypes.POINTER(ctypes.c_ubyte)),
            ctypes.c_short(256),
            ctypes.c_ubyte(FT_PIXEL_MODE_GRAY),
            ctypes.c_char(0),
            ctypes.c_void_p(None),
        )
        # mm with y down → pixels with y up (FreeType's outline space)
        self._transform = (width_px / width_mm, 0, 0, -height_px / height_mm, 0, height_px)
        self._pen = FreeTypePen(None)

    @property
    def pen(self) -> AbstractPen:
        """A pen taking mm coordinates."""
        return TransformPen(self._pen, self._transform)

    def maybe_flush(self) -> None:
        if sum(len(c.points) for c in self._pen.contours) > MAX_POINTS_PER_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self._pen.contours:
            return
        outline = self._pen.outline()
        err = FT_Outline_Get_Bitmap(get_handle(), ctypes.byref(outline), ctypes.byref(self._bitmap))
        if err:
            raise FT_Exception(err)
        self._pen = FreeTypePen(None)

    def coverage(self) -> bytes:
        self.flush()
        return self._buffer.raw


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _encode_png(coverage: bytes, width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    palette = bytearray()
    for a in range(256):
        palette += bytes(round(255 + (c - 255) * a / 255) for c in rgb)
    rows = b"".join(b"\x00" + coverage[y * width : (y + 1) * width] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)  # 8-bit palette, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", bytes(palette))
        + _chunk(b"IDAT", zlib.compress(rows, 9))
        + _chunk(b"IEND", b"")
    )


def to_png(drawing: PlaqueDrawing, width_px: int) -> bytes:
    """A PNG ``width_px`` wide, height by the page's aspect ratio (an example plaque's page includes the
    slug with its 示例 mark, in the plaque's colour: mark.py)."""
    if isinstance(width_px, bool) or not isinstance(width_px, int) or width_px < MIN_WIDTH_PX:
        raise ValueError(f"width_px 应为不小于 {MIN_WIDTH_PX} 的整数，实际为 {width_px!r}")
    height_px = max(1, round(width_px * drawing.page_height_mm / drawing.width_mm))
    if width_px * height_px > MAX_PIXELS:
        raise ValueError(f"预览图 {width_px}×{height_px} 像素过大（上限 {MAX_PIXELS} 像素），请减小 width_px")
    raster = _Rasteriser(width_px, height_px, drawing.width_mm, drawing.page_height_mm)
    w, h, b = drawing.width_mm, drawing.height_mm, drawing.border_mm
    _rect(raster.pen, 0, 0, w, h, clockwise=True)  # the border: outer edge minus inner edge
    _rect(raster.pen, b, b, w - b, h - b, clockwise=False)
    for block in (*drawing.blocks, *((drawing.mark,) if drawing.mark else ())):  # an example's mark: below the plaque
        for glyph in block.glyphs:
            glyph.draw(raster.pen)
            raster.maybe_flush()
    return _encode_png(raster.coverage(), width_px, height_px, drawing.colour_rgb)


def coverage(glyphs: Iterable[PlacedGlyph], width_px: int, height_px: int) -> bytes:
    """8-bit coverage (0 light … 255 dark), row 0 at the top, of outlines given in pixels (y down): for
    a caption set by mark.caption_block into another picture (a QR code's 本地预览 mark)."""
    raster = _Rasteriser(width_px, height_px, width_px, height_px)
    for glyph in glyphs:
        glyph.draw(raster.pen)
        raster.maybe_flush()
    return raster.coverage()
