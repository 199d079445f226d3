"""The signboard gallery: plaques filled from the catalogs, arranged by the rule in the data."""

from __future__ import annotations

import datetime
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.catalog.model import Level
from generator.catalog.validate import check_catalogs
from generator.signboards import render_svg
from generator.site.gallery import plaque_sets, render_files, spec
from generator.site.pages import build_pages

REPO = Path(__file__).parents[2]
TODAY = datetime.date(2026, 11, 28)
RULE_FILE = "catalogs/yanbian/signboards/2023-09-28.yaml"


def _catalogs(root: Path):
    catalogs, problems = check_catalogs(root / "catalogs", root)
    assert [p for p in problems if p.is_error] == []
    return catalogs


@pytest.fixture(scope="module")
def real():
    return _catalogs(REPO)


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "catalogs", tmp_path / "catalogs")
    return tmp_path


def _boxes(svg: str) -> dict[str, tuple[float, float, float, float]]:
    root = ET.fromstring(svg)
    out = {}
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        if g.get("data-script"):
            out[g.get("data-script")] = tuple(float(v) for v in g.get("data-bbox").split())
    return out


def _first(sets, orientation: str):
    s = next(s for s in sets if s.village is not None)
    plaque = next(p for p in s.plaques if p.item.orientation == orientation)
    return _boxes(render_svg(spec(plaque, s.rule)))


def test_every_county_and_listed_village_gets_a_filled_set(real):
    sets = plaque_sets(real, TODAY)
    counties = {r.slug for r in real.regions.values() if r.level is Level.COUNTY}
    assert {s.region.slug for s in sets if s.village is None} == counties
    villages = sum(len(t.villages) for r in real.regions.values() for t in r.towns)
    assert len([s for s in sets if s.village is not None]) == villages
    for s in sets:
        for p in s.plaques:
            assert "{" not in p.zh and "{" not in p.ko
            if s.village is not None:
                assert s.village.name in p.zh or p.item.pattern and "{village}" not in p.item.pattern


def test_rule_in_the_data_sets_the_order_as_published(real):
    sets = plaque_sets(real, TODAY)
    v = _first(sets, "vertical")
    assert v["zh"][0] > v["ko"][0] + v["ko"][2], "vertical: Chinese column must be right of Korean"
    h = _first(sets, "horizontal")
    assert h["zh"][1] + h["zh"][3] < h["ko"][1], "horizontal: Chinese line must be above Korean"


def test_changing_the_rule_in_the_data_flips_the_plaques_without_code_change(tmp_path):
    root = _copy(tmp_path)
    path = root / RULE_FILE
    text = path.read_text(encoding="utf-8")
    assert "  vertical: zh_right" in text and "  horizontal: zh_first" in text
    path.write_text(
        text.replace("  vertical: zh_right", "  vertical: zh_left").replace(
            "  horizontal: zh_first", "  horizontal: ko_first"
        ),
        encoding="utf-8",
    )
    sets = plaque_sets(_catalogs(root), TODAY)
    v = _first(sets, "vertical")
    assert v["zh"][0] + v["zh"][2] < v["ko"][0], "zh_left: Chinese column must be left of Korean"
    h = _first(sets, "horizontal")
    assert h["ko"][1] + h["ko"][3] < h["zh"][1], "ko_first: Korean line must be above Chinese"


def test_gallery_pages_show_both_scripts_as_text_and_mark_unverified_korean(real):
    site = build_pages(real, TODAY, "http://127.0.0.1:8000/")
    page = next(p for p in site.pages if p.uri == "signboards/yanji/yilan/xinxing/")
    assert "延吉市依兰镇新兴村村民委员会" in page.content
    assert "연길시 의란진 신흥촌 촌민위원회" in page.content
    assert "译名待核" in page.content  # the village's Korean name is not verified
    assert "YJ-PZ-002.svg" in page.content and "YJ-PZ-002.pdf" in page.content
    files = {p.uri: p.content for p in site.pages if not p.markdown}
    assert files["signboards/yanji/yilan/xinxing/YJ-PZ-002.pdf"][:5] == b"%PDF-"


def test_a_character_missing_from_the_font_stops_check_and_the_renderer(tmp_path):
    """`check` refuses it with file and line; the renderer, given such text anyway, refuses too."""
    import dataclasses

    root = _copy(tmp_path)
    region = root / "catalogs/yanji/region.yaml"
    region.write_text(
        region.read_text(encoding="utf-8").replace("name: 新兴村", "name: 新兴\ue000村"), encoding="utf-8"
    )
    problems = [str(p) for p in check_catalogs(root / "catalogs", root)[1] if p.is_error]
    assert len(problems) == 1 and problems[0].startswith(
        "catalogs/yanji/region.yaml:20: towns第1项.villages第1项.name: "
    )
    assert "U+E000" in problems[0]
    catalogs = _catalogs(REPO)
    s = next(s for s in plaque_sets(catalogs, TODAY) if s.village and s.village.slug == "xinxing")
    broken = dataclasses.replace(s, plaques=tuple(dataclasses.replace(p, zh=p.zh + "\ue000") for p in s.plaques))
    with pytest.raises(Exception) as raised:
        render_files(broken)
    assert "U+E000" in str(raised.value)


def test_a_plaque_a_worker_could_not_draw_is_reported_in_chinese_when_written(real, monkeypatch):
    """A first build draws plaques in forked workers (parallel.py); one that fails there fails the build
    when its file is written, with the set and the reason, as when it is drawn in the build itself."""
    import dataclasses

    from generator.build import parallel
    from generator.site import gallery
    from generator.site.builder import PlaqueRenderError

    monkeypatch.setattr(gallery, "_pending", {})
    s = next(s for s in plaque_sets(real, TODAY) if s.village and s.village.slug == "xinxing")
    broken = dataclasses.replace(s, plaques=tuple(dataclasses.replace(p, zh=p.zh + "\ue000") for p in s.plaques))
    with parallel.configured(
        workers=2, min_items=1
    ):  # two free cores (tests run servers); a handful of plaques forks too
        batch = parallel.Batch()
        assert gallery.prefetch([broken], batch) == len(broken.plaques)
        files = render_files(broken)  # makers: nothing is drawn yet
        batch.start()
    assert batch._pool is not None  # drawn in worker processes
    try:
        with pytest.raises(PlaqueRenderError) as raised:
            files[0][1]()
    finally:
        batch.close()
    assert str(raised.value).startswith(f"机制牌子样式生成失败（{s.title}）：") and "U+E000" in str(raised.value)


def test_gallery_shows_light_previews_and_offers_the_full_files(real):
    """Pages show a light preview (whole millimetres, no per-glyph data); downloads stay full."""
    import gzip

    s = next(s for s in plaque_sets(real, TODAY) if s.village is None and s.plaques)
    files = dict(render_files(s))
    for p in s.plaques:
        full, preview = files[p.svg_uri], files[p.preview_uri]
        root = ET.fromstring(preview)
        assert root.get("viewBox") == ET.fromstring(full).get("viewBox")
        assert root.get("aria-label") == ET.fromstring(full).get("aria-label")
        assert "data-char" not in preview and not any(
            "." in (path.get("d") or "") for path in root.iter("{http://www.w3.org/2000/svg}path")
        )
        assert len(gzip.compress(preview.encode())) < 0.8 * len(gzip.compress(full.encode())), p.item.id
    site = build_pages(real, TODAY, "https://catalogs.example.invalid/")
    page = next(x.content for x in site.pages if x.uri == s.uri)
    assert all(f'src="{p.preview_uri.rsplit("/", 1)[1]}"' in page for p in s.plaques), (
        "the gallery does not show the previews"
    )


def test_example_plaques_say_so_in_their_file_names_and_keep_their_former_names(real):
    """An example plaque's SVG, PDF and preview are named 示例-…; the names they were published under
    before keep serving the same bytes (URLs never break: tests/site/test_hardening_site.py)."""
    sets = plaque_sets(real, TODAY)
    examples = [(s, p) for s in sets for p in (*s.plaques, *s.withdrawn) if p.example]
    assert examples, "the committed catalogs have example plaques"
    for s, p in examples:
        assert (
            p.item.status.value == "example"
            or s.edition.status.value == "example"
            or (s.town and s.town.status.value == "example")
        )
    s = next(s for s in sets if s.village is None and s.withdrawn)  # 珲春: a withdrawn plaque too
    files = dict(render_files(s))
    for p in (*s.plaques, *s.withdrawn):
        assert p.example
        names = [u.rsplit("/", 1)[1] for u in p.uris]
        assert names == [f"示例-{p.item.id}.svg", f"示例-{p.item.id}.pdf", f"示例-{p.item.id}.preview.svg"]
        assert [u.rsplit("/", 1)[1] for u in p.former_uris] == [
            f"{p.item.id}.svg",
            f"{p.item.id}.pdf",
            f"{p.item.id}.preview.svg",
        ]
        for new, old in zip(p.uris, p.former_uris):
            assert files[new] == files[old]
        assert "示例" in files[p.svg_uri] and b"/TrimBox" in files[p.pdf_uri]
    assert "signboards/hunchun/HC-PZ-007.svg" in files and "signboards/hunchun/示例-HC-PZ-007.svg" in files


def test_gallery_says_example_plaques_are_not_for_the_sign_maker(real):
    site = build_pages(real, TODAY, "https://catalogs.example.invalid/")
    pages = {p.uri: p.content for p in site.pages if p.markdown}
    index = pages["signboards/"]
    assert "示例样式不作为制作依据" in index and "不能交给制作单位制作" in index
    assert "交给制作单位" not in index.replace("不能交给制作单位", "").replace("才可以交给制作单位", "")
    page = pages["signboards/yanji/yilan/xinxing/"]
    assert "不能交给制作单位制作" in page and 'href="示例-YJ-PZ-002.pdf"' in page and "示例，不作为制作依据" in page
