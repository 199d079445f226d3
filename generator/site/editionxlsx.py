"""Each edition as an Excel workbook (open data, and the form a county fills in for its next edition):
the items sheet with the import's columns, 版本信息 and 填写说明.

Deterministic bytes (re-zipped with fixed timestamps), kept in the build cache; a first build's
missing workbooks are made by forked workers (parallel.py).
"""

from __future__ import annotations

import datetime
import functools
import io
import re
import zipfile
from collections.abc import Callable
from copy import copy

from ..build import filecache, parallel
from ..catalog import diff, fields, model, table
from ..catalog.model import Edition

# the code a workbook's bytes come from (its columns, headers, labels): part of its build-cache key
XLSX_SOURCES = (__file__, table.__file__, diff.__file__, fields.__file__, model.__file__)
FIXED_TIME = (2000, 1, 1, 0, 0, 0)
TO_FILL = {table.ACTION, table.REASON, table.REPLACED_BY}
HOW_TO = (
    "怎样用这个表格起草下一版（详见网站“县（市）怎样提交调整”）",
    "1. 在第一个工作表中修改事项：每行一个事项，每列一个字段；不要改动第一行的列名，不要删除列。",
    "2. 新增事项：在末尾加一行，编号可以留空（导入时自动编号），在「调整理由」写明理由。",
    "3. 修改或更名：直接改单元格，在「调整理由」写明理由。编号不能改。",
    "4. 取消事项：不要删除这一行，在「操作」填“取消”，在「调整理由」写明理由；有替代事项的，在「替代事项」填它的编号。",
    "5. 一个单元格写多项（如办理流程、其他叫法）时，每项一行（Excel、WPS 中按 Alt+Enter 换行）。",
    f"6. 设定依据每条一行：法规名称{table.SEP}条款{table.SEP}版本，如 中华人民共和国森林法{table.SEP}第六十五条{table.SEP}2019年修订。",
    "7. 在「版本信息」工作表的“新版本”一列填写生效日期、文号、文件标题、印发日期，已备案的填写备案日期。"
    "第一次发布正式目录（现在是示例数据）的：“数据性质”填“正式”，写明真实文号和公开网址，生效日期按正式文件（可以早于示例版本），不需要写调整理由。",
    "8. 保存为 .xlsx，运行 python -m generator import 表格.xlsx，或把表格交给维护人员。有问题时会逐条写明工作表、行和列。",
    "9. " + table.VERIFIED_NOTE,
)


def edition_columns(e: Edition) -> list[table.Column]:
    return table.columns(e.catalog, county=e.based_on is not None)


def _text_rows(ws, rows: list[list[str]]) -> None:  # noqa: ANN001 (openpyxl worksheet)
    from openpyxl.styles import Alignment

    wrapped = (
        None  # the style of a wrapped text cell, made once: openpyxl hashes the alignment for every cell it is set on
    )
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            cell.data_type = "s"  # text stays text: openpyxl would store "=…" as a formula
            if wrapped is None:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                wrapped = cell._style
            else:
                cell._style = copy(wrapped)


def _widths(ws) -> None:  # noqa: ANN001 (openpyxl worksheet)
    for col in ws.columns:
        longest = max(len(line) for c in col for line in str(c.value or "").split("\n"))
        ws.column_dimensions[col[0].column_letter].width = min(60, max(8, longest * 1.6))


@functools.lru_cache(maxsize=4096)  # an Edition is a frozen value: a rebuild under `mkdocs serve` reuses the bytes
def edition_xlsx(e: Edition) -> bytes:
    """The items sheet (the columns of the import), 版本信息 and 填写说明; deterministic bytes."""
    return filecache.cached("xlsx", repr(e), lambda: _edition_xlsx(e), sources=XLSX_SOURCES, packages=("openpyxl",))


def prefetch_workbooks(editions: list[Edition], batch: parallel.Batch) -> int:
    """Have `batch` make the workbooks of `editions` that the build cache does not hold yet
    (parallel.py); returns how many. Without other cores, nothing (each is made when asked)."""
    _pending.clear()  # an earlier build's
    if not batch.forks:  # `mkdocs serve`: no scan
        return 0
    for e in dict.fromkeys(editions):
        if filecache.lookup("xlsx", repr(e), sources=XLSX_SOURCES, packages=("openpyxl",)) is None:
            _pending[e] = batch.add(_edition_xlsx, e, then=functools.partial(_arrived, e))
    return len(_pending)


def _arrived(e: Edition, data: bytes) -> bytes:
    filecache.store("xlsx", repr(e), data, sources=XLSX_SOURCES, packages=("openpyxl",))
    return data


def workbook(e: Edition) -> bytes | Callable[[], bytes]:
    """The workbook's bytes, or a maker of them while a batch of workers makes it."""
    return _pending[e].get if e in _pending else edition_xlsx(e)


_pending: dict[Edition, parallel.Later] = {}  # edition -> its workbook, being made by a batch's workers


def _edition_xlsx(e: Edition) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = e.catalog.short_label
    columns = edition_columns(e)
    _text_rows(ws, [[c.header for c in columns]] + [table.row_texts(i, columns) for i in e.items])
    for cell, column in zip(ws[1], columns):
        cell.font = Font(bold=True)
        if column.header in TO_FILL:
            cell.fill = PatternFill("solid", fgColor="FFF2CC")  # the columns a clerk fills in
    _widths(ws)
    ws.freeze_panes = "B2"
    info = wb.create_sheet(table.INFO_SHEET)
    _text_rows(info, [list(table.INFO_HEADERS)] + [[label, text, ""] for label, text in table.edition_info(e)])
    for cell in info[1]:
        cell.font = Font(bold=True)
    info.cell(row=1, column=3).fill = PatternFill("solid", fgColor="FFF2CC")
    _widths(info)
    guide = wb.create_sheet("填写说明")
    _text_rows(guide, [[line] for line in HOW_TO])
    guide.column_dimensions["A"].width = 120
    stamp = datetime.datetime(e.effective.year, e.effective.month, e.effective.day)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = wb.properties.lastModifiedBy = "延边州村级组织目录公开查询"
    wb.properties.title = e.title
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed_zip(raw.getvalue(), stamp)


def _fixed_zip(data: bytes, stamp: datetime.datetime) -> bytes:
    """The same archive with fixed entry times and the workbook's dates, so builds are byte-identical."""
    out = io.BytesIO()
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" with the time of saving
                body = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + iso + rb"\g<2>", body
                )
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body)
    return out.getvalue()
