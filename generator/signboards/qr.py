"""QR codes for printed pages and notices (segno: pure Python, deterministic, no network).

Encoding is the expensive part of a first build, so:
- the data mask (of eight, the QR standard asks for the one with the lowest penalty) is chosen and
  applied by qrmask.py from one encoding, not by segno masking and scoring eight times in Python
  and then encoding again with the mask chosen;
- the SVG is written here from that matrix, the same bytes segno writes;
- each address is encoded once per process, and its SVG and PNG are kept on disk (filecache.py);
- `prefetch` has the addresses a build will ask for, and are not kept yet, encoded on the other cores
  while the build goes on (parallel.py; a first build of 60 counties makes some 3,700 codes);
- the PNG is written here, from the module matrix, row by row: segno's own PNG writer walks every
  pixel in Python and took longer than the encoding. It is a 1-bit greyscale PNG, black on white,
  the same picture at the same size (tests/site/test_qr.py reads it back module by module),
  compressed at zlib's default level (level 9 took five times as long for 2 % fewer bytes).
"""

from __future__ import annotations

import base64
import functools
import re
import struct
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import segno

from ..build import filecache, parallel
from . import qrpreview
from .qrmask import as_rows, best_mask, reserved

_SOURCES = (__file__, str(Path(__file__).with_name("qrmask.py")))
_PACKAGES = ("segno",)
SCALE_SVG, SCALE_PNG, BORDER = 8, 10, 4
PRINT_SIDE_MM = 24  # the code on a printed notice, quiet zone included (at least 20 mm: tests/site/test_officials.py)

_made: dict[str, tuple[bytes, bytes]] = {}  # address -> (SVG, PNG), made in this process or kept on disk
_pending: dict[str, parallel.Later] = {}  # address -> its (SVG, PNG), being made by a batch's workers


@dataclass(frozen=True)
class Code:
    """A QR code's final matrix: one integer per row, column 0 the highest bit, 1 for a dark module."""

    version: int
    error: str
    mask: int
    rows: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.rows)


@functools.lru_cache(maxsize=1024)
def _code(url: str) -> Code:
    """The code segno makes for `url`, encoded once: the mask segno would choose is chosen by
    qrmask.py, which also applies it (the same code: tests/site/test_qr.py)."""
    code = segno.make(url, error="m", micro=False, mask=0)  # error correction M: survives a creased notice board
    mask, rows = best_mask(code.matrix)
    areas = _format_and_version(code.version, code.error, mask)
    return Code(code.version, code.error, mask, tuple(r | a for r, a in zip(rows, areas)))


@functools.lru_cache(maxsize=None)
def _format_and_version(version: int, error: str, mask: int) -> tuple[int, ...]:
    """The format and version areas of every code of this version, error correction level and mask
    (what they hold depends on nothing else), as segno places them."""
    sample = segno.make("0", version=version, error=error, mask=mask, micro=False, boost_error=False)
    return tuple(reserved(as_rows(sample.matrix), len(sample.matrix)))


def _lines(code: Code) -> list[str]:
    return [format(row, f"0{code.size}b") for row in code.rows]


def png(code: Code, scale: int = SCALE_PNG, border: int = BORDER) -> bytes:
    """`code` as a 1-bit greyscale PNG: dark modules black, `border` light modules around."""
    size = (code.size + 2 * border) * scale
    width = (size + 7) // 8
    light = b"\x00" + b"\xff" * width  # filter type 0, then the row's bits (1 = white)
    margin = "1" * (border * scale)
    pixels = str.maketrans({"1": "0" * scale, "0": "1" * scale})
    rows = [light * (border * scale)]
    for line in _lines(code):
        bits = margin + line.translate(pixels) + margin
        rows.append((b"\x00" + int(bits.ljust(width * 8, "1"), 2).to_bytes(width, "big")) * scale)
    rows.append(light * (border * scale))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 6))
        + chunk(b"IEND", b"")
    )


def svg(
    code: Code, scale: int, border: int, title: str | None = None, xmldecl: bool = True, side: str | None = None
) -> bytes:
    """`code` as the SVG segno writes (the same bytes, tests/site/test_qr.py): one path, a horizontal
    line through each run of dark modules, each move relative to where the last line ended. With
    `side` (a CSS length such as "24mm") the picture is that wide and high, whatever its modules."""
    moves, x, y = [], 0, 0.0
    for i, line in enumerate(_lines(code)):
        middle = border + i + 0.5  # lines are one module thick, drawn through the middle of their row
        for run in _DARK.finditer(line):
            start, end = run.start() + border, run.end() + border
            down = middle - y
            moves.append(f"{'m' if moves else 'M'}{start - x} {int(down) if down == int(down) else down}h{end - start}")
            x, y = end, middle
    modules = code.size + 2 * border
    text = '<?xml version="1.0" encoding="utf-8"?>\n' if xmldecl else ""
    if side is None:
        text += f'<svg xmlns="http://www.w3.org/2000/svg" width="{modules * scale}" height="{modules * scale}" class="segno">'
    else:
        box = modules * scale
        text += f'<svg xmlns="http://www.w3.org/2000/svg" width="{side}" height="{side}" viewBox="0 0 {box} {box}" class="segno">'
        text += f'<rect width="{box}" height="{box}" fill="#fff"/>'
    if title is not None:
        text += f"<title>{escape(title)}</title>"
    transform = f' transform="scale({scale})"' if scale != 1 else ""
    text += f'<path{transform} class="qrline" stroke="#000" d="{"".join(moves)}"/></svg>\n'
    return text.encode("utf-8")


_DARK = re.compile("1+")


def _make(url: str) -> tuple[bytes, bytes]:
    code = _code(url)
    return svg(code, SCALE_SVG, BORDER, title=url), png(code)


def _kept(url: str) -> tuple[bytes, bytes] | None:
    svg = filecache.lookup("qr-svg", url, sources=_SOURCES, packages=_PACKAGES)
    data = filecache.lookup("qr-png", url, sources=_SOURCES, packages=_PACKAGES) if svg is not None else None
    return (svg, data) if data is not None else None


def _keep(url: str, files: tuple[bytes, bytes]) -> tuple[bytes, bytes]:
    filecache.store("qr-svg", url, files[0], sources=_SOURCES, packages=_PACKAGES)
    filecache.store("qr-png", url, files[1], sources=_SOURCES, packages=_PACKAGES)
    _made[url] = files
    return files


def prefetch(urls: Iterable[str], batch: parallel.Batch) -> int:
    """Have `batch` make the files of those `urls` neither made in this process nor kept on disk
    (parallel.py); returns how many it will make."""
    _pending.clear()  # an earlier build's
    todo = 0
    for url in dict.fromkeys(urls):
        if url not in _made:
            kept = _kept(url)
            if kept is not None:
                _made[url] = kept
            elif batch.forks:
                _pending[url] = batch.add(_make, url, then=functools.partial(_arrived, url))
                todo += 1
    return todo


def _arrived(url: str, files: tuple[bytes, bytes]) -> tuple[bytes, bytes]:
    _pending.pop(url, None)
    return _keep(url, files)


def qr_files(url: str, preview: bool = False) -> tuple[bytes, bytes] | tuple[Callable[[], bytes], Callable[[], bytes]]:
    """(SVG, PNG) files of the QR code for `url`, for officials to put into a notice; or makers of them,
    while a batch of workers makes them (parallel.py). A `preview` build's files say 本地预览 (qrpreview.py)."""
    files = _plain_files(url)
    if not preview:
        return files
    modules = _code(url).size + 2 * BORDER
    svg_file, png_file = files
    if callable(svg_file):
        return (lambda: qrpreview.mark_svg(svg_file(), url, modules)), (lambda: qrpreview.mark_png(png_file(), modules))
    return qrpreview.mark_svg(svg_file, url, modules), qrpreview.mark_png(png_file, modules)


def _plain_files(url: str) -> tuple[bytes, bytes] | tuple[Callable[[], bytes], Callable[[], bytes]]:
    if url in _made:
        return _made[url]
    if url in _pending:
        later = _pending[url]
        return later.part(0), later.part(1)  # type: ignore[return-value]
    return _kept(url) or _keep(url, _make(url))


@functools.lru_cache(maxsize=4096)
def qr_data_uri(url: str) -> str:
    """The QR code as a data: URI, for the margin of every printed page (nothing loaded from elsewhere):
    PRINT_SIDE_MM wide with its quiet zone of four light modules, whatever the length of the address
    (a page-margin box draws an image at its own size, not at the box's)."""
    data = filecache.cached(
        "qr-margin",
        url,
        lambda: svg(_code(url), 1, BORDER, xmldecl=False, side=f"{PRINT_SIDE_MM}mm"),
        sources=_SOURCES,
        packages=_PACKAGES,
    )
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")
