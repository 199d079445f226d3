"""The prefecture's view: in force, filed, deadlines met, time since the last adjustment."""

from __future__ import annotations

import datetime
import shutil

from conftest import REPO_ROOT

from generator.catalog.model import CatalogKind
from generator.catalog.status import Verdict, county_statuses
from generator.catalog.validate import check_catalogs

TODAY = datetime.date(2026, 11, 28)


def statuses(root):
    catalogs, problems = check_catalogs(root / "catalogs", root)
    assert not [p for p in problems if p.is_error], [str(p) for p in problems]
    return {(s.region.slug, s.kind): s for s in county_statuses(catalogs, TODAY)}


def test_every_county_and_catalog_has_a_row():
    rows = statuses(REPO_ROOT)
    assert len(rows) == 8 * 4
    yanji = rows[("yanji", CatalogKind.CERTIFICATES)]
    assert (
        yanji.current.effective == datetime.date(2024, 6, 30)
        and yanji.days_since == (TODAY - yanji.current.effective).days
    )
    assert yanji.filing.verdict is Verdict.MET and "2024-06-25" in yanji.filing.text
    (publish, first), (review, adjusted) = yanji.deadlines
    assert publish.key == "publish" and first.verdict is Verdict.MET
    assert review.key == "review" and "期限前已调整（2024-06-30 版）" in adjusted.text
    assert [e.effective.isoformat() for e in rows[("dunhua", CatalogKind.CERTIFICATES)].upcoming] == ["2027-01-01"]


def test_missing_filing_is_a_problem_with_its_reason(tmp_path):
    shutil.copytree(REPO_ROOT / "catalogs", tmp_path / "catalogs")
    path = tmp_path / "catalogs/tumen/certificates"
    edition = sorted(path.iterdir())[-1]
    text = edition.read_text(encoding="utf-8")
    start, end = text.index("filing:"), text.index("based_on:")
    edition.write_text(text[:start] + text[end:], encoding="utf-8")
    row = statuses(tmp_path)[("tumen", CatalogKind.CERTIFICATES)]
    assert row.filing.verdict is Verdict.MISSING and row.filing.problem
    assert "没有备案信息" in row.filing.text and "州民政局" in row.filing.text
    assert row.problems == (row.filing,)


def test_deadlines_are_data_changing_one_changes_the_verdicts(tmp_path):
    shutil.copytree(REPO_ROOT / "catalogs", tmp_path / "catalogs")
    assert statuses(tmp_path)[("yanji", CatalogKind.CERTIFICATES)].deadlines[0][1].verdict is Verdict.MET
    milestones = tmp_path / "catalogs/yanbian/milestones.yaml"
    text = milestones.read_text(encoding="utf-8")
    milestones.write_text(text.replace('due: "2023-10-31"', 'due: "2023-10-25"'), encoding="utf-8")
    late = statuses(tmp_path)[("yanji", CatalogKind.CERTIFICATES)].deadlines[0][1]
    assert late.verdict is Verdict.LATE and "晚于期限 2 天" in late.text
