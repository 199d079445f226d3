"""`import` of a catalog's first official edition (going live, catalog/golive.py).

The clerk takes the workbook of the example edition, writes 数据性质 = 正式 and the real notice
(文号, 文件标题, 印发机关, 印发日期, 公开网址) in 版本信息's 新版本 column, corrects the rows, and
imports. The result is what the YAML route writes by hand: an `initial` official edition, dated
whenever the notice took effect (before the example editions too), every row an item of the
official list, no `changes` (the example editions retire; there is nothing to compare with).
A row that adopts a prefecture item that is still example data is refused, naming both ways out.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..catalog import table
from ..catalog.model import CatalogKind, Catalogs, Item, Level, Region, Status
from .draft import TOP_ORDER, Draft, NewEditionError, write_new
from .importcheck import check_in_memory
from .importer import Imported, ImportFailed, edition_details
from .importitems import item_mapping, next_id
from .importmeta import Meta, new_effective
from .rows import STATUS_WORDS, ItemRow, read_rows
from .workbook import Book
from .yamlout import dump_edition


def first_official(
    catalogs: Catalogs, repo: Path, book: Book, region: Region, kind: CatalogKind, meta: Meta, problems: list[str]
) -> Imported | None:
    """The first official edition if 版本信息 asks for one (importer.import_book calls this), else None."""
    return (
        import_live(catalogs, repo, book, region, kind, meta, problems)
        if goes_live(catalogs, region, kind, meta, problems)
        else None
    )


def goes_live(catalogs: Catalogs, region: Region, kind: CatalogKind, meta: Meta, problems: list[str]) -> bool:
    """数据性质 = 正式 for a catalog that has no official edition yet."""
    value = meta.new.get("status")
    if value is None:
        return False
    status = STATUS_WORDS.get(value.text)
    if status is None:
        problems.append(f"{value.where}：应为“正式”或“示例”，实际为{table.shown(value.text)}")
        return False
    return status is Status.OFFICIAL and catalogs.went_live(region.slug, kind) is None


def import_live(
    catalogs: Catalogs, repo: Path, book: Book, region: Region, kind: CatalogKind, meta: Meta, problems: list[str]
) -> Imported:
    """Write the first official edition; raises ImportFailed with every problem (nothing written)."""
    history = catalogs.history(region.slug, kind)
    latest = history[-1] if history else None
    effective = _effective(repo, region, kind, meta, problems)
    cols = table.columns(kind, county=region.level is Level.COUNTY)
    rows = read_rows(book.items, cols, problems)
    if effective is None or not rows or latest is None:
        if latest is None:
            problems.append(
                f"{region.slug}/{kind.value} 还没有任何版本（表格导入从网站下载的表格开始；首版请按格式说明编写）"
            )
        raise ImportFailed(problems)
    target = repo / "catalogs" / region.slug / kind.value / f"{effective}.yaml"
    title = re.sub(r"（示例）|（\d{4}年版）", "", latest.title)
    data = {
        "catalog": kind.value,
        "effective": effective,
        "kind": "initial",
        "title": title,
        "status": Status.OFFICIAL.value,
        "document": {"issuer": latest.document.issuer if latest.document else ""},
    }
    d = Draft(target, latest, data, "")
    edition_details(d, region, meta, problems)
    data["kind"] = "initial"  # the first official edition: nothing before it stays
    guide = _guide(catalogs, region, kind, effective)
    if guide is not None:
        data["based_on"] = guide.key
    imported = Imported(target, [])
    items, kept = _items(catalogs, book, rows, guide, region, kind, imported, problems)
    if problems:
        raise ImportFailed(problems)
    data["items"] = items
    order = {key: n for n, key in enumerate(TOP_ORDER)}
    data = dict(sorted(data.items(), key=lambda kv: order.get(kv[0], len(TOP_ORDER) - 2)))
    header = (
        f"# {region.name}{kind.label}：第一个正式版本，{effective} 起生效，由表格“{book.name}”导入；"
        "此前的示例版本随之停用。\n"
    )
    text = dump_edition(data, header)
    errors, imported.warnings = check_in_memory(repo, target, text, book.items, kept, [], meta)
    if errors:
        raise ImportFailed(errors)
    try:
        write_new(target, text)
    except NewEditionError as exc:
        raise ImportFailed([str(exc)]) from None
    imported.went_live = len(items)
    return imported


def _effective(repo: Path, region: Region, kind: CatalogKind, meta: Meta, problems: list[str]) -> str | None:
    effective = new_effective(meta, problems)
    if effective is None:
        return None
    if (repo / "catalogs" / region.slug / kind.value / f"{effective}.yaml").exists():
        problems.append(
            f"{meta.new['effective'].where}：{effective} 已有示例版本文件（正式文件与示例版本同一天生效的，"
            "请按“第一次发布正式目录”的说明，在网页上用正式内容替换这个文件）"
        )
        return None
    return effective


def _guide(catalogs: Catalogs, region: Region, kind: CatalogKind, effective: str):  # noqa: ANN202 (Edition | None)
    """The prefecture's edition a county's official list follows: its official one if there is one in force."""
    if region.level is not Level.COUNTY:
        return None
    guides = [g for g in catalogs.history(region.parent or "", kind) if g.effective.isoformat() <= effective]
    return guides[-1] if guides else None


def _items(
    catalogs: Catalogs,
    book: Book,
    rows: list[ItemRow],
    guide,
    region: Region,
    kind: CatalogKind,  # noqa: ANN001
    imported: Imported,
    problems: list[str],
) -> tuple[list[dict], list[ItemRow]]:
    """Every row but 取消, as an official item; a row left without 编号 is numbered."""
    sheet = book.items
    prefix = f"{region.id_prefix}-{kind.code}-"
    used = {r.id for r in rows if r.id} | {i.id for e in catalogs.history(region.slug, kind) for i in e.items}
    out: list[dict] = []
    kept: list[ItemRow] = []
    for row in rows:
        if row.action == "取消":
            continue  # not on the official list
        if not row.id:
            row.id = next_id(prefix, used)
            used.add(row.id)
            imported.numbered.append((row.row, row.id))
        guide_item = guide.item(row.adopts) if guide is not None and row.adopts else None
        where = sheet.where(row.row, table.ADOPTS)
        if row.adopts and guide_item is None:
            problems.append(
                f"{where}：找不到所采用的州级事项（期望 {guide.key if guide else '州级指导目录'} 中的编号，实际为“{row.adopts}”）"
            )
            continue
        if guide_item is not None and guide_item.status is Status.EXAMPLE:
            problems.append(
                f"{where}：正式目录不能采用示例事项：{row.adopts}“{guide_item.name}”是州级指导目录 {guide.key} 中的示例数据"
                f"（两种办法：① 清空这一格，这一行各列的内容就作为本县（市）正式文件的内容完整写出，请逐列核对；"
                "② 等州级正式指导目录发布后再采用）"
            )
            continue
        item = Item(id=row.id, **row.values, status=Status.OFFICIAL, adopts=row.adopts)
        out.append(item_mapping(item, row, guide_item, Status.OFFICIAL, {}, sheet, problems))
        kept.append(row)
    return out, kept
