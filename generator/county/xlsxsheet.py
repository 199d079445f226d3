"""One sheet's XML streamed once with expat, within the limits of `xlsxlimits`, before openpyxl reads it:
rows, columns, cells and characters per cell are counted as they come, and the first excess stops the
scan. What openpyxl's normal mode would make of the sheet's size comes back as an `Extent`."""

from __future__ import annotations

from pyexpat import ParserCreate

from .xlsxlimits import (
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ELEMENTS,
    MAX_ROWS,
    TRIM,
    Checked,
    Extent,
    _Done,
    cell_ref,
    local,
    no_doctype,
    range_ref,
)

TEXT = {"v", "f", "t"}  # a cell's value, formula, and inline text (in <is> or its runs)


def letter(column: int) -> str:
    out = ""
    while column:
        column, r = divmod(column - 1, 26)
        out = chr(65 + r) + out
    return out


class _Scan:
    def __init__(self, checked: Checked, title: str) -> None:
        self.checked, self.title, self.extent = checked, title, Extent()
        self.depth = 0
        self.data = self.row = self.cell = 0  # depth of <sheetData>, of the open <row>, of the open cell (0: none)
        self.row_number = self.column = self.row_cells = 0
        self.cell_at = (0, 0)
        self.kind = ""  # the open cell's t attribute
        self.chars = 0  # characters in the open cell
        self.index = ""  # a shared-string cell's <v>
        self.text = False  # inside a <v>, <f> or <t> of the open cell
        self.after = False  # past </sheetData>
        self.merged = 0  # cells covered by merges
        self.cells = 0  # in this sheet

    def fail(self, message: str):
        return self.checked.fail(f"的「{self.title}」工作表{message}")

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        tag = local(tag)
        self.depth += 1
        counts = self.checked.counts
        counts.elements += 1
        if counts.elements > MAX_ELEMENTS:
            raise self.fail(f"内容过于复杂（超过 {MAX_ELEMENTS} 个数据项，读到第 {self.row_number} 行；{TRIM}）")
        if self.cell:
            self.text = tag in TEXT
            if self.text:
                self.index = ""
        elif self.row and self.depth == self.row + 1:
            self._cell(attrs)
        elif self.data and self.depth == self.data + 1 and tag == "row":
            self._row(attrs)
        elif tag == "sheetData" and not self.data:
            self.data = self.depth
        elif self.after and tag == "mergeCell":
            self._merge(attrs.get("ref", ""))

    def _row(self, attrs: dict[str, str]) -> None:
        self.row = self.depth
        try:
            self.row_number = int(float(attrs["r"])) if "r" in attrs else self.row_number + 1
        except ValueError:
            raise self.checked.damaged() from None
        self.column = self.row_cells = 0

    def _cell(self, attrs: dict[str, str]) -> None:
        self.cell = self.depth
        ref = attrs.get("r")
        at = cell_ref(ref) if ref else (self.row_number, self.column + 1)
        if at is None:
            raise self.checked.damaged()
        self.cell_at, self.column = at, at[1]
        self.row_cells += 1
        self.cells += 1
        counts = self.checked.counts
        counts.cells += 1
        if self.extent.rows < at[0]:
            counts.rows += 1
        if at[0] > MAX_ROWS:
            raise self.fail(f"至少有 {at[0]} 行（期望不超过 {MAX_ROWS} 行；{TRIM}）")
        if at[1] > MAX_COLUMNS or self.row_cells > MAX_COLUMNS:
            raise self.fail(f"第{at[0]}行至少有 {max(at[1], self.row_cells)} 列（期望不超过 {MAX_COLUMNS} 列；{TRIM}）")
        if counts.cells + self.merged > MAX_CELLS:
            raise self.fail(f"有超过 {MAX_CELLS} 个单元格（期望不超过 {MAX_CELLS} 个；{TRIM}）")
        self.extent.rows, self.extent.columns = max(self.extent.rows, at[0]), max(self.extent.columns, at[1])
        self.kind, self.chars = attrs.get("t", "n"), 0

    def _merge(self, ref: str) -> None:
        box = range_ref(ref)
        if box is None:
            raise self.checked.damaged()
        top, left, bottom, right = box
        if bottom > MAX_ROWS or right > MAX_COLUMNS:
            raise self.fail(f"有合并单元格 {ref} 超出范围（期望不超过 {MAX_ROWS} 行、{MAX_COLUMNS} 列；{TRIM}）")
        self.merged += (bottom - top + 1) * (right - left + 1)
        if self.checked.counts.cells + self.merged > MAX_CELLS:
            raise self.fail(f"有超过 {MAX_CELLS} 个单元格（含合并单元格；期望不超过 {MAX_CELLS} 个；{TRIM}）")
        self.extent.merged.update(
            (r, c) for r in range(top, bottom + 1) for c in range(left, right + 1) if (r, c) != (top, left)
        )
        self.extent.rows, self.extent.columns = max(self.extent.rows, bottom), max(self.extent.columns, right)

    def end(self, tag: str) -> None:
        if self.depth == self.cell:
            self._cell_done()
            self.cell = 0
        elif self.depth == self.row:
            self.row = 0
        elif self.depth == self.data:
            self.data, self.after = 0, True
        elif self.after and local(tag) == "mergeCells":
            raise _Done  # what follows (formatting, validation, …) openpyxl does not read here
        self.text = False
        self.depth -= 1

    def _cell_done(self) -> None:
        chars = self.chars
        if self.kind == "s":
            lengths = self.checked.string_lengths
            try:
                chars = lengths[int(self.index)]
            except (ValueError, IndexError):
                raise self.checked.damaged() from None
        if chars > MAX_CELL_CHARS:
            row, column = self.cell_at
            raise self.fail(
                f"第{row}行第{letter(column)}列有 {chars} 个字（期望每个单元格不超过 {MAX_CELL_CHARS} 字；请精简）"
            )

    def chars_in(self, data: str) -> None:
        if self.cell and self.text:
            self.chars += len(data)
            if self.kind == "s" and len(self.index) < 12:
                self.index += data


def scan_sheet(checked: Checked, part: str) -> Extent:
    """The size of the worksheet at `part` as openpyxl's normal mode sees it; raises WorkbookError at
    the first excess."""
    scan = _Scan(checked, checked.titles.get(part, ""))
    parser = ParserCreate()
    no_doctype(parser)
    parser.buffer_text = True
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = (
        scan.start,
        scan.end,
        scan.chars_in,
    )
    checked.stream(part, parser)
    if not scan.cells:  # openpyxl yields no rows for a sheet without cells
        scan.extent.rows = scan.extent.columns = 0
    return scan.extent
