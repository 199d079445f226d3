"""Catalog files -> model objects plus every error found.

`check_catalogs(root)` is the one entry point: it discovers the files, loads them strictly,
checks their structure against `fields.py`, builds the model (resolving `adopts`) and runs the
cross-file rules of `rules/`. It never raises for bad input.
"""
from __future__ import annotations

import datetime
import os
import re
import stat
from pathlib import Path
from typing import Any

from . import fields as F
from .charpolicy import reserved_message, reserved_name
from .errors import CatalogError
from .golive import note_scan, split_history
from .load import Document, load_file
from .model import (
    Action, Basis, BilingualRule, Catalogs, CatalogKind, Change, CommonName, Document as Notice, Edition,
    EditionKind, Filing, Item, Level, Milestone, Milestones, Overlap, Place, Region, Source, Status, Town, edition_key,
)
from .report import RawEdition, Report
from .rules import run_rules
from .spec import describe

DATE_FILE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})\.yaml")  # ASCII digits only, like the dates inside
ALLOWED_TOP_FILES = {"README.md"}
PREFECTURE_FILES = {F.NAMES_FILE: F.NAMES, F.MILESTONES_FILE: F.MILESTONES}  # beside the prefecture's region.yaml
SLUG = re.compile(F.SLUG_PATTERN)  # a region folder's name: its slug
_UNDECODED = re.compile("[\udc80-\udcff]")
SYMLINK = "不允许使用符号链接（期望普通文件或文件夹；符号链接可能指向仓库以外的文件，请换成文件本身）"


def check_catalogs(root: Path, repo_root: Path | None = None) -> tuple[Catalogs, list[CatalogError]]:
    """Validate the whole `catalogs/` tree. Returns the model (of what could be built) and all errors."""
    repo_root = repo_root or root.parent
    report = Report()
    region_docs, edition_files, extras = _discover(root, repo_root, report)
    regions = _build_regions(region_docs, report)
    raws = _load_editions(edition_files, regions, report)
    catalogs = _build_catalogs(regions, raws, report, _build_names(extras[F.NAMES_FILE], regions, report),
                               _build_milestones(extras[F.MILESTONES_FILE], regions, report))
    run_rules(catalogs, raws, report)
    if root.is_dir() and not root.is_symlink():  # a missing or linked folder is reported once, by _discover
        _check_publishable(catalogs, _uri(root, repo_root), report)
    return catalogs, sorted(set(report.errors), key=lambda e: (e.path, e.line, e.field, e.message))


def _check_publishable(catalogs: Catalogs, root_uri: str, report: Report) -> None:
    """What every page of the site rests on: one prefecture, and its list of forbidden certificates."""
    if report.broken_regions:
        return  # a region that could not be read says so itself
    prefectures = [r for r in catalogs.regions.values() if r.level is Level.PREFECTURE]
    if not prefectures:
        report.add(root_uri, (), "没有州级地区（期望 catalogs/ 下有一个 level: prefecture 的地区文件夹，如 yanbian/，"
                                 "其中有 region.yaml 和各类州级目录；网站的每一页都依据它）")
    elif len(prefectures) > 1:
        for region in prefectures[1:]:
            report.add(region.uri, ("level",), f"州级地区只能有一个（已有 {prefectures[0].slug}；本地区应为 level: county）")
    elif not catalogs.history(prefectures[0].slug, CatalogKind.FORBIDDEN) and not any(
            k.startswith(f"{prefectures[0].slug}/{CatalogKind.FORBIDDEN.value}/") for k in report.broken):
        report.add(prefectures[0].uri, (), f"州级地区缺少不应出具的证明事项清单（期望 {prefectures[0].slug}/forbidden-certificates/ 中至少有一个版本；"
                                           "各县（市）和网站的“不能开具”答案都依据它）")


def _uri(path: Path, repo_root: Path) -> str:
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
        report.add(_uri(folder, repo_root), (), f"无法读取文件夹（{exc.strerror}；期望可以读取的普通文件夹）")
        return []
    out: list[tuple[Path, str, bool]] = []
    for name in names:
        path = folder / name
        if _UNDECODED.search(name):  # bytes that are not UTF-8, kept by Python as lone surrogates
            shown = "".join(chr(b) if 0x20 < b < 0x7F and b != 0x5C else f"\\x{b:02x}" for b in os.fsencode(name))
            report.add(f"{_uri(folder, repo_root)}/{shown}", (), "文件名不是 UTF-8 编码（期望英文字母、数字和“-”组成的名字；"
                                                              "其中的字节无法按 UTF-8 解读，可能是在 GBK 系统中命名的；请重新命名）")
            continue
        uri = _uri(path, repo_root)
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
            report.add(uri, (), f"不是普通文件或文件夹（实际是{odd}；目录中只能有文件夹和 YAML 文本文件，网站不会打开它；请删除它）")
            continue
        if name == ".DS_Store" and stat.S_ISREG(mode):
            continue
        if name.startswith("."):
            report.add(uri, (), f"隐藏的文件或文件夹“{name}”（名字以“.”开头的不会被读取，其中的内容不会发布；"
                                "期望地区、目录类别或日期命名的文件夹和文件；请改名或删除）")
            continue
        if reserved_name(name):
            report.add(uri, (), reserved_message(name))
            continue
        out.append((path, uri, stat.S_ISDIR(mode)))
    return out


def _discover(root: Path, repo_root: Path, report: Report) -> tuple[dict[str, Document], list[tuple[Path, str, str, CatalogKind]], dict[str, Document]]:
    region_docs: dict[str, Document] = {}
    edition_files: list[tuple[Path, str, str, CatalogKind]] = []
    extras: dict[str, dict[str, Document]] = {name: {} for name in PREFECTURE_FILES}  # file -> region folder -> doc
    root_uri = _uri(root, repo_root)
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
            report.add(uri, (), f"文件夹名不对（期望地区的网址名：小写英文字母开头，只含小写字母、数字和“-”，如 yanji，"
                                f"实际为“{region_dir.name}”；请改名）")
            continue
        entries = _entries(region_dir, repo_root, report)
        region_yaml = region_dir / "region.yaml"
        names = {path.name: is_folder for path, _, is_folder in entries}
        if names.get("region.yaml") is False:
            doc, errors = load_file(region_yaml, _uri(region_yaml, repo_root))
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
                report.add(sub_uri, (), f"无法识别的文件夹或文件（期望目录类别 {' | '.join(kinds)}，实际为“{sub.name}”；请检查拼写）")
                continue
            for file, file_uri, file_is_folder in _entries(sub, repo_root, report):
                if not file_is_folder and note_scan(file, file_uri, report):
                    continue
                if file_is_folder or not DATE_FILE.fullmatch(file.name):
                    report.add(file_uri, (), f"文件名不对（期望“生效日期.yaml”，如 2024-06-30.yaml，实际为“{file.name}”）")
                    continue
                edition_files.append((file, file_uri, region_dir.name, kinds[sub.name]))
    return region_docs, edition_files, extras


def _place(raw: dict) -> Place:
    return Place(raw["slug"], raw["name"], raw["name_ko"], raw.get("name_ko_verified", False), raw.get("retired", False))


def _build_regions(region_docs: dict[str, Document], report: Report) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    for folder, doc in region_docs.items():
        d = doc.data
        if d["slug"] != folder:
            report.add(doc.uri, ("slug",), f"与文件夹名不一致（期望“{folder}”，实际为“{d['slug']}”；slug 必须等于所在文件夹名）")
            report.broken_regions.add(folder)
            continue
        towns = tuple(
            Town(t["slug"], t["name"], t["name_ko"], t.get("name_ko_verified", False), t.get("retired", False), Status(t["status"]),
                 tuple(_place(v) for v in t.get("villages", ())))
            for t in d.get("towns", ())
        )
        regions[folder] = Region(
            slug=d["slug"], name=d["name"], name_ko=d["name_ko"], code=d["code"], level=Level(d["level"]),
            id_prefix=d["id_prefix"], parent=d.get("parent"), name_ko_verified=d.get("name_ko_verified", False),
            source=d.get("source"), towns=towns, uri=doc.uri,
        )
    return regions


def _load_editions(files: list[tuple[Path, str, str, CatalogKind]], regions: dict[str, Region], report: Report) -> list[RawEdition]:
    raws: list[RawEdition] = []
    for path, uri, region, kind in files:
        report.broken.add(f"{region}/{kind.value}/{path.stem}")  # until it passes every check below
        doc, errors = load_file(path, uri)
        report.errors += errors
        if not doc:
            continue
        report.docs[uri] = doc
        if not isinstance(doc.data, dict):
            report.add(uri, (), f"应为一组字段（映射），实际为{describe(doc.data)}（文件应以“catalog: …”等字段开头）")
            continue
        declared = doc.data.get("catalog")
        if declared != kind.value:
            report.add(uri, ("catalog",), f"与所在文件夹不一致（期望“{kind.value}”，实际为“{declared}”；catalog 必须等于文件夹名）")
            continue
        if not report.structure(doc, F.edition_spec(kind)):
            continue
        effective = doc.data["effective"]
        if path.name != f"{effective}.yaml":
            report.add(uri, ("effective",), f"与文件名不一致（期望“{path.stem}”，实际为“{effective}”；文件名必须是生效日期）")
            continue
        if region not in regions:
            continue  # the region's own errors are already reported
        report.broken.discard(f"{region}/{kind.value}/{path.stem}")
        raws.append(RawEdition(uri, region, kind, doc.data))
    return raws


def _source(raw: dict | None) -> Source | None:
    return Source(**raw) if raw else None


def _item_kwargs(raw: dict) -> dict[str, Any]:
    """Declared item fields -> Item keyword arguments (lists become tuples, records become objects)."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key in {"id", "adopts", "status"}:
            continue
        if key == "basis":
            value = tuple(Basis(**b) for b in value)
        elif key == "source":
            value = _source(value)
        elif key == "overlaps_forbidden":
            value = tuple(Overlap(o["item"], o["basis"], o["explanation"]) for o in value)
        elif key == "size_mm":
            value = (value["width"], value["height"])
        elif isinstance(value, list):
            value = tuple(value)
        out[key] = value
    return out


def _build_item(raw: dict, line: int, edition_status: Status, guide: Item | None) -> Item:
    declared = _item_kwargs(raw)
    base = guide.content() if guide else {}
    status = Status(raw["status"]) if "status" in raw else edition_status
    return Item(
        id=raw["id"], **{**base, **declared}, status=status, adopts=raw.get("adopts"),
        overrides=tuple(sorted(declared)) if guide else (), line=line,
    )


def _build_edition(raw: RawEdition, doc: Document, guide: Edition | None, scans: dict[str, str]) -> Edition:
    d = raw.data
    status = Status(d["status"])
    items = []
    for i, item in enumerate(d["items"]):
        guide_item = guide.item(item["adopts"]) if guide and "adopts" in item else None
        if "adopts" in item and guide_item is None or "name" not in item and guide_item is None:
            continue  # reported by rules (unresolved adopts)
        items.append(_build_item(item, doc.line_of(("items", i)), status, guide_item))
    document = d.get("document")
    filing = d.get("filing")
    scan_uri = f"{raw.uri.rpartition('/')[0]}/{(d.get('source') or {}).get('document', '')}"
    rule = d.get("bilingual_rule")
    return Edition(
        region=raw.region, catalog=raw.catalog, effective=raw.effective, kind=EditionKind(d["kind"]),
        title=d["title"], status=status, items=tuple(items),
        document=Notice(document["number"], document["title"], document["issuer"],
                        datetime.date.fromisoformat(document["date"]), document.get("url")) if document else None,
        filing=Filing(tuple(filing["to"]), datetime.date.fromisoformat(filing["date"])) if filing else None,
        based_on=d.get("based_on"), source=_source(d.get("source")), notes=d.get("notes"),
        changes=tuple(Change(c["item"], Action(c["action"]), c["reason"], c.get("replaced_by"),
                             doc.line_of(("changes", i))) for i, c in enumerate(d.get("changes", ()))),
        bilingual_rule=BilingualRule(rule["horizontal"], rule["vertical"], rule["document"], rule["verified"],
                                     tuple(rule["sources"])) if rule else None,
        uri=raw.uri, scan=scan_uri.rpartition("/")[2] if scan_uri in scans else None, scan_path=scans.get(scan_uri),
    )


def _prefecture_docs(docs: dict[str, Document], regions: dict[str, Region], report: Report, what: str) -> list[Document]:
    """The documents of a prefecture-only file (a county folder may not have one)."""
    out = []
    for folder, doc in sorted(docs.items()):
        region = regions.get(folder)
        if region is None:
            continue  # the region's own errors are reported
        if region.level is not Level.PREFECTURE:
            report.add(doc.uri, (), f"{what}由州级维护（期望放在州级地区文件夹中，实际在 {folder}/；请删除此文件，需要补充或修改请报州民政局）")
            continue
        out.append(doc)
    return out


def _build_milestones(docs: dict[str, Document], regions: dict[str, Region], report: Report) -> Milestones | None:
    for doc in _prefecture_docs(docs, regions, report, "时间节点"):
        d = doc.data
        return Milestones(d["title"], Source(**d["source"]), tuple(
            Milestone(m["key"], m["name"], datetime.date.fromisoformat(m["due"]), m["check"], m["section"]) for m in d["milestones"]))
    return None


def _build_names(docs: dict[str, Document], regions: dict[str, Region], report: Report) -> tuple[CommonName, ...]:
    """The prefecture's common-names table (a county folder may not have one)."""
    out: list[CommonName] = []
    for doc in _prefecture_docs(docs, regions, report, "常用叫法对照表"):
        for i, n in enumerate(doc.data["names"]):
            out.append(CommonName(n["name"], n["means"], n["verified"], _source(n.get("source")), n.get("note"),
                                  doc.line_of(("names", i))))
        report.names_uri = doc.uri
    return tuple(out)


def _build_catalogs(regions: dict[str, Region], raws: list[RawEdition], report: Report, names: tuple[CommonName, ...] = (),
                    milestones: Milestones | None = None) -> Catalogs:
    built: dict[str, Edition] = {}
    # guiding (prefecture) editions first, so county items can adopt from them
    order = sorted(raws, key=lambda r: (regions[r.region].level is not Level.PREFECTURE, r.region, r.catalog.value, r.effective))
    for raw in order:
        key = edition_key(raw.region, raw.catalog, raw.effective)
        if raw.data.get("based_on") in report.broken:
            report.broken.add(key)  # its guide has errors: checking the adoptions now would only mislead
            continue
        guide = built.get(raw.data.get("based_on", ""))
        built[key] = _build_edition(raw, report.docs[raw.uri], guide, report.scans)
        if len(built[key].items) < len(raw.data["items"]):
            report.partial.add(key)
    editions: dict[tuple[str, CatalogKind], list[Edition]] = {}
    for edition in built.values():
        editions.setdefault((edition.region, edition.catalog), []).append(edition)
    live, retired = {}, {}
    for k, v in sorted(editions.items(), key=lambda kv: (kv[0][0], kv[0][1].value)):
        live[k], gone = split_history(tuple(sorted(v, key=lambda e: e.effective)))
        if gone:
            retired[k] = gone
    return Catalogs(names=names, milestones=milestones, regions=dict(sorted(regions.items())), editions=live, retired=retired)
