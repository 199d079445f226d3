"""`import`: a filled-in workbook (or CSV) -> the next edition's YAML file, changes worked out.

The workbook is one exported from the site (catalog/table.py defines its columns), edited in Excel or
WPS. Its rows are the next edition's items; comparing them with the latest edition gives `changes`
(each with the row's 调整理由); 版本信息 (or options) gives the document and filing. The result is
drafted as `new-edition` drafts (draft.py), checked in memory with the whole validation, and written
only when there is no error at all. Every problem names the sheet, row and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import table
from ..catalog.diff import diff_items
from ..catalog.model import Action, CatalogKind, Catalogs, EditionKind, Item, Level, Region, Status
from ..catalog.validate import check_catalogs
from .draft import Draft, NewEditionError, draft, write_new
from .importcheck import check_in_memory
from .importitems import item_mapping, next_id
from .importmeta import Meta, new_effective, parse_date, read_meta
from .importslips import changed_ids, different_item, lost_hangul, missing_info, xlsx_slips
from .rows import ItemRow, read_rows
from .workbook import Book, WorkbookError, read_book
from .yamlout import dump_edition

KINDS = {
    "调整": EditionKind.AMENDMENT,
    "勘误": EditionKind.CORRECTION,
    "amendment": EditionKind.AMENDMENT,
    "correction": EditionKind.CORRECTION,
}


class ImportFailed(Exception):
    """Every problem found, sorted by sheet and row (Chinese, for county staff)."""

    def __init__(self, problems: list[str]):
        problems = sorted(problems, key=_position)
        super().__init__("\n".join(problems))
        self.problems = problems


def _position(problem: str) -> tuple[str, int]:
    m = re.match(r"(\S+ 工作表|\S+\.csv) 第([0-9]+)行", problem)
    return (m[1], int(m[2])) if m else (problem.split("：")[0].split(" 第")[0], 0)


@dataclass
class Imported:
    target: Path
    changes: list[dict[str, Any]]
    numbered: list[tuple[int, str]] = field(default_factory=list)  # (row, id given to a new item)
    warnings: list[str] = field(default_factory=list)
    went_live: int = 0  # the first official edition (importlive.py): how many items


def import_book(
    repo: Path, path: Path, options: dict[str, str | None], first_official: Callable[..., Imported | None] | None = None
) -> Imported:
    """Write the next edition from the workbook at `path`; raises ImportFailed with every problem.
    `first_official` (importlive.first_official) writes a catalog's first official edition instead, when asked for."""
    catalogs, errors = check_catalogs(repo / "catalogs", repo)
    if any(e.is_error for e in errors):
        raise ImportFailed(["当前目录数据有错误，请先修正（python -m generator check），再导入表格。"])
    kinds = tuple(k.short_label for k in CatalogKind)
    try:
        book = read_book(path, kinds)
        slips = xlsx_slips(path, book)  # merged cells, a renamed 版本信息: what would be misread, named first
    except (WorkbookError, OSError) as exc:
        raise ImportFailed([str(exc) if isinstance(exc, WorkbookError) else f"无法读取文件 {path.name}"]) from None
    if slips:
        raise ImportFailed(slips)
    problems = list(book.items.problems) + (book.info.problems if book.info else [])
    meta = read_meta(book, options)
    region, kind = _which(catalogs, book, meta, problems)
    if region is None or kind is None:
        raise ImportFailed(problems)
    history = catalogs.history(region.slug, kind)
    lost = lost_hangul(
        book.items, table.columns(kind, county=region.level is Level.COUNTY), history[-1] if history else None
    )
    if lost or (book.title and book.info is None and "effective" not in meta.new):
        raise ImportFailed([lost or missing_info(book)])  # every row would be misread: nothing else is worth saying
    done = first_official(catalogs, repo, book, region, kind, meta, problems) if first_official else None
    if done is not None:
        return done  # going live (importlive.py)
    d = _draft(catalogs, repo, region, kind, meta, problems)
    cols = table.columns(kind, county=region.level is Level.COUNTY)
    rows = read_rows(book.items, cols, problems)
    if d is None or not rows:
        raise ImportFailed(problems)
    edition_details(d, region, meta, problems)
    imported = Imported(d.target, [])
    items, kept_rows = _items(catalogs, d, book, rows, imported, problems)
    change_rows = _changes(d, book, rows, items, imported, problems)
    if problems:
        raise ImportFailed(problems)
    d.data["items"] = [raw for _, raw in items]
    d.data["changes"] = imported.changes
    header = (
        f"# {region.name}{kind.label}：{d.data['effective']} 起生效，由表格“{book.name}”导入，"
        f"上一版为 {d.latest.effective} 版。\n"
    )
    text = dump_edition(d.data, header)
    errors, imported.warnings = check_in_memory(repo, d.target, text, book.items, kept_rows, change_rows, meta)
    if errors:
        raise ImportFailed(errors)
    try:
        write_new(d.target, text)
    except NewEditionError as exc:
        raise ImportFailed([str(exc)]) from None
    return imported


def _which(catalogs: Catalogs, book: Book, meta: Meta, problems: list[str]) -> tuple[Region | None, CatalogKind | None]:
    """The region and catalog: options, then 版本信息, then the items' numbers (YJ-ZM-…) and the sheet's name."""
    first_id = next((table.plain(c[0]) for _, c in book.items.rows[1:] if c and table.plain(c[0])), "")
    by_prefix = {r.id_prefix: r.slug for r in catalogs.regions.values()}
    by_code = {k.code: k.value for k in CatalogKind} | {k.short_label: k.value for k in CatalogKind}
    parts = first_id.split("-")
    guessed = {
        "region": by_prefix.get(parts[0], ""),
        "catalog": by_code.get(book.title) or by_code.get(parts[1] if len(parts) > 1 else "", ""),
    }
    found: list[Any] = []
    for key, known in (("region", catalogs.regions), ("catalog", {k.value: k for k in CatalogKind})):
        value = meta.new.get(key) or meta.base.get(key)
        text = value.text if value else guessed[key]
        if text not in known:
            what = "地区" if key == "region" else "目录类别"
            where = f"{value.where}：" if value else ""
            actual = f"实际为{table.shown(text)}" if text else f"表格中没有写明（请用参数 --{key} 指定）"
            problems.append(f"{where}找不到{what}（期望 {' | '.join(known)} 之一，{actual}）")
            found.append(None)
        else:
            found.append(known[text])
    return found[0], found[1]


def _draft(
    catalogs: Catalogs, repo: Path, region: Region, kind: CatalogKind, meta: Meta, problems: list[str]
) -> Draft | None:
    history = catalogs.history(region.slug, kind)
    base = meta.base.get("effective")
    if history and base and base.text != history[-1].effective.isoformat():
        problems.append(
            f"{base.where}：这个表格导出自 {base.text} 版，但最新版本是 {history[-1].effective}（期望从网站下载最新版本的表格"
            f"重新填写；否则 {history[-1].effective} 版的调整会被改回去）"
        )
        return None
    effective = new_effective(meta, problems)
    if effective is None:
        return None
    try:
        return draft(catalogs, repo / "catalogs", region.slug, kind.value, effective or "")
    except NewEditionError as exc:
        problems.append(f"{meta.new['effective'].where}：{exc}")
        return None


def edition_details(d: Draft, region: Region, meta: Meta, problems: list[str]) -> None:
    """kind, title, document and filing of the next edition (the rest is as new-edition drafts it)."""
    data, new = d.data, meta.new
    kind = KINDS.get(new["kind"].text) if "kind" in new else EditionKind.AMENDMENT
    if kind is None:
        problems.append(f"{new['kind'].where}：应为“调整”或“勘误”，实际为{table.shown(new['kind'].text)}")
        kind = EditionKind.AMENDMENT
    data["kind"] = kind.value
    if "title" in new:
        data["title"] = new["title"].text
    document = {"number": "文号", "doc_title": "文件标题", "date": "印发日期"}
    if kind is EditionKind.CORRECTION and not any(k in new for k in (*document, "issuer", "url")):
        data.pop("document", None)  # a correction needs no new document
    else:
        doc: dict[str, str] = {}
        for key, what in document.items():
            if key not in new:
                problems.append(meta.missing(key, what))
        date, problem = parse_date(new["date"]) if "date" in new else (None, None)
        problems += [problem] if problem else []
        doc = {
            "number": new["number"].text if "number" in new else "",
            "title": new["doc_title"].text if "doc_title" in new else "",
            "issuer": new["issuer"].text if "issuer" in new else data["document"]["issuer"],
            "date": date or "",
        }
        if "url" in new:
            doc["url"] = new["url"].text
        data["document"] = doc
    if "filing_date" in new:
        date, problem = parse_date(new["filing_date"])
        problems += [problem] if problem else []
        to = (
            [t.strip() for t in re.split(r"[\n、,，]", new["filing_to"].text) if t.strip()]
            if "filing_to" in new
            else ["州民政局", "州委组织部", "州委农办"]
        )
        data["filing"] = {"to": to, "date": date or ""}
    else:
        data.pop("filing", None)  # not filed yet: check reminds, and the filing is added when it is


def _items(
    catalogs: Catalogs, d: Draft, book: Book, rows: list[ItemRow], imported: Imported, problems: list[str]
) -> tuple[list[tuple[Item, dict]], list[ItemRow]]:
    """(model item, YAML mapping) of every row that is not 取消, in the order of the sheet."""
    sheet, latest = book.items, d.latest
    status = Status(d.data["status"])
    guide = catalogs.edition(d.data["based_on"]) if d.data.get("based_on") else None
    previous_raw = {raw["id"]: raw for raw in d.data["items"]}
    used = {i.id for e in catalogs.history(latest.region, latest.catalog) for i in e.items} | {r.id for r in rows}
    prefix = f"{catalogs.regions[latest.region].id_prefix}-{latest.catalog.code}-"
    first_row: dict[str, int] = {}
    out: list[tuple[Item, dict]] = []
    kept: list[ItemRow] = []
    for row in rows:
        if not row.id and row.action != "取消":
            row.id = next_id(prefix, used)
            used.add(row.id)
            imported.numbered.append((row.row, row.id))
        if row.id in first_row:
            problems.append(
                f"{sheet.where(row.row, table.ID)}：编号“{row.id}”与第{first_row[row.id]}行重复（同一版本中编号必须唯一；新增的事项编号可以留空，导入时自动编号）"
            )
            row.unreadable = True  # compared with nothing: its other problems would mislead
            continue
        first_row[row.id] = row.row
        if row.action == "取消":
            continue
        guide_item = guide.item(row.adopts) if guide and row.adopts else None
        if row.adopts and guide_item is None:
            known = f"{guide.key} 中的编号，如 {guide.items[0].id}" if guide else "州级事项编号"
            problems.append(
                f"{sheet.where(row.row, table.ADOPTS)}：找不到所采用的州级事项（期望 {known}，实际为“{row.adopts}”）"
            )
            continue
        item = Item(id=row.id, **row.values, status=row.status or status, adopts=row.adopts)
        before = latest.item(row.id)
        if (
            before is not None
            and before == item
            and d.data.get("based_on") == latest.based_on
            and row.id in previous_raw
        ):
            out.append((item, previous_raw[row.id]))  # unchanged: as it was written
        else:
            out.append(
                (item, item_mapping(item, row, guide_item, status, previous_raw.get(row.id, {}), sheet, problems))
            )
        kept.append(row)
    return out, kept


def _changes(
    d: Draft, book: Book, rows: list[ItemRow], items: list[tuple[Item, dict]], imported: Imported, problems: list[str]
) -> list[ItemRow]:
    """`changes` from the real difference, each with its row's reason; the row of each change, in order."""
    sheet, latest = book.items, d.latest
    by_id: dict[str, ItemRow] = {}
    for r in rows:
        if r.id:
            by_id.setdefault(r.id, r)  # a repeated number is reported at its second row
    renumbered = changed_ids(sheet, rows, latest)
    problems += renumbered.values()
    for old in latest.items:
        if old.id not in by_id and old.id not in renumbered:
            problems.append(
                f"{sheet.label}：上一版的事项 {old.id}“{old.name}”不在表格中（取消事项时请不要删除这一行：保留它，"
                "在「操作」填“取消”，在「调整理由」写明理由）"
            )
    diffs = {x.item_id: x for x in diff_items(latest.items, [i for i, _ in items])}
    for row in rows:
        if row.unreadable:
            continue
        x, where = diffs.get(row.id), sheet.where(row.row, table.ACTION)
        if row.action == "取消" and latest.item(row.id) is None:
            problems.append(
                f"{where}：上一版 {latest.effective} 中没有编号“{row.id or '（空）'}”，无法取消（新加的行不需要的，直接删除这一行）"
            )
        elif row.action == "新增" and latest.item(row.id) is not None:
            problems.append(f"{where}：上一版已有编号“{row.id}”（新增的事项请用新的编号，或留空自动编号）")
        elif row.action in {"修改", "更名"} and (x is None or x.action not in {Action.MODIFIED, Action.RENAMED}):
            problems.append(f"{where}：填写了“{row.action}”，但这一行与上一版相比没有改动（请核对修改是否保存）")
        elif x is None and row.reason and row.action != "取消":
            problems.append(
                f"{sheet.where(row.row, table.REASON)}：写了调整理由，但这一行与上一版相比没有变化（请核对修改是否保存，或删除调整理由）"
            )
        if row.replaced_by and row.action != "取消":
            problems.append(
                f"{sheet.where(row.row, table.REPLACED_BY)}：只有取消的事项才能写替代事项（期望「操作」为“取消”，实际为{table.shown(row.action)}）"
            )
    change_rows = []
    for x in diffs.values():
        row = by_id.get(x.item_id)
        if row is None or row.unreadable:
            continue  # reported above: the row was deleted, or a cell could not be read
        renamed = different_item(sheet, row, x.old, x.new) if x.action is Action.RENAMED and x.old and x.new else None
        if renamed:
            problems.append(renamed)
            continue
        if not row.reason:
            what = {Action.MODIFIED: f"修改了「{'」「'.join(x.field_labels)}」"}.get(x.action, x.action.label)
            problems.append(
                f"{sheet.where(row.row, table.REASON)}：缺少调整理由（这个事项与上一版相比{what}，请写明理由）"
            )
        change = {"item": x.item_id, "action": x.action.value, "reason": row.reason}
        if row.replaced_by:
            change["replaced_by"] = row.replaced_by
        imported.changes.append(change)
        change_rows.append(row)
    return change_rows


def numbered_text(numbered: list[tuple[int, str]]) -> str:
    return "；".join(f"第{row}行 → {item_id}" for row, item_id in numbered)
