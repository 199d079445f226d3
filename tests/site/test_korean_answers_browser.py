"""Korean answers (issue 25): a Korean query gets the same certificate and outcome as its Chinese
counterpart, in every county, through the one engine the browser runs (assets/search.js with the
manifest's rules, the answer box's own lead: window.vcAnswerLead) — every certificate (its name and its
Korean name) and every common name with its Korean phrasings (certificate-names.yaml `ko`); unrelated
Korean words still answer 清单未列入. On the session's built site (conftest.py), in Chromium."""

from __future__ import annotations

import datetime

import pytest
from conftest import REPO_ROOT, SITE_TODAY
from test_answers_browser import ask, choose_county

from generator.catalog.answers import county_answers
from generator.catalog.validate import check_catalogs

CATALOGS, _ = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)
TODAY = datetime.date.fromisoformat(SITE_TODAY)
COUNTIES = [c.slug for c in CATALOGS.counties()]
KOREAN = [n for n in CATALOGS.names if n.counterpart]


def _leads(page, base: str, county: str, queries: list[str]) -> list[list[str] | None]:
    """The answer box's first certificate for each query in `county`: [outcome, name, url], or None (清单未列入)."""
    page.goto(base + county + "/")
    return page.evaluate(
        """async ([county, qs]) => {
        const root = new URL('../', location.href).href, out = [];
        for (const q of qs) {
          const r = await window.vcAnswerLead(root, county, q);
          out.push(r ? [r.e.outcome, r.e.name, r.e.url] : null);
        }
        return out;
    }""",
        [county, queries],
    )


def test_every_common_name_has_korean_phrasings_and_every_certificate_a_korean_name():
    chinese = {n.name for n in CATALOGS.names if not n.counterpart}
    assert chinese == {n.counterpart for n in KOREAN}, chinese - {n.counterpart for n in KOREAN}
    assert not any(n.verified for n in KOREAN if n.source is None)  # nothing sourced: nothing verified
    # the prefecture's items (forbidden and guiding, adopted by the counties) all have one; a county's own
    # item gets its Korean name in the county's next edition (a published edition is never rewritten)
    local = set()
    for county in COUNTIES:
        for answer in county_answers(CATALOGS, county, TODAY):
            item = answer.item
            assert not item.name_ko_verified, (county, item.id)
            if item.name_ko is None:
                local.add(item.id)
    assert local == {"HL-ZM-101", "LJ-ZM-101"}  # example county items with no Korean name: shown in Chinese


@pytest.mark.parametrize("county", COUNTIES)
def test_a_korean_query_gets_the_same_answer_as_its_chinese_counterpart(phone, base, county):
    pairs = [(a.item.name, a.item.name_ko) for a in county_answers(CATALOGS, county, TODAY) if a.item.name_ko]
    pairs += [(n.counterpart, n.name) for n in KOREAN]  # every common name, both ways
    zh = _leads(phone, base, county, [p[0] for p in pairs])
    ko = _leads(phone, base, county, [p[1] for p in pairs])
    means = {a.concept: a for a in county_answers(CATALOGS, county, TODAY)}
    for (query_zh, query_ko), got_zh, got_ko in zip(pairs, zh, ko):
        assert got_zh is not None and got_zh == got_ko, (county, query_zh, got_zh, query_ko, got_ko)
    for n, got in zip(KOREAN, ko[-len(KOREAN) :]):  # and it is the certificate the table says, with its outcome today
        want = means[n.means]
        assert got[:2] == [want.outcome.value, want.item.name], (county, n.name, got, want.outcome, want.item.name)


# (a Korean query, the certificate it means): typed as a South Korean keyboard habit, or mistyped so it sounds the same
SOUND_ALIKE = [
    ("이혼증명", "婚姻状况证明"),
    ("무범좨증명", "无犯罪记录证明"),
    ("양민증", "无犯罪记录证明"),
    ("출생증명서", "出生证明"),  # 증명서: a 증명 (searchrules.SAME_WORDS)
]
UNRELATED = [
    "날씨",
    "운전면허",
    "여권",
    "사원증",
    "용정",
    "학교 입학",
    "병원",
    "거주증멩",
]  # 멩 is not 명: another vowel


@pytest.mark.parametrize("query, name", SOUND_ALIKE)
def test_a_korean_query_that_sounds_the_same_finds_the_certificate(phone, base, query, name):
    choose_county(phone, base, "yanji")
    first = ask(phone, query)[0]
    assert first["label"] != "清单未列入" and first["name"].startswith(name), (query, first)


@pytest.mark.parametrize("query", UNRELATED)
def test_unrelated_korean_words_find_no_certificate(phone, base, query):
    choose_county(phone, base, "yanji")
    cards = ask(phone, query)
    assert len(cards) == 1 and cards[0]["label"] == "清单未列入", (query, cards)
