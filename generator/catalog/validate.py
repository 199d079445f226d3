"""Catalog files -> model objects plus every error found.

`check_catalogs(root)` is the one entry point: it discovers the files, loads them strictly,
checks their structure against `fields.py`, builds the model (resolving `adopts`) and runs the
cross-file rules of `rules/`. It never raises for bad input.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from . import fields as F
from .discover import DATE_FILE, SYMLINK, discover, repo_uri  # noqa: F401 (DATE_FILE, SYMLINK: re-exported)
from .errors import CatalogError
from .golive import split_history
from .load import Document, load_file
from .model import (
    Action,
    Basis,
    BilingualRule,
    CatalogKind,
    Catalogs,
    Change,
    CommonName,
    Edition,
    EditionKind,
    Filing,
    Item,
    Level,
    Milestones,
    Overlap,
    Place,
    Region,
    Status,
    Town,
    edition_key,
)
from .model import (
    Document as Notice,
)
from .prefecturefiles import build_milestones, build_names, source_of
from .report import RawEdition, Report
from .rules import run_rules
from .spec import describe


def check_catalogs(root: Path, repo_root: Path | None = None) -> tuple[Catalogs, list[CatalogError]]:
    """Validate the whole `catalogs/` tree. Returns the model (of what could be built) and all errors."""
    repo_root = repo_root or root.parent
    report = Report()
    region_docs, edition_files, extras = discover(root, repo_root, report)
    regions = _build_regions(region_docs, report)
    raws = _load_editions(edition_files, regions, report)
    catalogs = _build_catalogs(
        regions,
        raws,
        report,
        build_names(extras[F.NAMES_FILE], regions, report),
        build_milestones(extras[F.MILESTONES_FILE], regions, report),
    )
    run_rules(catalogs, raws, report)
    if root.is_dir() and not root.is_symlink():  # a missing or linked folder is reported once, by _discover
        _check_publishable(catalogs, repo_uri(root, repo_root), report)
    return catalogs, sorted(set(report.errors), key=lambda e: (e.path, e.line, e.field, e.message))


def _check_publishable(catalogs: Catalogs, root_uri: str, report: Report) -> None:
    """What every page of the site rests on: one prefecture, and its list of forbidden certificates."""
    if report.broken_regions:
        return  # a region that could not be read says so itself
    prefectures = [r for r in catalogs.regions.values() if r.level is Level.PREFECTURE]
    if not prefectures:
        report.add(
            root_uri,
            (),
            "没有州级地区（期望 catalogs/ 下有一个 level: prefecture 的地区文件夹，如 yanbian/，"
            "其中有 region.yaml 和各类州级目录；网站的每一页都依据它）",
        )
    elif len(prefectures) > 1:
        for region in prefectures[1:]:
            report.add(
                region.uri, ("level",), f"州级地区只能有一个（已有 {prefectures[0].slug}；本地区应为 level: county）"
            )
    elif not catalogs.history(prefectures[0].slug, CatalogKind.FORBIDDEN) and not any(
        k.startswith(f"{prefectures[0].slug}/{CatalogKind.FORBIDDEN.value}/") for k in report.broken
    ):
        report.add(
            prefectures[0].uri,
            (),
            f"州级地区缺少不应出具的证明事项清单（期望 {prefectures[0].slug}/forbidden-certificates/ 中至少有一个版本；"
            "各县（市）和网站的“不能开具”答案都依据它）",
        )


def _place(raw: dict) -> Place:
    return Place(
        raw["slug"], raw["name"], raw["name_ko"], raw.get("name_ko_verified", False), raw.get("retired", False)
    )


def _build_regions(region_docs: dict[str, Document], report: Report) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    for folder, doc in region_docs.items():
        d = doc.data
        if d["slug"] != folder:
            report.add(
                doc.uri,
                ("slug",),
                f"与文件夹名不一致（期望“{folder}”，实际为“{d['slug']}”；slug 必须等于所在文件夹名）",
            )
            report.broken_regions.add(folder)
            continue
        towns = tuple(
            Town(
                t["slug"],
                t["name"],
                t["name_ko"],
                t.get("name_ko_verified", False),
                t.get("retired", False),
                Status(t["status"]),
                tuple(_place(v) for v in t.get("villages", ())),
            )
            for t in d.get("towns", ())
        )
        regions[folder] = Region(
            slug=d["slug"],
            name=d["name"],
            name_ko=d["name_ko"],
            code=d["code"],
            level=Level(d["level"]),
            id_prefix=d["id_prefix"],
            parent=d.get("parent"),
            name_ko_verified=d.get("name_ko_verified", False),
            source=d.get("source"),
            towns=towns,
            uri=doc.uri,
        )
    return regions


def _load_editions(
    files: list[tuple[Path, str, str, CatalogKind]], regions: dict[str, Region], report: Report
) -> list[RawEdition]:
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
            report.add(
                uri,
                ("catalog",),
                f"与所在文件夹不一致（期望“{kind.value}”，实际为“{declared}”；catalog 必须等于文件夹名）",
            )
            continue
        if not report.structure(doc, F.edition_spec(kind)):
            continue
        effective = doc.data["effective"]
        if path.name != f"{effective}.yaml":
            report.add(
                uri, ("effective",), f"与文件名不一致（期望“{path.stem}”，实际为“{effective}”；文件名必须是生效日期）"
            )
            continue
        if region not in regions:
            continue  # the region's own errors are already reported
        report.broken.discard(f"{region}/{kind.value}/{path.stem}")
        raws.append(RawEdition(uri, region, kind, doc.data))
    return raws


def _item_kwargs(raw: dict) -> dict[str, Any]:
    """Declared item fields -> Item keyword arguments (lists become tuples, records become objects)."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key in {"id", "adopts", "status"}:
            continue
        if key == "basis":
            value = tuple(Basis(**b) for b in value)
        elif key == "source":
            value = source_of(value)
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
        id=raw["id"],
        **{**base, **declared},
        status=status,
        adopts=raw.get("adopts"),
        overrides=tuple(sorted(declared)) if guide else (),
        line=line,
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
        region=raw.region,
        catalog=raw.catalog,
        effective=raw.effective,
        kind=EditionKind(d["kind"]),
        title=d["title"],
        status=status,
        items=tuple(items),
        document=Notice(
            document["number"],
            document["title"],
            document["issuer"],
            datetime.date.fromisoformat(document["date"]),
            document.get("url"),
        )
        if document
        else None,
        filing=Filing(tuple(filing["to"]), datetime.date.fromisoformat(filing["date"])) if filing else None,
        based_on=d.get("based_on"),
        source=source_of(d.get("source")),
        notes=d.get("notes"),
        changes=tuple(
            Change(c["item"], Action(c["action"]), c["reason"], c.get("replaced_by"), doc.line_of(("changes", i)))
            for i, c in enumerate(d.get("changes", ()))
        ),
        bilingual_rule=BilingualRule(
            rule["horizontal"], rule["vertical"], rule["document"], rule["verified"], tuple(rule["sources"])
        )
        if rule
        else None,
        uri=raw.uri,
        scan=scan_uri.rpartition("/")[2] if scan_uri in scans else None,
        scan_path=scans.get(scan_uri),
    )


def _build_catalogs(
    regions: dict[str, Region],
    raws: list[RawEdition],
    report: Report,
    names: tuple[CommonName, ...] = (),
    milestones: Milestones | None = None,
) -> Catalogs:
    built: dict[str, Edition] = {}
    # guiding (prefecture) editions first, so county items can adopt from them
    order = sorted(
        raws, key=lambda r: (regions[r.region].level is not Level.PREFECTURE, r.region, r.catalog.value, r.effective)
    )
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
    return Catalogs(
        names=names, milestones=milestones, regions=dict(sorted(regions.items())), editions=live, retired=retired
    )
