"""Reading catalog files as they were at a git revision (the published base)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..catalog.errors import CatalogError
from ..catalog.load import load_bytes
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
    if not rev.strip():  # an empty CI variable must not silently skip the check
        raise GitError("基准版本为空（--base 后面要写分支或提交，如 origin/main；在 CI 中请检查传入的变量是否为空）")
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
        out[name] = batch[header_end + 1 : header_end + 1 + size]
        pos = header_end + 1 + size + 1
    return out


def is_edition_uri(uri: str) -> bool:
    parts = uri.split("/")
    return len(parts) == 4 and parts[0] == "catalogs" and DATE_FILE.fullmatch(parts[3]) is not None


def _lf(data: bytes) -> bytes:
    """Line endings as git stores them: a Windows checkout (core.autocrlf) is not a modification."""
    return data.replace(b"\r\n", b"\n")


def check_frozen(repo: Path, rev: str) -> list[CatalogError]:
    """Rule 10: an edition file that exists at `rev` is unchanged in the working tree, and no new
    edition is dated before a published one of the same catalog (history is only ever appended).
    Going live is the exception (catalog/golive.py): an official edition may be dated before the
    example editions it retires, or replace an example edition of the same date; never an official one."""
    errors: list[CatalogError] = []
    base = files_at(repo, rev)
    latest: dict[str, str] = {}  # catalogs/<region>/<kind> -> newest published date
    latest_official: dict[
        str, str
    ] = {}  # the same, of official editions (example ones step aside when a catalog goes live)
    for uri in base:
        if is_edition_uri(uri):
            folder, _, name = uri.rpartition("/")
            latest[folder] = max(latest.get(folder, ""), name.removesuffix(".yaml"))
            if _status(base[uri], uri) == "official":
                latest_official[folder] = max(latest_official.get(folder, ""), name.removesuffix(".yaml"))
    for path in sorted((repo / "catalogs").glob("*/*/*.yaml")):
        uri = path.relative_to(repo).as_posix()
        folder, _, name = uri.rpartition("/")
        if not is_edition_uri(uri) or uri in base:
            continue
        if _status(path.read_bytes(), uri) == "official":
            limit = latest_official.get(folder, "")  # going live: an official edition may precede example ones
        else:
            limit = latest.get(folder, "")
        if name.removesuffix(".yaml") < limit:
            errors.append(
                CatalogError(
                    uri,
                    0,
                    "",
                    f"新版本的生效日期早于已发布的 {limit} 版本（已发布的历史不能改写，"
                    f"不能在已发布的版本之间或之前插入版本；请把生效日期定在 {limit} 之后）",
                )
            )
    errors += _places_kept(repo, base, rev)
    for uri, published in sorted(base.items()):
        if not is_edition_uri(uri):
            continue
        path = repo / uri
        if not path.is_file():
            errors.append(
                CatalogError(
                    uri, 0, "", f"已发布的版本文件被删除（基准 {rev} 中存在；已发布的版本永远保留，请恢复此文件）"
                )
            )
            continue
        current = _lf(path.read_bytes())
        published = _lf(published)
        if current != published and not _goes_live(published, current, uri):
            line = _first_different_line(published, current)
            errors.append(
                CatalogError(
                    uri,
                    line,
                    "",
                    f"已发布的版本文件被修改（与基准 {rev} 不同，从第 {line} 行起；"
                    "已发布的版本不能改动，请恢复原文件，用 new-edition 起草新版本，或发布勘误版 correction）",
                )
            )
    return errors


def _status(data: bytes, uri: str) -> str | None:
    """The `status` an edition file declares (None if it cannot be read: the validator says why)."""
    doc, _ = load_bytes(data, uri)
    return doc.data.get("status") if doc is not None and isinstance(doc.data, dict) else None


def _goes_live(published: bytes, current: bytes, uri: str) -> bool:
    """The one edit a published file may take: an example edition replaced, on the same date, by the
    official one (the prefecture's annexes bear the date of the notice its examples were dated by)."""
    return _status(published, uri) == "example" and _status(current, uri) == "official"


def _places(data: object) -> dict[str, str]:
    """{town slug or town/village slug: name} of a loaded region.yaml (empty if unreadable)."""
    out: dict[str, str] = {}
    towns = data.get("towns", []) if isinstance(data, dict) else []
    for town in towns if isinstance(towns, list) else []:
        if isinstance(town, dict) and isinstance(town.get("slug"), str):
            out[town["slug"]] = str(town.get("name", ""))
            for village in town.get("villages", []) if isinstance(town.get("villages"), list) else []:
                if isinstance(village, dict) and isinstance(village.get("slug"), str):
                    out[f"{town['slug']}/{village['slug']}"] = str(village.get("name", ""))
    return out


def _places_kept(repo: Path, base: dict[str, bytes], rev: str) -> list[CatalogError]:
    """Towns and villages are never deleted from region.yaml (their gallery pages were published)."""
    errors = []
    for uri, published in sorted(base.items()):
        if not uri.endswith("/region.yaml") or uri.count("/") != 2:
            continue
        before, _ = load_bytes(published, uri)
        path = repo / uri
        if before is None or not path.is_file():
            continue  # a deleted region.yaml is reported by the validator and with its editions
        now, _ = load_bytes(path.read_bytes(), uri)
        if now is None:
            continue  # its own syntax errors are reported
        gone = sorted(set(_places(before.data)) - set(_places(now.data)))
        for slug in gone:
            errors.append(
                CatalogError(
                    uri,
                    0,
                    "towns",
                    f"乡镇或村“{_places(before.data)[slug]}”（{slug}）被删除（基准 {rev} 中存在；"
                    "它的牌子样式网页已经发布，不能删除；已撤并的请保留并写 retired: true）",
                )
            )
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
