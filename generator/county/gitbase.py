"""Reading catalog files as they were at a git revision (the published base)."""
from __future__ import annotations

import subprocess
from pathlib import Path

from ..catalog.errors import CatalogError
from ..catalog.validate import DATE_FILE


class GitError(Exception):
    """The base revision cannot be read; the message is for people (Chinese)."""


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True, check=False)
    except OSError as exc:
        raise GitError(f"无法运行 git（{exc.strerror}）") from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} 失败")
    return done.stdout


def files_at(repo: Path, rev: str, folder: str = "catalogs") -> dict[str, bytes]:
    """Every file under `folder` at `rev`, as {repository-relative path: bytes}."""
    try:
        _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError:
        raise GitError(f"找不到基准版本“{rev}”（请确认分支或提交存在，例如 origin/main）") from None
    names = [n for n in _git(repo, "ls-tree", "-r", "-z", "--name-only", rev, "--", folder).decode().split("\0") if n]
    if not names:
        return {}
    batch = _git(repo, "cat-file", "--batch", stdin="".join(f"{rev}:{n}\n" for n in names).encode())
    out: dict[str, bytes] = {}
    pos = 0
    for name in names:
        header_end = batch.index(b"\n", pos)
        size = int(batch[pos:header_end].split()[2])
        out[name] = batch[header_end + 1: header_end + 1 + size]
        pos = header_end + 1 + size + 1
    return out


def is_edition_uri(uri: str) -> bool:
    parts = uri.split("/")
    return len(parts) == 4 and parts[0] == "catalogs" and DATE_FILE.fullmatch(parts[3]) is not None


def check_frozen(repo: Path, rev: str) -> list[CatalogError]:
    """Rule 10: an edition file that exists at `rev` is unchanged in the working tree."""
    errors: list[CatalogError] = []
    for uri, published in sorted(files_at(repo, rev).items()):
        if not is_edition_uri(uri):
            continue
        path = repo / uri
        if not path.is_file():
            errors.append(CatalogError(uri, 0, "", f"已发布的版本文件被删除（基准 {rev} 中存在；已发布的版本永远保留，请恢复此文件）"))
            continue
        current = path.read_bytes()
        if current != published:
            line = _first_different_line(published, current)
            errors.append(CatalogError(uri, line, "", f"已发布的版本文件被修改（与基准 {rev} 不同，从第 {line} 行起；"
                                       "已发布的版本不能改动，请恢复原文件，用 new-edition 起草新版本，或发布勘误版 correction）"))
    return errors


def _first_different_line(a: bytes, b: bytes) -> int:
    for n, (x, y) in enumerate(zip(a.split(b"\n"), b.split(b"\n")), start=1):
        if x != y:
            return n
    return min(a.count(b"\n"), b.count(b"\n")) + 1


def materialize(repo: Path, rev: str, target: Path) -> Path:
    """Write the `catalogs/` tree at `rev` into `target`; returns the catalogs folder there."""
    for uri, data in files_at(repo, rev).items():
        dest = target / uri
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    (target / "catalogs").mkdir(exist_ok=True)
    return target / "catalogs"
