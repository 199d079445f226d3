"""Going live (issue 21): a county or the prefecture adds its first official edition, dated before
the example editions; `check --base` accepts exactly this, and the example editions retire.

The official editions here are test fixtures (tests/fixtures/catalogs/golive/) with an obviously
invented 文号 and an example.invalid address - never real content.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, INVALID, expected_lines
from test_cli import generator, git, repo  # noqa: F401 (repo: the fixture)

GOLIVE = FIXTURES / "golive"
COUNTY_OFFICIAL = "catalogs/yanji/certificates/2023-10-15.yaml"
GUIDE_EXAMPLE = "catalogs/yanbian/certificates/2023-09-28.yaml"
GUIDE_OFFICIAL = "catalogs/yanbian/certificates/2023-09-27.yaml"


def go_live(repo: Path, which: str) -> None:
    shutil.copytree(GOLIVE / which / "catalogs", repo / "catalogs", dirs_exist_ok=True)


def test_a_county_goes_live_by_adding_one_file_dated_before_its_examples(repo: Path):
    go_live(repo, "county")
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 0, run.out
    assert run.problems == []


def test_the_prefecture_goes_live_while_counties_stay_example(repo: Path):
    go_live(repo, "prefecture")
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 0, run.out


def test_retired_example_editions_leave_the_live_history(repo: Path):
    from generator.catalog.model import CatalogKind, Status
    from generator.catalog.validate import check_catalogs

    go_live(repo, "county")
    catalogs, errors = check_catalogs(repo / "catalogs", repo)
    assert errors == []
    live = catalogs.history("yanji", CatalogKind.CERTIFICATES)
    assert [e.effective.isoformat() for e in live] == ["2023-10-15"]
    assert all(e.status is Status.OFFICIAL for e in live)
    retired = catalogs.retired[("yanji", CatalogKind.CERTIFICATES)]
    assert [e.effective.isoformat() for e in retired] == ["2023-10-27", "2024-06-30"]
    assert catalogs.went_live("yanji", CatalogKind.CERTIFICATES) is live[0]
    assert catalogs.edition("yanji/certificates/2024-06-30") is retired[1]  # old links still find it
    assert catalogs.went_live("yanji", CatalogKind.WORK_AFFAIRS) is None  # per catalog: the others stay example
    assert ("yanji", CatalogKind.WORK_AFFAIRS) not in catalogs.retired


def test_an_official_edition_once_published_is_never_edited(repo: Path):
    go_live(repo, "county")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "上线")
    path = repo / COUNTY_OFFICIAL
    path.write_text(path.read_text(encoding="utf-8").replace("deadline: 3", "deadline: 2"), encoding="utf-8")
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 1 and any(COUNTY_OFFICIAL in p and "已发布的版本文件被修改" in p for p in run.problems)


def test_a_second_official_edition_cannot_be_backdated(repo: Path):
    go_live(repo, "county")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "上线")
    earlier = "catalogs/yanji/certificates/2023-10-01.yaml"
    shutil.copy(repo / COUNTY_OFFICIAL, repo / earlier)
    text = (repo / earlier).read_text(encoding="utf-8").replace('effective: "2023-10-15"', 'effective: "2023-10-01"')
    (repo / earlier).write_text(text.replace('date: "2023-10-12"', 'date: "2023-09-30"'), encoding="utf-8")
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 1 and f"{earlier}: 新版本的生效日期早于已发布的 2023-10-15 版本" in run.out


def test_an_example_edition_may_be_replaced_on_its_own_date_by_the_official_one(repo: Path):
    """The prefecture's annexes carry the notice's date, which its example editions were dated by."""
    text = (repo / GUIDE_EXAMPLE).read_text(encoding="utf-8")
    official = (GOLIVE / "prefecture" / GUIDE_OFFICIAL).read_text(encoding="utf-8")
    official = official.replace("2023-09-27", "2023-09-28").replace("YB-ZM-004", "YB-ZM-002")
    assert text != official
    (repo / GUIDE_EXAMPLE).write_text(official, encoding="utf-8")
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 0, run.out
    summary = generator(repo, "diff", "--base", "HEAD").out  # the reviewer reads that it goes live
    live = [line for line in summary.splitlines() if line.startswith("🟢 **上线**")]
    assert live == [
        "🟢 **上线**：延边朝鲜族自治州村级组织证明事项目录发布第一个正式版本（2023-09-28，测虚州办发〔2023〕98号），"
        "同日期的示例版本 2023-09-28 由它替换（网址不变，内容为正式目录）。"
    ], summary
    assert "本次提交没有新的目录版本" not in summary
    # ... but an example file may not be edited in any other way
    (repo / GUIDE_EXAMPLE).write_text(text.replace("收养能力证明", "收养证明"), encoding="utf-8")
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 1 and any("已发布的版本文件被修改" in p for p in run.problems)


def test_a_going_live_edition_without_a_public_notice_is_refused(repo: Path):
    go_live(repo, "county")
    path = repo / COUNTY_OFFICIAL
    path.write_text(
        path.read_text(encoding="utf-8").replace("  url: https://example.invalid/yanji/2023-10-12.html\n", ""),
        encoding="utf-8",
    )
    run = generator(repo, "check")
    assert run.code == 1
    assert run.problems == [
        f"{COUNTY_OFFICIAL}:8: document.url: 正式版本必须能让公众查到印发文件（期望在 document 中写明公开网址 url；"
        "文件没有公开的，扫描件放在版本文件旁边，如 2023-10-15.pdf，并写 source: {document: 2023-10-15.pdf}）"
    ]


def test_a_notice_not_online_is_a_scan_beside_the_edition(repo: Path):
    go_live(repo, "county")
    path = repo / COUNTY_OFFICIAL
    text = path.read_text(encoding="utf-8").replace("  url: https://example.invalid/yanji/2023-10-12.html\n", "")
    path.write_text(text.replace("based_on:", "source: {document: 2023-10-15.pdf}\nbased_on:"), encoding="utf-8")
    run = generator(repo, "check")
    assert run.code == 1 and run.problems == [
        f"{COUNTY_OFFICIAL}:16: source.document: 找不到扫描件“2023-10-15.pdf”（期望与本版本文件在同一文件夹；"
        "扫描件放在版本文件旁边，如 2023-10-15.pdf，并写 source: {document: 2023-10-15.pdf}）"
    ]
    (repo / "catalogs/yanji/certificates/2023-10-15.pdf").write_bytes(b"%PDF-1.4\n% test scan\n")
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 0, run.out


def test_a_scan_without_its_edition_is_named(repo: Path):
    (repo / "catalogs/yanji/certificates/2023-10-15.pdf").write_bytes(b"%PDF-1.4\n")
    run = generator(repo, "check")
    assert run.code == 1 and run.problems == [
        "catalogs/yanji/certificates/2023-10-15.pdf: 扫描件没有对应的版本文件（期望同一文件夹中有 2023-10-15.yaml，"
        "并在其 source.document 中写明“2023-10-15.pdf”）"
    ]


def test_an_official_edition_adopting_an_example_item_is_an_error_in_chinese():
    lines = expected_lines("official-adopts-example-item")
    assert len(lines) == 1
    assert "正式目录不能采用示例事项：YB-ZM-001“收养人婚姻状况和抚养教育能力证明”" in lines[0]
    assert "完整写出" in lines[0] and "等州级正式指导目录发布后" in lines[0]


def test_a_county_may_adopt_from_the_official_guide(repo: Path):
    go_live(repo, "prefecture")
    shutil.copytree(
        INVALID / "official-adopts-example-item" / "overlay" / "catalogs", repo / "catalogs", dirs_exist_ok=True
    )
    path = repo / COUNTY_OFFICIAL
    path.write_text(
        path.read_text(encoding="utf-8").replace("yanbian/certificates/2023-09-28", "yanbian/certificates/2023-09-27"),
        encoding="utf-8",
    )
    run = generator(repo, "check")
    assert run.code == 0, run.out


def _guide_example(heading: str) -> str:
    import re

    from conftest import REPO_ROOT

    text = (REPO_ROOT / "content/guide/submit.md").read_text(encoding="utf-8")
    part = text.split(heading, 1)[1]
    return re.search(r"```yaml\n(.*?)```", part, re.S).group(1)


def test_the_guides_county_example_goes_live_as_written(repo: Path):
    """content/guide/submit.md 第一次发布正式目录, 例一: with its placeholders filled in, it passes as is."""
    example = _guide_example("### 例一")
    assert "status: official" in example and "changes" not in example
    filled = example.replace("延市办发〔2023〕○号", "测虚办发〔2023〕1号").replace(
        "url: https://…", "url: https://example.invalid/notice"
    )
    (repo / "catalogs/yanji/certificates/2023-10-20.yaml").write_text(filled, encoding="utf-8")
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 0, run.out
    adopting = filled.replace("items:\n", "items:\n  - {id: YJ-ZM-001, adopts: YB-ZM-001}\n")
    (repo / "catalogs/yanji/certificates/2023-10-20.yaml").write_text(adopting, encoding="utf-8")
    run = generator(repo, "check")
    assert run.code == 1 and len(run.problems) == 1 and "正式目录不能采用示例事项" in run.problems[0]


def test_the_pr_summary_says_in_one_line_that_a_catalog_goes_live(repo: Path):
    go_live(repo, "county")
    run = generator(repo, "diff", "--base", "HEAD")
    assert run.code == 0, run.out
    live = [line for line in run.out.splitlines() if line.startswith("🟢 **上线**")]
    assert len(live) == 1, run.out
    assert live[0].startswith("🟢 **上线**：延吉市村级组织证明事项目录发布第一个正式版本（2023-10-15，")
    assert "示例版本 2023-10-27、2024-06-30 随之停用（网址保留，页面说明已被正式目录取代）。" in live[0]
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "延吉市证明事项目录上线")
    again = generator(repo, "diff", "--base", "HEAD")
    assert "上线" not in again.out  # once published, it is news no more
