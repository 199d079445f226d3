"""Atom feeds of adjustments: the whole prefecture, each region, each catalog (ElementTree does the
XML escaping; corrections are left out). An entry's title counts what changed, by kind ("延吉市村级组织证明
事项保留清单：新增 1 项、取消 1 项、调整 2 项（含更名 1 项）"); its summary names each change in plain words
("延吉市不再保留：居住情况证明")."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

from ..catalog.diff import diff_items
from ..catalog.model import Action, CatalogKind, Catalogs, Edition, EditionKind
from . import urls
from .pagetext import issued_only

ATOM = "http://www.w3.org/2005/Atom"
# what a change means to the public, per catalog kind
WORDS = {
    CatalogKind.CERTIFICATES: {
        Action.ADDED: "新增可以开具",
        Action.REMOVED: "不再保留",
        Action.MODIFIED: "调整",
        Action.RENAMED: "更名",
    },
    CatalogKind.FORBIDDEN: {
        Action.ADDED: "新增不能开具",
        Action.REMOVED: "移出不应出具清单",
        Action.MODIFIED: "调整",
        Action.RENAMED: "更名",
    },
}
DEFAULT_WORDS = {Action.ADDED: "新增", Action.REMOVED: "取消", Action.MODIFIED: "调整", Action.RENAMED: "更名"}
# the title's counts: a renamed item is adjusted too (and said so); leaving the forbidden list is not a cancellation
COUNT_WORDS = {Action.ADDED: "新增", Action.REMOVED: "取消", Action.MODIFIED: "调整"}
FORBIDDEN_COUNT_WORDS = {**COUNT_WORDS, Action.REMOVED: "移出"}


def _stamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def _issued(e: Edition) -> datetime.date:
    return e.document.date if e.document else e.effective


def changes_in_words(catalogs: Catalogs, edition: Edition) -> list[str]:
    """ "延吉市不再保留：居住情况证明" for every change of `edition` against the one before it."""
    history = catalogs.history(edition.region, edition.catalog)
    i = history.index(edition)
    region = catalogs.regions[edition.region].name
    if i == 0:
        retired = catalogs.retired.get((edition.region, edition.catalog), ())
        if retired:  # going live (catalog/golive.py): the one entry that says the examples are gone
            dates = "、".join(e.effective.isoformat() for e in retired)
            return [
                f"{region}公布正式的{edition.catalog.label}，共 {len(edition.items)} 项，取代此前的示例数据（{dates} 示例版本停用）"
            ]
        return [f"{region}首次公布{edition.catalog.label}，共 {len(edition.items)} 项"]
    words = WORDS.get(edition.catalog, DEFAULT_WORDS)
    out = []
    weight = {Action.REMOVED: 0, Action.ADDED: 1, Action.RENAMED: 2, Action.MODIFIED: 3}  # what matters most first
    for d in sorted(diff_items(history[i - 1].items, edition.items), key=lambda d: weight[d.action]):
        name = (d.new or d.old).name
        if d.action is Action.RENAMED and d.old and d.new:
            name = f"{d.old.name} → {d.new.name}"
        out.append(f"{region}{words[d.action]}：{name}")
    return out


def change_counts(catalogs: Catalogs, edition: Edition) -> str:
    """ "新增 1 项、取消 1 项、调整 2 项（含更名 1 项）" against the edition before; "" for a first edition."""
    history = catalogs.history(edition.region, edition.catalog)
    i = history.index(edition)
    if i == 0:
        return ""
    diffs = diff_items(history[i - 1].items, edition.items)
    n = {a: sum(d.action is a for d in diffs) for a in Action}
    n[Action.MODIFIED] += n[Action.RENAMED]
    words = FORBIDDEN_COUNT_WORDS if edition.catalog is CatalogKind.FORBIDDEN else COUNT_WORDS
    parts = [f"{word} {n[a]} 项" for a, word in words.items() if n[a]]
    if parts and n[Action.RENAMED]:
        parts[-1] += f"（含更名 {n[Action.RENAMED]} 项）"
    return "、".join(parts) or "事项没有变化"


def entry_title(catalogs: Catalogs, edition: Edition) -> str:
    """What an adjustment changed, counted by kind; a first edition, what it published."""
    counts = change_counts(catalogs, edition)
    lines = changes_in_words(catalogs, edition)
    what = (
        f"{catalogs.regions[edition.region].name}{edition.catalog.label}：{counts}"
        if counts
        else (lines[0] if lines else edition.title)
    )
    return f"{'（示例）' if edition.has_example_content else ''}{what}（{edition.effective} 起）"


def atom_feed(
    catalogs: Catalogs,
    editions: list[Edition],
    *,
    title: str,
    feed_uri: str,
    page_uri: str,
    site_url: str,
    today: datetime.date,
    limit: int = 50,
    preview: bool = False,
) -> str:
    """Newest first; announced editions (any date) that are not corrections."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    entries = sorted(
        (e for e in editions if e.kind is not EditionKind.CORRECTION),
        key=lambda e: (_issued(e), e.effective, e.region, e.catalog.value),
        reverse=True,
    )[:limit]
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title + ("（本地预览，地址指向本机）" if preview else "")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = site_url + feed_uri
    ET.SubElement(feed, f"{{{ATOM}}}link", href=site_url + feed_uri, rel="self")
    ET.SubElement(feed, f"{{{ATOM}}}link", href=site_url + page_uri)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(max((_issued(e) for e in entries), default=today))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "延边州村级组织目录公开查询"
    for e in entries:
        link = site_url + urls.edition_uri(e.region, e.catalog, e.effective)
        lines = changes_in_words(catalogs, e)
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = entry_title(catalogs, e)
        ET.SubElement(entry, f"{{{ATOM}}}id").text = link
        ET.SubElement(entry, f"{{{ATOM}}}link", href=link)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(_issued(e))
        doc = e.document.number if e.document else "勘误"
        when = (
            f"{e.effective} 印发" if issued_only(e) else f"{e.effective} 起生效"
        )  # no effective date the document may not state
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = f"{e.title}，{doc}，{when}。" + "；".join(lines) + "。"
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def feeds(catalogs: Catalogs, site_url: str, today: datetime.date, preview: bool) -> list[tuple[str, str]]:
    """(uri, Atom text) for the prefecture-wide feed, each region's and each catalog's."""
    out = [
        (
            urls.FEED,
            atom_feed(
                catalogs,
                catalogs.all_editions(),
                title="延边州村级组织目录调整",
                feed_uri=urls.FEED,
                page_uri=urls.SITE_CHANGES,
                site_url=site_url,
                today=today,
                preview=preview,
            ),
        )
    ]
    for region in catalogs.regions_in_order():
        mine = [e for e in catalogs.all_editions() if e.region == region.slug]
        if not mine:
            continue
        out.append(
            (
                urls.region_feed(region.slug),
                atom_feed(
                    catalogs,
                    mine,
                    title=f"{region.name}村级组织目录调整",
                    feed_uri=urls.region_feed(region.slug),
                    page_uri=urls.region_uri(region.slug),
                    site_url=site_url,
                    today=today,
                    preview=preview,
                ),
            )
        )
        for kind in CatalogKind:
            history = list(catalogs.history(region.slug, kind))
            if history:
                out.append(
                    (
                        urls.catalog_feed(region.slug, kind),
                        atom_feed(
                            catalogs,
                            history,
                            title=f"{region.name}{kind.label}调整",
                            feed_uri=urls.catalog_feed(region.slug, kind),
                            page_uri=urls.changes_uri(region.slug, kind),
                            site_url=site_url,
                            today=today,
                            preview=preview,
                        ),
                    )
                )
    return out
