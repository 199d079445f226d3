"""The Korean twin (issue 25), read from the built site: every public page has its /ko/ twin with
lang="ko", hreflang both ways, a link to its Chinese twin, and no Han-script interface text outside
the message catalogue (data with no Korean is marked lang="zh"; kotext.py reads what is left)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kotext import HAN, han_outside_zh

from generator.catalog.answers import Outcome
from generator.catalog.model import CatalogKind, EditionKind
from generator.site import messages
from generator.site.i18n import date_in

SITE_URL = "https://catalogs.example.invalid/"
TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
ALTERNATE = re.compile(r'<link rel="alternate " hreflang="([^"]+)" href="([^"]+)">')


def public_pages(site: Path) -> list[str]:
    """Every page (its URI) the Chinese site publishes; /id/ resolvers and the 404 page are not pages."""
    out = []
    for path in site.rglob("index.html"):
        uri = path.parent.relative_to(site).as_posix()
        uri = "" if uri == "." else uri + "/"
        if not uri.startswith(("ko/", "id/", "assets/", "search/")):
            out.append(uri)
    return sorted(out)


@pytest.fixture(scope="module")
def pages(real_site) -> list[str]:
    return public_pages(real_site)


def read(site: Path, uri: str) -> str:
    return (site / uri / "index.html").read_text(encoding="utf-8")


def test_every_public_page_has_its_korean_twin(real_site, pages):
    assert len(pages) > 500
    missing = [uri for uri in pages if not (real_site / "ko" / uri / "index.html").is_file()]
    assert missing == []
    extra = [p for p in public_pages(real_site / "ko") if p not in pages]
    assert extra == [], "Korean pages with no Chinese twin"


def test_korean_pages_are_korean_and_link_both_ways(real_site, pages):
    for uri in pages:
        zh, ko = read(real_site, uri), read(real_site, "ko/" + uri)
        assert '<html lang="ko"' in ko, uri
        assert '<html lang="zh"' in zh, uri
        for text in (zh, ko):
            assert dict(ALTERNATE.findall(text)) == {
                "zh-CN": SITE_URL + uri,
                "ko": SITE_URL + "ko/" + uri,
                "x-default": SITE_URL + uri,
            }, uri
        assert 'class="md-header__button vc-lang-switch"' in zh and 'data-vc-lang="ko"' in zh, uri
        assert 'data-vc-lang="zh"' in ko and 'class="vc-banner vc-ko-note' in ko, uri


def test_no_han_interface_text_outside_the_catalogue_on_korean_pages(real_site, pages):
    """Text and read attributes outside lang="zh": no Han. A page's <title> may hold an item's Chinese
    name (data with no Korean; a title cannot carry markup) and is left out."""
    found = {}
    for uri in pages:
        left = han_outside_zh(TITLE.sub("", read(real_site, "ko/" + uri), count=1))
        if left:
            found[uri] = left[:3]
    assert found == {}


def test_the_chinese_pages_carry_no_korean_interface(real_site):
    """The Chinese home still says what it said: Chinese headings, the Korean only as names and the switch."""
    home = read(real_site, "")
    assert "这项证明，村里能开吗？" in home and "이 증명" not in home
    assert '<div lang="zh" class="vc-zh-body">' not in home


def test_korean_pages_link_korean_pages_and_shared_files(real_site):
    """Relative links on a Korean page lead to Korean pages, or to the one copy of a shared file."""
    html = read(real_site, "ko/yanji/certificates/")
    hrefs = re.findall(r'href="([^"#:]+)"', html)
    base = real_site / "ko" / "yanji" / "certificates"
    for href in hrefs:
        target = (base / href).resolve()
        assert target.exists() or (target / "index.html").exists(), href
    assert any(h.endswith(".csv") and "/ko/" not in str((base / h).resolve()) for h in hrefs)
    assert 'src="data:image/svg+xml' in html or "qr.svg" in html


def test_korean_qr_codes_lead_to_korean_pages(real_site):
    from test_qr import _decode, _read_png

    for uri, want in [
        ("ko/yanji/certificates/2023-10-27/", SITE_URL + "ko/yanji/certificates/2023-10-27/"),
        ("yanji/certificates/2023-10-27/", SITE_URL + "yanji/certificates/2023-10-27/"),
        ("ko/yanji/certificates/YJ-ZM-101/", SITE_URL + "ko/id/YJ-ZM-101/"),
    ]:
        width, height, rows = _read_png((real_site / uri / "qr.png").read_bytes())
        grey = bytes(0 if v else 255 for row in rows for v in row)
        assert _decode(width, height, grey) == [want], uri


def test_every_page_type_is_in_korean(real_site):
    """No page type shows its Chinese text under a Korean heading any more: the status, data, gallery,
    comparison, change, matrix and cancelled pages speak Korean (headings, table heads), their data
    marked lang="zh" (test_no_han_interface_text_outside_the_catalogue_on_korean_pages reads them all)."""
    for uri, heading in [
        ("status/", "title.status"),
        ("data/", "nav.data"),
        ("signboards/", "gallery.heading"),
        ("certificates/", "matrix.title"),
        ("changes/", "title.site_changes"),
        ("yanji/certificates/changes/", "changes.heading"),
        ("yanji/certificates/compare/", "compare.heading"),
        ("hunchun/certificates/cancelled/", "cancelled.heading"),
        ("signboards/yanji/", "gallery.set.title"),
    ]:
        page = read(real_site, "ko/" + uri)
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL).group(1)
        korean = messages.text(heading, "ko").split("{")[0].strip() or messages.text(heading, "ko").split("}")[-1]
        assert korean.strip(" :") in h1, (uri, h1)
        assert 'class="vc-zh-body"' not in page and not HAN.search(re.sub(r'<span lang="zh">.*?</span>', "", h1))
    status = read(real_site, "ko/status/")
    assert "<th>" + messages.text("site_changes.col.region", "ko") + "</th>" in status
    assert '<div lang="zh"><svg' in status  # the timeline picture's labels are Chinese, marked so


def test_catalogue_chinese_is_the_models_own():
    """Labels the model defines (catalog kinds, edition kinds, outcomes) read the same from the catalogue."""
    for k in CatalogKind:
        assert messages.text(f"kind.{k.value}.label", "zh") == k.label
        assert messages.text(f"kind.{k.value}.short", "zh") == k.short_label
    for e in EditionKind:
        assert messages.text(f"edition.{e.value}.kind", "zh") == e.label
    for o in Outcome:
        assert messages.text(f"outcome.{o.value}.label", "zh") == o.label
        assert messages.text(f"js.outcome.{o.value}.label", "zh") == o.label
        assert messages.text(f"outcome.{o.value}.plain", "zh") == o.plain


def test_catalogue_entries_are_complete_and_korean_is_hangul():
    for key, m in messages.catalogue().items():
        if key == "switch.label":  # the switch names the other language in that language
            continue
        assert not HAN.search(m.ko.replace("〔", "")), (key, m.ko)
        assert isinstance(m.verified, bool)


def test_catalogue_problems_are_reported_all_at_once():
    raw = (
        'a: {zh: "甲{x}", ko: "가", verified: false}\n'
        'b: {zh: "乙", ko: "나"}\n'
        'c: {zh: "丙", ko: "다", verified: "no"}\n'
    ).encode()
    found, problems = messages.parse(raw, "m.yaml")
    assert found == {}
    assert [p.split(": ")[1] for p in problems] == ["a", "b", "c"]
    assert "占位符" in problems[0]


def test_yanbian_orthography_in_the_catalogue():
    """No initial-sound rule: 례시 (示例), 리유 (理由), never 예시 / 이유."""
    ko = " ".join(m.ko for m in messages.catalogue().values())
    assert "례시" in ko and "리유" in ko
    assert "예시" not in ko and "이유" not in ko


def test_dates_in_korean():
    import datetime

    assert date_in("ko", datetime.date(2024, 6, 30)) == "2024년 6월 30일"
    assert date_in("zh", datetime.date(2024, 6, 30)) == "2024年6月30日"


def test_no_bracketed_particles_in_the_catalogue():
    """A sentence round a link or a name reads without 은(는), (으)로 …: the superseded banner names the
    new edition after a colon."""
    for key in ("edition.superseded.before", "edition.superseded.after"):
        assert "(으)" not in messages.text(key, "ko")
    found = [k for k, m in messages.catalogue().items() if "(으)" in m.ko]
    assert found == []


def test_the_404_page_says_it_in_both_languages(real_site):
    page = (real_site / "404.html").read_text(encoding="utf-8")
    assert messages.text("notfound.title", "zh") in page
    ko = page.split('<div lang="ko">', 1)[1]
    assert messages.text("notfound.title", "ko") in ko and f'href="{SITE_URL}ko/"' in ko


def test_a_korean_item_title_is_its_korean_name(real_site):
    """The <title> of a Korean item page is the Korean name alone (twin.retitle drops the Chinese beside it)."""
    page = read(real_site, "ko/yanji/certificates/YJ-ZM-101/")
    title = TITLE.search(page).group(0)
    assert title == f"<title>토지경영권 류전비안 정황증명 - {messages.text('site.name', 'ko')}</title>", title
