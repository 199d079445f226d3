"""The answer a villager gets, on a 390×844 phone in Chromium: county first, one outcome per
certificate (可以开具 / 不能开具 / 已不再保留 / 清单未列入) with what it rests on; pasted and Korean
queries; a layout that reads on a phone; axe-core finds no serious or critical violation.

Uses the session's built site (`real_site`, CATALOG_TODAY fixed) served on 127.0.0.1 (`base`) and
a 390×844 phone page in the session's Chromium (`phone`), all from conftest.py.
"""

from __future__ import annotations

import re

import pytest
from waits import settled, still

ASK = "#vc-ask-q"
RESULT = ".vc-ask-out .vc-result"


def choose_county(page, base, slug="yanji"):
    page.goto(base)
    page.click(f".vc-pick button[data-county={slug}]")
    page.wait_for_selector(ASK, state="visible")


def ask(page, query: str) -> list[dict[str, str]]:
    """Type `query` into the home page's question box; the answer cards as {outcome, name, text}."""
    page.fill(ASK, query)
    page.wait_for_function("q => document.querySelector('.vc-ask-out').dataset.shown.endsWith('/' + q)", arg=query)
    return page.locator(RESULT).evaluate_all(
        """cards => cards.map(c => ({outcome: [...c.classList].find(x => x.startsWith('vc-o-')).slice(5),
                                     label: c.querySelector('.vc-o-label').textContent,
                                     name: (c.querySelector('h3') || {}).textContent || '',
                                     text: c.innerText}))"""
    )


# --- county first -------------------------------------------------------------------------------------


def test_county_is_the_first_question_and_is_remembered(phone, base):
    phone.goto(base)
    picker = phone.locator(".vc-pick")
    assert picker.is_visible() and not phone.locator(ASK).is_visible()
    assert picker.bounding_box()["y"] < 844, "the county picker is not on the first screen of a phone"
    phone.click(".vc-pick button[data-county=yanji]")
    assert "延吉市" in phone.inner_text(".vc-ask-where")
    phone.reload()
    assert phone.locator(ASK).is_visible(), "the chosen county was not remembered"
    phone.click(".vc-ask-change")  # changeable in one tap
    assert phone.locator(".vc-pick").is_visible()


def test_yanji_resident_asking_for_residence_certificate_hears_removed_first(phone, base):
    choose_county(phone, base)
    cards = ask(phone, "居住情况证明")
    first = cards[0]
    assert first["outcome"] == "removed" and first["label"] == "已不再保留", cards
    assert "居住情况证明" in first["name"]
    assert "2024年6月30日" in first["text"] and "理由" in first["text"]
    assert "示例" in first["text"]  # yanji's lists are example data
    assert not any(c["outcome"] == "retained" for c in cards), "another county's yes shown to a 延吉 villager"


@pytest.mark.parametrize("query", ["无犯罪", "wufanzui", "wfz", "无犯罪证明", "良民证"])
def test_no_criminal_record_certificate_cannot_be_issued(phone, base, query):
    choose_county(phone, base)
    first = ask(phone, query)[0]
    assert first["outcome"] == "forbidden" and first["label"] == "不能开具", first
    assert "无犯罪记录证明" in first["name"]
    assert "请到：" in first["text"] and "公安" in first["text"]  # where to go instead
    assert "第 5 项" in first["text"]


def test_colloquial_name_leads_to_the_listed_item(phone, base):
    choose_county(phone, base)
    first = ask(phone, "单身证明")[0]
    assert first["outcome"] == "forbidden" and "婚姻状况证明" in first["name"]
    assert "“单身证明”通常指这项证明" in first["text"]
    assert "收养人婚姻状况和抚养教育能力证明" in first["text"]  # the declared legal exception


def test_retained_certificate_says_who_issues_it_and_how_fast(phone, base):
    choose_county(phone, base)
    first = ask(phone, "土地流转证明")[0]
    assert first["outcome"] == "retained" and first["label"] == "可以开具", first
    assert "土地经营权流转备案情况证明" in first["name"]
    assert "出具：村集体经济组织（发包方）" in first["text"] and "办结时限：3 个工作日内" in first["text"]


def test_certificate_on_no_list_explains_the_rule(phone, base):
    choose_county(phone, base)
    cards = ask(phone, "低保证明")
    assert len(cards) == 1 and cards[0]["outcome"] == "unlisted" and cards[0]["label"] == "清单未列入"
    text = cards[0]["text"]
    assert "村里不是一律不能开" in text and "能够核实" in text and "村民会议" in text and "二（三）10" in text
    assert phone.locator(f"{RESULT} a[href$='/yanji/certificates/']").count() == 1
    assert phone.locator(f"{RESULT} a[href$='/yanji/forbidden-certificates/']").count() == 1


def test_korean_query_finds_certificates(phone, base):
    choose_county(phone, base)
    first = ask(phone, "범죄")[0]
    assert first["outcome"] == "forbidden" and "무범죄기록증명" in first["name"]
    assert "译名待核" in first["name"]  # an unchecked translation says so
    assert phone.locator(f"{RESULT} [lang=ko]").count() >= 1


def test_whole_matched_term_is_highlighted(phone, base):
    choose_county(phone, base)
    ask(phone, "流转备案")
    assert phone.locator(f"{RESULT} h3 mark").first.inner_text() == "流转备案"


def test_pasted_query_answers_without_a_key_press(phone, base):
    choose_county(phone, base)
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    phone.evaluate("navigator.clipboard.writeText('居住情况证明')")
    phone.focus(ASK)
    phone.keyboard.press("Control+V")
    phone.wait_for_selector(RESULT)
    assert phone.locator(RESULT).first.locator(".vc-o-label").inner_text() == "已不再保留"


def test_other_counties_only_when_asked(phone, base):
    choose_county(phone, base)
    ask(phone, "居住情况证明")
    assert phone.locator(".vc-others").count() == 0
    phone.click(".vc-ask-others")
    phone.wait_for_function("() => !document.querySelector('.vc-others').innerText.includes('查询中')")
    lines = phone.inner_text(".vc-others")
    assert "图们市：" in lines and "可以开具" in lines and "延吉市" not in lines
    requested = phone.evaluate("performance.getEntriesByType('resource').map(r => r.name.split('/search/').pop())")
    answers = sorted(u for u in requested if u.startswith("answers"))
    assert answers == ["answers-all.json", "answers/yanji.json"], answers  # one file for every other county
    tumen = phone.locator(".vc-others li", has_text="图们市")
    assert tumen.locator(".vc-ex").count() == 1  # illustrative data says so here too


def test_other_counties_say_the_same_as_their_own_files(phone, base):
    """answers-all.json stores each county's entries compactly: the outcome it gives for a county is
    the one that county's own file gives (so "other counties" never contradicts a county's page)."""
    phone.goto(base)
    got = phone.evaluate("""async () => {
          const all = await (await fetch('search/answers-all.json')).json();
          const out = {};
          for (const c of Object.keys(all.c)) {
            const own = await (await fetch('search/answers/' + c + '.json')).json();
            const pick = (entries) => entries.map((e) => [e.outcome, e.url, e.name, e.ko, e.example,
                                                          JSON.stringify(e.other), JSON.stringify(e.common)].join('|'));
            const packed = all.c[c].map((row) => { const e = {outcome: row[1], url: row[2], example: row[3]};
              all.fields.forEach((f, i) => { e[f] = all.m[row[0]][i]; }); return e; });
            out[c] = JSON.stringify(pick(packed)) === JSON.stringify(pick(own.entries));
          }
          return out;
        }""")
    assert len(got) == 8 and all(got.values()), got


def test_county_page_answers_for_that_county(phone, base):
    phone.goto(base + "dunhua/")
    phone.fill(ASK, "居住证明")
    phone.wait_for_selector(RESULT)
    first = phone.locator(RESULT).first
    assert first.locator(".vc-o-label").inner_text() == "可以开具"
    assert "敦化市的村" in first.inner_text()
    requested = phone.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
    answers = [u for u in requested if "/search/answers/" in u]
    assert answers and all(u.endswith("/search/answers/dunhua.json") for u in answers), (
        answers
    )  # not the whole prefecture


def test_search_dialog_answers_for_the_remembered_county_first(phone, base):
    choose_county(phone, base)
    phone.click("label.md-header__button[for=__search]")
    phone.fill("input.md-search__input", "居住情况证明")  # fill() only fires input, like a paste
    phone.wait_for_selector(".vc-ask-panel .vc-result")
    panel = phone.locator(".vc-ask-panel")
    assert panel.locator(".vc-o-label").first.inner_text() == "已不再保留"
    phone.wait_for_selector(".md-search-result__item")  # the site search ran too, without a key press
    phone.wait_for_selector(".md-search-result__list:not([aria-busy])", state="attached")  # all its results are in
    assert panel.bounding_box()["y"] < phone.locator(".md-search-result__item").first.bounding_box()["y"]
    titles = phone.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
    assert any("延吉市 · 已不再保留 · 示例" in t.replace("\u200b", "") for t in titles), titles
    assert phone.get_attribute(".md-search[role=dialog]", "aria-label")


# --- item pages: each outcome looks different --------------------------------------------------------


@pytest.mark.parametrize(
    "uri, outcome, label",
    [
        ("yanji/certificates/YJ-ZM-101/", "retained", "可以开具"),
        ("yanji/forbidden-certificates/YJ-QX-05/", "forbidden", "不能开具"),
        ("yanji/certificates/YJ-ZM-005/", "removed", "已不再保留"),
    ],
)
def test_item_page_states_its_outcome_in_colour_icon_and_words(phone, base, uri, outcome, label):
    phone.goto(base + uri)
    box = phone.locator(f".vc-outcome.vc-o-{outcome}")
    assert box.count() == 1 and box.locator(".vc-o-label").inner_text() == label
    assert box.locator(".vc-o-icon").inner_text().strip()


def test_yes_and_no_do_not_look_alike(phone, base):
    looks = {}
    for uri, outcome in (
        ("yanji/certificates/YJ-ZM-101/", "retained"),
        ("yanji/forbidden-certificates/YJ-QX-05/", "forbidden"),
    ):
        phone.goto(base + uri)
        looks[outcome] = phone.locator(".vc-outcome").first.evaluate(
            "b => [getComputedStyle(b).backgroundColor, b.querySelector('.vc-o-icon').textContent, b.querySelector('.vc-o-label').textContent]"
        )
    assert all(a != b for a, b in zip(looks["retained"], looks["forbidden"])), looks


# --- phone layout -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "uri",
    [
        "yanji/certificates/",
        "yanbian/forbidden-certificates/",
        "yanji/",
        "yanji/certificates/changes/",
        "yanji/certificates/YJ-ZM-005/",
        "changes/",
    ],
)
def test_no_cell_wraps_a_character_per_line(phone, base, uri):
    phone.goto(base + uri)
    squeezed = phone.evaluate("""() => [...document.querySelectorAll('.vc-table td, .vc-table th')].filter(c => {
        const text = c.innerText.trim(); if (text.length < 3 || !c.offsetParent) return false;
        const head = c.closest('thead'); if (head && head.getBoundingClientRect().width <= 1) return false;  // visually hidden
        const em = parseFloat(getComputedStyle(c).fontSize);
        return c.getBoundingClientRect().width < 3.5 * em; }).map(c => c.innerText.trim().slice(0, 20))""")
    assert not squeezed, f"{uri}: cells narrower than 3.5 characters: {squeezed[:5]}"
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{uri}: the page scrolls sideways by {overflow}px"


def test_certificate_name_is_never_narrower_than_its_id(phone, base):
    phone.goto(base + "yanji/certificates/")
    widths = phone.evaluate("""() => [...document.querySelectorAll('.vc-table tbody tr')].map(r =>
        [r.querySelector('.vc-card-title').getBoundingClientRect().width, r.querySelector('.vc-id').getBoundingClientRect().width])""")
    assert widths and all(name >= id_ for name, id_ in widths), widths


# --- accessibility --------------------------------------------------------------------------------------

AXE_PAGES = {
    "home": "",
    "county": "yanji/",
    "catalog": "yanji/certificates/",
    "item": "yanji/certificates/YJ-ZM-005/",
    "forbidden-item": "yanji/forbidden-certificates/YJ-QX-08/",
    "gallery": "signboards/yanji/",
    "gallery-index": "signboards/",
    "matrix": "certificates/",
    "prefecture": "yanbian/",
    "edition": "yanji/certificates/2023-10-27/",
    "changes": "yanji/certificates/changes/",
    "site-changes": "changes/",
    "work-affairs": "yanji/work-affairs/",
    "signboards": "hunchun/signboards/",
    "about": "about/",
    "guide": "guide/catalog-format/",
    "status": "status/",
    "data": "data/",
    "compare": "yanji/certificates/compare/",
}


def _axe(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("name", sorted(AXE_PAGES))
def test_axe_finds_no_serious_violation(phone, base, name):
    phone.goto(base + AXE_PAGES[name], wait_until="networkidle")
    assert _axe(phone) == []


def test_axe_on_open_search_and_answers(phone, base):
    choose_county(phone, base)
    ask(phone, "居住情况证明")
    assert _axe(phone) == []
    phone.click("label.md-header__button[for=__search]")
    phone.fill("input.md-search__input", "无犯罪")
    phone.wait_for_selector(".vc-ask-panel .vc-result")
    phone.wait_for_selector(".md-search-result__item")
    still(phone)  # the dialog fades in: measure contrast once it is opaque
    assert _axe(phone) == []


@pytest.mark.parametrize("uri", ["", "yanji/", "about/", "yanji/certificates/YJ-ZM-101/"])
def test_every_page_has_a_skip_link_and_korean_is_marked(phone, base, uri):
    phone.goto(base + uri)
    skip = phone.locator("a.md-skip")
    assert skip.count() >= 1
    target = skip.first.get_attribute("href")
    assert target.startswith("#") and phone.locator(target).count() == 1
    unmarked = phone.evaluate("""() => { const out = []; const walk = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          if (/[\\uac00-\\ud7a3]/.test(n.textContent) && !(n.parentElement.closest('[lang]') || {}).lang?.startsWith('ko')) out.push(n.textContent.trim()); }
        return out; }""")
    assert not unmarked, f"Hangul without lang=ko: {unmarked[:5]}"


def test_no_page_text_says_unlisted_certificates_are_generally_not_issued(phone, base):
    for uri in ("", "yanji/certificates/", "certificates/", "yanji/certificates/YJ-ZM-005/"):
        phone.goto(base + uri)
        assert not re.search("一般不再出具|一律不(再)?出具", phone.inner_text("article")), uri


def test_catalog_text_in_answers_is_shown_not_run(phone, xss_base):
    choose_county(phone, xss_base)
    ask(phone, "农业保险")
    ask(phone, "农机购置")
    settled(phone)  # every image loaded or failed: an injected onerror handler has run, if any
    assert phone.evaluate("typeof window.__xss") == "undefined", "markup from catalog data ran in an answer"
    assert "<img src=x onerror=window.__xss=3>农机购置补贴协助证明" in phone.inner_text(".vc-ask-out")
    assert phone.locator(".vc-ask-out img, .vc-ask-out script").count() == 0
