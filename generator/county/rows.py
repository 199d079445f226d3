"""The items sheet -> one `ItemRow` per filled row, with every unreadable cell named by row and column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..catalog import table
from ..catalog.fields import ID_PATTERN
from ..catalog.model import Status
from .workbook import Sheet

NAME_LISTS = {"aliases", "requester", "variants", "keywords"}  # names, one per line: "甲，乙" in one line is two names
STATUS_WORDS = {"正式": Status.OFFICIAL, "示例": Status.EXAMPLE, "official": Status.OFFICIAL, "example": Status.EXAMPLE}


@dataclass
class ItemRow:
    row: int  # the row number the clerk sees
    id: str  # "" when left empty for a new item (numbered later)
    status: Status | None
    adopts: str | None
    action: str  # "" or one of table.ACTIONS
    reason: str
    replaced_by: str | None
    values: dict[str, Any] = field(default_factory=dict)  # Item field -> model value
    unreadable: bool = False  # a cell could not be read (reported): its differences would mislead


def read_rows(sheet: Sheet, cols: list[table.Column], problems: list[str]) -> list[ItemRow]:
    """The rows under the header; appends to `problems` (and returns []) when the header is wrong."""
    if not sheet.rows:
        problems.append(f"{sheet.label}：表格是空的（期望第一行是列名，下面每行一个事项）")
        return []
    header_row, header_cells = sheet.rows[0]
    headers = [table.plain(v) for v in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    expected = [c.header for c in cols]
    if len(headers) == 1 and sum(h in headers[0] for h in expected) > 1:  # one message, not one per column
        problems.append(
            f"{sheet.where(header_row)}：列没有分开（第一行只有一格，里面连着写了多个列名：{table.shown(headers[0])}；"
            "期望每个列名一格：CSV 文件请用逗号、分号或制表符分隔，请在 Excel 或 WPS 中“另存为”“CSV UTF-8（逗号分隔）”，"
            "或者直接导入 .xlsx 工作簿）"
        )
        return []
    before = len(problems)
    seen: set[str] = set()
    for n, h in enumerate(headers):
        letter = _letter(n)
        if h and h not in expected:
            problems.append(
                f"{sheet.where(header_row)}第{letter}列「{h}」：无法识别的列名（期望 {'、'.join(expected)} 之一；"
                "请不要改动第一行的列名）"
            )
        elif not h:
            problems.append(
                f"{sheet.where(header_row)}第{letter}列：列名是空的（期望 {'、'.join(expected)} 之一；"
                "请删除这一列或写上列名）"
            )
        elif h in seen:
            problems.append(f"{sheet.where(header_row)}第{letter}列「{h}」：列名重复（每一列只能出现一次）")
        seen.add(h)
    for c in cols:
        if c.header not in seen:
            problems.append(
                f"{sheet.where(header_row)}：缺少「{c.header}」列（期望第一行有这些列：{'、'.join(expected)}；"
                "请不要删除列，不需要的内容清空单元格即可；或从网站重新下载表格）"
            )
    if len(problems) > before:
        return []
    index = {h: n for n, h in enumerate(headers)}
    rows = []
    for number, cells in sheet.rows[1:]:
        by_header = {c.header: cells[index[c.header]] if index[c.header] < len(cells) else None for c in cols}
        if all(table.plain(v) == "" for v in by_header.values()):
            continue  # an empty row
        rows.append(_row(sheet, number, cols, by_header, problems))
    if not rows:
        problems.append(f"{sheet.label}：没有任何事项（期望第一行列名下面每行一个事项）")
    return rows


def _letter(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _row(sheet: Sheet, number: int, cols: list[table.Column], cells: dict[str, Any], problems: list[str]) -> ItemRow:
    def text(header: str) -> str:
        return table.plain(cells[header])

    def item_id(header: str) -> str | None:
        value = text(header)
        if value and not re.fullmatch(ID_PATTERN, value):
            problems.append(f"{sheet.where(number, header)}：应为事项编号（如 YJ-ZM-101），实际为{table.shown(value)}")
        return value or None

    status = text(table.STATUS)
    if status and status not in STATUS_WORDS:
        problems.append(
            f"{sheet.where(number, table.STATUS)}：应为“正式”或“示例”（或留空，与整个版本相同），实际为{table.shown(status)}"
        )
    action = text(table.ACTION)
    if action and action not in table.ACTIONS:
        problems.append(
            f"{sheet.where(number, table.ACTION)}：应为“取消”（新增、修改、更名可以不写），实际为{table.shown(action)}"
        )
    before = len(problems)
    row = ItemRow(
        number,
        item_id(table.ID) or "",
        STATUS_WORDS.get(status),
        item_id(table.ADOPTS) if table.ADOPTS in cells else None,
        action,
        text(table.REASON),
        item_id(table.REPLACED_BY),
    )
    for col in table.content_columns(cols):
        try:
            row.values[col.key] = value = table.parse_cell(col, cells[col.header])
        except table.CellError as exc:
            problems.append(f"{sheet.where(number, col.header)}：{exc}")
            continue
        if col.key in NAME_LISTS and len(value) == 1 and "，" in value[0]:
            problems.append(
                f"{sheet.where(number, col.header)}：{table.shown(value[0])} 用中文逗号把几项连在了一行，会被当成一项"
                "（期望每项单独一行：在 Excel 和 WPS 中按 Alt+Enter 换行）"
            )
    row.unreadable = len(problems) > before or any(p.startswith(sheet.where(number)) for p in sheet.problems)
    return row
