"""QR codes (generator/site/qr.py): the PNG written from segno's matrix shows exactly that matrix, and
codes made in worker processes are the same bytes as codes made here."""
from __future__ import annotations

import struct
import zlib

import pytest
import segno

from generator.site import qr


def _read_png(data: bytes) -> tuple[int, int, list[list[int]]]:
    """(width, height, rows of 0/1 pixels) of a 1-bit greyscale PNG without filters."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, []
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length:at + 12 + length])[0] == zlib.crc32(kind + body)
        chunks.append((kind, body))
        at += 12 + length
    assert [k for k, _ in chunks][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, colour, interlace) == (1, 0, 0)
    raw = zlib.decompress(b"".join(b for k, b in chunks if k == b"IDAT"))
    stride = 1 + (width + 7) // 8
    rows = []
    for y in range(height):
        line = raw[y * stride:(y + 1) * stride]
        assert line[0] == 0
        bits = "".join(f"{byte:08b}" for byte in line[1:])[:width]
        rows.append([int(b) for b in bits])
    return width, height, rows


@pytest.mark.parametrize("url", ["https://catalogs.example.invalid/id/YJ-ZM-101/",
                                 "https://catalogs.example.invalid/yanji/certificates/2024-01-01/" + "x" * 120])
def test_png_shows_the_matrix_with_its_border_at_scale(url):
    code = segno.make(url, error="m", micro=False)
    width, height, rows = _read_png(qr.png(code, scale=3, border=4))
    n = len(code.matrix)
    assert width == height == (n + 8) * 3
    for y in range(height):
        for x in range(width):
            my, mx = y // 3 - 4, x // 3 - 4
            dark = 0 <= my < n and 0 <= mx < n and code.matrix[my][mx]
            assert rows[y][x] == (0 if dark else 1), (x, y)  # 0 is black in greyscale


def test_codes_made_by_workers_are_the_ones_made_here(monkeypatch):
    from generator.site import parallel

    urls = [f"https://catalogs.example.invalid/id/T-ZM-{n:03d}/" for n in range(parallel.MIN_ITEMS)]
    monkeypatch.setattr(qr, "_made", {})
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _: {0, 1})
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)  # as under `mkdocs build` (tests run servers)
    assert parallel.workers(len(urls)) == 2
    assert qr.prefetch(urls) == len(urls)
    assert qr.prefetch(urls) == 0
    for url in (urls[0], urls[-1]):
        assert qr._made[url] == qr._make(url)
        assert qr.qr_files(url) == qr._make(url)
