"""/status/ in Chromium at 390×844: the table for the committed data, a missing filing shown with its
reason (a test copy), and a timeline with one mark per edition whose accessible text is the table's."""

from __future__ import annotations

import json
import shutil

from conftest import REPO_ROOT, _serve

from generator.catalog.validate import check_catalogs


def rows(page) -> dict[str, dict[str, str]]:
    """{"延吉市 · 证明事项": {column label: text}} from the status table."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('table.vc-status tbody tr')].map(tr => [
        tr.querySelector('.vc-card-title').innerText.replace(/\\s*示例$/, '').trim(),
        Object.fromEntries([...tr.querySelectorAll('td[data-label]')].map(td => [td.dataset.label, td.innerText.trim()]))]))""")


def test_status_table_reads_for_the_committed_data(phone, base):
    phone.goto(base + "status/")
    table = rows(phone)
    assert len(table) == 32
    yanji = table["延吉市 · 证明事项"]
    assert yanji["现行版本"] == "2024-06-30" and "2024-06-25 向州民政局" in yanji["备案"]
    assert "按时" in yanji["组织实施：县（市）依据指导目录制定本级目录（2023年10月31日前）"]
    assert table["敦化市 · 证明事项"]["即将生效"] == "2027-01-01"
    assert "没有发现问题" in phone.inner_text("article")
    data = json.loads(phone.request.get(base + "status/status.json").text())
    assert len(data["rows"]) == 32 and data["milestones"]["source"]["document"] == "延州办发〔2023〕15号"


def test_timeline_has_one_mark_per_edition_and_says_what_the_table_says(phone, base):
    phone.goto(base + "status/")
    catalogs, _ = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)
    marks = phone.locator("svg.vc-timeline g.vc-mark")
    assert marks.count() == len(catalogs.all_editions())
    titles = sorted(marks.evaluate_all("ms => ms.map(m => m.querySelector('title').textContent)"))
    listed = sorted(phone.locator("table.vc-editions tbody td.vc-card-title").all_inner_texts())
    assert titles == listed
    svg = phone.locator("svg.vc-timeline")
    assert svg.get_attribute("role") == "img" and svg.get_attribute("aria-labelledby")
    # every mark is drawn (a shape of <defs> placed by <use>): 9 to 11 user units across, as designed
    sizes = marks.evaluate_all("ms => ms.map(m => { const b = m.getBBox(); return [b.width, b.height]; })")
    assert all(8.9 <= w <= 11.1 and 8.9 <= h <= 11.1 for w, h in sizes), sizes


def test_missing_filing_appears_as_a_problem_with_its_reason(phone, tmp_path, site_project, site_build):
    config = site_project(tmp_path / "project")
    path = config.parent / "catalogs/tumen/certificates"
    edition = sorted(path.iterdir())[-1]
    text = edition.read_text(encoding="utf-8")
    edition.write_text(text[: text.index("filing:")] + text[text.index("based_on:") :], encoding="utf-8")
    site = site_build(config, tmp_path / "site")
    base = _serve(str(site.resolve()))
    phone.goto(base + "status/")
    cell = rows(phone)["图们市 · 证明事项"]["备案"]
    assert cell.startswith("✖ 问题：没有备案信息") and "州民政局" in cell  # icon and words, not colour alone
    assert "图们市 · 证明事项：✖ 问题：没有备案信息" in phone.inner_text("ul.vc-problems")
    phone.goto(base + "tumen/")
    assert "问题：没有备案信息" in phone.inner_text("table.vc-status")  # the county page says it too
    shutil.rmtree(site.resolve(), ignore_errors=True)
