"""Read a filled-in workbook (.xlsx) or table (.csv) into plain rows, in Chinese when it cannot be read.

Nothing of openpyxl, zipfile or csv reaches the user: every failure becomes a `WorkbookError` that says
what the file is and how to save it properly. Formulas are refused (a clerk types values; a formula in
a catalog would be untrusted code in the next person's spreadsheet). The `'` the CSV export puts before
text starting with = + - @ (so that spreadsheets do not run it) is taken off again, exactly once.

Hostile files are refused before they are loaded, within a few seconds and a few tens of MB whatever
they hold: `xlsxzip.check_zip` looks at the zip and its parts, `xlsxsheet.scan_sheet` streams each sheet
that is read, and only then does openpyxl read it, in read-only mode (limits in `xlsxlimits`).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Iterator

from ..catalog.table import INFO_SHEET, plain
from .xlsxlimits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, Checked, WorkbookError
from .xlsxsheet import letter, scan_sheet
from .xlsxzip import check_zip

__all__ = ["MAX_BYTES", "MAX_CELL_CHARS", "MAX_COLUMNS", "MAX_ROWS", "Book", "Sheet", "WorkbookError", "read_book"]

MAX_BYTES = 20_000_000
MAX_ROW_CHARS = MAX_COLUMNS * (MAX_CELL_CHARS + 3)  # one CSV row, quotes and commas included
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
OLE = b"\xd0\xcf\x11\xe0"  # .xls, .et and password-protected .xlsx files are OLE containers, not zip


@dataclass
class Sheet:
    label: str  # how messages name it: "证明事项 工作表" or the CSV file's name
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (row number as shown, cell values), row 1 first
    problems: list[str] = field(default_factory=list)  # cells that cannot be read (formulas)

    def where(self, row: int, header: str = "") -> str:
        return f"{self.label} 第{row}行" + (f"「{header}」" if header else "")


@dataclass
class Book:
    name: str  # the file's name, for the header comment
    items: Sheet
    info: Sheet | None  # 版本信息 (only in workbooks)
    title: str  # the items sheet's name ("" for CSV)


def read_book(path: Path, item_sheet_names: tuple[str, ...]) -> Book:
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise WorkbookError(f"无法读取文件 {path.name}（{_os_reason(exc)}）") from None
    if len(raw) > MAX_BYTES:
        raise WorkbookError(f"文件 {path.name} 过大（期望不超过 20 MB；请只保留本目录的工作表）")
    if path.suffix.lower() == ".csv":
        return Book(path.name, _read_csv(raw, path.name), None, "")
    if path.suffix.lower() != ".xlsx":
        raise WorkbookError(
            f"无法识别文件 {path.name} 的类型（期望 .xlsx 工作簿或 .csv 表格；.xls、.et 文件请在 Excel 或 WPS 中"
            "“另存为”Excel 工作簿（*.xlsx））"
        )
    return _read_xlsx(raw, path.name, item_sheet_names)


def _os_reason(exc: OSError) -> str:
    return {2: "文件不存在，请检查文件名和所在文件夹", 13: "没有读取权限", 21: "这是一个文件夹"}.get(
        exc.errno or 0, "读取失败"
    )


def _read_csv(raw: bytes, name: str) -> Sheet:
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))  # Excel's "Unicode 文本" (tab-separated)
    for encoding in (
        ("utf-16",) if utf16 else ("utf-8-sig", "gb18030")
    ):  # Excel's "CSV UTF-8" has a BOM; its plain "CSV" is GBK on Chinese Windows
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise WorkbookError(f"无法读取 {name}：文字编码无法识别（请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”）")
    sheet = Sheet(name)
    row_chars = [0]  # characters handed to the reader for the row it is reading
    try:
        for n, row in enumerate(
            csv.reader(_bounded_lines(text, row_chars, name, sheet), delimiter=_delimiter(text)), 1
        ):
            if n > MAX_ROWS:
                raise WorkbookError(f"{name} 行数过多（期望不超过 {MAX_ROWS} 行）")
            row_chars[0] = 0
            if len(row) > MAX_COLUMNS:
                raise WorkbookError(f"{name} 第{n}行有 {len(row)} 列（期望不超过 {MAX_COLUMNS} 列；请删除多余的列）")
            for column, value in enumerate(row, 1):
                if len(value) > MAX_CELL_CHARS:
                    raise WorkbookError(
                        f"{name} 第{n}行第{letter(column)}列有 {len(value)} 个字"
                        f"（期望每个单元格不超过 {MAX_CELL_CHARS} 字；请精简）"
                    )
            sheet.rows.append((n, [_unescape(v) for v in row]))
    except csv.Error:
        raise WorkbookError(
            f"无法读取 {name}：不是有效的 CSV 表格（引号没有成对；请在 Excel 或 WPS 中重新保存为 CSV）"
        ) from None
    return sheet


def _delimiter(text: str) -> str:
    """`,`, or `;` / tab where the first line (the column names, which hold none of them) has more of those:
    Excel saves "CSV" with `;` where the comma is the decimal mark, and text files with tabs."""
    header = text[:4096].partition("\n")[0]
    return max(",;\t", key=lambda d: (header.count(d), d == ","))


def _bounded_lines(text: str, row_chars: list[int], name: str, sheet: Sheet) -> Iterator[str]:
    """The lines of `text`, refusing a row (a quoted cell may span lines) longer than MAX_ROW_CHARS
    before the csv reader splits it into cells."""
    for line in io.StringIO(text, newline=""):
        row_chars[0] += len(line)
        if row_chars[0] > MAX_ROW_CHARS:
            raise WorkbookError(
                f"{name} 第{len(sheet.rows) + 1}行过长（超过 {MAX_ROW_CHARS} 个字符；期望不超过 {MAX_COLUMNS} 列、"
                f"每个单元格不超过 {MAX_CELL_CHARS} 字；请精简）"
            )
        yield line


def _unescape(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def _read_xlsx(raw: bytes, name: str, item_sheet_names: tuple[str, ...]) -> Book:
    if raw.startswith(OLE):
        raise WorkbookError(
            f"无法打开 {name}：这是设置了打开密码的工作簿，或旧版 .xls/.et 文件改了扩展名"
            "（请在 Excel 或 WPS 中取消密码，并“另存为”Excel 工作簿（*.xlsx））"
        )
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise WorkbookError(
            f"无法打开 {name}：不是有效的 .xlsx 工作簿（文件可能已损坏或只下载了一部分；请重新保存或重新下载）"
        )
    try:
        checked = check_zip(raw, name)
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=False, keep_links=False)
        names = wb.sheetnames
        title = next((n for n in names if n in item_sheet_names), names[0])
        info = (
            _sheet(checked, wb[INFO_SHEET], f"{INFO_SHEET} 工作表")
            if INFO_SHEET in names and title != INFO_SHEET
            else None
        )
        items = _sheet(checked, wb[title], f"{title} 工作表")
        wb.close()
    except WorkbookError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds; none of its English may reach the clerk
        raise WorkbookError(
            f"无法打开 {name}：工作簿已损坏或不是 Excel/WPS 保存的 .xlsx 文件"
            "（请在 Excel 或 WPS 中打开后重新“另存为”Excel 工作簿（*.xlsx））"
        ) from None
    return Book(name, items, info, title)


def _sheet(checked: Checked, ws: Any, label: str) -> Sheet:
    """The rows of `ws` as openpyxl's normal mode gives them: rows 1 to the last, each as wide as the
    widest, a merged area's covered cells empty."""
    sheet = Sheet(label)
    part = getattr(ws, "_worksheet_path", None)
    if part is None:  # a chart sheet: no cells
        return sheet
    extent = scan_sheet(checked, part)
    if not extent.rows:
        return sheet
    headers: list[str] = []
    rows = ws.iter_rows(min_row=1, max_row=extent.rows, min_col=1, max_col=extent.columns)
    for number, row in enumerate(islice(rows, extent.rows), 1):  # islice: no parsing past the last row
        values = []
        for column, cell in enumerate(row, 1):
            if (number, column) in extent.merged:
                values.append(None)
            elif cell.data_type == "f":
                header = headers[column - 1] if column <= len(headers) else ""
                sheet.problems.append(
                    f"{sheet.where(number, header)}：应为直接填写的文字，实际为公式（请把公式换成它的结果文字）"
                )
                values.append(None)
            else:
                values.append(cell.value)
        if not headers:
            headers = [plain(v) for v in values]
        sheet.rows.append((number, values))
    return sheet
