"""`python -m generator …` as county staff and CI run it: real git repositories, real processes.

Exit 0 = fine, 1 = the catalogs have errors, 2 = the command was used wrongly; never a traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import INVALID, REPO_ROOT, apply_case, copy_minimal, expected_lines

ENV = {
    **os.environ,
    "PYTHONPATH": str(REPO_ROOT),
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}
PROBLEM_LINE = re.compile(r"^catalogs/[a-z0-9-]+(/[^:\s]+)?(:[1-9]\d*)?:( [^\s:]+:)? (警告：)?\S.*$")
CERT1 = "catalogs/yanji/certificates/2023-10-27.yaml"
CERT2 = "catalogs/yanji/certificates/2024-06-30.yaml"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def problems(self) -> list[str]:
        """The problem lines, without the closing summary."""
        return [line for line in self.out.splitlines() if line.startswith("catalogs")]


def generator(repo: Path, *args: str) -> Run:
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=repo,
        env=ENV,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    run = Run(done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in run.err and "Traceback" not in run.out, run.err
    return run


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], env=ENV, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose one commit holds the minimal valid tree."""
    root = copy_minimal(tmp_path / "repo")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "最小目录树")
    return root


def edit(root: Path, uri: str, old: str, new: str) -> None:
    path = root / uri
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- check ------------------------------------------------------------------------------------------


def test_check_passes(repo: Path):
    run = generator(repo, "check")
    assert (run.code, run.out, run.err) == (0, "检查通过：0 个警告。\n", "")


def test_check_passes_on_the_real_repository():
    run = generator(REPO_ROOT, "check")
    assert run.code == 0, run.out
    assert run.out.splitlines()[-1].startswith("检查通过")


def test_check_lists_every_error_as_path_line_field_message(tmp_path: Path):
    cases = ["retained-forbidden-by-name", "non-utf8-gbk", "yaml-python-tag", "county-drops-forbidden-item"]
    root = apply_case(cases[0], tmp_path / "repo")
    for case in cases[1:]:  # each changes another file
        shutil.copytree(INVALID / case / "overlay", root, dirs_exist_ok=True)
    run = generator(root, "check")
    assert run.code == 1
    assert sorted(run.problems) == sorted(line for case in cases for line in expected_lines(case))
    assert all(PROBLEM_LINE.match(line) for line in run.problems), run.problems
    assert run.out.endswith("\n检查未通过：4 个错误，0 个警告。请按提示修改后重新运行 python -m generator check。\n")


def test_warnings_alone_pass(tmp_path: Path):
    run = generator(apply_case("orthography-yongjeong-warning", tmp_path / "repo"), "check")
    assert run.code == 0
    assert run.problems == expected_lines("orthography-yongjeong-warning")
    assert run.out.endswith("\n检查通过：1 个警告。\n")


def test_check_never_shows_a_traceback(tmp_path: Path):
    root = apply_case("oversized-file", tmp_path / "repo")
    shutil.copytree(INVALID / "yaml-anchor-bomb" / "overlay", root, dirs_exist_ok=True)  # same file: bomb wins
    (root / CERT2).write_bytes(b'title: "\\ud800"\n\x00')
    (root / "catalogs/yanji/signboards/2023-10-27.yaml").write_bytes(b"\xff\xfe\x00")
    (root / "catalogs/yanbian/region.yaml").write_text('slug: "\\udc00"\nname: [\n', encoding="utf-8")
    run = generator(root, "check")
    assert run.code == 1
    assert all(PROBLEM_LINE.match(line) for line in run.problems), run.problems
    assert len(run.problems) == 4, run.out


def test_check_without_catalogs_folder(tmp_path: Path):
    run = generator(tmp_path, "check")
    assert run.code == 1 and run.problems == ["catalogs: 找不到目录文件夹（期望 catalogs/ 存在）"]


# --- check --base: published editions are frozen ------------------------------------------------------


def test_modified_published_edition_names_file_and_first_changed_line(repo: Path):
    edit(
        repo,
        CERT1,
        "title: 延吉市村级组织证明事项保留清单（2023年版）",
        "title: 延吉市村级组织证明事项保留清单（2023年修订版）",
    )
    assert generator(repo, "check").code == 0  # the content itself is valid
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 1
    assert run.problems == [
        f"{CERT1}:5: 已发布的版本文件被修改（与基准 HEAD 不同，从第 5 行起；已发布的版本不能改动，"
        "请恢复原文件，用 new-edition 起草新版本，或发布勘误版 correction）"
    ]


def test_appended_line_is_a_modification_too(repo: Path):
    lines = (repo / CERT2).read_text(encoding="utf-8").count("\n")
    with (repo / CERT2).open("a", encoding="utf-8") as fh:
        fh.write("# 追加的注释\n")
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 1 and run.problems == [
        f"{CERT2}:{lines + 1}: 已发布的版本文件被修改（与基准 HEAD 不同，从第 {lines + 1} 行起；"
        "已发布的版本不能改动，请恢复原文件，用 new-edition 起草新版本，或发布勘误版 correction）"
    ]


def test_deleted_published_edition(repo: Path):
    (repo / CERT2).unlink()
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 1
    assert run.problems == [f"{CERT2}: 已发布的版本文件被删除（基准 HEAD 中存在；已发布的版本永远保留，请恢复此文件）"]


def test_unchanged_repository_against_its_base(repo: Path):
    assert generator(repo, "check", "--base", "HEAD").code == 0
    assert generator(repo, "check", "--base", "main").code == 0


@pytest.mark.parametrize("args", [["check", "--base", "no-such-branch"], ["diff", "--base", "no-such-branch"]])
def test_bad_base_is_a_usage_error_in_chinese(repo: Path, args: list[str]):
    run = generator(repo, *args)
    assert run.code == 2 and run.out == ""
    assert run.err == "错误：找不到基准版本“no-such-branch”（请确认分支或提交存在，例如 origin/main）\n"


def test_base_outside_a_git_repository(tmp_path: Path):
    root = copy_minimal(tmp_path / "plain")
    run = generator(root, "check", "--base", "HEAD")
    assert run.code == 2 and run.err.startswith("错误：") and re.search(r"[\u4e00-\u9fff]", run.err)


# --- history can't be rewritten (issue 12: 6, 7, 8, 10) ---------------------------------------------------


@pytest.mark.parametrize("base", ["", " "])
def test_empty_base_is_a_usage_error_not_a_silent_pass(repo: Path, base: str):
    run = generator(repo, "check", "--base", base)
    assert run.code == 2 and run.err.startswith("错误：基准版本为空")


def test_backdated_edition_cannot_be_inserted_into_published_history(repo: Path):
    """Copy the first edition to a date between the two published ones, as a no-change amendment."""
    first = (repo / CERT1).read_text(encoding="utf-8")
    backdated = "catalogs/yanji/certificates/2024-01-01.yaml"
    text = first.replace('effective: "2023-10-27"', 'effective: "2024-01-01"').replace(
        "kind: initial", "kind: amendment"
    )
    (repo / backdated).write_text(text + "changes: []\n", encoding="utf-8")
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 1
    assert f"{backdated}: 新版本的生效日期早于已发布的 2024-06-30 版本" in run.out
    assert any(backdated in p and "没有任何变化" in p for p in run.problems)  # and it changes nothing


def test_windows_line_endings_are_not_a_modification(repo: Path):
    for path in (repo / "catalogs").rglob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # what core.autocrlf=true checks out
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 0, run.out


def test_gitattributes_keep_catalog_files_lf():
    attributes = (REPO_ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert "*.yaml text eol=lf" in attributes


def test_a_published_village_cannot_be_deleted_only_retired(repo: Path):
    region = "catalogs/yanji/region.yaml"
    edit(repo, region, "    villages:\n      - {slug: xinxing, name: 新兴村, name_ko: 신흥촌}\n", "")
    run = generator(repo, "check", "--base", "HEAD")
    assert run.code == 1
    assert f"{region}: towns: 乡镇或村“新兴村”（yilan/xinxing）被删除" in run.out and "retired: true" in run.out
    git(repo, "checkout", "--", region)
    edit(
        repo,
        region,
        "{slug: xinxing, name: 新兴村, name_ko: 신흥촌}",
        "{slug: xinxing, name: 新兴村, name_ko: 신흥촌, retired: true}",
    )
    assert generator(repo, "check", "--base", "HEAD").code == 0


# --- diff: the pull-request summary -------------------------------------------------------------------

THIRD = "catalogs/yanji/certificates/2025-01-01.yaml"


def write_third_edition(repo: Path) -> None:
    """An amendment with one item of each kind of change; two reasons try to inject markup."""
    text = (repo / CERT2).read_text(encoding="utf-8")
    text = text.replace('effective: "2024-06-30"', 'effective: "2025-01-01"')
    text = text.replace("（示例）延市办发〔2024〕8号", "（示例）延市办发〔2024〕30号").replace(
        'date: "2024-06-20"', 'date: "2024-12-20"'
    )
    text = text.replace('date: "2024-06-25"', 'date: "2024-12-25"')
    text = text.replace("  - {id: YJ-ZM-001, adopts: YB-ZM-001}\n", "")
    text = text.replace("name: 村集体经济组织成员确认证明", "name: 村集体经济组织成员资格证明")
    text = text.replace("    deadline: 3\n", "    deadline: 当场办结\n")
    text = (
        text[: text.index("changes:")]
        + """  - id: YJ-ZM-103
    name: 朝鲜族传统节日活动参加情况证明
    name_ko: 조선족 전통명절활동 참가상황 증명
    category: 文化类
    issuer: 村民委员会
    requester: [延吉市文化广播电视和旅游局]
    purpose: 申请非遗传承活动补助
    procedure: [申请人提出申请, 村民委员会据实出具证明]
    deadline: 3
    form: 统一式样
    basis: [{law: 吉林省延边朝鲜族自治州朝鲜族非物质文化遗产保护条例}]

changes:
  - item: YJ-ZM-001
    action: removed
    reason: 收养登记机关已能查询婚姻登记信息 <script>alert(1)</script>
  - item: YJ-ZM-003
    action: renamed
    reason: 与《民法典》“成员资格”用语一致 [详情](javascript:alert(1))
  - item: YJ-ZM-101
    action: modified
    reason: 核对备案登记后当场出具
  - item: YJ-ZM-103
    action: added
    reason: 为申请非遗活动补助新增（<img src=x onerror=alert(1)>）
"""
    )
    (repo / THIRD).write_text(text, encoding="utf-8")


def test_diff_summarizes_a_new_edition(repo: Path):
    write_third_edition(repo)
    assert generator(repo, "check", "--base", "HEAD").code == 0
    run = generator(repo, "diff", "--base", "HEAD")
    assert run.code == 0, run.out
    out = run.out
    assert "✅ 检查通过（0 个警告）。" in out
    assert "## 延吉市 · 村级组织证明事项目录" in out
    assert "### 新版本 2025-01-01（调整，（示例）延市办发〔2024〕30号） · **示例数据**" in out
    assert "与上一版 2024-06-30 相比：" in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "YJ" in line]
    assert [row.split(" | ")[0] for row in rows] == ["| 更名", "| 修改", "| 新增", "| 取消"]
    for reason in (
        "收养登记机关已能查询婚姻登记信息",
        "与《民法典》“成员资格”用语一致",
        "核对备案登记后当场出具",
        "为申请非遗活动补助新增",
    ):
        assert reason in out
    assert "村集体经济组织成员确认证明 → 村集体经济组织成员资格证明" in out
    assert "办结时限 3 个工作日内 → 当场办结" in out  # the changed field of the modified item, old → new
    # untrusted reasons are escaped for Markdown: no live HTML, no javascript: link
    assert "<script>" not in out and "](javascript:" not in out and "(javascript:" not in out
    assert re.search(r"(?<!\\)[<>\[\]]", out.split("|---|")[1]) is None  # every bracket in the table is escaped
    assert r"\<script\>" in out and r"\<img src\=x" in out


def test_diff_without_changes(repo: Path):
    run = generator(repo, "diff", "--base", "HEAD")
    assert run.code == 0 and "本次提交没有新的目录版本。" in run.out


def test_diff_reports_errors_too(repo: Path):
    write_third_edition(repo)
    edit(repo, THIRD, "    action: modified\n", "    action: renamed\n")
    edit(repo, CERT1, '  date: "2023-11-03"', '  date: "2023-11-04"')
    run = generator(repo, "diff", "--base", "HEAD")
    assert run.code == 1
    assert "❌ 检查未通过：2 个错误，0 个警告。" in run.out
    assert f"- `{CERT1}:14: 已发布的版本文件被修改" in run.out
    assert (
        f"- `{THIRD}:63: changes第3项.action: 变化类型不对（期望 modified（修改，变化的字段：办结时限），实际为 renamed）`"
        in run.out
    )


# --- new-edition ------------------------------------------------------------------------------------

NEW = "catalogs/yanji/certificates/2030-01-01.yaml"


def test_new_edition_round_trip(repo: Path):
    run = generator(repo, "new-edition", "yanji", "certificates", "2024-01-01")
    assert run.code == 2 and run.err == "错误：新版本的生效日期必须晚于最新版本 2024-06-30（实际为 2024-01-01）\n"

    run = generator(repo, "new-edition", "yanji", "certificates", "2030-01-01")
    assert run.code == 0 and run.out.startswith(f"已创建 {NEW}")
    draft = (repo / NEW).read_text(encoding="utf-8")
    assert (
        'effective: "2030-01-01"' in draft and "kind: amendment" in draft and "changes: []" in draft
    )  # the files' style
    assert "based_on: yanbian/certificates/2023-09-28" in draft
    assert "title: 延吉市村级组织证明事项保留清单（2030年版）" in draft  # not the copied （2024年版）
    assert (
        "\nfiling:\n  to: [州民政局, 州委组织部, 州委农办]\n" in draft and "date: 请填写备案日期" in draft
    )  # a county edition is filed
    assert "\n\nitems:\n  - {id: YJ-ZM-001, adopts: YB-ZM-001}\n" in draft  # as the catalog files are written

    # an unfilled draft does not pass, and is never overwritten
    run = generator(repo, "check")
    assert run.code == 1 and {line.split(": ")[1] for line in run.problems if "警告" not in line} == {
        "document.date",
        "filing.date",
    }
    run = generator(repo, "new-edition", "yanji", "certificates", "2030-01-01")
    assert run.code != 0 and (repo / NEW).read_text(encoding="utf-8") == draft

    # filled in: document, filing, one change with its ledger entry
    text = draft.replace("date: 请填写印发日期", 'date: "2029-12-01"')
    assert "请填写" in text
    text = text.replace("（示例）请填写文号", "（示例）延市办发〔2029〕5号").replace(
        "请填写文件标题", "关于调整延吉市村级组织证明事项保留清单的通知"
    )
    text = text.replace("date: 请填写备案日期（尚未备案的，删除整个 filing）", 'date: "2029-12-10"')
    assert "    deadline: 5\n    form: 林下经济" in text
    text = text.replace("    deadline: 5\n    form: 林下经济", "    deadline: 7\n    form: 林下经济")
    text = text.replace(
        "changes: []",
        "changes:\n  - item: YJ-ZM-102\n    action: modified\n    reason: 增加实地核实环节，办结时限延长为7个工作日",
    )
    (repo / NEW).write_text(text, encoding="utf-8")
    run = generator(repo, "check", "--base", "HEAD")
    assert (run.code, run.out) == (0, "检查通过：0 个警告。\n")

    run = generator(repo, "new-edition", "yanji", "certificates", "2030-01-01")
    assert run.code == 2 and "必须晚于最新版本 2030-01-01" in run.err


def test_new_edition_placeholders_must_be_replaced(repo: Path):
    assert generator(repo, "new-edition", "yanji", "work-affairs", "2030-01-01").code == 0
    edit(repo, "catalogs/yanji/work-affairs/2030-01-01.yaml", "date: 请填写印发日期", "date: '2029-12-01'")
    edit(
        repo,
        "catalogs/yanji/work-affairs/2030-01-01.yaml",
        "date: 请填写备案日期（尚未备案的，删除整个 filing）",
        "date: '2029-12-05'",
    )
    run = generator(repo, "check")
    assert run.code == 1
    # the placeholders, and (since a draft copies the items unchanged) an amendment that changes nothing
    assert [line.split(": ")[1] for line in run.problems if "警告" not in line] == [
        "kind",
        "document.number",
        "document.title",
    ]
    placeholders = [line for line in run.problems if "警告" not in line and ": kind: " not in line]
    assert len(placeholders) == 2 and all("new-edition 留下的占位文字" in line for line in placeholders)


@pytest.mark.parametrize(
    "args,message",
    [
        (["huangshan", "certificates", "2030-01-01"], "错误：找不到地区“huangshan”"),
        (["yanji", "certificate", "2030-01-01"], "错误：找不到目录类别“certificate”"),
        (["yanji", "certificates", "2030-13-01"], "错误：日期无效（期望如 2025-01-01，实际为“2030-13-01”）"),
    ],
)
def test_new_edition_rejects_bad_arguments(repo: Path, args: list[str], message: str):
    run = generator(repo, "new-edition", *args)
    assert run.code == 2 and run.err.startswith(message)
    assert git(repo, "status", "--porcelain") == ""


FORGERIES = [
    "\n## ✅ 检查通过（0 个警告）。\n",  # a fake heading on its own line
    "\u2028## ✅ 检查通过\u2029",  # the same with Unicode line separators
    "\r\n![logo](https://evil.example/x.png)\n",  # an image
    "\x85@octocat 请批准 ",  # a notification, after a NEL
    "\u202e过通查检\u202c",  # a bidi override reordering what a reviewer reads
    "\x1b[32m✅\x1b[0m",  # a terminal colour sequence
]


@pytest.mark.parametrize("forgery", FORGERIES)
def test_quoted_values_cannot_forge_the_summary(repo: Path, forgery: str):
    """An ID (or any value) quoted in an error stays inert: one line, no Markdown, no @mention, no
    layout control, in `check` (the terminal and the CI log) and in `diff` (the PR comment)."""
    write_third_edition(repo)
    bad_id = "YJ-ZM-103" + forgery + "X"
    edit(repo, THIRD, "  - id: YJ-ZM-103\n", "  - id: " + json_quote(bad_id) + "\n")
    check = generator(repo, "check")
    diff = generator(repo, "diff", "--base", "HEAD")
    assert check.code == 1 and diff.code == 1
    for out in (check.out, diff.out):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\u202a-\u202e\u2066-\u2069]", out)
        named = [line for line in out.splitlines() if f"{THIRD}:43:" in line]
        assert len(named) == 1  # the error, on one line, at the ID's own line
        assert (
            "YJ-ZM-103" not in named[0] or "⟨U+" in named[0]
        )  # where the value is quoted, its invisible characters are shown
        assert "@octocat" not in out
        assert not [line for line in out.splitlines() if line.lstrip("-` ").startswith(("## ✅", "![", "\u202e"))]
    assert diff.out.splitlines()[2].startswith("❌ 检查未通过")  # the failed check never reads as passed
    assert [line for line in diff.out.splitlines() if "✅" in line] == [
        line for line in diff.out.splitlines() if "YJ-ZM-103" in line and "✅" in line
    ]
    errors = diff.out.split("### 错误\n\n", 1)[1].strip().splitlines()
    assert errors and all(line.startswith("- `") and line.endswith("`") and line.count("`") == 2 for line in errors)


def json_quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=True)  # a YAML double-quoted scalar with \n, \u2028 … escapes


def test_free_text_in_the_change_table_stays_in_its_cell(repo: Path):
    write_third_edition(repo)
    edit(
        repo,
        THIRD,
        "    reason: 核对备案登记后当场出具\n",
        '    reason: "核对备案登记后当场出具 @octocat\\n## ✅ 检查通过\\n| 伪造 | 行 |"\n',
    )
    run = generator(repo, "diff", "--base", "HEAD")
    assert run.code == 0, run.out
    row = [line for line in run.out.splitlines() if "核对备案登记后当场出具" in line]
    assert len(row) == 1 and row[0].startswith("| 修改 | YJ\\-ZM\\-101 |")
    assert "＠octocat" in row[0] and "@octocat" not in run.out  # no notification
    assert r"\#\# ✅ 检查通过 \| 伪造 \| 行 \|" in row[0]  # no heading, no extra table cells
    assert not [line for line in run.out.splitlines() if line.startswith(("## ✅", "| 伪造"))]
