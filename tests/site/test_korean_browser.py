"""The Korean twin in Chromium on a 390×844 phone: county choice, the answer box (a Korean certificate
name from the data → Korean outcome words), the search dialog, an item page, printing, the language
switch remembered for the home page; axe-core finds no serious or critical violation on any Korean
page type. Uses the session's built site (`real_site`, `base`) and `phone` from conftest.py."""

from __future__ import annotations

import pytest
from kotext import HAN
from test_answers_browser import AXE_PAGES, _axe
from waits import settled, still

ASK = "#vc-ask-q"


def korean_home(page, base):
    page.goto(base + "ko/")
    page.wait_for_selector(".vc-pick button[data-county=yanji]")


def test_county_choice_in_korean(phone, base):
    korean_home(phone, base)
    assert phone.get_attribute("html", "lang") == "ko"
    assert phone.inner_text("#vc-ask-title") == "이 증명, 촌에서 뗄 수 있습니까?"
    button = phone.locator(".vc-pick button[data-county=yanji]")
    assert button.inner_text() == "연길시"
    assert button.bounding_box()["y"] < 844
    button.click()
    phone.wait_for_selector(ASK, state="visible")
    assert "연길시" in phone.inner_text(".vc-ask-where") and "목록으로 답합니다" in phone.inner_text(".vc-ask-where")
    phone.reload()
    assert phone.locator(ASK).is_visible(), "the chosen county was not remembered"


@pytest.mark.parametrize("query", ["무범죄기록증명", "无犯罪"])
def test_answer_box_answers_in_korean(phone, base, query):
    korean_home(phone, base)
    phone.click(".vc-pick button[data-county=yanji]")
    phone.fill(ASK, query)
    phone.wait_for_function("q => document.querySelector('.vc-ask-out').dataset.shown.endsWith('/' + q)", arg=query)
    first = phone.locator(".vc-ask-out .vc-result").first
    assert "vc-o-forbidden" in first.get_attribute("class")
    assert first.locator(".vc-o-label").inner_text() == "뗄 수 없음"
    text = first.inner_text()
    assert "촌에서 뗄 수 없습니다" in text and "여기로 가십시오" in text
    href = first.locator("h3 a").get_attribute("href")
    assert "/ko/" in href, "the answer links the Chinese page from a Korean page"


HAN_OUTSIDE_ZH = """el => {
  const out = [], walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode())
    if (/[\\u3400-\\u9fff]/.test(n.data) && !n.parentElement.closest('[lang^="zh"]')) out.push(n.data);
  return out;
}"""


@pytest.mark.parametrize("query, outcome", [("无犯罪", "forbidden"), ("土地经营权流转", "retained")])
def test_answer_data_in_chinese_is_marked_on_korean_pages(phone, base, query, outcome):
    """The answer's data with no Korean (route, legal source, issuer, rule …) is marked lang="zh"."""
    korean_home(phone, base)
    phone.click(".vc-pick button[data-county=yanji]")
    phone.fill(ASK, query)
    phone.wait_for_function("q => document.querySelector('.vc-ask-out').dataset.shown.endsWith('/' + q)", arg=query)
    first = phone.locator(".vc-ask-out .vc-result").first
    assert "vc-o-" + outcome in first.get_attribute("class")
    first.locator("details summary").evaluate_all("ss => ss.forEach(s => s.click())")
    assert first.locator('[lang="zh"]').count() >= 2
    assert first.evaluate(HAN_OUTSIDE_ZH) == []


def test_county_names_follow_the_page_language(phone, base):
    """The search dialog's county picker names the counties in Korean on a Korean page; a county chosen
    there is named in Chinese on a Chinese page (the choice is kept by its slug)."""
    phone.goto(base + "ko/about/")
    phone.click("label.md-header__button[for=__search]")
    phone.fill("input.md-search__input", "무범죄기록증명")
    buttons = phone.locator(".vc-pick-inline button")
    buttons.first.wait_for()
    names = buttons.all_inner_texts()
    assert "연길시" in names and "룡정시" in names and not any(HAN.search(n) for n in names), names
    buttons.filter(has_text="연길시").click()
    phone.goto(base)
    phone.wait_for_selector(ASK, state="visible")
    where = phone.inner_text(".vc-ask-where")
    assert "延吉市" in where and "연길시" not in where, where


def test_search_dialog_in_korean(phone, base):
    phone.goto(base + "ko/yanji/")
    phone.click("label.md-header__button[for=__search]")
    assert phone.get_attribute("input.md-search__input", "placeholder") == "증명, 사무, 간판 검색"
    phone.fill("input.md-search__input", "무범죄기록증명")
    phone.wait_for_selector(".md-search-result__item")
    meta = phone.inner_text(".md-search-result__meta")
    assert "결과" in meta, meta
    hrefs = phone.locator(".md-search-result__item a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs and all("/ko/" in h for h in hrefs if "/search/" not in h), hrefs


def test_item_page_in_korean(phone, base):
    phone.goto(base + "ko/yanji/forbidden-certificates/YJ-QX-05/")
    settled(phone)
    assert phone.get_attribute("html", "lang") == "ko"
    assert "무범죄기록증명" in phone.inner_text("h1")
    assert phone.locator("h1 [lang=zh]").inner_text().startswith("(") is False
    assert "뗄 수 없음" in phone.inner_text(".vc-outcome .vc-o-label")
    note = phone.locator(".vc-ko-note")
    assert "번역 검토중" in note.inner_text()
    assert note.locator("a").get_attribute("href").endswith("yanji/forbidden-certificates/YJ-QX-05/")
    phone.click(".vc-lang-switch")
    phone.wait_for_url("**/yanji/forbidden-certificates/YJ-QX-05/")
    assert phone.get_attribute("html", "lang") == "zh"


def test_printed_korean_edition_is_korean(phone, base):
    phone.goto(base + "ko/yanji/certificates/2023-10-27/")
    settled(phone)
    phone.emulate_media(media="print")
    printed = phone.inner_text(".vc-page > .vc-print-dates")
    assert "인쇄 날자" in printed and "웹사이트의 현행 판본을 기준으로" in printed
    assert not phone.locator(".vc-ko-note").is_visible(), "the web note is printed"


def test_compared_editions_in_korean_mark_their_chinese_data(phone, base):
    phone.goto(base + "ko/yanji/certificates/compare/")
    phone.wait_for_selector(".vc-compare-out tbody tr")
    rows = phone.locator(".vc-compare-out tbody tr").evaluate_all(
        "rs => rs.map(r => [...r.cells].map(c => [c.lang, c.innerText]))"
    )
    assert rows
    for (kind_lang, kind), *data in rows:
        assert kind_lang == "" and HAN.search(kind) is None, kind  # 추가 / 변경 / 삭제: the page's words
        assert all(lang == "zh" for lang, _ in data), data


def test_switch_is_remembered_for_the_home_page_without_trapping(phone, base):
    phone.goto(base)
    phone.click(".vc-lang-switch")
    phone.wait_for_url(base + "ko/")
    phone.goto(base)
    phone.wait_for_url(base + "ko/")  # the home page honours the choice
    phone.click(".vc-lang-switch")
    phone.wait_for_url(base)
    settled(phone)
    assert phone.url == base and phone.get_attribute("html", "lang") == "zh"


@pytest.mark.parametrize("name", sorted(AXE_PAGES))
def test_axe_on_korean_page_types(phone, base, name):
    phone.goto(base + "ko/" + AXE_PAGES[name], wait_until="networkidle")
    assert phone.get_attribute("html", "lang") == "ko"
    assert _axe(phone) == []


def test_axe_on_korean_answers_and_search(phone, base):
    korean_home(phone, base)
    phone.click(".vc-pick button[data-county=yanji]")
    phone.fill(ASK, "무범죄기록증명")
    phone.wait_for_selector(".vc-ask-out .vc-result")
    assert _axe(phone) == []
    phone.click("label.md-header__button[for=__search]")
    phone.fill("input.md-search__input", "무범죄")
    phone.wait_for_selector(".md-search-result__item")
    still(phone)
    assert _axe(phone) == []
