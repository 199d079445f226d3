"""The prefecture's common-names table: every name leads to a listed item, once, and never sneaks a
forbidden certificate onto the retained list."""

from __future__ import annotations

from ..concepts import core, same_concept
from ..model import CatalogKind, Catalogs, Item
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
    forbidden = catalogs.history(prefecture.slug, CatalogKind.FORBIDDEN)
    _, banned = forbidden_names(list(forbidden[-1:]), ())
    seen: dict[str, str] = {}
    for i, entry in enumerate(catalogs.names):
        where = report.names_uri
        key = core(entry.name)
        if key in seen:
            report.add(
                where, ("names", i, "name"), f"“{entry.name}”与前面的“{seen[key]}”是同一个叫法（每个叫法只写一次）"
            )
            continue
        seen[key] = entry.name
        if entry.verified and entry.source is None:
            report.add(
                where,
                ("names", i, "source"),
                "已核实的对应关系必须写明依据（期望 source: {document: …} 或 {url: …}，实际没有）",
            )
        target = items.get(entry.means)
        if target is None:
            known = "、".join(sorted(items)[:3]) + " 等"
            report.add(
                where,
                ("names", i, "means"),
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
                    ("names", i, "means"),
                    f"“{entry.name}”是不应出具的证明事项{hit.cite}的叫法，不能对应到保留的证明事项 {item.id}“{item.name}”（请改为对应 {prefecture.id_prefix}-QX 编号）",
                )
