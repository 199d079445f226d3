"""QR codes for printed pages and notices (segno: pure Python, deterministic, no network).

Encoding is the expensive part of a first build, so:
- the data mask (of eight, the QR standard asks for the one with the lowest penalty) is chosen by
  qrmask.py from one encoding, not by segno masking and scoring eight times in Python;
- each address is encoded once per process, and its SVG and PNG are kept on disk (filecache.py);
- `prefetch` encodes the addresses a build will ask for, and are not kept yet, on every core at once
  (parallel.py; a first build of 60 counties makes some 3,700 codes);
- the PNG is written here, from segno's module matrix, row by row: segno's own PNG writer walks every
  pixel in Python and took longer than the encoding. It is a 1-bit greyscale PNG, black on white,
  the same picture at the same size (tests/site/test_qr.py reads it back module by module),
  compressed at zlib's default level (level 9 took five times as long for 2 % fewer bytes).
"""
from __future__ import annotations

import base64
import functools
import io
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path

import segno

from . import filecache, parallel
from .qrmask import best_mask

_SOURCES = (__file__, str(Path(__file__).with_name("qrmask.py")))
_PACKAGES = ("segno",)
SCALE_SVG, SCALE_PNG, BORDER = 8, 10, 4

_made: dict[str, tuple[bytes, bytes]] = {}  # address -> (SVG, PNG), made by prefetch


@functools.lru_cache(maxsize=1024)
def _code(url: str) -> segno.QRCode:
    """segno's code for `url`, with the mask segno would choose, chosen by qrmask.py in a fraction of
    the time (the same code: tests/site/test_qr.py)."""
    code = segno.make(url, error="m", micro=False, mask=0)  # error correction M: survives a creased notice board
    best = best_mask(code.matrix)
    return code if best == 0 else segno.make(url, error="m", micro=False, mask=best)


def png(code: segno.QRCode, scale: int = SCALE_PNG, border: int = BORDER) -> bytes:
    """`code` as a 1-bit greyscale PNG: dark modules black, `border` light modules around."""
    size = (len(code.matrix) + 2 * border) * scale
    width = (size + 7) // 8
    light = b"\x00" + b"\xff" * width  # filter type 0, then the row's bits (1 = white)
    margin = "1" * (border * scale)
    rows = [light * (border * scale)]
    for row in code.matrix:
        bits = margin + "".join("0" * scale if dark else "1" * scale for dark in row) + margin
        rows.append((b"\x00" + int(bits.ljust(width * 8, "1"), 2).to_bytes(width, "big")) * scale)
    rows.append(light * (border * scale))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))


def _svg(code: segno.QRCode, url: str) -> bytes:
    out = io.BytesIO()
    code.save(out, kind="svg", scale=SCALE_SVG, border=BORDER, title=url)
    return out.getvalue()


def _make(url: str) -> tuple[bytes, bytes]:
    code = _code(url)
    return _svg(code, url), png(code)


def _kept(url: str) -> tuple[bytes, bytes] | None:
    svg = filecache.lookup("qr-svg", url, sources=_SOURCES, packages=_PACKAGES)
    data = filecache.lookup("qr-png", url, sources=_SOURCES, packages=_PACKAGES) if svg is not None else None
    return (svg, data) if data is not None else None


def _keep(url: str, files: tuple[bytes, bytes]) -> tuple[bytes, bytes]:
    filecache.store("qr-svg", url, files[0], sources=_SOURCES, packages=_PACKAGES)
    filecache.store("qr-png", url, files[1], sources=_SOURCES, packages=_PACKAGES)
    _made[url] = files
    return files


def prefetch(urls: Iterable[str]) -> int:
    """Make the files of those `urls` neither made in this process nor kept on disk, on every core
    (parallel.py); returns how many were made."""
    todo = []
    for url in dict.fromkeys(urls):
        if url not in _made:
            kept = _kept(url)
            if kept is None:
                todo.append(url)
            else:
                _made[url] = kept
    for url, files in zip(todo, parallel.fork_map(_make, todo)):
        _keep(url, files)
    return len(todo)


def qr_files(url: str) -> tuple[bytes, bytes]:
    """(SVG, PNG) files of the QR code for `url`, for officials to put into a notice."""
    if url in _made:
        return _made[url]
    return _kept(url) or _keep(url, _make(url))


@functools.lru_cache(maxsize=4096)
def qr_data_uri(url: str) -> str:
    """The QR code as a data: URI, for the margin of every printed page (nothing loaded from elsewhere)."""
    def make() -> bytes:
        out = io.BytesIO()
        _code(url).save(out, kind="svg", xmldecl=False, scale=4, border=0)
        return out.getvalue()

    svg = filecache.cached("qr-margin", url, make, sources=_SOURCES, packages=_PACKAGES)
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
