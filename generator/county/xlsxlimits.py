"""How big a workbook may be, checked before openpyxl sees it and while its sheets are read.

A .xlsx file is a zip of XML parts. A few hundred kilobytes can unzip to gigabytes, declare a million
rows, nest XML entities a billion times deep, or hold 16,384 columns that openpyxl would build cell by
cell. So, before anything is loaded: the zip directory (entries, each one's unzipped size and ratio,
the total), every part's prolog (no DOCTYPE: Excel and WPS never write one, and entity tricks need it),
the sheets and the shared strings counted, and each sheet's head (its `<dimension ref>`) read by
streaming. Then the sheets that are read are streamed once with expat, counting rows, columns, cells
and characters per cell and stopping at the first excess (`scan_sheet`). openpyxl (read-only mode)
only reads what has passed. Limits are sized for real catalogs: a few hundred rows, about 30 columns.
"""

from __future__ import annotations

import re
import zipfile
from array import array
from dataclasses import dataclass, field
from pyexpat import ExpatError, ParserCreate

MAX_ENTRIES = 500  # parts in the zip (Excel writes about 10; each picture adds one or two)
MAX_DIRECTORY_BYTES = 1 << 20  # the zip's central directory
MAX_PART_BYTES = 32 << 20  # one part, unzipped
MAX_TOTAL_BYTES = 64 << 20  # all parts, unzipped
MAX_RATIO = 100  # unzipped ÷ zipped, for parts over RATIO_FROM_BYTES (real sheets: under 30)
RATIO_FROM_BYTES = 1 << 20
MAX_OTHER_XML_BYTES = (
    4 << 20
)  # XML other than sheets and shared strings, together (openpyxl builds objects of all of it)
MAX_PROLOG_BYTES = 64 << 10  # a part's start before its first element
MAX_HEAD_BYTES = 256 << 10  # a sheet's XML before its rows (<sheetData>)
MAX_SHEETS = 32
MAX_ROWS = 5_000
MAX_COLUMNS = 64
MAX_CELLS = 200_000  # in the sheets read, merged areas included
MAX_CELL_CHARS = 10_000
MAX_STRINGS = 100_000  # shared strings
MAX_ELEMENTS = 800_000  # XML elements in the shared strings and the sheets read, together
CHUNK = 64 << 10

SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")
AGAIN = "请从网站重新下载表格，在 Excel 或 WPS 中填写后“另存为”Excel 工作簿（*.xlsx）"
TRIM = "请删除多余的行和列，只保留本目录的内容"


class WorkbookError(Exception):
    """Why the file cannot be read at all (Chinese, for county staff)."""

    def __init__(self, message: str, counts: Counts | None = None) -> None:
        super().__init__(message)
        self.counts = counts  # how much was read before refusing (for tests and benchmarks)


@dataclass
class Counts:
    """What has been read so far: the bound on work, whatever the file holds."""

    unzipped: int = 0  # bytes decompressed
    elements: int = 0  # XML elements seen by the streaming scans
    rows: int = 0  # rows with cells seen in the sheets scanned
    cells: int = 0


@dataclass
class Extent:
    rows: int = 0  # last row with a cell (merged areas included), as openpyxl's max_row
    columns: int = 0
    merged: set[tuple[int, int]] = field(default_factory=set)  # cells covered by a merge, not its top-left


@dataclass
class Checked:
    """A zip that passed `check_zip`: what the sheet scans need."""

    archive: zipfile.ZipFile
    name: str  # the file's name, for messages
    titles: dict[str, str]  # worksheet part -> sheet name
    string_lengths: array = field(default_factory=lambda: array("l"))
    counts: Counts = field(default_factory=Counts)

    def fail(self, message: str) -> WorkbookError:
        return WorkbookError(f"{self.name} {message}", self.counts)

    def damaged(self) -> WorkbookError:
        return WorkbookError(
            f"无法打开 {self.name}：工作簿已损坏或不是 Excel/WPS 保存的 .xlsx 文件"
            "（请在 Excel 或 WPS 中打开后重新“另存为”Excel 工作簿（*.xlsx））",
            self.counts,
        )

    def stream(self, part: str, parser, limit: int | None = None) -> int:
        """Feed `part` to `parser` in chunks until a handler raises _Done, the part ends, or `limit`
        bytes were fed (returns the bytes fed). Raises damaged() for XML errors."""
        fed = 0
        try:
            with self.archive.open(part) as fh:
                while limit is None or fed < limit:
                    chunk = fh.read(CHUNK)
                    fed += len(chunk)
                    self.counts.unzipped += len(chunk)
                    parser.Parse(chunk, not chunk)
                    if not chunk:
                        break
        except _Done:
            pass
        except (ExpatError, KeyError, zipfile.BadZipFile, EOFError, OSError, ValueError):
            raise self.damaged() from None
        return fed


class _Done(Exception):
    """Raised by a handler: the scan has seen what it needed."""


def local(tag: str) -> str:
    """A tag or attribute name without its namespace: "{…/main}row", "x:row" -> "row"."""
    return tag.rpartition("}")[2].rpartition(":")[2]


def cell_ref(ref: str) -> tuple[int, int] | None:
    """ "B12" -> (12, 2)."""
    m = _REF.fullmatch(ref.strip())
    if not m:
        return None
    col = 0
    for ch in m[1].upper():
        col = col * 26 + ord(ch) - 64
    return int(m[2]), col


def range_ref(ref: str) -> tuple[int, int, int, int] | None:
    """ "A1:C3" -> (1, 1, 3, 3) as (first row, first column, last row, last column)."""
    a, _, b = ref.partition(":")
    first, last = cell_ref(a), cell_ref(b or a)
    if first is None or last is None:
        return None
    return min(first[0], last[0]), min(first[1], last[1]), max(first[0], last[0]), max(first[1], last[1])


def no_doctype(parser) -> None:
    """Make expat refuse any DOCTYPE (where entities, and so billion laughs, are declared)."""

    def refuse(*_args):
        raise _Doctype

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse


class _Doctype(Exception):
    pass


def is_xml(checked: Checked, part: str) -> bool:
    """Whether `part` starts as XML; refuses a DOCTYPE in it."""
    parser = ParserCreate()
    no_doctype(parser)

    def root(*_args):
        raise _Done

    parser.StartElementHandler = root
    try:
        with checked.archive.open(part) as fh:
            fed = 0
            while fed <= MAX_PROLOG_BYTES:
                chunk = fh.read(16 << 10)
                fed += len(chunk)
                checked.counts.unzipped += len(chunk)
                parser.Parse(chunk, not chunk)
                if not chunk:
                    return False
    except _Done:
        return True
    except _Doctype:
        raise WorkbookError(
            f"无法打开 {checked.name}：文件中含有实体声明，Excel 和 WPS 不会这样保存，可能是恶意构造的文件（{AGAIN}）",
            checked.counts,
        ) from None
    except ExpatError:
        return False  # not XML (a picture); openpyxl cannot parse it either
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise checked.damaged() from None
    raise checked.damaged()  # an endless prolog
