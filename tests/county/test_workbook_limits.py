"""Hostile workbooks are refused before they are loaded, in Chinese, reading little of them.

Every file is made here (nothing big is committed). No wall-clock assertions: what bounds the work is
asserted instead (bytes unzipped, rows and cells parsed, tracemalloc's peak)."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from generator.county import xlsxlimits as limits
from generator.county.workbook import WorkbookError, read_book

NAME = "延吉市证明事项.xlsx"
TITLE = "证明事项"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
PEAK = 200 << 20


def xlsx(
    sheet_xml=b"",
    strings: bytes | None = None,
    sheets: int = 1,
    extra: dict[str, bytes] | None = None,
    dimension: str | None = None,
) -> bytes:
    """A minimal workbook; `sheet_xml` (bytes or an iterator of bytes) is the items sheet's <sheetData> content."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}"/>' for i in range(1, sheets + 1)
    )
    if strings is not None:
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sharedStrings+xml"/>'
        )
    names = [TITLE] + [f"表{i}" for i in range(2, sheets + 1)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + overrides
            + "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            + "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
            + "</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, sheets + 1)
            )
            + "</Relationships>",
        )
        for i in range(1, sheets + 1):
            with z.open(f"xl/worksheets/sheet{i}.xml", "w") as fh:
                fh.write(f'<worksheet xmlns="{MAIN}">'.encode())
                if dimension and i == 1:
                    fh.write(f'<dimension ref="{dimension}"/>'.encode())
                fh.write(b"<sheetData>")
                for chunk in ([sheet_xml] if isinstance(sheet_xml, bytes) else sheet_xml) if i == 1 else []:
                    fh.write(chunk)
                fh.write(b"</sheetData></worksheet>")
        if strings is not None:
            z.writestr("xl/sharedStrings.xml", strings)
        for part, data in (extra or {}).items():
            z.writestr(part, data)
    return out.getvalue()


def refused(tmp_path: Path, raw: bytes) -> tuple[str, limits.Counts, float, int]:
    path = tmp_path / NAME
    path.write_bytes(raw)
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(WorkbookError) as info:
        read_book(path, (TITLE,))
    seconds, peak = time.perf_counter() - start, tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"{len(raw)} bytes refused in {seconds:.2f} s, peak {peak / 1e6:.1f} MB: {info.value}"
    )  # for information only
    assert peak < PEAK
    return str(info.value), info.value.counts or limits.Counts(), seconds, peak


def rows(n: int, columns: int = 1, start: int = 1):
    for r in range(start, start + n, 1000):
        yield b"".join(
            f'<row r="{i}">'.encode() + b"".join(b"<c><v>%d</v></c>" % (i * c) for c in range(columns)) + b"</row>"
            for i in range(r, min(r + 1000, start + n))
        )


def test_a_million_rows_are_refused_from_the_zip_directory(tmp_path: Path):
    message, counts, *_ = refused(tmp_path, xlsx(rows(1_000_000)))
    assert message.startswith(f"{NAME} 解压后过大：其中一部分有 ")
    assert counts.unzipped < 2 << 20 and counts.elements == 0


def test_a_million_rows_declared_in_the_dimension(tmp_path: Path):
    message, counts, *_ = refused(tmp_path, xlsx(rows(10), dimension="A1:U1000000"))
    assert message.startswith(f"{NAME} 的「{TITLE}」工作表有 1000000 行（期望不超过 5000 行；")
    assert counts.cells == 0


def test_rows_past_the_limit_stop_the_scan(tmp_path: Path):
    message, counts, *_ = refused(tmp_path, xlsx(rows(20_000), dimension="A1"))  # the dimension lies
    assert message.startswith(f"{NAME} 的「{TITLE}」工作表至少有 5001 行（期望不超过 5000 行；")
    assert counts.rows == limits.MAX_ROWS + 1 and counts.cells == limits.MAX_ROWS + 1


def test_16384_columns_by_300_rows(tmp_path: Path):
    message, counts, *_ = refused(tmp_path, xlsx(rows(300, 16_384), dimension="A1:XFD300"))
    assert message.startswith(f"{NAME} 的「{TITLE}」工作表有 16384 列（期望不超过 64 列；")
    assert counts.cells == 0


def test_columns_past_the_limit_stop_the_scan(tmp_path: Path):
    message, counts, *_ = refused(tmp_path, xlsx(rows(3, 16_384)))
    assert message.startswith(f"{NAME} 的「{TITLE}」工作表第1行至少有 65 列（期望不超过 64 列；")
    assert counts.cells == 65


def test_a_zip_bomb_entry(tmp_path: Path):
    message, counts, *_ = refused(tmp_path, xlsx(rows(2), extra={"xl/media/image1.png": b"\0" * (30 << 20)}))
    assert message.startswith(f"{NAME} 压缩比异常：其中一部分解压后是压缩时的 ")
    assert counts.unzipped < 1 << 20


def test_a_billion_laughs_in_the_shared_strings(tmp_path: Path):
    entities = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    laughs = f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY l0 "哈">{entities}]><sst xmlns="{MAIN}"><si><t>&l9;</t></si></sst>'
    message, counts, *_ = refused(
        tmp_path, xlsx(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>', strings=laughs.encode())
    )
    assert message.startswith(f"无法打开 {NAME}：文件中含有实体声明，Excel 和 WPS 不会这样保存，可能是恶意构造的文件")
    assert counts.elements == 0


def test_a_very_long_cell(tmp_path: Path):
    sst = f'<sst xmlns="{MAIN}"><si><t>名称</t></si><si><t>{"长" * 50_000}</t></si></sst>'.encode()
    sheet = b'<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>0</v></c><c r="D2" t="s"><v>1</v></c></row>'
    message, *_ = refused(tmp_path, xlsx(sheet, strings=sst))
    assert message.startswith(f"{NAME} 的「{TITLE}」工作表第2行第D列有 50000 个字（期望每个单元格不超过 10000 字；")
    inline = b'<row r="3"><c r="B3" t="inlineStr"><is><t>' + "长".encode() * 20_000 + b"</t></is></c></row>"
    message, *_ = refused(tmp_path, xlsx(inline))
    assert message.startswith(f"{NAME} 的「{TITLE}」工作表第3行第B列有 20000 个字（")


def test_too_many_sheets(tmp_path: Path):
    message, counts, *_ = refused(tmp_path, xlsx(rows(2), sheets=100))
    assert message.startswith(f"{NAME} 有 100 个工作表（期望不超过 32 个；")


def test_too_many_parts(tmp_path: Path):
    message, *_ = refused(tmp_path, xlsx(rows(2), extra={f"xl/media/image{i}.png": b"" for i in range(600)}))
    assert message.startswith(f"无法打开 {NAME}：压缩包内有 605 个部分（期望不超过 500 个部分；")


def test_too_many_shared_strings(tmp_path: Path):
    sst = f'<sst xmlns="{MAIN}">'.encode() + b"".join(b"<si><t>%d</t></si>" % i for i in range(200_000)) + b"</sst>"
    message, counts, *_ = refused(tmp_path, xlsx(rows(2), strings=sst))
    assert message.startswith(f"{NAME} 有超过 100000 条不同的文字（")
    assert counts.elements <= 2 * limits.MAX_STRINGS + 2


def test_a_normal_workbook_reads_as_before(tmp_path: Path):
    """Merged cells, empty rows, numbers, dates and formulas as openpyxl's normal mode gives them."""
    wb = Workbook()
    ws = wb.active
    ws.title = TITLE
    ws.append(["编号", "名称", "备注"])
    ws.append(["YJ-ZM-101", "居住证明", 3])
    ws["C4"] = "=1+1"
    ws["A6"] = "合并"
    ws.merge_cells("A6:B7")
    raw = io.BytesIO()
    wb.save(raw)
    path = tmp_path / NAME
    path.write_bytes(raw.getvalue())
    sheet = read_book(path, (TITLE,)).items
    assert sheet.rows == [
        (1, ["编号", "名称", "备注"]),
        (2, ["YJ-ZM-101", "居住证明", 3]),
        (3, [None] * 3),
        (4, [None] * 3),
        (5, [None] * 3),
        (6, ["合并", None, None]),
        (7, [None] * 3),
    ]
    assert sheet.problems == [
        f"{TITLE} 工作表 第4行「备注」：应为直接填写的文字，实际为公式（请把公式换成它的结果文字）"
    ]


@pytest.mark.parametrize(
    "content, expected",
    [
        (",".join(["a"] * 65), "第1行有 65 列（期望不超过 64 列；"),
        ("a," + "长" * 10_001, "第1行第B列有 10001 个字（期望每个单元格不超过 10000 字；"),
        ("a" * 2_000_000, "第1行过长（超过 640192 个字符；"),
    ],
)
def test_csv_columns_and_cells_are_bounded(tmp_path: Path, content: str, expected: str):
    path = tmp_path / "证明事项.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WorkbookError) as info:
        read_book(path, (TITLE,))
    assert str(info.value).startswith(f"证明事项.csv {expected}")
