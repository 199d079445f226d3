"""What a county pull request may change, and how its catalogs reach the check as data only.

CI runs this module from the TARGET branch (trusted code), never from the pull request:

- `gate`: a county PR changes files under `catalogs/` only. Any other file (code, templates,
  `mkdocs.yml`, workflows, the lock file …) fails the check with a Chinese message naming the files,
  unless a maintainer listed in the target branch's `.github/maintainers.txt` approved exactly the
  PR's current head commit (a GitHub review "Approve" whose commit is the head; a later push needs a
  new approval). CODEOWNERS alone is not relied on: its teams are placeholders until replaced.
- `import`: the `catalogs/` tree of the PR's commit, copied from git objects into the trusted
  checkout; only regular files (no symlink, no submodule, no path leaving `catalogs/`).

Standard library only, so the gate runs before anything is installed:
`python -m generator.county.prscope gate|import …`. Exit 0 = fine, 1 = refused, 2 = wrong usage.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..catalog.errors import inert

CATALOGS = "catalogs"
MAINTAINERS_URI = ".github/maintainers.txt"
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
_SHA = re.compile(r"[0-9a-f]{40}")
_REGULAR = ("100644", "100755")


class ScopeError(Exception):
    """The input cannot be read; the message is for people (Chinese)."""


@dataclass(frozen=True)
class Review:
    """One pull-request review as the GitHub API lists it (oldest first)."""

    login: str
    state: str  # APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
    commit_id: str


def outside_catalogs(changed: list[str]) -> list[str]:
    """The changed paths that are not files under `catalogs/`, sorted, without duplicates."""
    return sorted({uri for uri in changed if not _under_catalogs(uri)})


def _under_catalogs(uri: str) -> bool:
    parts = uri.split("/")
    return len(parts) >= 2 and parts[0] == CATALOGS and all(p not in ("", ".", "..") for p in parts[1:])


def approvers(reviews: list[Review], head_sha: str, maintainers: frozenset[str]) -> list[str]:
    """Maintainers whose latest deciding review approves exactly `head_sha`.

    A comment-only review changes nothing; a later "request changes" or a dismissal withdraws the
    approval; an approval of an earlier commit does not cover commits pushed after it."""
    latest: dict[str, Review] = {}
    for review in reviews:
        if review.state in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED"):
            latest[review.login.lower()] = review
    allowed = {m.lower() for m in maintainers}
    return sorted(
        r.login for key, r in latest.items() if key in allowed and r.state == "APPROVED" and r.commit_id == head_sha
    )


def verdict(changed: list[str], reviews: list[Review], head_sha: str, maintainers: frozenset[str]) -> tuple[bool, str]:
    """(passes, the Chinese message for the check's log)."""
    outside = outside_catalogs(changed)
    if not outside:
        return True, f"范围检查通过：只修改了 {CATALOGS}/ 下的文件（{len(changed)} 个）。"
    listing = "\n".join(f"  - {inert(uri)}" for uri in outside)
    by = approvers(reviews, head_sha, maintainers)
    if by:
        return True, (
            f"本拉取请求修改了 {CATALOGS}/ 以外的 {len(outside)} 个文件：\n{listing}\n"
            f"维护人员 {'、'.join(by)} 已批准当前提交（{head_sha[:12]}），范围检查通过。"
        )
    who = (
        "、".join(sorted(maintainers)) if maintainers else f"（目标分支的 {MAINTAINERS_URI} 尚未列出任何维护人员账号）"
    )
    return False, (
        f"范围检查未通过：县（市）提交的目录调整只能修改 {CATALOGS}/ 下的文件，本拉取请求还修改了以下 {len(outside)} 个文件：\n"
        f"{listing}\n"
        "如果是误改，请撤销对这些文件的修改后重新提交。\n"
        "如果确实需要修改（网站的代码、模板、配置或自动检查本身），须由维护人员审核：维护人员在“Files changed”中"
        "审阅后点“Review changes → Approve”批准当前最新的提交，这项检查会自动重新运行并通过；"
        f"之后每次新的提交都要重新批准。可以批准的维护人员：{who}。"
    )


# --- reading the inputs -----------------------------------------------------------------------------


def read_changed(path: Path) -> list[str]:
    """Changed paths, one JSON string per line (`gh api …/pulls/N/files --jq '… | tojson'`), so a
    file name with a line break in it stays one name."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            uri = json.loads(line)
        except ValueError:
            uri = None
        if not isinstance(uri, str):
            raise ScopeError(f"{path.name}:{n}: 应为 JSON 字符串形式的文件路径，实际为：{inert(line[:200])}")
        out.append(uri)
    return out


def read_reviews(path: Path) -> list[Review]:
    """Reviews as JSON lines `{"login": …, "state": …, "commit_id": …}`, oldest first."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            out.append(Review(str(item["login"]), str(item["state"]), str(item["commit_id"])))
        except (ValueError, KeyError, TypeError):
            raise ScopeError(
                f"{path.name}:{n}: 审核记录应为含 login、state、commit_id 的 JSON，实际为：{inert(line[:200])}"
            ) from None
    return out


def read_maintainers(path: Path) -> frozenset[str]:
    """GitHub logins, one per line; `#` starts a comment."""
    logins = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        login = line.split("#", 1)[0].strip()
        if not login:
            continue
        if not _LOGIN.fullmatch(login):
            raise ScopeError(
                f"{MAINTAINERS_URI}:{n}: 应为一个 GitHub 账号名（字母、数字、连字符），实际为：{inert(login)}"
            )
        logins.add(login)
    return frozenset(logins)


# --- git: changed files and the catalogs tree as data -------------------------------------------------


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "core.quotePath=false", *args], input=stdin, capture_output=True, check=False
    )
    if done.returncode != 0:
        raise ScopeError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} 失败")
    return done.stdout


def changed_files(repo: Path, base: str, head: str) -> list[str]:
    """Every path that differs between `base` and `head` (a rename counts as both of its names)."""
    out = _git(repo, "diff", "--no-renames", "--no-ext-diff", "--no-textconv", "--name-only", "-z", base, head, "--")
    return [n for n in out.decode("utf-8", "surrogateescape").split("\0") if n]


def import_catalogs(repo: Path, rev: str, dest: Path) -> list[str]:
    """Replace `dest/catalogs` by the `catalogs/` tree of `rev` in `repo`, read from git objects.

    Returns the refused entries (Chinese messages); nothing is written when there are any."""
    listing = _git(repo, "ls-tree", "-r", "-z", "--full-tree", rev, "--", CATALOGS)
    entries: list[tuple[str, str]] = []
    refused: list[str] = []
    for record in filter(None, listing.decode("utf-8", "surrogateescape").split("\0")):
        meta, _, uri = record.partition("\t")
        mode, kind, sha = meta.split()
        if mode not in _REGULAR or kind != "blob":
            what = "符号链接" if mode == "120000" else "子模块" if mode == "160000" else f"类型 {mode}"
            refused.append(f"{inert(uri)}: 目录文件夹中不能有{what}，只能有普通文件")
        elif not _under_catalogs(uri) or ".git" in uri.split("/"):
            refused.append(f"{inert(uri)}: 不允许的路径")
        else:
            entries.append((uri, sha))
    if refused:
        return refused
    blobs = _git(repo, "cat-file", "--batch", stdin="".join(f"{sha}\n" for _, sha in entries).encode())
    target = dest / CATALOGS
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    pos = 0
    for uri, _ in entries:
        header_end = blobs.index(b"\n", pos)
        size = int(blobs[pos:header_end].split()[2])
        path = dest / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blobs[header_end + 1 : header_end + 1 + size])
        pos = header_end + 1 + size + 1
    return []


# --- command line -------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator.county.prscope", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gate = sub.add_parser("gate", help="县（市）的拉取请求只能修改 catalogs/，除非维护人员批准")
    source = gate.add_mutually_exclusive_group(required=True)
    source.add_argument("--changed", type=Path, help="修改过的文件列表（每行一个路径）")
    source.add_argument("--git", nargs=3, metavar=("REPO", "BASE", "HEAD"), help="从 git 计算修改过的文件")
    gate.add_argument("--reviews", type=Path, help="审核记录（JSON lines：login、state、commit_id）")
    gate.add_argument("--head-sha", default="", help="拉取请求当前最新提交的 SHA（批准须针对它）")
    gate.add_argument("--maintainers", type=Path, default=Path(MAINTAINERS_URI), help="维护人员账号列表")
    imp = sub.add_parser("import", help="把拉取请求的 catalogs/ 作为数据复制过来")
    imp.add_argument("repo", type=Path)
    imp.add_argument("rev")
    imp.add_argument("dest", type=Path)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "import":
            refused = import_catalogs(args.repo, args.rev, args.dest)
            for line in refused:
                print(line)
            print(
                f"检查未通过：拉取请求的 {CATALOGS}/ 中有 {len(refused)} 处不能作为数据读取。"
                if refused
                else f"已读取拉取请求的 {CATALOGS}/（只作为数据）。"
            )
            return 1 if refused else 0
        if args.head_sha and not _SHA.fullmatch(args.head_sha):
            raise ScopeError(f"--head-sha 应为 40 位十六进制的提交 SHA，实际为：{inert(args.head_sha[:80])}")
        changed = read_changed(args.changed) if args.changed else changed_files(*args.git)
        reviews = read_reviews(args.reviews) if args.reviews else []
        maintainers = read_maintainers(args.maintainers) if args.maintainers.is_file() else frozenset()
    except (ScopeError, OSError) as exc:
        print(f"无法完成范围检查：{exc}", file=sys.stderr)
        return 2
    ok, message = verdict(changed, reviews, args.head_sha, maintainers)
    print(message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
