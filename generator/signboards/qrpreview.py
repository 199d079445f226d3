"""The 本地预览 mark on a preview build's QR code files (qr.svg, qr.png; qr.py).

A preview (SITE_PREVIEW=1, `mkdocs serve`) points every code at this machine; an official who downloads
one must see that before it is printed. So each file says 本地预览 where it can be read without opening
the file (a caption under the code) and where programs look (SVG <title>/<desc>; PNG tEXt and iTXt).
The caption lies below the quiet zone: the code and its four light modules are unchanged, and still
scan (tests/site/test_qr.py decodes both files with zxing-cpp).

The files are marked from the plain ones qr.py makes (its own fixed formats), so the build cache and
the workers that make the plain files serve previews too.
"""

from __future__ import annotations

import re
import struct
import zlib
from xml.sax.saxutils import escape

from .drawing import TextBlock
from .mark import caption_block, line_height
from .png import coverage
from .svg import path_data

CAPTION = "本地预览 · 不能打印张贴"
NOTE = "本地预览：没有设置网站的公开地址，这个二维码指向本机地址，不能引用、打印或张贴。"
#: tEXt is Latin-1 by the PNG standard: the Chinese note goes into iTXt (UTF-8), this one into tEXt.
NOTE_ASCII = "LOCAL PREVIEW: this QR code points at this machine (no public address set); do not print or post it."
#: The caption's size and the space above it, in modules of the code.
CAPTION_MODULES, GAP_MODULES = 2.5, 0.5

_SVG_OPEN = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" width="(\d+)" height="(\d+)" class="segno">')


def _caption(width: float, top: float, module: float) -> TextBlock:
    """CAPTION centred across `width` (units of the picture), its line `CAPTION_MODULES` modules high."""
    return caption_block(
        CAPTION, CAPTION_MODULES * module / line_height(1.0), 0.04 * width, top, max_width_mm=0.92 * width
    )


def mark_svg(svg: bytes, url: str, modules: int) -> bytes:
    """The SVG qr.py wrote (segno's form, `modules` wide with the quiet zone) with 本地预览 in its
    <title> and <desc> and a caption below the quiet zone."""
    text = re.sub(r"<title>.*?</title>", "", svg.decode("utf-8"), count=1, flags=re.S)  # the address alone
    found = _SVG_OPEN.search(text)
    if found is None:
        raise ValueError(f"不是 qr.py 写出的二维码 SVG：{text[:120]!r}")
    side = int(found.group(1))
    module = side / modules
    top = side + GAP_MODULES * module
    block = _caption(side, top, module)
    height = round(top + CAPTION_MODULES * module + module)
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{side}" height="{height}" viewBox="0 0 {side} {height}" '
        f'class="segno vc-preview">'
    )
    paths = "".join(f'<path d="{path_data(g)}"/>' for g in block.glyphs)
    head = (
        f"{opening}<title>{escape(f'本地预览（不能打印张贴）：{url}')}</title><desc>{escape(NOTE)}</desc>"
        f'<rect width="{side}" height="{height}" fill="#fff"/>'
    )
    text = text[: found.start()] + head + text[found.end() :]
    return text.replace("</svg>", f'<g class="vc-preview-mark" fill="#000">{paths}</g></svg>', 1).encode("utf-8")


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    at, out = 8, []
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        out.append((kind, data[at + 8 : at + 8 + length]))
        at += 12 + length
    return out


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def mark_png(png: bytes, modules: int) -> bytes:
    """The 1-bit PNG qr.py wrote with a caption below the quiet zone, NOTE_ASCII in a tEXt chunk and
    NOTE (keyword translated 本地预览) in an iTXt chunk."""
    chunks = _chunks(png)
    width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
    if (depth, colour) != (1, 0):
        raise ValueError(f"不是 qr.py 写出的 1 位灰度 PNG：位深 {depth}，颜色类型 {colour}")
    module = width / modules
    top = GAP_MODULES * module
    block = _caption(width, top, module)
    extra = round(top + CAPTION_MODULES * module + module)
    cover = coverage(block.glyphs, width, extra)
    stride = (width + 7) // 8
    rows = []
    for y in range(extra):
        line = cover[y * width : (y + 1) * width]
        bits = "".join("0" if c >= 128 else "1" for c in line).ljust(stride * 8, "1")  # 0 is black
        rows.append(b"\x00" + int(bits, 2).to_bytes(stride, "big"))
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT")) + b"".join(rows)
    header = struct.pack(">IIBBBBB", width, height + extra, 1, 0, 0, 0, 0)
    text = _chunk(b"tEXt", b"Comment\x00" + NOTE_ASCII.encode("ascii"))
    itxt = _chunk(
        b"iTXt", b"Description\x00\x00\x00zh-Hans\x00" + "本地预览".encode("utf-8") + b"\x00" + NOTE.encode("utf-8")
    )
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + text
        + itxt
        + _chunk(b"IDAT", zlib.compress(raw, 6))
        + _chunk(b"IEND", b"")
    )
