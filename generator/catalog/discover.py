"""The walk of `catalogs/`: which files are regions, editions and prefecture tables, and every other entry
reported with its path.

Only `os.lstat` looks at an entry before it is known to be a regular file or a folder: symbolic links
(`catalogs/` itself too), FIFOs (opening one would wait forever), devices and sockets are reported and
never opened; so are names that are not UTF-8, hidden names and Windows device names. Nothing is skipped
in silence: a folder that is not a region, a catalog kind or an edition would otherwise drop its data.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from . import fields as F
from .charpolicy import reserved_message, reserved_name
from .golive import note_scan
from .load import Document, load_file
from .model import CatalogKind
from .report import Report

DATE_FILE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})\.yaml")  # ASCII digits only, like the dates inside
ALLOWED_TOP_FILES = {"README.md"}
PREFECTURE_FILES = {F.NAMES_FILE: F.NAMES, F.MILESTONES_FILE: F.MILESTONES}  # beside the prefecture's region.yaml
SLUG = re.compile(F.SLUG_PATTERN)  # a region folder's name: its slug
_UNDECODED = re.compile("[\udc80-\udcff]")
SYMLINK = "不允许使用符号链接（期望普通文件或文件夹；符号链接可能指向仓库以外的文件，请换成文件本身）"


def repo_uri(path: Path, repo_root: Path) -> str:
    """`path` relative to the repository root, with `/` separators."""
    try:
        return path.relative_to(repo_root).as_posix()
    except ValueError:
        return path.as_posix()


def _kind_of(mode: int) -> str | None:
    """What a non-regular, non-folder entry is, in words (None for a file or a folder)."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISSOCK(mode):
        return "套接字（socket）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    return "特殊文件"


def _entries(folder: Path, repo_root: Path, report: Report) -> list[tuple[Path, str, bool]]:
    """(path, uri, is_folder) of each entry of `folder` that may be looked at further.

    Nothing is skipped in silence and nothing but `lstat` touches an entry here: a symbolic link, a
    FIFO (opening it would wait forever), a device or socket, a name that is not UTF-8, a hidden name
    (`..%2fantu`: its data would never be published) or a Windows device name is reported with its path.
    Only macOS's `.DS_Store` file is passed over (it holds no catalog data)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        report.add(repo_uri(folder, repo_root), (), f"无法读取文件夹（{exc.strerror}；期望可以读取的普通文件夹）")
        return []
    out: list[tuple[Path, str, bool]] = []
    for name in names:
        path = folder / name
        if _UNDECODED.search(name):  # bytes that are not UTF-8, kept by Python as lone surrogates
            shown = "".join(chr(b) if 0x20 < b < 0x7F and b != 0x5C else f"\\x{b:02x}" for b in os.fsencode(name))
            report.add(
                f"{repo_uri(folder, repo_root)}/{shown}",
                (),
                "文件名不是 UTF-8 编码（期望英文字母、数字和“-”组成的名字；"
                "其中的字节无法按 UTF-8 解读，可能是在 GBK 系统中命名的；请重新命名）",
            )
            continue
        uri = repo_uri(path, repo_root)
        try:
            mode = os.lstat(path).st_mode
        except OSError as exc:
            report.add(uri, (), f"无法读取（{exc.strerror}）")
            continue
        if stat.S_ISLNK(mode):
            report.add(uri, (), SYMLINK)
            continue
        odd = _kind_of(mode)
        if odd:
            report.add(
                uri,
                (),
                f"不是普通文件或文件夹（实际是{odd}；目录中只能有文件夹和 YAML 文本文件，网站不会打开它；请删除它）",
            )
            continue
        if name == ".DS_Store" and stat.S_ISREG(mode):
            continue
        if name.startswith("."):
            report.add(
                uri,
                (),
                f"隐藏的文件或文件夹“{name}”（名字以“.”开头的不会被读取，其中的内容不会发布；"
                "期望地区、目录类别或日期命名的文件夹和文件；请改名或删除）",
            )
            continue
        if reserved_name(name):
            report.add(uri, (), reserved_message(name))
            continue
        out.append((path, uri, stat.S_ISDIR(mode)))
    return out


def discover(
    root: Path, repo_root: Path, report: Report
) -> tuple[dict[str, Document], list[tuple[Path, str, str, CatalogKind]], dict[str, Document]]:
    region_docs: dict[str, Document] = {}
    edition_files: list[tuple[Path, str, str, CatalogKind]] = []
    extras: dict[str, dict[str, Document]] = {name: {} for name in PREFECTURE_FILES}  # file -> region folder -> doc
    root_uri = repo_uri(root, repo_root)
    try:
        mode = os.lstat(root).st_mode
    except OSError:
        report.add(root_uri, (), "找不到目录文件夹（期望 catalogs/ 存在）")
        return region_docs, edition_files, extras
    if stat.S_ISLNK(mode):
        report.add(root_uri, (), SYMLINK)
        return region_docs, edition_files, extras
    if not stat.S_ISDIR(mode):
        report.add(root_uri, (), f"不是文件夹（期望 catalogs/ 是普通文件夹，实际是{_kind_of(mode) or '文件'}）")
        return region_docs, edition_files, extras
    kinds = {k.value: k for k in CatalogKind}
    for region_dir, uri, is_folder in _entries(root, repo_root, report):
        if not is_folder:
            if region_dir.name not in ALLOWED_TOP_FILES:
                report.add(uri, (), "多余的文件（catalogs/ 下只能放地区文件夹；请移走此文件）")
            continue
        if not SLUG.fullmatch(region_dir.name):
            report.add(
                uri,
                (),
                f"文件夹名不对（期望地区的网址名：小写英文字母开头，只含小写字母、数字和“-”，如 yanji，"
                f"实际为“{region_dir.name}”；请改名）",
            )
            continue
        entries = _entries(region_dir, repo_root, report)
        region_yaml = region_dir / "region.yaml"
        names = {path.name: is_folder for path, _, is_folder in entries}
        if names.get("region.yaml") is False:
            doc, errors = load_file(region_yaml, repo_uri(region_yaml, repo_root))
            report.errors += errors
            if doc:
                report.docs[doc.uri] = doc
                if report.structure(doc, F.REGION):
                    region_docs[region_dir.name] = doc
        elif not os.path.lexists(region_yaml):  # a symlink or FIFO in its place is reported by _entries
            report.add(uri, (), "缺少 region.yaml（每个地区文件夹都要有 region.yaml，写明名称和代码）")
        if region_dir.name not in region_docs:
            report.broken_regions.add(region_dir.name)
        for sub, sub_uri, sub_is_folder in entries:
            if sub.name == "region.yaml" and not sub_is_folder:
                continue
            if sub.name in PREFECTURE_FILES and not sub_is_folder:
                doc, errors = load_file(sub, sub_uri)
                report.errors += errors
                if doc:
                    report.docs[doc.uri] = doc
                    if report.structure(doc, PREFECTURE_FILES[sub.name]):
                        extras[sub.name][region_dir.name] = doc
                continue
            if not sub_is_folder or sub.name not in kinds:
                report.add(
                    sub_uri,
                    (),
                    f"无法识别的文件夹或文件（期望目录类别 {' | '.join(kinds)}，实际为“{sub.name}”；请检查拼写）",
                )
                continue
            for file, file_uri, file_is_folder in _entries(sub, repo_root, report):
                if not file_is_folder and note_scan(file, file_uri, report):
                    continue
                if file_is_folder or not DATE_FILE.fullmatch(file.name):
                    report.add(
                        file_uri, (), f"文件名不对（期望“生效日期.yaml”，如 2024-06-30.yaml，实际为“{file.name}”）"
                    )
                    continue
                edition_files.append((file, file_uri, region_dir.name, kinds[sub.name]))
    return region_docs, edition_files, extras
