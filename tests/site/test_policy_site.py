"""The policy in its own words on the built site (issue 22, item 3): every quotation of 延州办发〔2023〕15号 is the
document's sentence; 清单未列入 keeps every condition, 已不再保留 says what 二（三）9 says; each county has its
取消清单; no fact the document does not state (an effective date, a separate 《…时间安排》, 州级工作 for 三（一）,
a renamed annex 4, every example 文号 starting with （示例）, "（（示例）")."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from generator.catalog import policy
from generator.catalog.answers import UNLISTED_FOOTNOTE
from generator.catalog.fields import ID_PATTERN
from generator.catalog.validate import check_catalogs
from generator.site import urls

CATALOGS, _ = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)
CITED = re.compile(r"“([^“”]+)”（延州办发〔2023〕15号 [^）]+）")
QUOTED = re.compile(r"“([^“”]+)”")


def text_of(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def main_text(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    start = page.find('<div class="vc-page')
    start = (
        start if start >= 0 else page.find("<article")
    )  # a hand-written page: its article, not the table of contents
    return text_of_html(page[start:] if start >= 0 else page)


def text_of_html(fragment: str) -> str:
    fragment = re.sub(r"<(script|style)\b.*?</\1>", "", fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


SOURCE = policy.shown(policy.policy().source_text())


def test_every_cited_quotation_on_every_page_is_the_document(real_site):
    found = 0
    for path in real_site.rglob("*.html"):
        for quote in CITED.findall(text_of(path)):
            found += 1
            assert quote in SOURCE, (path.relative_to(real_site).as_posix(), quote)
    assert found > 50  # the answers, the printed footnotes, the 取消清单 pages


def test_every_quotation_on_the_about_page_is_the_document(real_site):
    about = main_text(real_site / "about" / "index.html")
    policy_part = about[about.index("政策依据") : about.index("哪些内容是正式的")]
    quotes = QUOTED.findall(policy_part)
    assert len(quotes) >= 15
    for q in quotes:
        assert q in SOURCE, q
    assert "示例版本的文号都以“（示例）”开头" not in about
    assert "州级三个指导目录的示例版本" in about and "延州办发〔2023〕15号" in about
    assert "施行" not in policy_part.replace("没有写明施行日期", "")


def test_no_page_says_what_the_document_does_not(real_site):
    for path in real_site.rglob("*"):
        if path.suffix not in (".html", ".xml", ".json"):
            continue
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(real_site).as_posix()
        assert "（（示例）" not in text, where
        assert "2023年9月28日起施行" not in text, where
        assert "《规范村级组织工作事务、机制牌子和证明事项的时间安排》" not in text, where
        assert "州级工作" not in text, where


def test_the_status_page_quotes_the_timetable_with_who_is_responsible(real_site):
    status = main_text(real_site / "status" / "index.html")
    assert "期限依据延州办发〔2023〕15号（实施方案）的“三、时间安排”一节" in status
    for key in ("timetable-1", "timetable-2", "timetable-3", "timetable-4"):
        assert policy.policy().quote(key).shown in status, key
    assert "前期准备（2023年7月底前）" in status and "各县市党委、政府）" in status


def test_the_home_page_names_annex_four_as_the_document_does(real_site):
    home = main_text(real_site / "index.html")
    assert "不应由基层群众性自治组织出具证明事项清单（第一批）" in home
    assert "不应由村级组织出具的证明事项清单（20 项" not in home


def test_the_printed_footnote_keeps_the_need_condition_and_the_legal_risk_procedure(real_site):
    page = (real_site / "yanji/certificates/2024-06-30/index.html").read_text(encoding="utf-8")
    foot = text_of_html(re.search(r'<p class="vc-print-only vc-footnote">(.*?)</p>', page, re.S).group(1))
    for part in (
        "工作、学习、生活等仍需出具证明的",
        "自身职责范围内且能够核实的事项据实出具",
        "认真调查核实情况",
        "广泛组织村民群众议事协商",
        "必要时召开村民会议、村民代表会议讨论决定",
        "不得再要求村里开具",
    ):
        assert part in foot, part
    assert foot == UNLISTED_FOOTNOTE  # the policy's own footnote (catalog/policy.py), every condition kept


def test_a_cancelled_certificate_is_not_said_to_be_issuable(real_site):
    page = (real_site / "yanji/certificates/YJ-ZM-005/index.html").read_text(encoding="utf-8")
    box = text_of_html(re.search(r'<section class="vc-outcome vc-o-removed".*?</section>', page, re.S).group(0))
    assert "已不再保留" in box and "有关部门（党政群机构）不得再要求村里开具" in box
    assert "据实出具" not in box and "不再保留不等于一律不能开" not in box
    assert "延吉市取消清单" in box
    data = (real_site / urls.answers_uri("yanji")).read_text(encoding="utf-8")
    assert policy.policy().quote("county-cancel").shown in data and '"removed_source"' in data


@pytest.mark.parametrize("county", [c.slug for c in CATALOGS.counties()])
def test_each_county_has_a_cancelled_list_linked_from_its_page(real_site, county):
    page = real_site / urls.cancelled_uri(county) / "index.html"
    assert page.is_file()
    region = (real_site / urls.region_uri(county) / "index.html").read_text(encoding="utf-8")
    assert 'href="certificates/cancelled/"' in region
    text = main_text(page)
    assert "证明事项取消清单" in text and policy.policy().quote("two-lists").shown in text


def test_the_cancelled_list_says_since_when_why_and_which_document(real_site):
    yanji = main_text(real_site / "yanji/certificates/cancelled/index.html")
    assert "居住情况证明" in yanji and "YJ-ZM-005" in yanji and "2024年6月30日起" in yanji
    assert "可通过租赁合同、不动产登记信息核验或申请人书面承诺代替" in yanji  # the edition's reason
    assert "《延吉市村级组织证明事项保留清单（2024年版）》（示例文号：延市办发〔2024〕8号）" in yanji
    dunhua = main_text(real_site / "dunhua/certificates/cancelled/index.html")
    assert "DH-ZM-003" in dunhua and "2027年1月1日起" in dunhua and "即将生效" in dunhua
    tumen = main_text(real_site / "tumen/certificates/cancelled/index.html")
    assert "图们市目前没有从证明事项保留清单中取消的证明事项" in tumen


def test_the_new_address_cannot_shadow_an_item():
    assert not re.fullmatch(ID_PATTERN, "cancelled")
    assert urls.cancelled_uri("yanji") == "yanji/certificates/cancelled/"


# --- no effective date the document does not state ------------------------------------------------------------
# The 方案 has no effective-date clause: 2023-09-28 is the day 延州办发〔2023〕15号 was issued. An edition whose date
# is only its document's issue date (effective == document.date; the data gives no other) says “印发”.

ISSUED_ONLY = [e for e in CATALOGS.all_editions() if e.document and e.document.date == e.effective]


def test_the_prefecture_guides_are_said_to_be_issued_not_to_take_effect(real_site):
    assert {e.region for e in ISSUED_ONLY} >= {"yanbian"}
    for path in real_site.rglob("*.html"):
        text = text_of(path)
        assert not re.search(r"2023年9月28日\s*起(生效|施行|执行)", text), path.relative_to(real_site).as_posix()
    guide = main_text(real_site / "yanbian/certificates/2023-09-28/index.html")
    assert "2023年9月28日 印发" in guide
    assert "2023-09-28 印发" in (real_site / "yanbian/feed.xml").read_text(encoding="utf-8")


def test_every_issued_only_edition_is_worded_by_its_issue_date_and_others_keep_their_effective_date(real_site):
    for e in ISSUED_ONLY:
        page = main_text(real_site / urls.edition_uri(e.region, e.catalog, e.effective) / "index.html")
        day = f"{e.effective.year}年{e.effective.month}月{e.effective.day}日"
        assert not re.search(rf"{day}\s*起生效", page), e.key
    yanji = main_text(real_site / "yanji/certificates/2024-06-30/index.html")  # issued 2024-06-20, in force 2024-06-30
    assert "2024年6月30日 起生效" in yanji and "2024年6月30日起生效" in yanji  # banner and printed dates
