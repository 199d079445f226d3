"""The pull-request workflows: valid GitHub workflows that zizmor finds nothing in; the target branch's
code checks the PR's catalogs/ as data only; no job that handles PR content can write or read secrets;
every action pinned to a commit; the comment posted by a workflow_run workflow that checks out nothing;
publishing split into a read-only build and a deploy without checkout; installs checked by hash.
Then the scripts themselves on a fixture PR: the summary it posts, and the scope gate (catalogs/ only,
unless a maintainer approved the head commit)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO_ROOT
from test_cli import ENV, git, repo  # noqa: F401,F811 - the fixture repository (a commit of the minimal tree)

WORKFLOW_DIR = REPO_ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.yml"))
SCRIPT = REPO_ROOT / ".github" / "scripts" / "pr-check.sh"
MARKER = "<!-- village-catalogs-check -->"
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
PR_EVENTS = {"pull_request", "pull_request_review", "pull_request_target", "issue_comment"}


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOW_DIR / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True
    return on if isinstance(on, dict) else {name: None for name in ([on] if isinstance(on, str) else on)}


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def validate(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


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
    assert "占位" in owners.splitlines()[1] and "pr-scope.yml" in owners  # placeholders, and not the gate
    assert (REPO_ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8").count("- [ ]") >= 3


# --- the workflows, as GitHub would read them ----------------------------------------------------------


def test_zizmor_finds_nothing():
    zizmor = Path(sys.executable).with_name("zizmor")
    done = subprocess.run(
        [str(zizmor), "--offline", "--persona=auditor", "--no-progress", str(WORKFLOW_DIR)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr
    # the one inline ignore: workflow_run itself (pr-comment.yml), justified where it is written
    ignores = [
        line for w in WORKFLOWS for line in w.read_text(encoding="utf-8").splitlines() if "zizmor: ignore" in line
    ]
    assert len(ignores) == 1 and "ignore[dangerous-triggers] --" in ignores[0]


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it():
    uses = 0
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            found = re.match(r"^\s*(?:- )?uses: (\S+)(.*)$", line)
            if found:
                uses += 1
                assert PINNED.fullmatch(found[1]), f"{path.name}: {line.strip()}"
                assert re.fullmatch(r" # v\d+\.\d+\.\d+", found[2]), f"{path.name}: {line.strip()}"
    assert uses >= 10


def test_least_privilege_everywhere():
    for path in WORKFLOWS:
        workflow = load(path.name)
        assert workflow["permissions"] == {}, path.name  # nothing by default: each job says what it needs
        for job_id, step in steps(workflow):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, (path.name, job_id)


def test_no_job_that_handles_pull_request_content_can_write_or_read_secrets():
    for path in WORKFLOWS:
        workflow = load(path.name)
        if not PR_EVENTS & set(triggers(workflow)):
            continue
        assert "pull_request_target" not in triggers(workflow) and "secrets." not in path.read_text(encoding="utf-8")
        for job_id, job in workflow["jobs"].items():
            assert set(job["permissions"].values()) <= {"read"}, (path.name, job_id)


def test_the_pr_check_runs_the_target_branchs_code_on_the_prs_catalogs():
    workflow = load("pr-check.yml")
    assert set(triggers(workflow)) == {"pull_request"}
    job = workflow["jobs"]["check"]
    assert job["permissions"] == {"contents": "read"}
    checkouts = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts[0]["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert "path" not in checkouts[0]["with"]  # the workspace itself: the code that runs
    assert len(checkouts) == 2 and checkouts[1]["with"]["path"] == "pr-data"  # the PR: data in a subfolder
    runs = [s.get("run", "") for s in job["steps"]]
    data_step = next(i for i, r in enumerate(runs) if "prscope import pr-data" in r)
    assert "rm -rf pr-data" in runs[data_step]  # gone before anything else runs
    assert all("pr-data" not in r for r in runs[data_step + 1 :])
    assert any("bash .github/scripts/pr-check.sh HEAD " in r for r in runs)


def test_the_scope_gate_runs_trusted_code_on_every_push_and_review():
    workflow = load("pr-scope.yml")
    assert triggers(workflow)["pull_request"]["types"] == ["opened", "synchronize", "reopened"]
    assert triggers(workflow)["pull_request_review"]["types"] == ["submitted", "dismissed"]
    job = workflow["jobs"]["scope"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "read"}
    checkouts = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert [c["with"]["ref"] for c in checkouts] == ["${{ github.event.pull_request.base.sha }}"]
    assert "generator.county.prscope gate" in job["steps"][-1]["run"]


def test_the_comment_is_posted_by_a_workflow_run_that_checks_out_nothing():
    workflow = load("pr-comment.yml")
    assert set(triggers(workflow)) == {"workflow_run"}
    assert triggers(workflow)["workflow_run"]["workflows"] == [load("pr-check.yml")["name"]]
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert not any("checkout" in s.get("uses", "") for s in job["steps"])
    script = job["steps"][-1]["with"]["script"]
    assert "${{" not in script  # values arrive through env only
    assert "c.user.login === BOT" in script and "c.body.startsWith(MARKER)" in script  # its own comment only
    assert "/^[1-9][0-9]{0,9}$/" in script and "MAX_CHARS" in script and "RUN_HEAD_SHA" in script


def test_no_expression_is_pasted_into_a_script():
    for path in WORKFLOWS:
        for job_id, step in steps(load(path.name)):
            assert "${{" not in step.get("run", ""), (path.name, job_id, step.get("name"))
            assert "${{" not in step.get("with", {}).get("script", ""), (path.name, job_id)


def test_publishing_builds_read_only_and_deploys_without_checkout():
    jobs = load("publish.yml")["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]


def test_the_publish_build_cache_lives_outside_the_checkout_and_is_keyed():
    """The build cache (generator/build/filecache.py) is read from ~/.cache, never from the repository
    tree; its entries are checked under a key only the build job's environment holds."""
    build = load("publish.yml")["jobs"]["build"]
    cached = [
        s["with"]["path"]
        for _, s in steps({"jobs": {"build": build}})
        if s.get("uses", "").startswith("actions/cache@")
    ]
    assert cached == ["~/.cache/village-catalogs"]
    assert build["environment"] == "site-build"
    make = next(s for _, s in steps({"jobs": {"build": build}}) if "mkdocs build" in s.get("run", ""))
    assert make["env"] == {"VC_BUILD_CACHE_KEY": "${{ secrets.VC_BUILD_CACHE_KEY }}"}


def test_every_install_checks_hashes():
    texts = [w.read_text(encoding="utf-8") for w in WORKFLOWS] + [(REPO_ROOT / "Makefile").read_text(encoding="utf-8")]
    installs = [line for t in texts for line in t.splitlines() if "pip install" in line and " -r " in line]
    assert len(installs) >= 3 and all("--require-hashes -r requirements.lock" in line for line in installs), installs
    lock = (REPO_ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", lock, re.M)
    blocks = re.split(r"\n(?=[A-Za-z])", lock.split("\n", 3)[3].strip())
    assert len(pins) == len(blocks) >= 50
    assert all(re.search(r"--hash=sha256:[0-9a-f]{64}", b) for b in blocks)
    assert {"zizmor", "zxing-cpp", "jieba"} <= {name for name, _ in pins}


def run_pr_check(repo: Path, tmp_path: Path) -> tuple[int, str, str]:
    comment = tmp_path / "comment.md"
    done = subprocess.run(
        ["bash", str(SCRIPT), "main", str(comment)],
        cwd=repo,
        env={**ENV, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        check=False,
    )
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
    return (
        text.split("\nchanges:")[0]
        + "\nchanges:\n  - item: YJ-ZM-102\n    action: modified\n    reason: 增加实地核实环节\n"
    )


def test_pr_job_on_a_good_county_pr_posts_the_summary_and_passes(repo, tmp_path):
    pr_branch(repo, next_edition(repo))
    code, out, comment = run_pr_check(repo, tmp_path)
    assert code == 0, out
    assert comment.startswith(MARKER + "\n## 目录变更摘要\n")
    assert "✅ 检查通过" in comment and "## 延吉市 · 村级组织证明事项目录" in comment
    assert "| 修改 | YJ\\-ZM\\-102 |" in comment and "办结时限 5 个工作日内 → 7 个工作日内" in comment


def test_pr_job_on_a_broken_county_pr_fails_and_names_file_and_line(repo, tmp_path):
    pr_branch(
        repo, next_edition(repo).replace("    purpose: 申请林下经济扶持资金", "    purpose：申请林下经济扶持资金")
    )
    code, out, comment = run_pr_check(repo, tmp_path)
    assert code == 1
    assert "❌ 检查未通过" in comment
    assert "catalogs/yanji/certificates/2025-01-01.yaml:" in comment and "中文冒号" in comment


# --- the check job's data step and the scope gate on a fixture PR ---------------------------------------


def prscope(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator.county.prscope", *args],
        cwd=repo,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_the_check_job_runs_base_code_on_the_prs_catalogs_only(repo, tmp_path):
    pr_branch(repo, next_edition(repo))
    (repo / ".github/scripts").mkdir(parents=True)
    (repo / ".github/scripts/pr-check.sh").write_text("echo 拉取请求自己的脚本 > pwned\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "顺便改了检查脚本")
    base = tmp_path / "base"  # the job's workspace: the target branch, then the PR's catalogs/ as data
    git(repo, "worktree", "add", "-q", str(base), "main")
    done = prscope(base, "import", str(repo), "county-pr", str(base))
    assert done.returncode == 0, done.stdout + done.stderr
    assert (base / "catalogs/yanji/certificates/2025-01-01.yaml").is_file() and not (base / ".github").exists()
    comment = tmp_path / "comment.md"
    run = subprocess.run(
        ["bash", str(SCRIPT), "HEAD", str(comment)],
        cwd=base,
        env={**ENV, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout
    assert "| 修改 | YJ\\-ZM\\-102 |" in comment.read_text(encoding="utf-8") and not (base / "pwned").exists()


def test_the_prs_catalogs_may_hold_regular_files_only(repo, tmp_path):
    git(repo, "checkout", "-q", "-b", "county-pr")
    (repo / "catalogs/yanji/链接.yaml").symlink_to("/etc/passwd")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "符号链接")
    dest = tmp_path / "dest"
    done = prscope(repo, "import", str(repo), "county-pr", str(dest))
    assert done.returncode == 1
    assert "catalogs/yanji/链接.yaml: 目录文件夹中不能有符号链接，只能有普通文件" in done.stdout
    assert not dest.exists()  # nothing written


def code_pr(repo: Path) -> str:
    """A county PR that also edits code and the site configuration; returns its head commit."""
    pr_branch(repo, next_edition(repo))
    (repo / "generator").mkdir()
    (repo / "generator/__init__.py").write_text("import os  # 拉取请求改的代码\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text("site_name: 改过的网站\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "顺便改了代码")
    return git(repo, "rev-parse", "HEAD").strip()


def gate(repo: Path, tmp_path: Path, reviews: list[dict], head: str, maintainers: str = "maintainer-1  # 维护人员\n"):
    (tmp_path / "reviews.jsonl").write_text("".join(json.dumps(r) + "\n" for r in reviews), encoding="utf-8")
    (tmp_path / "maintainers.txt").write_text(maintainers, encoding="utf-8")
    return prscope(
        repo,
        "gate",
        "--git",
        str(repo),
        "main",
        "county-pr",
        "--reviews",
        str(tmp_path / "reviews.jsonl"),
        "--head-sha",
        head,
        "--maintainers",
        str(tmp_path / "maintainers.txt"),
    )


def test_a_county_pr_that_edits_code_fails_with_the_files_named(repo, tmp_path):
    head = code_pr(repo)
    done = gate(repo, tmp_path, [], head)
    assert done.returncode == 1
    assert done.stdout.startswith(
        "范围检查未通过：县（市）提交的目录调整只能修改 catalogs/ 下的文件，本拉取请求还修改了以下 2 个文件：\n"
        "  - generator/__init__.py\n  - mkdocs.yml\n"
    )
    assert "catalogs/yanji" not in done.stdout and "可以批准的维护人员：maintainer-1" in done.stdout


def test_a_maintainers_approval_of_the_head_commit_lets_it_pass(repo, tmp_path):
    head = code_pr(repo)
    done = gate(repo, tmp_path, [{"login": "Maintainer-1", "state": "APPROVED", "commit_id": head}], head)
    assert done.returncode == 0, done.stdout
    assert "维护人员 Maintainer-1 已批准当前提交" in done.stdout and "  - mkdocs.yml" in done.stdout


@pytest.mark.parametrize(
    "reviews, why",
    [
        ([{"login": "county-staff", "state": "APPROVED", "commit_id": "HEAD"}], "not a maintainer"),
        ([{"login": "maintainer-1", "state": "APPROVED", "commit_id": "0" * 40}], "an earlier commit"),
        (
            [
                {"login": "maintainer-1", "state": "APPROVED", "commit_id": "HEAD"},
                {"login": "maintainer-1", "state": "DISMISSED", "commit_id": "HEAD"},
            ],
            "dismissed",
        ),
        (
            [
                {"login": "maintainer-1", "state": "APPROVED", "commit_id": "HEAD"},
                {"login": "maintainer-1", "state": "CHANGES_REQUESTED", "commit_id": "HEAD"},
            ],
            "withdrawn",
        ),
    ],
)
def test_what_is_not_an_approval(repo, tmp_path, reviews, why):
    head = code_pr(repo)
    reviews = [{**r, "commit_id": head if r["commit_id"] == "HEAD" else r["commit_id"]} for r in reviews]
    assert gate(repo, tmp_path, reviews, head).returncode == 1, why


def test_without_listed_maintainers_nobody_can_approve(repo, tmp_path):
    head = code_pr(repo)
    done = gate(
        repo,
        tmp_path,
        [{"login": "maintainer-1", "state": "APPROVED", "commit_id": head}],
        head,
        maintainers=(REPO_ROOT / ".github/maintainers.txt").read_text(encoding="utf-8"),
    )
    assert done.returncode == 1 and "尚未列出任何维护人员账号" in done.stdout


def test_a_catalogs_only_pr_passes_the_gate(repo, tmp_path):
    pr_branch(repo, next_edition(repo))
    done = gate(repo, tmp_path, [], git(repo, "rev-parse", "HEAD").strip())
    assert done.returncode == 0 and done.stdout == "范围检查通过：只修改了 catalogs/ 下的文件（1 个）。\n"


def test_the_gate_reads_githubs_file_list_as_json_lines(repo, tmp_path):
    changed = tmp_path / "changed.jsonl"
    names = ["catalogs/yanji/certificates/2025-01-01.yaml", "catalogs/../mkdocs.yml", "docs/换行\n::error::x.md"]
    changed.write_text("".join(json.dumps(n) + "\n" for n in names), encoding="utf-8")
    done = prscope(repo, "gate", "--changed", str(changed), "--maintainers", str(tmp_path / "none.txt"))
    assert done.returncode == 1
    assert "  - catalogs/../mkdocs.yml\n  - docs/换行⟨U+000A⟩::error::x.md\n" in done.stdout  # one line each, inert
    changed.write_text("not json\n", encoding="utf-8")
    bad = prscope(repo, "gate", "--changed", str(changed))
    assert bad.returncode == 2 and "应为 JSON 字符串形式的文件路径" in bad.stderr
