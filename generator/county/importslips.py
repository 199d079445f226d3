"""The slips a clerk makes on the way to `import`, named as what they are.

Each of these would otherwise come out as something else, or as nothing at all:
- Excel's plain "CSV（逗号分隔）" is GBK on Chinese Windows, which cannot hold Hangul: Excel writes "?"
  for every Korean letter, and the rows would read as "修改了「朝鲜文名称」" (`lost_hangul`);
- a merged cell reads as empty cells below or right of its first one (`merged_cells`);
- a renamed or deleted 版本信息 sheet reads as "缺少生效日期" (`info_sheet`);
- a changed 编号 reads as a deleted row plus a new item (`changed_ids`);
- a row overwritten with a different certificate reads as a rename (`different_item`).
"""

from __future__ import annotations

import re
from pathlib import Path
from pyexpat import ParserCreate

from ..catalog import table
from ..catalog.concepts import same_concept
from ..catalog.model import Edition, Item
from .rows import ItemRow
from .workbook import MAX_BYTES, Book, Sheet
from .xlsxlimits import _Done, local, no_doctype, range_ref
from .xlsxsheet import letter
from .xlsxzip import check_zip

HELP_SHEET = "填写说明"
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
ONLY_MARKS = re.compile(r"[?？\s()（）·.,，-]*\?[?？\s()（）·.,，-]*")  # what is left of a Korean name saved as GBK
MAX_SHOWN = 6
MAX_MERGES = 200


def lost_hangul(sheet: Sheet, cols: list[table.Column], latest: Edition | None) -> str | None:
    """One message if Korean letters became "?" (the file was saved in an encoding without Hangul)."""
    if not sheet.rows:
        return None
    index = {table.plain(v): n for n, v in enumerate(sheet.rows[0][1])}
    content = [c for c in table.content_columns(cols) if c.header in index]
    found: list[str] = []
    for number, cells in sheet.rows[1:]:

        def cell(header: str, cells: list = cells) -> str:
            n = index.get(header)
            return table.plain(cells[n]) if n is not None and n < len(cells) else ""

        before = latest.item(cell(table.ID)) if latest is not None else None
        for col in content:
            text = cell(col.header)
            if "?" not in text:
                continue
            old = table.cell_text(col, getattr(before, col.key)) if before is not None else ""
            if (HANGUL.search(old) and HANGUL.sub("?", old) == text) or (
                col.key == "name_ko" and ONLY_MARKS.fullmatch(text)
            ):
                found.append(sheet.where(number, col.header).removeprefix(f"{sheet.label} "))
    if not found:
        return None
    shown = "、".join(found[:MAX_SHOWN]) + (f" 等 {len(found)} 处" if len(found) > MAX_SHOWN else "")
    return (
        f"{sheet.label}：朝鲜文变成了问号“?”（{shown}）。这是文字编码的问题，不是修改：Excel 的“CSV（逗号分隔）”格式"
        "在中文 Windows 上是 GBK 编码，存不下朝鲜文，保存时每个朝鲜文字母都被换成了“?”"
        "（期望：在 Excel 中“另存为”，保存类型选“CSV UTF-8（逗号分隔）(*.csv)”，WPS 中选 CSV 并把编码选为 UTF-8；"
        "或者直接导入 .xlsx 工作簿。表格已经关闭的，这个文件里的朝鲜文已经丢失，请回到原来的 .xlsx 表格或从网站重新下载后再修改）"
    )


def xlsx_slips(path: Path, book: Book) -> list[str]:
    """Merged cells in the sheets that are read, and a 版本信息 sheet under another name (workbooks only)."""
    if not book.title:
        return []  # a CSV file has neither
    with path.open("rb") as fh:
        checked = check_zip(fh.read(MAX_BYTES + 1), book.name)  # read_book has read and checked it already
    problems: list[str] = []
    for part, title in checked.titles.items():
        sheet = book.items if title == book.title else book.info if title == table.INFO_SHEET else None
        if sheet is not None:
            problems += [_merged(sheet, ref) for ref in _merges(checked, part)]
    others = [t for t in checked.titles.values() if t not in {book.title, table.INFO_SHEET, HELP_SHEET}]
    if book.info is None and others:
        problems.append(
            f"{book.name}：找不到「{table.INFO_SHEET}」工作表，却有「{'」「'.join(others)}」工作表（是不是改了名字？"
            f"期望工作表名为“{table.INFO_SHEET}”：新版本的生效日期、文号等从那里读取；请把它的名字改回“{table.INFO_SHEET}”）"
        )
    return problems


def missing_info(book: Book) -> str:
    return (
        f"{book.name}：找不到「{table.INFO_SHEET}」工作表（期望有：新版本的生效日期、文号等写在那里；可能被删除了。"
        f"请从网站重新下载表格，把“{table.INFO_SHEET}”工作表复制回来填写，或用参数 --effective、--doc-number、--doc-title、--doc-date 填写）"
    )


def _merges(checked, part: str) -> list[str]:  # noqa: ANN001 (xlsxlimits.Checked)
    """The refs of the merged areas of a sheet that scan_sheet has already bounded."""
    refs: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if local(tag) == "mergeCell" and len(refs) < MAX_MERGES:
            refs.append(attrs.get("ref", ""))

    def end(tag: str) -> None:
        if local(tag) == "mergeCells":
            raise _Done

    parser = ParserCreate()
    no_doctype(parser)
    parser.StartElementHandler, parser.EndElementHandler = start, end
    checked.stream(part, parser)
    return refs


def _merged(sheet: Sheet, ref: str) -> str:
    top, left, bottom, right = range_ref(ref) or (0, 0, 0, 0)
    headers = [table.plain(v) for v in sheet.rows[0][1]] if sheet.rows else []

    def header(column: int) -> str:
        return (
            f"「{headers[column - 1]}」"
            if 0 < column <= len(headers) and headers[column - 1]
            else f"第{letter(column)}列"
        )

    rows = f"第{top}行" + (f"至第{bottom}行" if bottom > top else "")
    columns = header(left) + (f"至{header(right)}" if right > left else "")
    return (
        f"{sheet.label} {rows}{columns}：是合并单元格 {ref.upper()}（合并后只有第{top}行{header(left)}这一格有内容，"
        "其余的格读出来是空白；期望每一格各自填写：请选中它，取消“合并后居中”，再把内容填到每一格）"
    )


def changed_ids(sheet: Sheet, rows: list[ItemRow], latest: Edition) -> dict[str, str]:
    """Old id -> the problem, for rows whose 编号 was changed from that of an item of the latest edition."""
    gone = [i for i in latest.items if i.id not in {r.id for r in rows}]
    out: dict[str, str] = {}
    for row in rows:
        if not row.id or latest.item(row.id) is not None or row.action == "取消":
            continue
        name = row.values.get("name") or ""
        same = (
            [i for i in gone if i.name == name]
            or [i for i in gone if name and same_concept(name, i.name)]
            or [i for i in gone if row.adopts and i.adopts == row.adopts]
        )  # an adopting row may leave 名称 to the prefecture
        if len(same) != 1 or same[0].id in out:
            continue
        old = same[0]
        row.unreadable = True  # its other differences would mislead
        out[old.id] = (
            f"{sheet.where(row.row, table.ID)}：编号被改了（上一版“{old.name}”的编号是 {old.id}，这里写成了 {row.id}；"
            f"期望已有事项的编号保持不变：请改回 {old.id}。如果是要换成另一个事项，请保留原来的行并在「操作」填“取消”，"
            "另起一行新增，编号留空）"
        )
    return out


def different_item(sheet: Sheet, row: ItemRow, old: Item, new: Item) -> str | None:
    """A problem if a row's new name means a different certificate and 操作 does not say 更名."""
    if row.action == "更名" or old.name == new.name:
        return None
    names = (old.name, *old.aliases)
    if any(same_concept(new.name, n) for n in names) or any(same_concept(old.name, n) for n in new.aliases):
        return None
    return (
        f"{sheet.where(row.row, table.FIELD_LABELS['name'])}：名称从“{old.name}”改成了“{new.name}”，这像是另一个事项，"
        f"不是同一个事项改名（期望：确实只是改名的，请在「操作」填“更名”确认；要换成另一个事项的，请把这一行改回“{old.name}”，"
        "在「操作」填“取消”并写明理由，另起一行新增，编号留空）"
    )
