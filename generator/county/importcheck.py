"""The whole validation, run on the imported edition before anything is written, with each problem
moved from the YAML path it was found at (`items第3项.basis`) to the sheet, row and column it came from."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from ..catalog import table
from ..catalog.errors import CatalogError
from ..catalog.validate import check_catalogs
from .importmeta import Meta
from .rows import ItemRow
from .workbook import Sheet

ROW_COLUMNS = {"id": table.ID, "adopts": table.ADOPTS, "status": table.STATUS}
CHANGE_COLUMNS = {"reason": table.REASON, "replaced_by": table.REPLACED_BY}
TOP = {
    "effective": "effective",
    "title": "title",
    "kind": "kind",
    "document.number": "number",
    "document.title": "doc_title",
    "document.issuer": "issuer",
    "document.date": "date",
    "document.url": "url",
    "document": "number",
    "filing.to": "filing_to",
    "filing.date": "filing_date",
    "filing": "filing_date",
}
_OVERLAP = re.compile(r"overlaps_forbidden（item: ([0-9]+)，basis: 法律条款，explanation: 说明）")
_ITEM = re.compile(r"(items|changes)第([0-9]+)项(?:\.([a-z_]+))?")


def check_in_memory(
    repo: Path, target: Path, text: str, sheet: Sheet, item_rows: list[ItemRow], change_rows: list[ItemRow], meta: Meta
) -> tuple[list[str], list[str]]:
    """(errors, warnings) that the catalogs would have with `text` at `target`, in terms of the workbook."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "catalogs"
        before = set(check_catalogs(repo / "catalogs", repo)[1])
        shutil.copytree(repo / "catalogs", copy, symlinks=True)
        file = copy / target.relative_to(repo / "catalogs")
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        _, after = check_catalogs(copy, Path(tmp))
    uri = target.relative_to(repo).as_posix()
    errors, warnings = [], []
    for e in after:
        if e in before:
            continue
        message = _OVERLAP.sub(r"「与不应出具事项的重叠说明」（\1｜法律条款｜说明）", e.message)
        line = f"{_where(e, sheet, item_rows, change_rows, meta)}：{message}" if e.path == uri else str(e)
        (errors if e.is_error else warnings).append(line)
    return errors, warnings


def _where(e: CatalogError, sheet: Sheet, item_rows: list[ItemRow], change_rows: list[ItemRow], meta: Meta) -> str:
    m = _ITEM.match(e.field)
    if m:
        rows = item_rows if m[1] == "items" else change_rows
        n = int(m[2]) - 1
        if n < len(rows):
            key = m[3] or ""
            if m[1] == "items":
                header = ROW_COLUMNS.get(key) or table.FIELD_LABELS.get(key, "")
            else:
                header = CHANGE_COLUMNS.get(key, table.ACTION)
            return sheet.where(rows[n].row, header)
    key = TOP.get(e.field) or TOP.get(e.field.split(".")[0])
    if key:
        return meta.where(key)
    return f"{sheet.label}" if e.field.startswith("items") else "新版本"
