"""Before openpyxl loads a workbook: the zip, every part's prolog, the sheet count, each sheet's head and
the shared strings, each within the limits of `xlsxlimits` (see there for why)."""

from __future__ import annotations

import io
import zipfile
from pyexpat import ParserCreate
from xml.etree.ElementTree import fromstring

from openpyxl.packaging.manifest import Manifest
from openpyxl.packaging.relationship import get_dependents, get_rels_path
from openpyxl.reader.excel import _find_workbook_part

from .xlsxlimits import (
    AGAIN,
    MAX_COLUMNS,
    MAX_DIRECTORY_BYTES,
    MAX_ELEMENTS,
    MAX_ENTRIES,
    MAX_HEAD_BYTES,
    MAX_OTHER_XML_BYTES,
    MAX_PART_BYTES,
    MAX_RATIO,
    MAX_ROWS,
    MAX_SHEETS,
    MAX_STRINGS,
    MAX_TOTAL_BYTES,
    RATIO_FROM_BYTES,
    SHARED_STRINGS,
    TRIM,
    Checked,
    WorkbookError,
    _Done,
    is_xml,
    local,
    no_doctype,
    range_ref,
)

MB = 1 << 20
ODD = f"这不是 Excel 或 WPS 正常保存的工作簿，可能是恶意构造的文件；{AGAIN}"


def check_zip(raw: bytes, name: str) -> Checked:
    """The zip of `raw` once it is known not to be hostile; raises WorkbookError otherwise."""
    end = raw.rfind(b"PK\x05\x06", max(0, len(raw) - 65_557))
    entries = int.from_bytes(raw[end + 10 : end + 12], "little") if end >= 0 else 0
    directory = int.from_bytes(raw[end + 12 : end + 16], "little") if end >= 0 else 0
    if entries > MAX_ENTRIES or directory > MAX_DIRECTORY_BYTES:
        found = f"{entries} 个部分" if entries < 0xFFFF else "至少 65535 个部分"
        if directory > MAX_DIRECTORY_BYTES and entries <= MAX_ENTRIES:
            found = f"{directory / MB:.1f} MB 的目录"
        raise WorkbookError(f"无法打开 {name}：压缩包内有 {found}（期望不超过 {MAX_ENTRIES} 个部分；{ODD}）")
    checked = Checked(zipfile.ZipFile(io.BytesIO(raw)), name, {})
    infos = checked.archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise checked.fail(f"压缩包内有 {len(infos)} 个部分（期望不超过 {MAX_ENTRIES} 个；{ODD}）")
    xml = {i.filename: i.file_size for i in infos if is_xml(checked, i.filename)}
    try:
        for small in ("[Content_Types].xml", "xl/_rels/workbook.xml.rels"):
            if xml.get(small, 0) > MAX_OTHER_XML_BYTES:
                raise checked.damaged()
        package = Manifest.from_tree(fromstring(checked.archive.read("[Content_Types].xml")))
        book = _find_workbook_part(package).PartName[1:]
        if xml.get(book, 0) > MAX_OTHER_XML_BYTES:
            raise checked.damaged()
        sheets = [s for s in fromstring(checked.archive.read(book)).iter() if local(s.tag) == "sheet"]
        if len(sheets) > MAX_SHEETS:
            raise checked.fail(
                f"有 {len(sheets)} 个工作表（期望不超过 {MAX_SHEETS} 个；请删除多余的工作表，只保留本目录的内容）"
            )
        rels = get_dependents(checked.archive, get_rels_path(book))
    except WorkbookError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl's own failures become the same message later
        raise checked.damaged() from None
    ids = {r.Id: r.target for r in rels if r.Type.endswith("/worksheet")}
    for s in sheets:
        rid = next((v for k, v in s.attrib.items() if local(k) == "id"), None)
        if rid in ids:
            checked.titles[ids[rid]] = s.get("name", "")
    for part, title in checked.titles.items():  # first: a too-big sheet is named, with what it holds
        if part in xml:
            _head(checked, part, title)
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES:
            raise checked.fail(
                f"解压后过大：其中一部分有 {info.file_size / MB:.0f} MB（期望每部分不超过 {MAX_PART_BYTES // MB} MB；"
                f"本目录的工作簿通常不到 1 MB。{ODD}）"
            )
        if info.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise checked.fail(
                f"压缩比异常：其中一部分解压后是压缩时的 {ratio:.0f} 倍（期望不超过 {MAX_RATIO} 倍；{ODD}）"
            )
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise checked.fail(
            f"解压后过大：共 {total / MB:.0f} MB（期望不超过 {MAX_TOTAL_BYTES // MB} MB；本目录的工作簿通常不到 1 MB。{ODD}）"
        )
    strings = package.find(SHARED_STRINGS)
    strings_part = strings.PartName[1:] if strings is not None else None
    other = sum(size for part, size in xml.items() if part not in checked.titles and part != strings_part)
    if other > MAX_OTHER_XML_BYTES:
        raise checked.fail(f"格式部分过大：共 {other / MB:.1f} MB（期望不超过 {MAX_OTHER_XML_BYTES // MB} MB；{ODD}）")
    if strings_part in xml:
        _strings(checked, strings_part)
    return checked


def _head(checked: Checked, part: str, title: str) -> None:
    """A sheet's XML up to its rows: short, with a `<dimension>` within the limits."""
    parser = ParserCreate()
    no_doctype(parser)

    def start(tag: str, attrs: dict[str, str]) -> None:
        tag = local(tag)
        if tag == "sheetData":
            raise _Done
        if tag == "dimension":
            box = range_ref(attrs.get("ref", ""))
            if box and box[3] > MAX_COLUMNS:
                raise checked.fail(f"的「{title}」工作表有 {box[3]} 列（期望不超过 {MAX_COLUMNS} 列；{TRIM}）")
            if box and box[2] > MAX_ROWS:
                raise checked.fail(f"的「{title}」工作表有 {box[2]} 行（期望不超过 {MAX_ROWS} 行；{TRIM}）")

    parser.StartElementHandler = start
    if checked.stream(part, parser, MAX_HEAD_BYTES + 1) > MAX_HEAD_BYTES:
        raise checked.fail(f"的「{title}」工作表在数据之前有超过 {MAX_HEAD_BYTES // 1024} KB 的格式内容（{ODD}）")


def _strings(checked: Checked, part: str) -> None:
    """Count the shared strings and note each one's length (as openpyxl reads it: the text of `t`
    directly in `si` or in its runs `r`, not the phonetic `rPh`)."""
    parser = ParserCreate()
    no_doctype(parser)
    path: list[str] = []
    counts, lengths = checked.counts, checked.string_lengths

    def start(tag: str, _attrs) -> None:
        tag = local(tag)
        path.append(tag)
        counts.elements += 1
        if counts.elements > MAX_ELEMENTS:
            raise checked.fail(f"内容过于复杂（文字部分超过 {MAX_ELEMENTS} 个数据项；{ODD}）")
        if tag == "si" and len(path) == 2:
            if len(lengths) >= MAX_STRINGS:
                raise checked.fail(f"有超过 {MAX_STRINGS} 条不同的文字（期望不超过 {MAX_STRINGS} 条；{TRIM}）")
            lengths.append(0)

    def end(_tag) -> None:
        path.pop()

    def text(data: str) -> None:
        if len(path) >= 3 and path[-1] == "t" and (len(path) == 3 or (len(path) == 4 and path[2] == "r")) and lengths:
            lengths[-1] += len(data)  # checked where a cell uses it (scan_sheet), to name the cell

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    checked.stream(part, parser)
