"""The built site in real Chromium (Playwright): search, no off-site requests, tombstones and the
/id/ resolver, escaping of untrusted text, print layout, screenshots.

Chromium comes from Debian (/usr/bin/chromium, `make setup`); Playwright never downloads a browser.
The site is served from 127.0.0.1 on a free port by a threaded http.server.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import REPO_ROOT
from waits import settled

sync_api = pytest.importorskip("playwright.sync_api")

ZWSP = "\u200b"
DATED = re.compile(r"/\d{4}-\d{2}-\d{2}/")
SEARCH_INPUT = "input.md-search__input"
RESULT = ".md-search-result__item"
DONE = ".md-search-result__list:not([aria-busy])"
SHOTS = {"": Path("/tmp/shot_home.png"), "yanji/certificates/": Path("/tmp/shot_catalog.png")}


# --- fixtures --------------------------------------------------------------------------------------


class Recorder:
    """Every request, failed response and page error seen by one browser context."""

    def __init__(self, context) -> None:
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        context.on("request", lambda r: self.requests.append(r.url))
        context.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        context.on("requestfailed", lambda r: self.failed.append(f"failed {r.url} {r.failure}"))

    def watch(self, page) -> None:
        page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    ctx.recorder = Recorder(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    context.recorder.watch(page)
    return page


def open_search(page) -> None:
    """On a phone the search box opens from the header's button; on a desktop it is in the header."""
    button = page.locator("label.md-header__button[for=__search]")
    if button.is_visible():
        button.click()


def search(page, base: str, query: str) -> list[dict[str, str]]:
    """Type `query` into the header's search on the home page; the results as {title, path, html}."""
    page.goto(base)
    open_search(page)
    page.fill(SEARCH_INPUT, query)  # fill() fires `input` only, like a paste
    page.wait_for_selector(RESULT, timeout=20_000)
    page.wait_for_selector(DONE, state="attached")  # results arrive one by one; the list is busy until all are in
    rows = page.locator(RESULT).evaluate_all(
        """items => items.map(li => {
             const a = li.querySelector('a'); const h = li.querySelector('h1, h2');
             return {href: a ? a.href : '', title: h ? h.textContent : '', html: h ? h.innerHTML : ''};
           })"""
    )
    return [{"title": r["title"].replace(ZWSP, ""), "path": urlsplit(r["href"]).path, "html": r["html"]} for r in rows]


# --- search ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["出生", "chusheng", "cszm"])
def test_search_finds_birth_certificate(page, base, query):
    results = search(page, base, query)
    hits = [r for r in results if "出生证明" in r["title"]]
    assert hits, f"{query!r}: no result title contains 出生证明: {[r['title'] for r in results][:10]}"
    dated = [r["path"] for r in hits if DATED.search(r["path"])]
    assert not dated, f"{query!r}: results point to frozen editions instead of current pages: {dated}"


def _korean_signboard() -> tuple[str, str]:
    """(name_ko, id) of a prefecture signboard whose Korean name is a single word."""
    data = yaml.safe_load((REPO_ROOT / "catalogs/yanbian/signboards/2023-09-28.yaml").read_text(encoding="utf-8"))
    return next((i["name_ko"], i["id"]) for i in data["items"] if " " not in i["name_ko"])


def test_search_finds_korean_signboard_name(page, base):
    name_ko, item_id = _korean_signboard()
    results = search(page, base, name_ko)
    paths = [r["path"] for r in results]
    assert f"/yanbian/signboards/{item_id}/" in paths, f"{name_ko!r}: {item_id} not among the results: {paths}"


def test_search_result_titles_read_like_the_page(page, base):
    """A result shows the item name once ("出生证明 · 安图县"), not jieba's overlapping search
    segments ("出生证明出生证出生证明 · 安图安图县")."""
    results = search(page, base, "cszm")
    titles = [r["title"] for r in results if "/forbidden-certificates/" in r["path"]]
    assert titles
    garbled = [t for t in titles if not re.fullmatch(r"出生证明 · [^·\s]+ · 不能开具( · 示例)?", t)]
    assert not garbled, f"garbled search result titles: {garbled[:5]}"


# --- nothing leaves the origin ------------------------------------------------------------------------


def _visit_everything(page, base: str) -> None:
    for uri in ("", "yanji/certificates/", "yanji/certificates/YJ-ZM-101/"):
        page.goto(base + uri, wait_until="networkidle")
    search(page, base, "出生")
    page.wait_for_load_state("networkidle")


def test_search_loads_nothing_until_the_visitor_searches(context, page, base):
    """Search data is fetched on the first search, not on every page load; then only a few shards of
    the index and the records shown, never a whole-site index. A county page preloads what its answer
    box needs first (its answer file and the index's manifest, issue 26), and nothing else."""
    rec = context.recorder
    for uri in ("", "yanji/", "yanji/certificates/YJ-ZM-101/", "guide/reading/"):
        before = len(rec.requests)
        page.goto(base + uri, wait_until="networkidle")
        searched = sorted({urlsplit(u).path for u in rec.requests[before:] if "search_index" in u or "/search/" in u})
        allowed = ["/search/answers/yanji.json", "/search/index/manifest.json"] if uri == "yanji/" else []
        assert searched == allowed, (uri, searched)
    del rec.requests[:]  # from here on: what a search fetches (the browser's cache may serve the manifest again)
    search(page, base, "出生")
    page.wait_for_load_state("networkidle")
    loaded = [urlsplit(u).path for u in rec.requests if "/search/index/" in u]
    shards = [p for p in loaded if re.fullmatch(r"/search/index/s/\d+\.json", p)]
    records = [p for p in loaded if re.fullmatch(r"/search/index/r/\d+\.json", p)]
    chars = [p for p in loaded if re.fullmatch(r"/search/index/c/\d+\.json", p)]
    assert 1 <= len(shards) <= 5 and 1 <= len(records) <= 10 and len(chars) <= 2, loaded  # the query's own characters
    manifest = loaded.count("/search/index/manifest.json")
    assert manifest <= 1 and len(loaded) == len(set(loaded)) == manifest + len(chars) + len(shards) + len(records), (
        loaded
    )  # each file once
    assert not [u for u in rec.requests if "search_index" in u], "the theme's whole-site index was fetched"


def test_search_on_a_county_page_lists_that_county_first(page, base):
    page.goto(base + "dunhua/")
    open_search(page)
    page.fill(SEARCH_INPUT, "出生证明")
    page.wait_for_selector(RESULT)
    page.wait_for_selector(DONE, state="attached")
    titles = [t.replace(ZWSP, "") for t in page.locator(RESULT + " h1").all_inner_texts()]
    assert titles[0].startswith("出生证明 · 敦化市"), titles
    assert not [t for t in titles if re.search("延吉市|图们市|珲春市|龙井市|和龙市|汪清县|安图县", t)], (
        titles
    )  # only when asked
    assert "其他县（市）" in page.inner_text(".md-search-result__meta")
    page.click("text=看其他县（市）的结果")
    page.wait_for_selector(RESULT + " h1:has-text('延吉市')", timeout=10_000)  # other counties' results, when asked for
    assert page.locator(".vc-search-group").inner_text() == "其他县（市）"


def test_no_request_leaves_the_origin(context, page, base):
    _visit_everything(page, base)
    rec = context.recorder
    foreign = [u for u in rec.requests if not (u.startswith(base) or u.startswith("data:"))]
    assert not foreign, f"requests to other origins: {foreign}"
    assert not rec.errors, f"JavaScript errors: {rec.errors}"


def test_pages_load_without_failed_requests(context, page, base):
    _visit_everything(page, base)
    assert not context.recorder.failed, f"failed requests: {context.recorder.failed}"


# --- removed items and the /id/ resolver -------------------------------------------------------------


def test_removed_item_url_answers_with_tombstone(page, base):
    response = page.goto(base + "yanji/certificates/YJ-ZM-005/")
    assert response.status == 200
    body = page.inner_text("article")
    assert re.search(r"已于\s*\d{4}年\d{1,2}月\d{1,2}日\s*起从目录中取消", body), body[:300]


def test_id_resolver_ends_on_item_page(page, base):
    page.goto(base + "id/YJ-ZM-005/")
    page.wait_for_url(base + "yanji/certificates/YJ-ZM-005/", timeout=10_000)
    assert "居住情况证明" in page.inner_text("h1")
    assert "取消" in page.inner_text("article")


# --- untrusted text ----------------------------------------------------------------------------------

SCRIPT_NAME = "<script>window.__xss=1</script>农业保险理赔协助证明"
IMG_NAME = "<img src=x onerror=window.__xss=3>农机购置补贴协助证明"


@pytest.mark.parametrize(
    "uri, shown",
    [
        (
            "yanji/certificates/YJ-ZM-102/",
            [SCRIPT_NAME, "<img src=x onerror=window.__xss=2>", "[x](javascript:alert(1))"],
        ),
        ("yanji/certificates/YJ-ZM-103/", [IMG_NAME, "<svg onload=window.__xss=5>", "[步骤](javascript:alert(1))"]),
        ("yanji/certificates/", [SCRIPT_NAME, IMG_NAME]),
        ("yanji/certificates/changes/", [SCRIPT_NAME, IMG_NAME, "**bold** & <b>"]),
        ("certificates/", [SCRIPT_NAME, IMG_NAME]),
    ],
)
def test_injected_markup_is_shown_not_run(page, xss_base, uri, shown):
    page.goto(xss_base + uri, wait_until="networkidle")
    settled(page)  # every image loaded or failed: an injected onerror handler has run, if any
    assert page.evaluate("typeof window.__xss") == "undefined", "script from catalog data ran"
    visible = page.inner_text("article")
    for literal in shown:
        assert literal in visible, f"{literal!r} is not shown as text"
    # the one image an item page has is its own printed QR code (qr.svg beside the page, item.html)
    assert (
        page.locator(
            "a[href^='javascript:' i], iframe, article img:not(.vc-print-qr[src='qr.svg']), article svg[onload]"
        ).count()
        == 0
    )


def test_settled_waits_for_an_image_s_onerror_handler(page, base):
    """The wait the tests above rely on (waits.py) ends only once a failing image's handler has run."""
    page.goto(base, wait_until="networkidle")
    page.evaluate("""() => document.querySelector('article').insertAdjacentHTML('beforeend',
        '<img src="missing-image.png?' + Math.random() + '" onerror="window.__fired = 1">')""")
    settled(page)
    assert page.evaluate("window.__fired") == 1


def test_injected_markup_in_search_results_is_shown_not_run(page, xss_base):
    """Search result titles come from catalog data via the search index; they must be shown as text."""
    problems = []
    for query, marker in (
        ("njgzbtxzzm", "<img src=x onerror=window.__xss=3>"),
        ("nybxlpxzzm", "<script>window.__xss=1</script>"),
    ):
        results = search(page, xss_base, query)
        settled(page)  # every image loaded or failed: an injected onerror handler has run, if any
        ran = page.evaluate("window.__xss")
        if ran is not None:
            problems.append(f"{query}: markup from catalog data ran in the search results (window.__xss={ran})")
        if not any(marker in r["title"] for r in results):
            problems.append(
                f"{query}: {marker!r} is not shown as text; result title HTML: {[r['html'] for r in results][:2]}"
            )
    assert not problems, "\n".join(problems)


# --- print -------------------------------------------------------------------------------------------


def test_catalog_page_prints_without_the_web_chrome(page, base, tmp_path):
    """Navigation, header and search do not print; the QR code is drawn in every page's margin from a
    data: URI (test_officials.py checks it in the PDF)."""
    page.goto(base + "yanji/certificates/", wait_until="networkidle")
    style = page.locator("article style").first.inner_text()
    assert "@bottom-left" in style and "data:image/svg+xml;base64," in style and "counter(pages)" in style
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-search").is_visible()
    assert page.locator("table.vc-table").first.is_visible()
    pdf = tmp_path / "catalog.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000


# --- layout ------------------------------------------------------------------------------------------


def test_home_region_picker_is_a_grid(page, base):
    """site.css styles ul.vc-grid as a grid of cards without bullets; Material's `.md-typeset ul`
    rule must not win (it did: one full-width card per row, each with a bullet)."""
    page.goto(base, wait_until="networkidle")
    style = page.evaluate("""() => { const ul = document.querySelector('ul.vc-regions');
        const li = ul.querySelector('li'); const a = getComputedStyle(ul), b = getComputedStyle(li);
        return {display: a.display, list: b.listStyleType, tops: [...ul.children].slice(0, 3).map(e => e.offsetTop)}; }""")
    assert style["display"] == "grid" and style["list"] == "none", style
    assert len(set(style["tops"])) == 1, f"the first region cards are not side by side: {style}"


# --- screenshots (for a human to look at) -------------------------------------------------------------


def test_screenshots(page, base):
    for uri, path in SHOTS.items():
        page.goto(base + uri, wait_until="networkidle")
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000


# --- signboard gallery ----------------------------------------------------------------------------------


def _platform_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium really used to draw the text of `selector` (DevTools CSS domain)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def test_gallery_renders_both_scripts(page, base, tmp_path):
    """The plaque previews load and the Chinese and Korean page text is drawn with real CJK/Hangul
    faces (no fallback boxes); a screenshot is kept for a person to look at."""
    page.goto(base + "signboards/yanji/yilan/xinxing/", wait_until="networkidle")
    images = page.evaluate("""async () => { const imgs = [...document.querySelectorAll('.vc-plaque-fig img')];
        for (const i of imgs) { i.loading = 'eager'; await i.decode().catch(() => null); }  // previews are lazy
        return imgs.map(i => [i.naturalWidth, i.alt]); }""")
    assert images and all(width > 0 for width, _ in images), images
    assert any("村民委员会" in alt and "촌민위원회" in alt for _, alt in images)
    for selector in (".vc-plaque dd[lang=ko]", ".vc-plaque dd"):
        text = page.inner_text(selector)
        wide = sum(1 for ch in text if ord(ch) > 0x2E7F)  # Han and Hangul characters
        fonts = _platform_fonts(page, selector)
        cjk = sum(f["glyphCount"] for f in fonts if "CJK" in f["familyName"])
        assert wide and cjk >= wide, (selector, text, fonts)  # every Han/Hangul glyph drawn by a CJK face
    shot = Path("/tmp/shot_gallery.png")
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
