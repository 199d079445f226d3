"""Caching in generator.signboards: one layout per plaque content, one decoded outline per face and glyph."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.transformPen import TransformPen

from generator.signboards import fonts, layout
from generator.signboards import plaque as render
from generator.signboards.fonts import SCRIPT_FACES, Face, FaceKey, find_face
from generator.signboards.layout import _transform
from generator.signboards.pdf import to_pdf
from generator.signboards.plaque import BilingualLayout, PlaqueSpec, plaque_key, render_pdf, render_png, render_svg
from generator.signboards.png import to_png
from generator.signboards.svg import to_svg

ZH = "和龙市八家子镇八家子村村务监督委员会"
KO = "화룡시 팔가자진 팔가자촌 촌무감독위원회"


def spec(zh: str = ZH, ko: str = KO, vertical: str = "zh_right", orientation: str = "vertical") -> PlaqueSpec:
    return PlaqueSpec(
        zh=zh,
        ko=ko,
        orientation=orientation,
        colour="red",
        width_mm=350,
        height_mm=2400,
        layout=BilingualLayout(horizontal="zh_first", vertical=vertical),
    )


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[PlaqueSpec]]:
    """Start from empty plaque caches; the list records every spec actually laid out."""
    calls: list[PlaqueSpec] = []

    def counting_layout(s: PlaqueSpec):
        calls.append(s)
        return layout.layout(s)

    render.clear_caches()
    monkeypatch.setattr(render, "layout", counting_layout)
    yield calls
    render.clear_caches()


class CountingGlyphSet:
    """A face's glyph set that counts how often each glyph's charstring is decoded (drawn)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.drawn: list[str] = []

    def __getitem__(self, name: str):
        glyph = self.inner[name]
        outer = self

        class Counted:
            def draw(self, pen) -> None:
                outer.drawn.append(name)
                glyph.draw(pen)

        return Counted()

    def __contains__(self, name: str) -> bool:
        return name in self.inner

    def keys(self):
        return self.inner.keys()


@pytest.fixture
def fresh_faces(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, CountingGlyphSet]]:
    """Newly opened faces (empty outline caches) whose charstring decodes are counted, per script."""
    monkeypatch.setattr(fonts, "_faces", {})
    counters = {}
    for script in SCRIPT_FACES:
        face = fonts.load_face(script)
        counters[script] = face._glyph_set = CountingGlyphSet(face._glyph_set)
    render.clear_caches()
    yield counters
    render.clear_caches()


# --- one layout per plaque ----------------------------------------------------------------------


def test_svg_pdf_and_png_of_a_plaque_share_one_layout(layouts: list[PlaqueSpec]) -> None:
    s = spec()
    svg, pdf, png = render_svg(s), render_pdf(s), render_png(s, width_px=120)
    assert layouts == [s]
    assert (render_svg(s), render_pdf(s), render_png(s, width_px=120)) == (svg, pdf, png)
    assert render_png(s, width_px=160) != png  # another width is another file, from the same layout
    assert layouts == [s], "同一块牌子不应重复排版"


def test_an_equal_spec_built_again_hits_the_cache(layouts: list[PlaqueSpec]) -> None:
    """As in `mkdocs serve`: a rebuild makes new (equal) spec objects from re-read catalogs."""
    render_svg(spec())
    render_svg(spec())
    render_pdf(spec())
    assert len(layouts) == 1


def test_cached_files_are_byte_identical_to_uncached_ones(layouts: list[PlaqueSpec]) -> None:
    s = spec(orientation="horizontal")
    drawing = layout.layout(s)
    assert render_svg(s) == to_svg(drawing)
    assert render_pdf(s) == to_pdf(drawing)
    assert render_png(s, 200) == to_png(drawing, 200)


@pytest.mark.parametrize(
    "changed",
    [
        {"zh": ZH + "一"},
        {"ko": KO + "회"},
        {"vertical": "zh_left"},
        {"orientation": "horizontal"},
    ],
)
def test_changing_the_text_or_layout_rule_lays_the_plaque_out_again(layouts: list[PlaqueSpec], changed: dict) -> None:
    before = render_svg(spec())
    after = render_svg(spec(**changed))
    assert plaque_key(spec()) != plaque_key(spec(**changed))
    assert len(layouts) == 2
    assert after != before


def test_a_bad_png_width_still_fails_after_a_good_one_was_cached(layouts: list[PlaqueSpec]) -> None:
    render_png(spec(), width_px=200)
    with pytest.raises(ValueError, match="width_px"):
        render_png(spec(), width_px=200.0)  # type: ignore[arg-type]  # equal to 200, but not an int


# --- font files: the key and invalidation -------------------------------------------------------


@pytest.fixture
def font_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Plaques set from a private copy of the font collection (so the test may touch the file)."""
    original = find_face(SCRIPT_FACES["zh"].family).path
    copy = tmp_path / original.name
    shutil.copy2(original, copy)
    assert find_face(SCRIPT_FACES["ko"].family, (tmp_path,)).path == copy

    def load_copy(script: str, dirs: tuple[Path, ...] = (tmp_path,)) -> Face:
        return fonts.load_face(script, dirs)

    monkeypatch.setattr(fonts, "_faces", {})
    monkeypatch.setattr(render, "load_face", load_copy)
    monkeypatch.setattr(layout, "load_face", load_copy)
    return copy


def test_the_key_names_the_font_files(font_copy: Path, layouts: list[PlaqueSpec]) -> None:
    key = plaque_key(spec())
    stat = font_copy.stat()
    assert {(k.path, k.size, k.mtime_ns) for k in key.faces} == {(str(font_copy), stat.st_size, stat.st_mtime_ns)}
    assert [k.index for k in key.faces] == [
        find_face(SCRIPT_FACES[s].family, (font_copy.parent,)).index for s in ("zh", "ko")
    ]


def test_a_changed_font_file_reopens_the_face_and_lays_the_plaque_out_again(
    font_copy: Path, layouts: list[PlaqueSpec]
) -> None:
    face = render.load_face("zh")
    first = render_svg(spec())
    assert render.load_face("zh") is face  # unchanged file: the same opened face
    mtime = font_copy.stat().st_mtime_ns
    os.utime(font_copy, ns=(mtime, mtime + 1_000_000_000))  # as if a package upgrade replaced it
    reopened = render.load_face("zh")
    assert reopened is not face and reopened.key != face.key
    assert render_svg(spec()) == first  # same outlines, so the same file …
    assert len(layouts) == 2  # … but laid out again under the new key


def test_face_key_of_a_vanished_file_is_none(tmp_path: Path) -> None:
    location = dataclasses.replace(find_face(SCRIPT_FACES["zh"].family), path=tmp_path / "gone.ttc")
    assert FaceKey.of(location) is None


# --- glyph outlines: decoded once per face and glyph ---------------------------------------------


def test_repeated_characters_decode_their_outline_once(fresh_faces: dict[str, CountingGlyphSet]) -> None:
    s = spec()  # 八家子 twice, 村 and 委 twice; 팔가자 twice, 촌 twice …
    render_svg(s)
    for script, text in (("zh", s.zh), ("ko", s.ko)):
        drawn = fresh_faces[script].drawn
        assert len(drawn) == len(set(drawn)), f"{script}: 每个字形只应解码一次"
        assert len(drawn) < len(text.replace(" ", ""))  # fewer decodes than characters: repeats hit the cache


def test_outlines_stay_cached_across_plaques(fresh_faces: dict[str, CountingGlyphSet]) -> None:
    render_svg(spec())
    decoded = len(fresh_faces["zh"].drawn)
    render_svg(spec(zh="八家子村委员会"))  # only characters already decoded
    assert len(fresh_faces["zh"].drawn) == decoded


def test_a_cached_outline_gives_the_same_floats_as_drawing_through_a_transform_pen() -> None:
    face = fonts.load_face("zh")
    transform = (0.123456789, 0, 0, -0.123456789, 17.3, 250.77)
    for ch in "村務，〇":
        glyph = face.vertical_form(face.glyph_for(ch))
        recording = RecordingPen()
        face._glyph_set[glyph].draw(TransformPen(recording, transform))  # the uncached path
        expected = tuple((op, tuple(args)) for op, args in recording.value)
        assert _transform(face.outline(glyph), transform) == expected
