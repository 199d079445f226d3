"""An example plaque's files say what they are: 示例 in the PDF and SVG metadata, and a mark set below
the trim (generator/signboards/mark.py), never on the plaque's face."""

from __future__ import annotations

import dataclasses
import io
import re
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from generator.signboards.mark import EXAMPLE_MARK
from generator.signboards.plaque import (
    BilingualLayout,
    PlaqueSpec,
    render_pdf,
    render_png,
    render_preview_svg,
    render_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
DC = "{http://purl.org/dc/elements/1.1/}"
PT_PER_MM = 72 / 25.4
SIZES = {"vertical": (350, 2400), "horizontal": (2000, 500)}


def spec(orientation: str, example: bool = True, size: tuple[int, int] | None = None) -> PlaqueSpec:
    width, height = size or SIZES[orientation]
    return PlaqueSpec(
        zh="延吉市依兰镇新兴村村民委员会",
        ko="연길시 의란진 신흥촌 촌민위원회",
        orientation=orientation,
        colour="red",
        width_mm=width,
        height_mm=height,
        layout=BilingualLayout(horizontal="zh_first", vertical="zh_right"),
        example=example,
    )


def _points(d: str) -> list[tuple[float, float]]:
    """Every point of absolute SVG path data (M, L, C, H, V, Z; a number pair after M is a line)."""
    points, x, y = [], 0.0, 0.0
    for command, args in re.findall(r"([MLCHVZ])([^MLCHVZ]*)", d):
        values = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if command == "H":
            x = values[-1]
        elif command == "V":
            y = values[-1]
        elif command != "Z":
            for i in range(0, len(values), 2):
                x, y = values[i], values[i + 1]
                points.append((x, y))
            continue
        points.append((x, y))
    return points


@pytest.mark.parametrize("orientation", ["vertical", "horizontal"])
@pytest.mark.parametrize("render", [render_svg, render_preview_svg])
def test_svg_says_example_in_title_desc_and_metadata(orientation, render):
    s = spec(orientation)
    root = ET.fromstring(render(s))
    title, desc = root.find(f"{SVG}title").text, root.find(f"{SVG}desc").text
    assert title.startswith("示例") and s.zh in title and "不作为制作依据" in title
    assert "示例" in desc and "不作为制作依据" in desc
    meta = root.find(f"{SVG}metadata")
    assert meta is not None
    assert "示例" in meta.find(f".//{DC}title").text and "示例" in meta.find(f".//{DC}subject").text
    assert "不作为制作依据" in meta.find(f".//{DC}description").text
    assert root.get("aria-label") == title


@pytest.mark.parametrize("orientation", ["vertical", "horizontal"])
def test_svg_mark_lies_outside_the_trim_and_the_face_is_the_official_one(orientation):
    s = spec(orientation)
    root = ET.fromstring(render_svg(s))
    x, y, w, h = (float(v) for v in root.get("data-trim").split())
    assert (x, y, w, h) == (0, 0, s.width_mm, s.height_mm)  # the trim is the plaque at true size
    view = [float(v) for v in root.get("viewBox").split()]
    assert view[2] == w and view[3] > h and root.get("height") == f"{view[3]:g}mm"
    mark = root.find(f"{SVG}g[@class='example-mark']")
    assert mark is not None and len(mark.findall(f"{SVG}path")) == len(EXAMPLE_MARK.replace(" ", ""))
    points = [p for path in mark.iter(f"{SVG}path") for p in _points(path.get("d"))]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    assert min(ys) > h and max(ys) < view[3], "the mark must lie below the trim, on the page"
    assert 0 <= min(xs) and max(xs) <= w
    bx, by, bw, bh = (float(v) for v in mark.get("data-bbox").split())
    assert by > h and by + bh <= view[3] and bx >= 0 and bx + bw <= w
    # the face inside the trim is exactly what an official plaque of the same text shows
    official = ET.fromstring(render_svg(spec(orientation, example=False)))
    for script in ("zh", "ko"):
        ours = root.find(f"{SVG}g[@data-script='{script}']")
        theirs = official.find(f"{SVG}g[@data-script='{script}']")
        assert ET.tostring(ours) == ET.tostring(theirs)


@pytest.mark.parametrize("orientation", ["vertical", "horizontal"])
def test_pdf_says_example_in_title_subject_and_keywords(orientation):
    reader = PdfReader(io.BytesIO(render_pdf(spec(orientation))))
    meta = reader.metadata
    assert meta.title.startswith("示例") and "延吉市依兰镇新兴村村民委员会" in meta.title
    assert "示例" in meta.subject and "不作为制作依据" in meta.subject
    assert "示例" in meta["/Keywords"] and "不作为制作依据" in meta["/Keywords"]


def _mark_points(page) -> list[tuple[float, float]]:
    """Every point (control points included: a Bézier lies in their hull) drawn inside the /Artifact
    marked content, in page points."""
    ops = ContentStream(page.get_contents(), page.pdf).operations
    matrix, inside, points = None, False, []
    for operands, op in ops:
        if op == b"cm":
            matrix = [float(v) for v in operands]
        elif op == b"BDC" and operands[0] == "/Artifact":
            inside = True
        elif op == b"EMC":
            inside = False
        elif inside and op in (b"m", b"l", b"c"):
            a, b, c, d, e, f = matrix
            values = [float(v) for v in operands]
            points += [(a * x + c * y + e, b * x + d * y + f) for x, y in zip(values[0::2], values[1::2])]
    return points


@pytest.mark.parametrize("orientation", ["vertical", "horizontal"])
@pytest.mark.parametrize("size", [None, (40, 60)])  # a small plaque: the mark shrinks to its width
def test_pdf_mark_lies_outside_the_trim_box_which_is_the_plaque_at_true_size(orientation, size):
    s = spec(orientation, size=size)
    page = PdfReader(io.BytesIO(render_pdf(s))).pages[0]
    trim, media = page.trimbox, page.mediabox
    assert float(trim.width) == pytest.approx(s.width_mm * PT_PER_MM, abs=0.01)
    assert float(trim.height) == pytest.approx(s.height_mm * PT_PER_MM, abs=0.01)
    assert float(trim.top) == pytest.approx(float(media.top)) and float(media.bottom) < float(trim.bottom)
    points = _mark_points(page)
    assert len(points) > 100, "the mark is drawn"
    assert all(y < float(trim.bottom) for _, y in points), "the mark must lie outside the trim box"
    assert all(float(media.left) <= x <= float(media.right) and y >= float(media.bottom) for x, y in points)


def test_official_plaques_are_unchanged_by_the_mark():
    for orientation in SIZES:
        s = spec(orientation, example=False)
        svg, pdf = render_svg(s), render_pdf(s)
        assert "示例" not in svg and b"/TrimBox" not in pdf and b"/Artifact" not in pdf
        root = ET.fromstring(svg)
        assert root.get("height") == f"{s.height_mm}mm" and root.find(f"{SVG}desc") is None
        meta = PdfReader(io.BytesIO(pdf)).metadata
        assert "示例" not in meta.title and meta.subject is None
    assert render_svg(s) != render_svg(dataclasses.replace(s, example=True))  # part of the cache key


def test_png_preview_has_the_mark_below_the_plaque():
    s = spec("horizontal")
    data = render_png(s, 400)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == 400 and height > round(400 * s.height_mm / s.width_mm)


def test_example_must_be_a_bool():
    with pytest.raises(ValueError, match="PlaqueSpec.example"):
        dataclasses.replace(spec("vertical"), example="yes")
