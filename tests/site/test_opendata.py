"""Open data: every edition as JSON (valid against the published schema), CSV (BOM, one row per item)
and XLSX, an index with each edition's state, linked from the edition pages."""

from __future__ import annotations

import io
import json

import pytest
from conftest import REPO_ROOT, SITE_TODAY
from jsonschema import Draft202012Validator

from generator.catalog.validate import check_catalogs

CATALOGS, _ = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)
EDITIONS = CATALOGS.all_editions()


def stem(e) -> str:
    return f"data/{e.region}/{e.catalog.value}/{e.effective.isoformat()}"


def test_every_edition_has_its_three_files(real_site):
    missing = [
        f"{stem(e)}.{ext}"
        for e in EDITIONS
        for ext in ("json", "csv", "xlsx")
        if not (real_site / f"{stem(e)}.{ext}").is_file()
    ]
    assert not missing, missing[:10]


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.key)
def test_json_validates_and_csv_xlsx_have_a_row_per_item(real_site, edition):
    from openpyxl import load_workbook

    schema = json.loads((real_site / "data/schema/edition-data.schema.json").read_text(encoding="utf-8"))
    data = json.loads((real_site / f"{stem(edition)}.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert [i["id"] for i in data["items"]] == [i.id for i in edition.items]
    raw = (real_site / f"{stem(edition)}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel and WPS open the Chinese correctly
    rows = raw.decode("utf-8-sig").strip("\r\n").split("\r\n")
    assert len(rows) == len(edition.items) + 1 and rows[0].startswith("编号,数据性质,名称")
    sheet = load_workbook(io.BytesIO((real_site / f"{stem(edition)}.xlsx").read_bytes())).active
    assert sheet.max_row == len(edition.items) + 1 and sheet["A1"].value == "编号"
    assert [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)] == [i.id for i in edition.items]


def test_index_lists_every_edition_with_its_state(real_site):
    index = json.loads((real_site / "data/index.json").read_text(encoding="utf-8"))
    listed = {
        (r["slug"], c["catalog"], e["effective"]): e["state"]
        for r in index["regions"]
        for c in r["catalogs"]
        for e in c["editions"]
    }
    assert len(listed) == len(EDITIONS)
    assert listed[("yanji", "certificates", "2024-06-30")] == "in_force"
    assert listed[("yanji", "certificates", "2023-10-27")] == "superseded"
    assert listed[("dunhua", "certificates", "2027-01-01")] == "upcoming"
    assert index["asof"] == SITE_TODAY


def test_edition_pages_link_their_data(real_site):
    page = (real_site / "yanji/certificates/2024-06-30/index.html").read_text(encoding="utf-8")
    for ext in ("json", "csv", "xlsx"):
        assert f'href="../../../data/yanji/certificates/2024-06-30.{ext}"' in page
    assert (real_site / "data/index.html").is_file()


def test_catalog_text_never_becomes_a_spreadsheet_formula():
    import dataclasses

    from openpyxl import load_workbook

    from generator.site.editionxlsx import edition_xlsx
    from generator.site.opendata import edition_csv

    edition = CATALOGS.history("yanji", next(iter(CATALOGS.editions))[1])[0]
    evil = dataclasses.replace(edition.items[0], name='=HYPERLINK("http://x.invalid","点我")')
    edition = dataclasses.replace(edition, items=(evil, *edition.items[1:]))
    import csv

    rows = list(csv.reader(io.StringIO(edition_csv(edition).decode("utf-8-sig"))))
    assert rows[1][rows[0].index("名称")].startswith("'=HYPERLINK")  # a leading ' keeps it text
    sheet = load_workbook(io.BytesIO(edition_xlsx(edition))).active
    name = next(c for c in sheet[2] if c.value and "HYPERLINK" in str(c.value))
    assert name.data_type == "s" and name.value.startswith("=HYPERLINK")  # shown as text, not run


def test_workbook_cells_are_wrapped_text_and_the_headers_bold():
    """Every cell of every sheet wraps at the top (long 办理流程 stays readable in Excel and WPS), is
    text, and only the header rows of the items and 版本信息 sheets are bold (填写说明 has none)."""
    from openpyxl import load_workbook

    from generator.site.editionxlsx import edition_xlsx

    edition = CATALOGS.history("yanji", next(iter(CATALOGS.editions))[1])[0]
    book = load_workbook(io.BytesIO(edition_xlsx(edition)))
    for sheet in book.worksheets:
        cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        assert len(cells) > 3, sheet.title
        for cell in cells:
            assert (cell.alignment.wrap_text, cell.alignment.vertical, cell.data_type) == (True, "top", "s"), (
                sheet.title,
                cell.coordinate,
            )
            assert bool(cell.font.b) == (cell.row == 1 and sheet.title != "填写说明"), (sheet.title, cell.coordinate)
