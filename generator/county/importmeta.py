"""The edition a workbook continues and the next edition's details: from 版本信息 or the command line.

Each value remembers where it came from (a cell of 版本信息 or an option such as --doc-date), so a
problem with it names that place.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from ..catalog import table
from .workbook import Book

NEW_COLUMN = table.INFO_HEADERS[2]
OPTIONS = {  # info key -> command-line option that gives the same value
    "region": "--region",
    "catalog": "--catalog",
    "effective": "--effective",
    "kind": "--kind",
    "title": "--title",
    "status": "--status",
    "number": "--doc-number",
    "doc_title": "--doc-title",
    "issuer": "--doc-issuer",
    "date": "--doc-date",
    "url": "--doc-url",
    "filing_to": "--filing-to",
    "filing_date": "--filing-date",
}
LABELS = {key: label for label, key in table.INFO_ROWS.items()}


@dataclass(frozen=True)
class Value:
    text: str
    where: str  # "版本信息 工作表 第4行「新版本（导入时填写）」" or "参数 --effective"


@dataclass
class Meta:
    base: dict[str, Value]  # region, catalog, effective of the edition the workbook was exported from
    new: dict[str, Value]  # the next edition's details that were given (empty ones left out)
    rows: dict[str, str]  # key -> where its "新版本" cell is (for problems about values left empty)

    def where(self, key: str) -> str:
        if key in self.new:
            return self.new[key].where
        return self.rows.get(key) or f"参数 {OPTIONS[key]}"

    def missing(self, key: str, what: str) -> str:
        """A problem: the next edition's `key` was not given."""
        if key in self.rows:
            return f"{self.rows[key]}：缺少新版本的{what}（请在“{LABELS[key]}”一行的“{NEW_COLUMN}”列填写，或用参数 {OPTIONS[key]}）"
        return f"缺少新版本的{what}（请用参数 {OPTIONS[key]} 填写）"


def read_meta(book: Book, options: dict[str, str | None]) -> Meta:
    meta = Meta({}, {}, {})
    sheet = book.info
    if sheet is not None:
        for number, cells in sheet.rows[1:]:
            cells = list(cells) + [None] * 3
            key = table.INFO_ROWS.get(table.plain(cells[0])) or table.INFO_ALIASES.get(table.plain(cells[0]))
            if key is None:
                continue
            meta.rows[key] = sheet.where(number, NEW_COLUMN)
            base, new = table.plain(cells[1]), table.plain(cells[2])
            if base and key in {"region", "catalog", "effective"}:
                meta.base[key] = Value(base, sheet.where(number, table.INFO_HEADERS[1]))
            if new:
                meta.new[key] = Value(new, meta.rows[key])
    for key, option in OPTIONS.items():
        given = options.get(key)
        if given is not None and given.strip():
            meta.new[key] = Value(given.strip(), f"参数 {option}")
    return meta


_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")


def parse_date(value: Value) -> tuple[str | None, str | None]:
    """(ISO date, None) or (None, problem): 2025-01-01, 2025/1/1, 2025.1.1 and 2025年1月1日 are read the same."""
    m = _DATE.fullmatch(value.text)
    try:
        if m:
            return datetime.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), None
    except ValueError:
        pass
    return None, f"{value.where}：应为日期，如 2025-01-01，实际为{table.shown(value.text)}"


def new_effective(meta: Meta, problems: list[str]) -> str | None:
    """The next edition's 生效日期 from 版本信息 (None, with the problem added, when missing or not a date)."""
    if "effective" not in meta.new:
        problems.append(meta.missing("effective", "生效日期"))
        return None
    effective, problem = parse_date(meta.new["effective"])
    if problem:
        problems.append(problem)
        return None
    return effective
