"""The prefecture's common-names table: every name leads to a listed item, once, and never sneaks a
forbidden certificate onto the retained list. Korean phrasings (`ko`) stand beside the Chinese name
with the same `means`: Hangul only (fields.py), in Yanbian orthography (a warning, as for every Korean
name), and never another item's Korean name."""

from __future__ import annotations

from .. import orthography
from ..concepts import NOISE, core, same_concept
from ..model import CatalogKind, Catalogs, CommonName, Item
from ..report import Report
from .forbidden import forbidden_names


def check_common_names(catalogs: Catalogs, report: Report) -> None:
    prefecture = catalogs.prefecture()
    if not catalogs.names or prefecture is None:
        return
    items: dict[str, tuple[CatalogKind, Item]] = {}
    for kind in (CatalogKind.CERTIFICATES, CatalogKind.FORBIDDEN):
        for edition in catalogs.history(prefecture.slug, kind):
            items.update({i.id: (kind, i) for i in edition.items})
    korean_names = {NOISE.sub("", i.name_ko): i for _, i in items.values() if i.name_ko}
    forbidden = catalogs.history(prefecture.slug, CatalogKind.FORBIDDEN)
    _, banned = forbidden_names(list(forbidden[-1:]), ())
    seen: dict[str, str] = {}
    where = report.names_uri
    for entry in catalogs.names:
        at = entry.where if entry.counterpart else (*entry.where, "name")
        key = core(entry.name)
        if key in seen:
            report.add(where, at, f"“{entry.name}”与前面的“{seen[key]}”是同一个叫法（每个叫法只写一次）")
            continue
        seen[key] = entry.name
        if entry.counterpart:
            _check_korean(entry, korean_names, report, where)
            continue
        if entry.verified and entry.source is None:
            report.add(
                where,
                (*entry.where, "source"),
                "已核实的对应关系必须写明依据（期望 source: {document: …} 或 {url: …}，实际没有）",
            )
        target = items.get(entry.means)
        if target is None:
            known = "、".join(sorted(items)[:3]) + " 等"
            report.add(
                where,
                (*entry.where, "means"),
                f"找不到州级事项“{entry.means}”（期望州级证明事项或不应出具清单中的编号，如 {known}）",
            )
            continue
        kind, item = target
        if kind is CatalogKind.CERTIFICATES:
            declared = {o.seq for o in item.overlaps_forbidden}
            hit = next((n for n in banned if n.seq not in declared and same_concept(entry.name, n.text)), None)
            if hit:
                report.add(
                    where,
                    (*entry.where, "means"),
                    f"“{entry.name}”是不应出具的证明事项{hit.cite}的叫法，不能对应到保留的证明事项 {item.id}“{item.name}”（请改为对应 {prefecture.id_prefix}-QX 编号）",
                )


def _check_korean(entry: CommonName, korean_names: dict[str, Item], report: Report, where: str) -> None:
    entry_at = entry.where[:2]
    if (
        entry.where[-1] == 0 and entry.verified and entry.source is None
    ):  # once per entry: ko_verified covers its whole list
        report.add(
            where,
            (*entry_at, "ko_verified"),
            "朝鲜文叫法标为已核实（ko_verified: true），必须在 source 写明依据（期望 source: {document: …} 或 {url: …}，实际没有）",
        )
    other = korean_names.get(NOISE.sub("", entry.name))
    if other is not None and other.id != entry.means:
        report.add(
            where,
            entry.where,
            f"“{entry.name}”是州级事项 {other.id}“{other.name}”的朝鲜文名称，不能作为 {entry.means} 的朝鲜文叫法"
            "（请核对 means，或删除这个叫法）",
        )
    for wrong, right in orthography.hints(entry.name):
        report.warn(where, entry.where, orthography.message(wrong, right))
