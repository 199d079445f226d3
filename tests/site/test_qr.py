"""QR codes (generator/signboards/qr.py): the code is segno's, the SVG is the bytes segno writes, the PNG
shows exactly the code's matrix, and codes made in worker processes are the same bytes as codes made
here."""

from __future__ import annotations

import io
import random
import re
import string
import struct
import zlib

import pytest
import segno

from generator.signboards import qr


def _read_png(data: bytes) -> tuple[int, int, list[list[int]]]:
    """(width, height, rows of 0/1 pixels) of a 1-bit greyscale PNG without filters."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, []
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        body = data[at + 8 : at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length : at + 12 + length])[0] == zlib.crc32(kind + body)
        chunks.append((kind, body))
        at += 12 + length
    assert [k for k, _ in chunks][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, colour, interlace) == (1, 0, 0)
    raw = zlib.decompress(b"".join(b for k, b in chunks if k == b"IDAT"))
    stride = 1 + (width + 7) // 8
    rows = []
    for y in range(height):
        line = raw[y * stride : (y + 1) * stride]
        assert line[0] == 0
        bits = "".join(f"{byte:08b}" for byte in line[1:])[:width]
        rows.append([int(b) for b in bits])
    return width, height, rows


@pytest.mark.parametrize(
    "url",
    [
        "https://catalogs.example.invalid/id/YJ-ZM-101/",
        "https://catalogs.example.invalid/yanji/certificates/2024-01-01/" + "x" * 120,
    ],
)
def test_png_shows_the_matrix_with_its_border_at_scale(url):
    matrix = segno.make(url, error="m", micro=False).matrix
    width, height, rows = _read_png(qr.png(qr._code(url), scale=3, border=4))
    n = len(matrix)
    assert width == height == (n + 8) * 3
    for y in range(height):
        for x in range(width):
            my, mx = y // 3 - 4, x // 3 - 4
            dark = 0 <= my < n and 0 <= mx < n and matrix[my][mx]
            assert rows[y][x] == (0 if dark else 1), (x, y)  # 0 is black in greyscale


def test_codes_made_by_workers_are_the_ones_made_here(monkeypatch):
    from generator.build import parallel

    urls = [f"https://catalogs.example.invalid/id/T-ZM-{n:03d}/" for n in range(parallel.MIN_ITEMS)]
    monkeypatch.setattr(qr, "_made", {})
    monkeypatch.setattr(qr, "_pending", {})
    with parallel.configured(workers=2):  # as under `mkdocs build` on two free cores (tests run servers)
        batch = parallel.Batch()
        assert batch.forks and qr.prefetch(urls, batch) == len(urls) == len(batch)
        svg, png = qr.qr_files(urls[-1])  # makers, while the workers make them
        batch.start()
    assert batch._pool is not None  # made in worker processes
    try:
        assert (svg(), png()) == qr._make(urls[-1])
        assert qr.qr_files(urls[-1]) == qr._make(urls[-1])  # made now, and kept in this process
        assert [f() for f in qr.qr_files(urls[0])] == list(qr._make(urls[0]))
        for url in urls[1:-1]:
            [f() for f in qr.qr_files(url)]  # as a build writes them all
    finally:
        batch.close()
    with parallel.configured(workers=2):
        assert qr.prefetch(urls, parallel.Batch()) == 0  # nothing left to make


def _addresses() -> list[str]:
    """Addresses the site makes (permanent links, edition pages) and longer ones, in every mode segno
    picks (byte, alphanumeric, numeric), up to version 40."""
    rnd = random.Random(20231015)
    chars = string.ascii_letters + string.digits + "/-_.~"
    made = [f"https://catalogs.example.invalid/id/{p}-ZM-{n:03d}/" for p in ("YJ", "YB", "CAA") for n in (1, 17, 101)]
    made += [
        "https://catalogs.example.invalid/yanji/certificates/2024-01-01/",
        "http://127.0.0.1:8000/shili07/plaques/",
    ]
    made += ["HTTPS://CATALOGS.EXAMPLE.INVALID/ID/YJ-ZM-001/", "1234567890" * 3]
    made += [f"https://catalogs.example.invalid/id/T{n}/" for n in (2, 10)]  # mask 1, rare for addresses like these
    made += ["https://e.invalid/" + "".join(rnd.choice(chars) for _ in range(length)) for length in range(0, 420, 7)]
    made += [
        "https://e.invalid/" + "".join(rnd.choice(chars) for _ in range(length)) for length in (700, 1100, 1600, 2300)
    ]
    return made


def _segno_svg(code: segno.QRCode, **options) -> bytes:
    out = io.BytesIO()
    code.save(out, kind="svg", **options)
    return out.getvalue()


def test_the_code_is_segnos_and_so_are_its_svg_files():
    versions, masks, levels = set(), set(), set()
    for url in _addresses():
        theirs = segno.make(url, error="m", micro=False)
        ours = qr._code.__wrapped__(url)
        versions.add(theirs.version), masks.add(theirs.mask), levels.add(theirs.error)
        assert (ours.mask, ours.version, ours.error) == (theirs.mask, theirs.version, theirs.error), url
        assert [format(r, f"0{ours.size}b") for r in ours.rows] == ["".join(map(str, row)) for row in theirs.matrix], (
            url
        )
        assert qr.svg(ours, 8, 4, title=url) == _segno_svg(theirs, scale=8, border=4, title=url), url
        assert qr.svg(ours, 4, 0, xmldecl=False) == _segno_svg(theirs, scale=4, border=0, xmldecl=False), url
    assert {1, 2, 7, 40} <= versions and len(versions) > 15  # finders only, alignment, version areas, the largest
    assert masks == set(range(8)) and len(levels) > 1  # segno raises the level where the version allows
    assert qr.svg(qr._code("a<&>b"), 1, 2, title="a<&>b") == _segno_svg(
        segno.make("a<&>b", error="m", micro=False), scale=1, border=2, title="a<&>b"
    )


def test_alignment_centres_follow_the_standards_table():
    from segno import consts

    from generator.signboards.qrmask import alignment_centres

    assert alignment_centres(1) == []
    assert [alignment_centres(v) for v in range(2, 41)] == [list(p) for p in consts.ALIGNMENT_POS]


def test_penalty_is_the_standards_score():
    from segno.encoder import mask_scores

    from generator.signboards.qrmask import penalty

    size = 21
    assert penalty([0] * size, size) == (
        2 * size * (size - 2)  # N1: each row and column one run of 21, 19 each
        + 3 * (size - 1) ** 2  # N2: every 2 × 2 block
        + 10 * 10
    )  # N4: no dark module, 50 % from half
    rnd = random.Random(7)
    for size in (21, 25, 45, 57):
        for density in (0.2, 0.5, 0.8):
            rows = [[int(rnd.random() < density) for _ in range(size)] for _ in range(size)]
            if density == 0.5:  # plant 1:1:3:1:1 patterns at edges and in the middle, with and without light around
                rows[3][:11] = [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0]
                rows[5][-11:] = [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1]
                rows[9][4:15] = [1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1]
                for i, bit in enumerate(
                    [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0]
                ):  # in a column, two sharing three modules
                    rows[1 + i][size - 3] = bit
            as_ints = [int("".join(map(str, r)), 2) for r in rows]
            assert penalty(as_ints, size) == sum(mask_scores([bytearray(r) for r in rows], size, size)), (size, density)


# --- a preview's files say 本地预览 (generator/signboards/qrpreview.py) ---------------------------------------------

PREVIEW_URL = "http://127.0.0.1:8000/yanji/certificates/2024-06-30/"


def _decode(width: int, height: int, grey: bytes) -> list[str]:
    import zxingcpp

    found = zxingcpp.read_barcodes(
        memoryview(grey).cast("B", shape=[height, width]), formats=zxingcpp.BarcodeFormat.QRCode
    )
    return [code.text for code in found]


def _text_chunks(data: bytes) -> dict[bytes, bytes]:
    at, out = 8, {}
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        out[kind] = data[at + 8 : at + 8 + length]
        at += 12 + length
    return out


def test_a_preview_png_says_so_in_text_and_in_a_caption_and_still_scans():
    plain_svg, plain_png = qr.qr_files(PREVIEW_URL)
    svg, png = qr.qr_files(PREVIEW_URL, preview=True)
    width, height, rows = _read_png(png)
    plain_w, plain_h, plain_rows = _read_png(plain_png)
    assert (
        width == plain_w and height > plain_h and rows[:plain_h] == plain_rows
    )  # the code and its quiet zone as they were
    assert sum(map(sum, rows[plain_h:])) < width * (height - plain_h), "a caption is drawn below the quiet zone"
    assert any(0 in row for row in rows[plain_h:])
    grey = bytes(255 if bit else 0 for row in rows for bit in row)
    assert _decode(width, height, grey) == [PREVIEW_URL]
    chunks = _text_chunks(png)
    assert b"LOCAL PREVIEW" in chunks[b"tEXt"] and chunks[b"tEXt"].startswith(b"Comment\x00")
    assert "本地预览" in chunks[b"iTXt"].decode("utf-8")
    assert b"\xe6\x9c\xac\xe5\x9c\xb0" not in plain_png and "本地预览" not in plain_svg.decode("utf-8")


def test_a_preview_svg_says_so_in_title_desc_and_a_caption_below_the_quiet_zone():
    import xml.etree.ElementTree as ET

    svg = qr.qr_files(PREVIEW_URL, preview=True)[0]
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text.startswith("本地预览") and PREVIEW_URL in root.find(f"{ns}title").text
    assert "本地预览" in root.find(f"{ns}desc").text
    side = (qr._code(PREVIEW_URL).size + 2 * qr.BORDER) * qr.SCALE_SVG
    assert root.get("width") == str(side) and int(root.get("height")) > side
    mark = root.find(f"{ns}g[@class='vc-preview-mark']")
    ys = [float(y) for path in mark.iter(f"{ns}path") for y in re.findall(r"[MLC ]-?[\d.]+ (-?[\d.]+)", path.get("d"))]
    assert len(ys) > 50 and min(ys) > side, "the caption lies below the quiet zone"


def test_a_preview_svg_still_scans_in_a_browser(browser):
    """Chromium draws the SVG file (as an image, at 2 px a user unit) and zxing-cpp reads the picture."""
    import base64

    svg = qr.qr_files(PREVIEW_URL, preview=True)[0]
    page = browser.new_page()
    try:
        page.set_content("<canvas id=c></canvas>")
        width, height, grey = page.evaluate(
            """async (src) => {
            const img = new Image(); img.src = src; await img.decode();
            const c = document.getElementById('c'); c.width = img.naturalWidth * 2; c.height = img.naturalHeight * 2;
            const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height);
            g.drawImage(img, 0, 0, c.width, c.height);
            const d = g.getImageData(0, 0, c.width, c.height).data, out = [];
            for (let i = 0; i < d.length; i += 4) out.push(d[i + 1]);
            return [c.width, c.height, out];
        }""",
            "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
        )
    finally:
        page.close()
    assert height > width
    assert _decode(width, height, bytes(grey)) == [PREVIEW_URL]


def test_only_a_preview_builds_marked_qr_files():
    import datetime

    from conftest import REPO_ROOT

    from generator.catalog.validate import check_catalogs
    from generator.site.pages import build_pages

    catalogs, _ = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)
    for preview in (True, False):
        site = build_pages(
            catalogs,
            datetime.date(2026, 11, 28),
            "http://127.0.0.1:8000/" if preview else "https://catalogs.example.invalid/",
            preview=preview,
        )
        files = {p.uri: p.content for p in site.pages if not p.markdown and p.uri.endswith(("qr.svg", "qr.png"))}
        assert len(files) > 100
        for uri, content in files.items():
            data = content() if callable(content) else content
            data = data.encode("utf-8") if isinstance(data, str) else data
            assert (b"\xe6\x9c\xac\xe5\x9c\xb0\xe9\xa2\x84\xe8\xa7\x88" in data) is preview, uri  # 本地预览
