"""Officials (issue 10): no wrong address ever, pages right on the day, a 公开栏 sheet worth printing,
citations and QR downloads, feeds that find you, any two editions compared."""

from __future__ import annotations

import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date, datetime

import pytest
from conftest import REPO_ROOT, SITE_TODAY, SITE_URL, build_with_env
from mkdocs.exceptions import Abort, PluginError

from generator.catalog.model import CatalogKind, EditionKind
from generator.catalog.validate import check_catalogs
from generator.site import urls

ATOM = "{http://www.w3.org/2005/Atom}"
CATALOGS, _ = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)


# --- no wrong address, ever ----------------------------------------------------------------------------


def test_a_build_without_the_public_address_fails_with_what_to_set(site_project, tmp_path, monkeypatch):
    with pytest.raises((PluginError, Abort)) as failure:
        build_with_env(site_project, tmp_path, {}, monkeypatch)
    text = f"{failure.value} {failure.value.__context__}"
    assert "没有设置网站的公开地址 SITE_URL" in text and "SITE_PREVIEW=1" in text
    assert not (tmp_path / "site").exists()


def test_a_local_preview_says_so_on_qr_codes_and_feeds(site_project, tmp_path, monkeypatch):
    site = build_with_env(site_project, tmp_path, {"SITE_PREVIEW": "1"}, monkeypatch)
    page = (site / "yanji/certificates/index.html").read_text(encoding="utf-8")
    assert "本地预览" in page and "不能打印张贴" in page
    assert "本地预览" in (site / "changes/feed.xml").read_text(encoding="utf-8")


def test_a_published_build_has_no_local_address_anywhere(real_site):
    found = [
        p.relative_to(real_site).as_posix()
        for p in real_site.rglob("*")
        if p.is_file()
        and p.suffix != ".map"  # Material's own source maps quote "127.0.0.1" in a code comment
        and b"127.0.0.1" in p.read_bytes()
    ]
    assert not found, found[:10]


# --- right on the day ------------------------------------------------------------------------------------


NEW_EDITION = "dunhua/certificates/2027-01-01/"


@pytest.mark.parametrize(
    "uri", ["dunhua/certificates/", "dunhua/certificates/2023-10-31/", "dunhua/certificates/DH-ZM-001/"]
)
@pytest.mark.parametrize(
    "day, shown", [("2026-12-31T10:00:00", False), ("2027-01-01T08:00:00", True), ("2027-03-01T08:00:00", True)]
)
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
# Every printed page is rasterised (pypdfium2) and scanned with a real decoder (zxing-cpp): the code must
# read as the page's fixed URL, measure at least 20 mm with its quiet zone of four light modules, and lie
# wholly inside what a printer prints (5 mm from each edge of the sheet).

DPI = 150
PRINTABLE_MM = 5.0  # no printer is asked to print nearer the edge of the sheet than this
MIN_SIDE_MM = 20.0  # the code with its quiet zone
QUIET_MODULES = 4
MM = 25.4 / DPI  # one pixel, in millimetres


def _fixed_url(uri: str) -> str:
    """The address the notice of `uri` encodes: an edition's own dated URL (the current one for a
    catalog's address) or an item's permanent /id/ link (urls.py)."""
    region, kind, *rest = uri.strip("/").split("/")
    catalog = CatalogKind(kind)
    if rest and re.fullmatch(r"\d{4}-\d\d-\d\d", rest[0]):
        return SITE_URL + urls.edition_uri(region, catalog, date.fromisoformat(rest[0]))
    if rest:
        return SITE_URL + urls.id_uri(rest[0])
    edition = CATALOGS.in_force(region, catalog, date.fromisoformat(SITE_TODAY))
    return SITE_URL + urls.edition_uri(region, catalog, edition.effective)


def _issued_only(uri: str) -> bool:
    """The notice's edition has only its document's issue date (no effective date stated): it says 印发."""
    region, kind, *rest = uri.strip("/").split("/")
    history = CATALOGS.history(region, CatalogKind(kind))
    if rest and re.fullmatch(r"\d{4}-\d\d-\d\d", rest[0]):
        edition = next(e for e in history if e.effective.isoformat() == rest[0])
    elif rest:
        edition = next(
            e for e in reversed(history) if e.item(rest[0]) and e.effective <= date.fromisoformat(SITE_TODAY)
        )
    else:
        edition = CATALOGS.in_force(region, CatalogKind(kind), date.fromisoformat(SITE_TODAY))
    return edition.document is not None and edition.document.date == edition.effective


def _pdf(page, base, uri, tmp_path):
    from pypdf import PdfReader

    page.goto(base + uri, wait_until="networkidle")
    path = tmp_path / "sheet.pdf"
    page.pdf(path=str(path), prefer_css_page_size=True)
    return path, PdfReader(str(path))


def _grey_pages(path):
    """Each page as (width, height, 8-bit grey rows) at DPI, as a scanner or a phone's camera would see it."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        for page in pdf:
            bitmap = page.render(scale=DPI / 72, grayscale=True)
            w, h, stride, raw = bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)
            yield w, h, raw if stride == w else b"".join(raw[y * stride : y * stride + w] for y in range(h))
    finally:
        pdf.close()


def _scan(w: int, h: int, grey: bytes) -> list[str]:
    """What zxing-cpp reads on one page, after checking each code's size, quiet zone and place."""
    import zxingcpp

    problems, texts = [], []
    for code in zxingcpp.read_barcodes(memoryview(grey).cast("B", shape=[h, w]), formats=zxingcpp.BarcodeFormat.QRCode):
        texts.append(code.text)
        modules = 17 + 4 * int(code.extra["Version"])
        p = code.position
        left, right = min(p.top_left.x, p.bottom_left.x), max(p.top_right.x, p.bottom_right.x)
        top, bottom = min(p.top_left.y, p.top_right.y), max(p.bottom_left.y, p.bottom_right.y)
        module = (right - left + 1) / modules
        quiet = QUIET_MODULES * module
        box = (left - quiet, top - quiet, right + 1 + quiet, bottom + 1 + quiet)  # the code with its quiet zone, px
        if (box[2] - box[0]) * MM < MIN_SIDE_MM:
            problems.append(f"{(box[2] - box[0]) * MM:.1f} mm wide with its quiet zone")
        edges = (box[0], box[1], w - box[2], h - box[3])
        if min(edges) * MM < PRINTABLE_MM - 0.5:
            problems.append(f"{min(edges) * MM:.1f} mm from the edge of the sheet")
        ring = [
            (x, y)
            for y in range(max(0, int(box[1]) + 1), min(h, int(box[3]) - 1))
            for x in range(max(0, int(box[0]) + 1), min(w, int(box[2]) - 1))
            if not (left - 2 <= x <= right + 2 and top - 2 <= y <= bottom + 2)
        ]
        dark = sum(grey[y * w + x] < 160 for x, y in ring)
        if dark:
            problems.append(f"{dark} dark pixels in the quiet zone")
    assert not problems, problems
    return texts


def _sizes(reader) -> list[tuple[float, str]]:
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append((size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]), text.strip()))

    for p in reader.pages:
        p.extract_text(visitor_text=visit)
    return sizes


def _unembedded_fonts(reader) -> set[str]:
    """Fonts the PDF names but does not carry (Chromium draws CJK glyphs as Type 3 procedures, which are
    carried by definition, and embeds the rest as font files)."""
    missing = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            if "/CharProcs" in font:
                continue
            for f in [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]:
                descriptor = f.get("/FontDescriptor")
                if descriptor is not None and not any(
                    k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    missing.add(str(f.get("/BaseFont")))
    return missing


@pytest.mark.parametrize(
    "uri, pages, landscape",
    [
        ("yanbian/forbidden-certificates/", 2, False),  # the 20-item national list on two pages
        ("yanji/certificates/", 1, True),  # an 8-item county list on one
        ("dunhua/certificates/", 1, True),  # with the whole 清单未列入 footnote (catalog/policy.py)
        ("longjing/certificates/", 1, True),  # the longest county list
        ("yanji/work-affairs/", 2, True),  # the widest table
        ("yanji/signboards/2023-10-27/", 1, True),  # an edition's own dated address
        ("yanji/certificates/YJ-ZM-101/", 1, False),  # an item page: a one-page notice of its own
    ],
)
def test_printed_notice_scans_on_every_page(phone, base, tmp_path, uri, pages, landscape):
    path, reader = _pdf(phone, base, uri, tmp_path)
    assert len(reader.pages) == pages
    url = _fixed_url(uri)
    for n, (w, h, grey) in enumerate(_grey_pages(path), start=1):
        assert (w > h) is landscape, f"page {n}: {w}×{h}"
        assert _scan(w, h, grey) == [url], f"page {n} of {uri}"
    small = sorted({(round(s, 1), t[:12]) for s, t in _sizes(reader) if s < 11.95})
    assert not small, f"text below 12 pt: {small[:8]}"
    assert not _unembedded_fonts(reader)
    for n, p in enumerate(reader.pages, start=1):
        text = unicodedata.normalize("NFKC", re.sub(r"\s+", "", p.extract_text()))  # "ﬁ" ligatures back to "fi"
        assert re.search(rf"第{n}\S共{pages}\S", text), f"page {n}: no 第 {n} 页 共 {pages} 页"
        assert url.split("://")[1] in text, f"page {n}: the address is missing"
    body = unicodedata.normalize("NFKC", re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages)))
    assert "打印日期" in body and ("印发" if _issued_only(uri) else "起生效") in body
    assert "引用时请使用固定版本链接" not in body and "复制引用" not in body  # no web-only text


def test_a_printed_item_page_is_a_notice(phone, base, tmp_path):
    _, reader = _pdf(phone, base, "yanji/certificates/YJ-ZM-101/", tmp_path)
    text = unicodedata.normalize("NFKC", re.sub(r"\s+", "", reader.pages[0].extract_text()))
    assert len(reader.pages) == 1
    for label, value in [
        ("", "可以开具"),
        ("出具主体", "村集体经济组织"),
        ("办理流程", "申请人提出申请"),
        ("办结时限", "3个工作日内"),
        ("设定依据", "农村土地承包法"),
        ("", "2024年6月30日起生效"),
        ("", "打印日期"),
    ]:
        assert label in text and value in text, (label, value)
    assert "历次变化" not in text  # the web page's history stays on the web


def test_no_link_colour_and_one_footnote_in_print(phone, base):
    phone.goto(base + "yanbian/forbidden-certificates/")
    phone.emulate_media(media="print")
    colours = set(phone.locator("article a").evaluate_all("as => as.map(a => getComputedStyle(a).color)"))
    assert colours <= {"rgb(0, 0, 0)"}, colours
    notes = phone.locator("article :is(span, p)").evaluate_all(
        "els => els.filter(e => e.offsetParent && e.children.length === 0 && e.textContent.includes('未经核实')).length"
    )
    assert notes == 1  # the note once, as a footnote, not on each of 19 rows
    assert phone.locator(".vc-footnote").is_visible()


def test_print_button_and_citation(phone, base):
    phone.goto(base + "yanji/certificates/2024-06-30/")
    assert phone.locator("[data-vc-print]").is_visible()
    cite = phone.inner_text("#vc-cite-text")
    assert cite.startswith(
        "【示例，不能作为办事依据】《延吉市村级组织证明事项保留清单（2024年版）》（示例文号：延市办发〔2024〕8号），"
        "中共延吉市委办公室 延吉市人民政府办公室，2024年6月20日印发，https://"
    )  # 《标题》（文号），发文机关，印发日期，固定网址
    assert cite.endswith("/yanji/certificates/2024-06-30/")
    png = phone.request.get(base + "yanji/certificates/2024-06-30/qr.png").body()
    svg = phone.request.get(base + "yanji/certificates/2024-06-30/qr.svg").text()
    assert png.startswith(b"\x89PNG") and "<svg" in svg
    phone.goto(base + "yanji/certificates/YJ-ZM-101/")
    assert phone.inner_text("#vc-cite-text").startswith(
        "【示例，不能作为办事依据】《延吉市村级组织证明事项保留清单（2024年版）》（示例文号：延市办发〔2024〕8号）所列“土地经营权流转备案情况证明”"
        "（事项编号 YJ-ZM-101），中共延吉市委办公室 延吉市人民政府办公室，2024年6月20日印发，https://"
    )
    assert phone.request.get(base + "yanji/certificates/YJ-ZM-101/qr.svg").ok


# --- feeds that find you -----------------------------------------------------------------------------------


def test_every_page_head_links_a_feed(real_site):
    missing = [
        p.relative_to(real_site).as_posix()
        for p in real_site.rglob("index.html")
        if "refresh" not in p.read_text(encoding="utf-8")[:400]  # /id/ redirects are not pages
        and not re.search(
            r'<link rel="[^"]*\balternate\b[^"]*" type="application/atom\+xml"', p.read_text(encoding="utf-8")
        )
    ]
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
    assert any("新增 1 项、取消 1 项、调整 2 项" in t for t in titles), titles  # counts by kind (test_feed_counts.py)
    summaries = [e.find(f"{ATOM}summary").text for e in root.findall(f"{ATOM}entry")]
    assert any("延吉市不再保留：居住情况证明" in s for s in summaries), summaries


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
