"""Officials (issue 10): no wrong address ever, pages right on the day, a 公开栏 sheet worth printing,
citations and QR downloads, feeds that find you, any two editions compared."""
from __future__ import annotations

import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from mkdocs.exceptions import Abort, PluginError

from conftest import REPO_ROOT
from generator.catalog.model import EditionKind
from generator.catalog.validate import check_catalogs

ATOM = "{http://www.w3.org/2005/Atom}"
CATALOGS, _ = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)


def _build(site_project, tmp_path, env: dict[str, str], monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for key in ("SITE_URL", "SITE_PREVIEW"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("CATALOG_TODAY", "2026-11-28")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    config = site_project(tmp_path / "project")
    build(load_config(str(config), site_dir=str(tmp_path / "site"), strict=True))
    return tmp_path / "site"


# --- no wrong address, ever ----------------------------------------------------------------------------

def test_a_build_without_the_public_address_fails_with_what_to_set(site_project, tmp_path, monkeypatch):
    with pytest.raises((PluginError, Abort)) as failure:
        _build(site_project, tmp_path, {}, monkeypatch)
    text = f"{failure.value} {failure.value.__context__}"
    assert "没有设置网站的公开地址 SITE_URL" in text and "SITE_PREVIEW=1" in text
    assert not (tmp_path / "site").exists()


def test_a_local_preview_says_so_on_qr_codes_and_feeds(site_project, tmp_path, monkeypatch):
    site = _build(site_project, tmp_path, {"SITE_PREVIEW": "1"}, monkeypatch)
    page = (site / "yanji/certificates/index.html").read_text(encoding="utf-8")
    assert "本地预览" in page and "不能打印张贴" in page
    assert "本地预览" in (site / "changes/feed.xml").read_text(encoding="utf-8")


def test_a_published_build_has_no_local_address_anywhere(real_site):
    found = [p.relative_to(real_site).as_posix() for p in real_site.rglob("*")
             if p.is_file() and p.suffix != ".map"  # Material's own source maps quote "127.0.0.1" in a code comment
             and b"127.0.0.1" in p.read_bytes()]
    assert not found, found[:10]


# --- right on the day ------------------------------------------------------------------------------------


NEW_EDITION = "dunhua/certificates/2027-01-01/"


@pytest.mark.parametrize("uri", ["dunhua/certificates/", "dunhua/certificates/2023-10-31/", "dunhua/certificates/DH-ZM-001/"])
@pytest.mark.parametrize("day, shown", [("2026-12-31T10:00:00", False), ("2027-01-01T08:00:00", True), ("2027-03-01T08:00:00", True)])
def test_pages_say_the_new_edition_is_in_force_once_its_day_has_come(phone, base, uri, day, shown):
    phone.clock.set_fixed_time(datetime.fromisoformat(day))
    phone.goto(base + uri)
    notice = phone.locator(".vc-on-the-day")
    assert notice.count() >= 1
    assert notice.first.is_visible() is shown, (uri, day)
    if shown:
        assert notice.first.locator("a").get_attribute("href").endswith("2027-01-01/")
        assert "新版本已经生效" in notice.first.inner_text()


# --- the 公开栏 sheet -------------------------------------------------------------------------------------

def _pdf(page, base, uri, tmp_path):
    from pypdf import PdfReader

    page.goto(base + uri, wait_until="networkidle")
    path = tmp_path / "sheet.pdf"
    page.pdf(path=str(path), prefer_css_page_size=True)
    return PdfReader(str(path))


def _sizes(reader) -> list[tuple[float, str]]:
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append((size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]), text.strip()))

    for p in reader.pages:
        p.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("uri, pages", [
    ("yanbian/forbidden-certificates/", 2),  # the 20-item national list on two pages
    ("yanji/certificates/", 1),              # an 8-item county list on one
    ("dunhua/certificates/", 1),
])
def test_printed_sheet(phone, base, tmp_path, uri, pages):
    reader = _pdf(phone, base, uri, tmp_path)
    assert len(reader.pages) == pages
    small = sorted({(round(s, 1), t[:12]) for s, t in _sizes(reader) if s < 11.95})
    assert not small, f"text below 12 pt: {small[:8]}"
    for n, p in enumerate(reader.pages, start=1):
        text = unicodedata.normalize("NFKC", re.sub(r"\s+", "", p.extract_text()))  # "ﬁ" ligatures back to "fi"
        assert re.search(rf"第{n}\S共{pages}\S", text), f"page {n}: no 第 {n} 页 共 {pages} 页"
        parts = ["catalogs.example.invalid", *uri.strip("/").split("/")]  # the address may wrap in the margin
        assert all(part in text for part in parts), f"page {n}: the address is missing"
        assert p.get_contents().get_data().count(b" l\n") > 200, f"page {n}: no QR code drawn"
    body = unicodedata.normalize("NFKC", re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages)))
    assert "打印日期" in body and "起生效" in body
    assert "引用时请使用固定版本链接" not in body and "复制引用" not in body  # no web-only text


def test_no_link_colour_and_one_footnote_in_print(phone, base):
    phone.goto(base + "yanbian/forbidden-certificates/")
    phone.emulate_media(media="print")
    colours = set(phone.locator("article a").evaluate_all("as => as.map(a => getComputedStyle(a).color)"))
    assert colours <= {"rgb(0, 0, 0)"}, colours
    notes = phone.locator("article :is(span, p)").evaluate_all(
        "els => els.filter(e => e.offsetParent && e.children.length === 0 && e.textContent.includes('未经核实')).length")
    assert notes == 1  # the note once, as a footnote, not on each of 19 rows
    assert phone.locator(".vc-footnote").is_visible()


def test_print_button_and_citation(phone, base):
    phone.goto(base + "yanji/certificates/2024-06-30/")
    assert phone.locator("[data-vc-print]").is_visible()
    cite = phone.inner_text("#vc-cite-text")
    assert cite.startswith("《延吉市村级组织证明事项保留清单（2024年版）》，（示例）延市办发〔2024〕8号，2024年6月30日起施行，https://")
    assert cite.endswith("/yanji/certificates/2024-06-30/")
    png = phone.request.get(base + "yanji/certificates/2024-06-30/qr.png").body()
    svg = phone.request.get(base + "yanji/certificates/2024-06-30/qr.svg").text()
    assert png.startswith(b"\x89PNG") and "<svg" in svg
    phone.goto(base + "yanji/certificates/YJ-ZM-101/")
    assert phone.inner_text("#vc-cite-text").startswith("延吉市村级组织证明事项目录（（示例）延市办发〔2024〕8号，2024年6月30日起施行）YJ-ZM-101“土地经营权流转备案情况证明”，https://")
    assert phone.request.get(base + "yanji/certificates/YJ-ZM-101/qr.svg").ok


# --- feeds that find you -----------------------------------------------------------------------------------

def test_every_page_head_links_a_feed(real_site):
    missing = [p.relative_to(real_site).as_posix() for p in real_site.rglob("index.html")
               if "refresh" not in p.read_text(encoding="utf-8")[:400]  # /id/ redirects are not pages
               and not re.search(r'<link rel="[^"]*\balternate\b[^"]*" type="application/atom\+xml"', p.read_text(encoding="utf-8"))]
    assert not missing, missing[:10]
    page = (real_site / "yanji/certificates/YJ-ZM-005/index.html").read_text(encoding="utf-8")
    assert page.count('type="application/atom+xml"') >= 3  # prefecture, county and catalog feeds


@pytest.mark.parametrize("county", [c.slug for c in CATALOGS.counties()])
def test_each_county_feed_has_one_entry_per_adjustment(real_site, county):
    root = ET.parse(real_site / county / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed" and root.find(f"{ATOM}title").text and root.find(f"{ATOM}updated").text
    entries = root.findall(f"{ATOM}entry")
    expected = [e for e in CATALOGS.all_editions() if e.region == county and e.kind is not EditionKind.CORRECTION]
    assert len(entries) == len(expected)
    for entry in entries:
        assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}link").get("href").startswith("https://")


def test_feed_entries_say_what_changed_for_the_public(real_site):
    root = ET.parse(real_site / "yanji/certificates/feed.xml").getroot()
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert any("延吉市不再保留：居住情况证明" in t for t in titles), titles


# --- compare any two editions --------------------------------------------------------------------------------

def test_compare_two_editions(phone, base):
    phone.goto(base + "yanji/certificates/changes/")
    phone.click("a:has-text('比较任意两个版本')")
    phone.wait_for_load_state()  # the click only starts the navigation; compare.js runs once the page has loaded
    phone.select_option("select[name=from]", "2023-10-27")
    phone.select_option("select[name=to]", "2024-06-30")
    rows = phone.locator(".vc-compare-out tbody tr").all_inner_texts()
    joined = "\n".join(rows)
    assert "取消" in joined and "居住情况证明" in joined
    assert "新增" in joined and "土地经营权流转备案情况证明" in joined
    assert "办结时限：7 个工作日内 → 5 个工作日内" in joined
    phone.select_option("select[name=from]", "2024-06-30")
    assert "没有差别" in phone.inner_text(".vc-compare-out")
