"""The pull-request workflow: the workflow files are valid GitHub workflows, the owners file covers
every catalog folder, and the PR job's own script, run on a fixture PR, writes the comment it posts."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


from conftest import REPO_ROOT
from test_cli import ENV, git, repo  # noqa: F401,F811 - the fixture repository (a commit of the minimal tree)

WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))
SCRIPT = REPO_ROOT / ".github" / "scripts" / "pr-check.sh"
MARKER = "<!-- village-catalogs-check -->"


def validate(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, files)],
                          capture_output=True, text=True, check=False)


def test_workflows_validate_against_the_github_workflow_schema():
    assert {w.name for w in WORKFLOWS} >= {"pr-check.yml", "publish.yml"}
    done = validate(*WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_does_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: push\njobs:\n  a:\n    steps: []\n", encoding="utf-8")  # no runs-on
    assert validate(broken).returncode != 0


def test_publishing_refuses_without_the_public_address():
    text = (REPO_ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert "SITE_URL: ${{ vars.SITE_URL }}" in text and 'if [ -z "$SITE_URL" ]' in text and "schedule:" in text


def test_every_catalog_folder_has_an_owner():
    owners = (REPO_ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    folders = sorted(p.name for p in (REPO_ROOT / "catalogs").iterdir() if p.is_dir())
    assert all(f"/catalogs/{f}/  @" in owners for f in folders), folders
    assert owners.splitlines()[3].startswith("*  @")  # code and everything else: maintainers
    assert (REPO_ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8").count("- [ ]") >= 3


def run_pr_check(repo: Path, tmp_path: Path) -> tuple[int, str, str]:
    comment = tmp_path / "comment.md"
    done = subprocess.run(["bash", str(SCRIPT), "main", str(comment)], cwd=repo, env={**ENV, "PYTHON": sys.executable},
                          capture_output=True, text=True, check=False)
    return done.returncode, done.stdout, comment.read_text(encoding="utf-8")


def pr_branch(repo: Path, edition_text: str) -> None:
    """A county's pull request: a new yanji certificates edition on its own branch."""
    git(repo, "checkout", "-q", "-b", "county-pr")
    (repo / "catalogs/yanji/certificates/2025-01-01.yaml").write_text(edition_text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "延吉市证明事项调整")


def next_edition(repo: Path) -> str:
    text = (repo / "catalogs/yanji/certificates/2024-06-30.yaml").read_text(encoding="utf-8")
    text = text.replace('effective: "2024-06-30"', 'effective: "2025-01-01"').replace("（2024年版）", "（2025年版）")
    text = text.replace("    deadline: 5\n    form: 林下经济", "    deadline: 7\n    form: 林下经济")
    return text.split("\nchanges:")[0] + "\nchanges:\n  - item: YJ-ZM-102\n    action: modified\n    reason: 增加实地核实环节\n"


def test_pr_job_on_a_good_county_pr_posts_the_summary_and_passes(repo, tmp_path):
    pr_branch(repo, next_edition(repo))
    code, out, comment = run_pr_check(repo, tmp_path)
    assert code == 0, out
    assert comment.startswith(MARKER + "\n## 目录变更摘要\n")
    assert "✅ 检查通过" in comment and "## 延吉市 · 村级组织证明事项目录" in comment
    assert "| 修改 | YJ\\-ZM\\-102 |" in comment and "办结时限 5 个工作日内 → 7 个工作日内" in comment


def test_pr_job_on_a_broken_county_pr_fails_and_names_file_and_line(repo, tmp_path):
    pr_branch(repo, next_edition(repo).replace("    purpose: 申请林下经济扶持资金", "    purpose：申请林下经济扶持资金"))
    code, out, comment = run_pr_check(repo, tmp_path)
    assert code == 1
    assert "❌ 检查未通过" in comment
    assert "catalogs/yanji/certificates/2025-01-01.yaml:" in comment and "中文冒号" in comment
