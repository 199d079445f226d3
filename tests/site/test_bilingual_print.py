"""The 公开栏 sheet in two scripts (issue 25): a Korean edition page prints bilingual, Chinese first (the
order of 延州政办发〔2022〕16号): the Chinese title and dates above the Korean page, each item's Chinese name
above its Korean one, and the code leads to the Korean page. The Chinese page prints Chinese as before and
offers the bilingual sheet (双语打印), which opens the Korean page and prints it. Read from real PDFs."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from conftest import SITE_TODAY, SITE_URL
from test_officials import CATALOGS, _fixed_url, _grey_pages, _pdf, _scan
from waits import settled

from generator.catalog.model import CatalogKind
from generator.site.messages import by_chinese

URI = "yanji/certificates/"


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", re.sub(r"\s+", "", text))


def _top(textpage, text: str) -> float | None:
    """The top (PDF points, from the bottom of the sheet) of the first place `text` is printed."""
    found = textpage.search(text).get_next()
    return textpage.get_charbox(found[0])[3] if found else None


def test_the_korean_sheet_is_bilingual_chinese_first(phone, base, tmp_path):
    import pypdfium2

    edition = CATALOGS.in_force("yanji", CatalogKind.CERTIFICATES, date.fromisoformat(SITE_TODAY))
    named = [i for i in edition.items if i.name_ko]
    assert named, "the sheet's items include some with a Korean name"
    phone.goto(base + "ko/" + URI)
    korean_title = phone.inner_text("h1").strip()
    path, reader = _pdf(phone, base, "ko/" + URI, tmp_path)
    text = _plain("".join(p.extract_text() for p in reader.pages))
    assert _plain(edition.title) in text and _plain(korean_title) in text
    assert "打印日期" in text and "인쇄날자" in text  # both dates lines
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        first = pdf[0].get_textpage()
        assert _top(first, edition.title) > _top(first, korean_title) > _top(first, "인쇄 날자")
        assert _top(first, "打印日期") > _top(first, korean_title)
        for heading in ("出具主体", "设定依据"):  # column headings: the Chinese above the Korean
            assert _top(first, heading) > _top(first, by_chinese(heading)) > 0, heading
        pages = [pdf[n].get_textpage() for n in range(len(pdf))]
        for item in named:  # the Chinese name above the Korean one, on the same page
            zh, ko = [
                next((n, _top(p, name)) for n, p in enumerate(pages) if _top(p, name))
                for name in (item.name, item.name_ko)
            ]
            assert zh[0] == ko[0] and zh[1] - ko[1] > 9, item.id  # a line of 12 pt text apart, not side by side
    finally:
        pdf.close()
    korean_url = SITE_URL + "ko/" + _fixed_url(URI).removeprefix(SITE_URL)
    for n, (w, h, grey) in enumerate(_grey_pages(path), start=1):
        assert _scan(w, h, grey) == [korean_url], f"page {n}"


def test_a_korean_item_notice_prints_its_chinese_first(phone, base, tmp_path):
    """The item page's one-page notice from /ko/: the Chinese name above the Korean one, each field's
    Chinese label above its Korean label, on one page."""
    import pypdfium2

    item = next(
        i
        for i in CATALOGS.in_force("yanji", CatalogKind.CERTIFICATES, date.fromisoformat(SITE_TODAY)).items
        if i.name_ko
    )
    path, reader = _pdf(phone, base, f"ko/yanji/certificates/{item.id}/", tmp_path)
    assert len(reader.pages) == 1
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        page = pdf[0].get_textpage()
        assert _top(page, item.name) > _top(page, item.name_ko) > 0  # the heading: Chinese above Korean
        for label in ("出具主体", "办结时限", "设定依据"):
            assert _top(page, label) > _top(page, by_chinese(label)) > 0, label
    finally:
        pdf.close()


def test_the_chinese_sheet_stays_chinese(phone, base, tmp_path):
    path, reader = _pdf(phone, base, URI, tmp_path)
    text = "".join(p.extract_text() for p in reader.pages)
    assert not re.search(r"[\uac00-\ud7a3]{2}", text.replace("조선어", "")), "Hangul on the Chinese sheet"
    assert [_scan(w, h, g) for w, h, g in _grey_pages(path)] == [[_fixed_url(URI)]]


def test_the_chinese_page_offers_the_bilingual_sheet(phone, base):
    """双语打印 leads to the Korean page, which prints itself: window.print is called once it has loaded."""
    phone.add_init_script("window.__printed = 0; window.print = function () { window.__printed += 1; };")
    phone.goto(base + URI)
    link = phone.locator('a.vc-button[href$="#vc-print"]')
    assert link.inner_text() == "打印公开栏（中文、朝鲜文）"
    link.click()
    phone.wait_for_url("**/ko/" + URI + "#vc-print")
    phone.wait_for_function("window.__printed === 1")
    settled(phone)
    assert phone.evaluate("window.__printed") == 1
    phone.goto(base + URI)  # without the fragment nothing prints by itself
    settled(phone)
    assert phone.evaluate("window.__printed") == 0
