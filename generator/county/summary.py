"""A Markdown summary of what a pull request changes, ready to post as a PR comment."""

from __future__ import annotations

from ..catalog.diff import diff_items
from ..catalog.errors import CatalogError
from ..catalog.model import Catalogs, Edition, Status
from .markdown import code
from .markdown import commonmark as md


def _edition_line(e: Edition) -> str:
    doc = f"，{md(e.document.number)}" if e.document else ""
    example = " · **示例数据**" if e.has_example_content else ""
    return f"### 新版本 {e.effective}（{e.kind.label}{doc}）{example}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _changes_table(previous: Edition | None, edition: Edition) -> list[str]:
    if previous is None:
        return [f"首个版本，共 {len(edition.items)} 项。", ""]
    reasons = {c.item: c.reason for c in edition.changes}
    diffs = diff_items(previous.items, edition.items)
    if not diffs:
        return ["与上一版相比没有事项变化。", ""]
    rows = ["| 变化 | 编号 | 事项 | 理由 |", "|---|---|---|---|"]
    for d in diffs:
        item = d.new or d.old
        assert item is not None
        what = md(item.name)
        if d.old and d.new and d.old.name != d.new.name:
            what = f"{md(d.old.name)} → {md(d.new.name)}"
        changed = [(label, old, new) for label, old, new in d.old_new() if label != "名称"]
        if changed:
            what += "：" + "；".join(
                f"{md(label)} {md(_short(old))} → {md(_short(new))}" for label, old, new in changed
            )
        rows.append(f"| {d.action.label} | {md(d.item_id)} | {what} | {md(reasons.get(d.item_id, '（未写理由）'))} |")
    return [f"与上一版 {previous.effective} 相比："] + [""] + rows + [""]


def _going_live(base: Catalogs, head: Catalogs, region: str, kind) -> list[str]:  # noqa: ANN001 (CatalogKind)
    """One line when this pull request makes a catalog official: which edition, which examples retire."""
    official = head.went_live(region, kind)
    if official is None or base.went_live(region, kind) is not None:
        return []
    number = f"，{md(official.document.number)}" if official.document else ""
    retired = [e.effective.isoformat() for e in head.retired.get((region, kind), ())]
    replaced = any(e.key == official.key and e.status is Status.EXAMPLE for e in base.history(region, kind))
    said = []
    if replaced:
        said.append(f"同日期的示例版本 {official.effective} 由它替换（网址不变，内容为正式目录）")
    if retired:
        said.append(f"示例版本 {'、'.join(retired)} 随之停用（网址保留，页面说明已被正式目录取代）")
    retiring = "；".join(said) or "此前没有示例版本"
    return [
        f"🟢 **上线**：{md(head.regions[region].name)}{kind.label}发布第一个正式版本（{official.effective}{number}），{retiring}。",
        "",
    ]


def summarize(base: Catalogs, head: Catalogs, problems: list[CatalogError]) -> str:
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    out = ["## 目录变更摘要", ""]
    out.append(
        f"❌ 检查未通过：{len(errors)} 个错误，{len(warnings)} 个警告。"
        if errors
        else f"✅ 检查通过（{len(warnings)} 个警告）。"
    )
    out.append("")
    any_change = False
    for slug, region in head.regions.items():
        old_region = base.regions.get(slug)
        if old_region is None:
            out += [f"## 新增地区：{md(region.name)}（{md(slug)}）", ""]
            any_change = True
        elif old_region != region:
            out += [f"## {md(region.name)}：地区信息（region.yaml）有修改", ""]
            any_change = True
        for (r, kind), history in head.editions.items():
            if r != slug:
                continue
            was = {e.key: e.status for e in (*base.history(r, kind), *base.retired.get((r, kind), ()))}
            # new, or an example edition replaced on its own date by the official one (going live)
            new = [(i, e) for i, e in enumerate(history) if was.get(e.key) is not e.status]
            if not new:
                continue
            any_change = True
            out += [f"## {md(region.name)} · {kind.label}", ""] + _going_live(base, head, r, kind)
            for i, e in new:
                out += [_edition_line(e), ""]
                if e.status is Status.EXAMPLE:
                    out += ["> 本版本标注为示例数据（status: example），网站上会醒目标注，不作为正式目录。", ""]
                out += _changes_table(history[i - 1] if i else None, e)
    if not any_change:
        out += ["本次提交没有新的目录版本。", ""]
    for title, group in (("错误", errors), ("警告", warnings)):
        if group:
            out += [f"### {title}", ""] + [f"- {code(p)}" for p in group] + [""]
    return "\n".join(out).rstrip() + "\n"
