"""Tests for generator.signboards: layout order, outlines, missing glyphs, escaping, PDF/PNG output."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

from generator.signboards.fonts import SCRIPT_FACES, find_face
from generator.signboards.layout import MARGIN_RATIO
from generator.signboards.plaque import (
    BilingualLayout,
    MissingGlyphError,
    PlaqueSpec,
    render_pdf,
    render_png,
    render_svg,
)
from generator.signboards.plaqueerrors import FontNotFoundError

SVG = "{http://www.w3.org/2000/svg}"
ZH = "延吉市依兰镇新兴村村民委员会"
KO = "연길시 의란진 신흥촌 촌민위원회"
PARTY_ZH = "中国共产党延吉市依兰镇新兴村支部委员会"
PARTY_KO = "중국공산당 연길시 의란진 신흥촌 지부위원회"


def spec(
    orientation: str = "vertical",
    horizontal: str = "zh_first",
    vertical: str = "zh_right",
    zh: str = ZH,
    ko: str = KO,
    colour: str = "black",
    size: tuple[int, int] | None = None,
) -> PlaqueSpec:
    width, height = size or ((350, 2400) if orientation == "vertical" else (2000, 500))
    return PlaqueSpec(
        zh=zh,
        ko=ko,
        orientation=orientation,
        colour=colour,
        width_mm=width,
        height_mm=height,
        layout=BilingualLayout(horizontal=horizontal, vertical=vertical),
    )


def parse(svg_text: str) -> ET.Element:
    return ET.fromstring(svg_text)


def group(root: ET.Element, script: str) -> ET.Element:
    found = root.findall(f"{SVG}g[@data-script='{script}']")
    assert len(found) == 1, f"expected one {script} group"
    assert found[0].get("class") == script
    return found[0]


def bbox(element: ET.Element) -> tuple[float, float, float, float]:
    """data-bbox "x y w h" → (x_min, y_min, x_max, y_max)."""
    x, y, w, h = (float(v) for v in element.get("data-bbox", "").split())
    return x, y, x + w, y + h


# --- order of the two scripts -------------------------------------------------------------------


def test_vertical_zh_right_puts_chinese_column_right_of_korean() -> None:
    root = parse(render_svg(spec("vertical", vertical="zh_right")))
    zh, ko = bbox(group(root, "zh")), bbox(group(root, "ko"))
    assert zh[0] > ko[2], f"中文列应在朝鲜文列右侧: zh={zh} ko={ko}"


def test_vertical_zh_left_puts_chinese_column_left_of_korean() -> None:
    root = parse(render_svg(spec("vertical", vertical="zh_left")))
    zh, ko = bbox(group(root, "zh")), bbox(group(root, "ko"))
    assert zh[2] < ko[0], f"中文列应在朝鲜文列左侧: zh={zh} ko={ko}"


def test_horizontal_zh_first_puts_chinese_line_above_korean() -> None:
    root = parse(render_svg(spec("horizontal", horizontal="zh_first")))
    zh, ko = bbox(group(root, "zh")), bbox(group(root, "ko"))
    assert zh[3] < ko[1], f"中文行应在朝鲜文行上方: zh={zh} ko={ko}"


def test_horizontal_ko_first_puts_chinese_line_below_korean() -> None:
    root = parse(render_svg(spec("horizontal", horizontal="ko_first")))
    zh, ko = bbox(group(root, "zh")), bbox(group(root, "ko"))
    assert zh[1] > ko[3], f"中文行应在朝鲜文行下方: zh={zh} ko={ko}"


def test_vertical_columns_stack_characters_top_to_bottom() -> None:
    root = parse(render_svg(spec("vertical", zh=PARTY_ZH, ko=PARTY_KO)))
    for script in ("zh", "ko"):
        tops = [bbox(p)[1] for p in group(root, script)]
        assert tops == sorted(tops) and len(set(tops)) == len(tops)
        lefts = [bbox(p)[0] for p in group(root, script)]
        assert max(lefts) - min(lefts) < 30  # one column, not a line


# --- geometry and outlines ----------------------------------------------------------------------


@pytest.mark.parametrize("orientation", ["vertical", "horizontal"])
def test_root_is_sized_in_mm(orientation: str) -> None:
    s = spec(orientation)
    root = parse(render_svg(s))
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == f"{s.width_mm}mm"
    assert root.get("height") == f"{s.height_mm}mm"
    assert root.get("viewBox") == f"0 0 {s.width_mm} {s.height_mm}"
    rect = root.find(f"{SVG}rect")
    assert rect is not None and rect.get("fill") == "#FFFFFF" and float(rect.get("stroke-width", "0")) > 0


@pytest.mark.parametrize("orientation", ["vertical", "horizontal"])
def test_every_non_space_character_becomes_an_outline(orientation: str) -> None:
    root = parse(render_svg(spec(orientation, zh=PARTY_ZH, ko=PARTY_KO)))
    assert root.find(f".//{SVG}text") is None, "文字应转为轮廓，不应留下 <text>"
    for script, text in (("zh", PARTY_ZH), ("ko", PARTY_KO)):
        paths = group(root, script).findall(f"{SVG}path")
        assert [p.get("data-char") for p in paths] == [c for c in text if not c.isspace()]
        for p in paths:
            assert p.get("data-glyph") not in (None, "", ".notdef")
            assert re.match(r"^M-?\d", p.get("d", "")), p.get("d")
            x0, y0, x1, y1 = bbox(p)
            assert x1 > x0 and y1 > y0


@pytest.mark.parametrize("orientation", ["vertical", "horizontal"])
def test_text_stays_inside_the_margins(orientation: str) -> None:
    s = spec(orientation, zh=PARTY_ZH, ko=PARTY_KO)
    root = parse(render_svg(s))
    margin = MARGIN_RATIO * min(s.width_mm, s.height_mm)
    for script in ("zh", "ko"):
        x0, y0, x1, y1 = bbox(group(root, script))
        assert x0 >= margin - 0.05 and y0 >= margin - 0.05
        assert x1 <= s.width_mm - margin + 0.05 and y1 <= s.height_mm - margin + 0.05
        # the group box is the union of the glyph boxes
        boxes = [bbox(p) for p in group(root, script)]
        assert abs(min(b[0] for b in boxes) - x0) < 0.02 and abs(max(b[3] for b in boxes) - y1) < 0.02


def test_chinese_is_set_larger_than_korean() -> None:
    root = parse(render_svg(spec("horizontal")))
    zh_h = bbox(group(root, "zh"))[3] - bbox(group(root, "zh"))[1]
    ko_h = bbox(group(root, "ko"))[3] - bbox(group(root, "ko"))[1]
    assert zh_h > ko_h


def test_colour_is_applied_to_text_and_border() -> None:
    root = parse(render_svg(spec(colour="red")))
    assert group(root, "zh").get("fill") == "#C8102E" == group(root, "ko").get("fill")
    assert root.find(f"{SVG}rect").get("stroke") == "#C8102E"  # type: ignore[union-attr]


def test_vertical_chinese_uses_vertical_punctuation_forms() -> None:
    root = parse(render_svg(spec("vertical", zh="新兴村（示范）")))
    paths = {p.get("data-char"): p for p in group(root, "zh")}
    upright = parse(render_svg(spec("horizontal", zh="新兴村（示范）")))
    upright_paths = {p.get("data-char"): p for p in group(upright, "zh")}
    assert paths["（"].get("data-glyph") != upright_paths["（"].get("data-glyph")
    assert paths["新"].get("data-glyph") == upright_paths["新"].get("data-glyph")


def test_svg_is_deterministic() -> None:
    s = spec("vertical", zh=PARTY_ZH, ko=PARTY_KO, colour="red")
    first = render_svg(s)
    assert render_svg(s) == first
    assert render_svg(spec("vertical", zh=PARTY_ZH, ko=PARTY_KO, colour="red")) == first
    assert not re.search(r"\d\.\d{3,}", first), "坐标应保留至多两位小数"


# --- text for screen readers, escaping ----------------------------------------------------------


def test_label_and_title_carry_both_texts() -> None:
    root = parse(render_svg(spec()))
    assert root.get("role") == "img"
    assert root.get("aria-label") == f"{ZH} / {KO}"
    assert root.find(f"{SVG}title").text == f"{ZH} / {KO}"  # type: ignore[union-attr]


def test_xml_special_characters_are_escaped() -> None:
    zh, ko = "新兴村 & <示范>", "신흥촌 & <시범>"
    text = render_svg(spec("horizontal", zh=zh, ko=ko))
    assert "&amp;" in text and "&lt;" in text
    assert "& <" not in text
    root = parse(text)
    assert root.get("aria-label") == f"{zh} / {ko}"
    assert root.find(f"{SVG}title").text == f"{zh} / {ko}"  # type: ignore[union-attr]
    assert [p.get("data-char") for p in group(root, "zh")] == list("新兴村&<示范>")


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\ue000", "𪚥"])
def test_character_missing_from_font_raises(char: str) -> None:
    with pytest.raises(MissingGlyphError) as caught:
        render_svg(spec(zh=f"新兴{char}村"))
    message = str(caught.value)
    assert f"“{char}”" in message
    assert f"U+{ord(char):04X}" in message
    assert "Noto Sans CJK SC" in message
    assert "无法生成牌子" in message
    assert isinstance(caught.value, ValueError)


def test_all_missing_characters_are_reported_at_once() -> None:
    with pytest.raises(MissingGlyphError) as caught:
        render_pdf(spec(zh="新\ue000兴\ue001村", ko="신흥촌\ue002"))
    message = str(caught.value)
    for code in ("U+E000", "U+E001", "U+E002"):
        assert code in message
    assert "Noto Sans CJK KR" in message
    assert len(caught.value.missing) == 3


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"orientation": "diagonal"}, "'diagonal'"),
        ({"colour": "blue"}, "'blue'"),
        ({"width_mm": 0}, "PlaqueSpec.width_mm"),
        ({"zh": "   "}, "PlaqueSpec.zh"),
        ({"ko": "신흥촌\u200b"}, "U+200B"),
        ({"zh": "新兴村\n委员会"}, "U+000A"),
    ],
)
def test_invalid_spec_is_rejected_with_the_bad_value(changes: dict[str, object], expected: str) -> None:
    fields = dict(zh=ZH, ko=KO, orientation="vertical", colour="red", width_mm=350, height_mm=2400)
    fields.update(changes)
    with pytest.raises(ValueError, match=re.escape(expected)):
        PlaqueSpec(**fields, layout=BilingualLayout("zh_first", "zh_right"))  # type: ignore[arg-type]


def test_invalid_layout_is_rejected() -> None:
    with pytest.raises(ValueError, match="zh_top"):
        BilingualLayout(horizontal="zh_top", vertical="zh_right")


def test_missing_font_names_the_font_and_the_debian_package(tmp_path: Path) -> None:
    with pytest.raises(FontNotFoundError) as caught:
        find_face("Noto Sans CJK SC", dirs=(tmp_path,))
    message = str(caught.value)
    assert "Noto Sans CJK SC" in message and "fonts-noto-cjk" in message and str(tmp_path) in message


def test_faces_are_chosen_by_name_not_collection_index() -> None:
    zh = find_face(SCRIPT_FACES["zh"].family)
    ko = find_face(SCRIPT_FACES["ko"].family)
    assert zh.name.startswith("Noto Sans CJK SC") and ko.name.startswith("Noto Sans CJK KR")
    assert zh.index != ko.index
    assert find_face(SCRIPT_FACES["zh"].family) == zh  # deterministic


# --- PDF and PNG --------------------------------------------------------------------------------


@pytest.mark.parametrize("orientation", ["vertical", "horizontal"])
def test_pdf_has_true_physical_size_and_vector_outlines(orientation: str) -> None:
    s = spec(orientation, colour="red")
    pdf = render_pdf(s)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert box is not None
    assert abs(float(box.group(1)) - s.width_mm * 72 / 25.4) <= 0.5
    assert abs(float(box.group(2)) - s.height_mm * 72 / 25.4) <= 0.5
    stream = re.search(rb"stream\n(.*)\nendstream", pdf, re.S)
    assert stream is not None
    content = zlib.decompress(stream.group(1)).decode("ascii")
    assert content.count(" c\n") > 100 and content.count("\nf\n") == sum(1 for c in ZH + KO if not c.isspace())
    assert b"/Image" not in pdf and b"/Font" not in pdf  # outlines, not a raster nor embedded fonts
    assert render_pdf(s) == pdf


def _png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and palette indices (coverage) of a PNG written by the renderer."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    pos, chunks = 8, {}
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        chunks.setdefault(kind, b"")
        chunks[kind] += body
        pos += 12 + length
    assert set(chunks) >= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour_type) == (8, 3)
    raw = zlib.decompress(chunks[b"IDAT"])
    assert len(raw) == height * (width + 1)
    rows = [raw[y * (width + 1) : (y + 1) * (width + 1)] for y in range(height)]
    assert all(r[0] == 0 for r in rows)
    return width, height, b"".join(r[1:] for r in rows)


def test_png_preview_is_valid_and_shows_both_columns() -> None:
    s = spec("vertical", vertical="zh_right", colour="red")
    width, height, pixels = _png_pixels(render_png(s, width_px=120))
    assert width == 120 and height == round(120 * s.height_mm / s.width_mm)
    root = parse(render_svg(s))
    scale = width / s.width_mm

    def ink_in_columns(x0_mm: float, x1_mm: float) -> int:
        x0, x1 = int(x0_mm * scale) + 1, int(x1_mm * scale) - 1
        return sum(1 for y in range(height) for x in range(x0, x1) if pixels[y * width + x] > 128)

    zh, ko = bbox(group(root, "zh")), bbox(group(root, "ko"))
    assert ink_in_columns(zh[0], zh[2]) > 500
    assert ink_in_columns(ko[0], ko[2]) > 500
    assert ink_in_columns(ko[2], zh[0]) == 0  # the gap between the columns is blank
    assert render_png(s, width_px=120) == render_png(s, width_px=120)


def test_png_default_width_and_bad_width() -> None:
    width, _, _ = _png_pixels(render_png(spec("horizontal")))
    assert width == 200
    with pytest.raises(ValueError, match="width_px"):
        render_png(spec("horizontal"), width_px=0)


def test_every_character_check_lets_onto_a_plaque_has_a_glyph():
    """catalog/script.py is what `check` allows on plaques; the bundled faces must draw all of it."""
    from generator.catalog.script import PLAQUE_RANGES
    from generator.signboards.fonts import load_face

    for script in ("zh", "ko"):
        face = load_face(script)
        missing = [
            f"U+{c:04X}" for lo, hi in PLAQUE_RANGES for c in range(lo, hi + 1) if face.glyph_for(chr(c)) is None
        ]
        assert not missing, (script, missing[:10])


def _pen_svg(glyph, preview: bool) -> str:
    from fontTools.pens.svgPathPen import SVGPathPen

    from generator.signboards.svg import fmt, fmt_whole

    pen = SVGPathPen(None, ntos=fmt_whole if preview else fmt)
    glyph.draw(pen)
    return pen.getCommands()


def _pen_pdf(glyph) -> list[str]:
    from generator.signboards.pdf import _PdfPathPen

    pen = _PdfPathPen()
    glyph.draw(pen)
    return pen.ops


def test_outlines_are_written_as_the_fonttools_pens_write_them() -> None:
    """svg.path_data and pdf._path_ops write a glyph without a pen call per point; every glyph of
    both scripts and orientations, and outlines that take each special case, come out as the pens
    write them."""
    import dataclasses

    from generator.signboards.drawing import PlacedGlyph
    from generator.signboards.layout import layout
    from generator.signboards.pdf import _path_ops
    from generator.signboards.svg import path_data

    glyphs = [
        g
        for o in ("vertical", "horizontal")
        for b in layout(spec(o, zh=PARTY_ZH, ko=PARTY_KO)).blocks
        for g in b.glyphs
    ]
    assert len(glyphs) > 40 and all(g.plain for g in glyphs)
    odd = PlacedGlyph(
        "x",
        "x",
        (
            ("moveTo", ((0.0, 0.0),)),
            ("moveTo", ((1.004, 2.0),)),
            ("lineTo", ((1.004, 2.0),)),
            ("lineTo", ((3.5, 4.25),)),
            ("lineTo", ((3.5, 7.0),)),
            ("lineTo", ((9.0, 7.0),)),
            ("lineTo", ((10.0, 8.0),)),
            ("curveTo", ((1.0, 2.0), (3.0, 4.0), (-0.001, 6.0))),
            ("closePath", ()),
            ("lineTo", ((5.0, 5.0),)),
            ("moveTo", ((2.0, 2.0),)),
            ("closePath", ()),
        ),
        (0.0, 0.0, 10.0, 8.0),
    )
    quadratic = dataclasses.replace(
        odd, ops=odd.ops + (("moveTo", ((0.0, 0.0),)), ("qCurveTo", ((1.0, 1.0), (2.0, 0.0))))
    )
    assert odd.plain and not quadratic.plain  # the pens write what the direct writers do not know
    for glyph in [*glyphs, odd, quadratic]:
        assert path_data(glyph) == _pen_svg(glyph, False), glyph.char
        assert _absolute(path_data(glyph, preview=True)) == _absolute(_pen_svg(glyph, True)), glyph.char
        assert _path_ops(glyph) == _pen_pdf(glyph), glyph.char
    assert path_data(odd, preview=True) == "m1 2l3 2v3h5l1 1c-9-6-7-4-10-2zl4 3m-3-3z"  # relative, whole mm


def _absolute(d: str) -> list[tuple]:
    """Path data → the outline it draws: ("M" | "L" | "C" | "Z", absolute points), with lines to the
    current point and moves followed by another move left out (they draw nothing)."""
    import re

    tokens = re.findall(r"[MLHVCZmlhvcz]|-?\d+(?:\.\d+)?", d)
    arity = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "z": 0}
    out: list[tuple] = []
    x = y = 0.0
    start = (0.0, 0.0)
    i, cmd = 0, ""
    while i < len(tokens):
        if tokens[i].isalpha():
            cmd = tokens[i]
            i += 1
        elif cmd in "Mm":  # numbers after a move without a letter: lines
            cmd = "L" if cmd == "M" else "l"
        n = [float(t) for t in tokens[i : i + arity[cmd.lower()]]]
        i += arity[cmd.lower()]
        rel = cmd.islower()
        kind = cmd.upper()
        if kind == "Z":
            out.append(("Z",))
            x, y = start
            continue
        if kind == "H":
            n = [n[0], 0.0 if rel else y]
        elif kind == "V":
            n = [0.0 if rel else x, n[0]]
        pts = [(n[j] + (x if rel else 0), n[j + 1] + (y if rel else 0)) for j in range(0, len(n), 2)]
        if kind == "M":
            if out and out[-1][0] == "M":
                out.pop()
            out.append(("M", pts[0]))
            start = pts[0]
        elif kind in ("H", "V", "L"):
            if pts[0] == (x, y):
                continue
            out.append(("L", pts[0]))
        else:
            out.append(("C", *pts))
        x, y = pts[-1]
    return out
