"""`python -m generator import`: the workbook downloaded from the site, edited as a clerk edits it in
Excel or WPS, becomes the next edition's file with its changes worked out, or nothing is written and
every problem is named by sheet, row and column, in Chinese."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from pathlib import Path

import pytest
from conftest import REPO_ROOT, copy_minimal
from openpyxl import load_workbook
from test_cli import generator, git

from generator.catalog import table
from generator.catalog.load import load_file
from generator.catalog.model import CatalogKind
from generator.catalog.validate import check_catalogs
from generator.county.yamlout import dump_edition
from generator.site.editionxlsx import edition_xlsx
from generator.site.opendata import edition_csv

NEW = "catalogs/yanji/certificates/2030-01-01.yaml"
NEW_EDITION = {
    "生效日期": "2030-01-01",
    "文号": "（示例）延市办发〔2029〕5号",
    "文件标题": "关于调整延吉市村级组织证明事项保留清单的通知",
    "印发日期": "2029-12-01",
    "备案日期": "2029/12/10",
}
ADDED = {
    "名称": "村民小组长任职情况证明",
    "分类": "组织类",
    "出具主体": "村民委员会",
    "要求出具的单位": "乡镇人民政府",
    "办理用途": "核实村民小组长任职",
    "办理流程": "申请人提出申请\n村民委员会核实\n据实出具证明",
    "办结时限": 3,
    "证明式样": "村民小组长任职情况证明（统一式样）",
    "设定依据": "中华人民共和国村民委员会组织法｜第二十八条｜2018年修正",
    "调整理由": "依据村民委员会组织法新增",
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_minimal(tmp_path / "repo")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "minimal")
    return root


def latest(repo: Path, region: str = "yanji", kind: CatalogKind = CatalogKind.CERTIFICATES):
    catalogs, _ = check_catalogs(repo / "catalogs", repo)
    return catalogs.history(region, kind)[-1]


def workbook(repo: Path):
    """The workbook of yanji's latest certificates edition, as downloaded from the site."""
    return load_workbook(io.BytesIO(edition_xlsx(latest(repo))))


def put(ws, row: int, values: dict) -> None:
    col = {c.value: c.column for c in ws[1]}
    for header, value in values.items():
        ws.cell(row, col[header]).value = value


def fill_info(wb, values: dict = NEW_EDITION) -> None:
    for row in wb[table.INFO_SHEET].iter_rows(min_row=2):
        if row[0].value in values:
            row[2].value = values[row[0].value]


def edited(repo: Path, wb) -> Path:
    path = repo.parent / "表格.xlsx"
    wb.save(path)
    return path


def catalog_files(repo: Path) -> dict[str, bytes]:
    return {
        p.relative_to(repo).as_posix(): p.read_bytes() for p in sorted((repo / "catalogs").rglob("*")) if p.is_file()
    }


def the_three_edits(wb) -> None:
    """Change a cell (YJ-ZM-101, row 4), cancel a row (YJ-ZM-102, row 5), add a row (numbered on import)."""
    ws = wb.worksheets[0]
    assert [ws.cell(r, 1).value for r in range(2, 6)] == ["YJ-ZM-001", "YJ-ZM-003", "YJ-ZM-101", "YJ-ZM-102"]
    put(ws, 4, {"办结时限": 2, "调整理由": "核对与备案并行办理，办结时限压缩为2个工作日"})
    put(ws, 5, {"操作": "取消", "调整理由": "可由申请人书面承诺代替"})
    put(ws, 6, ADDED)
    fill_info(wb)


EXPECTED_CHANGES = [
    {"item": "YJ-ZM-101", "action": "modified", "reason": "核对与备案并行办理，办结时限压缩为2个工作日"},
    {"item": "YJ-ZM-103", "action": "added", "reason": "依据村民委员会组织法新增"},
    {"item": "YJ-ZM-102", "action": "removed", "reason": "可由申请人书面承诺代替"},
]


def test_an_edited_workbook_becomes_the_next_edition(repo: Path):
    wb = workbook(repo)
    the_three_edits(wb)
    run = generator(repo, "import", str(edited(repo, wb)))
    assert run.code == 0, run.out
    assert run.out.startswith(f"已创建 {NEW}：新增 1 项、取消 1 项、修改 1 项。\n新增事项的编号：第6行 → YJ-ZM-103。")
    doc, errors = load_file(repo / NEW, NEW)
    assert errors == [] and doc.data["changes"] == EXPECTED_CHANGES
    assert [i["id"] for i in doc.data["items"]] == ["YJ-ZM-001", "YJ-ZM-003", "YJ-ZM-101", "YJ-ZM-103"]
    assert doc.data["items"][3]["basis"] == [
        {"law": "中华人民共和国村民委员会组织法", "article": "第二十八条", "version": "2018年修正"}
    ]
    assert doc.data["document"] == {
        "number": "（示例）延市办发〔2029〕5号",
        "title": NEW_EDITION["文件标题"],
        "issuer": "中共延吉市委办公室 延吉市人民政府办公室",
        "date": "2029-12-01",
    }
    assert doc.data["filing"] == {"to": ["州民政局", "州委组织部", "州委农办"], "date": "2029-12-10"}
    assert doc.data["title"] == "延吉市村级组织证明事项保留清单（2030年版）" and doc.data["kind"] == "amendment"
    text = (repo / NEW).read_text(encoding="utf-8")
    assert text.startswith(
        "# 延吉市村级组织证明事项目录：2030-01-01 起生效，由表格“表格.xlsx”导入，上一版为 2024-06-30 版。\ncatalog: certificates\n"
    )
    assert (
        "  - {id: YJ-ZM-003, adopts: YB-ZM-003, name: 村集体经济组织成员确认证明}\n" in text
    )  # unchanged rows as they were
    assert (run := generator(repo, "check", "--base", "HEAD")).code == 0, run.out
    # importing the same workbook again is refused (it continues an edition that is no longer the latest)
    again = generator(repo, "import", str(edited(repo, wb)))
    assert again.code == 1 and "这个表格导出自 2024-06-30 版，但最新版本是 2030-01-01" in again.out
    assert (repo / NEW).read_text(encoding="utf-8") == text


def test_a_csv_saved_by_excel_imports_the_same(repo: Path):
    rows = list(csv.reader(io.StringIO(edition_csv(latest(repo)).decode("utf-8-sig"))))
    header = rows[0]
    rows[3][header.index("办结时限")] = "2"
    rows[3][header.index("调整理由")] = EXPECTED_CHANGES[0]["reason"]
    rows[4][header.index("操作")] = "取消"
    rows[4][header.index("调整理由")] = EXPECTED_CHANGES[2]["reason"]
    rows.append([str(ADDED.get(h, "")) for h in header])
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path = repo.parent / "延吉证明事项.csv"
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))  # as Excel saves "CSV UTF-8"
    run = generator(
        repo,
        "import",
        str(path),
        "--effective",
        "2030-01-01",
        "--doc-number",
        NEW_EDITION["文号"],
        "--doc-title",
        NEW_EDITION["文件标题"],
        "--doc-date",
        "2029-12-01",
        "--filing-date",
        "2029-12-10",
    )
    assert run.code == 0, run.out
    doc, _ = load_file(repo / NEW, NEW)
    assert doc.data["changes"] == EXPECTED_CHANGES
    assert generator(repo, "check", "--base", "HEAD").code == 0


def test_csv_text_keeps_its_formula_escape_only_once(repo: Path):
    path = repo.parent / "t.csv"
    rows = list(csv.reader(io.StringIO(edition_csv(latest(repo)).decode("utf-8-sig"))))
    rows[3][rows[0].index("备注")] = "'=不是公式"
    rows[3][rows[0].index("调整理由")] = "补充备注"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))
    run = generator(
        repo,
        "import",
        str(path),
        "--effective",
        "2030-01-01",
        "--doc-number",
        "（示例）延市办发〔2029〕5号",
        "--doc-title",
        "关于调整的通知",
        "--doc-date",
        "2029-12-01",
    )
    assert run.code == 0, run.out
    assert load_file(repo / NEW, NEW)[0].data["items"][2]["notes"] == "=不是公式"


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            lambda wb: put(wb.worksheets[0], 1, {"办结时限": "办理时限"}),
            [
                "证明事项 工作表 第1行第L列「办理时限」：无法识别的列名（期望 编号、数据性质、名称、采用州级事项、其他叫法、朝鲜文名称、译名核实情况、出具主体、"
                "要求出具的单位、办理用途、办理流程、办结时限、证明式样、分类、与不应出具事项的重叠说明、设定依据、备注、出处、操作、调整理由、替代事项 之一；"
                "请不要改动第一行的列名）",
                "证明事项 工作表 第1行：缺少「办结时限」列（期望第一行有这些列：编号、数据性质、名称、采用州级事项、其他叫法、朝鲜文名称、译名核实情况、"
                "出具主体、要求出具的单位、办理用途、办理流程、办结时限、证明式样、分类、与不应出具事项的重叠说明、设定依据、备注、出处、操作、调整理由、"
                "替代事项；请不要删除列，不需要的内容清空单元格即可；或从网站重新下载表格）",
            ],
        ),
        (
            lambda wb: put(wb.worksheets[0], 4, {"出具主体": None, "调整理由": "删去出具主体"}),
            ["证明事项 工作表 第4行「出具主体」：缺少出具主体（期望写明，实际没有；该类目录每个事项都需要）"],
        ),
        (
            lambda wb: put(wb.worksheets[0], 4, {"办结时限": "五天", "调整理由": "延长"}),
            ["证明事项 工作表 第4行「办结时限」：应为“当场办结”或工作日天数（如 5），实际为“五天”"],
        ),
        (
            lambda wb: put(wb.worksheets[0], 6, {**ADDED, "名称": "无犯罪记录证明"}),
            [
                "证明事项 工作表 第6行「名称」：“无犯罪记录证明”与不应出具的证明事项第 5 项“无犯罪记录证明”是同一类证明"
                "（yanbian/forbidden-certificates/2023-09-28，民发〔2020〕20号）。请从保留清单中删除此事项，并告知群众替代途径；"
                "如果法律法规确实要求村级组织出具，请在此事项下写明 「与不应出具事项的重叠说明」（5｜法律条款｜说明）"
            ],
        ),
        (
            lambda wb: fill_info(wb, {"印发日期": "2029-13-01"}),
            ["版本信息 工作表 第10行「新版本（导入时填写）」：应为日期，如 2025-01-01，实际为“2029-13-01”"],
        ),
        (
            lambda wb: fill_info(wb, {"生效日期": None}),
            [
                "版本信息 工作表 第4行「新版本（导入时填写）」：缺少新版本的生效日期（请在“生效日期”一行的“新版本（导入时填写）”列填写，或用参数 --effective）"
            ],
        ),
        (
            lambda wb: put(wb.worksheets[0], 6, {**ADDED, "编号": "YJ-ZM-101"}),
            [
                "证明事项 工作表 第6行「编号」：编号“YJ-ZM-101”与第4行重复（同一版本中编号必须唯一；新增的事项编号可以留空，导入时自动编号）"
            ],
        ),
        (
            lambda wb: wb.worksheets[0].delete_rows(5),
            [
                "证明事项 工作表：上一版的事项 YJ-ZM-102“林下经济经营情况证明”不在表格中（取消事项时请不要删除这一行：保留它，在「操作」填“取消”，"
                "在「调整理由」写明理由）"
            ],
        ),
        (
            lambda wb: put(wb.worksheets[0], 4, {"办结时限": 2}),
            ["证明事项 工作表 第4行「调整理由」：缺少调整理由（这个事项与上一版相比修改了「办结时限」，请写明理由）"],
        ),
        (
            lambda wb: put(wb.worksheets[0], 4, {"备注": "=1+1", "调整理由": "加备注"}),
            ["证明事项 工作表 第4行「备注」：应为直接填写的文字，实际为公式（请把公式换成它的结果文字）"],
        ),
        (
            lambda wb: put(wb.worksheets[0], 4, {"设定依据": "某法｜第一条｜2018年｜多余", "调整理由": "改依据"}),
            [
                "证明事项 工作表 第4行「设定依据」：第 1 行应为“法规名称｜条款｜版本”（条款和版本可以不写），实际为“某法｜第一条｜2018年｜多余”"
            ],
        ),
    ],
    ids=[
        "wrong-header",
        "empty-required-cell",
        "bad-deadline",
        "forbidden-certificate",
        "bad-date",
        "no-effective-date",
        "duplicate-id",
        "deleted-row",
        "no-reason",
        "formula",
        "bad-basis",
    ],
)
def test_a_bad_workbook_writes_nothing_and_says_where(repo: Path, edit, expected):
    wb = workbook(repo)
    fill_info(wb)
    put(wb.worksheets[0], 5, {"操作": "取消", "调整理由": "不再需要"})  # so the edit below is the only problem
    edit(wb)
    before = catalog_files(repo)
    run = generator(repo, "import", str(edited(repo, wb)))
    assert run.code == 1
    assert run.out.splitlines()[:-2] == expected
    assert run.out.endswith(f"导入未完成：{len(expected)} 个问题，没有写入任何文件。请在表格中按提示修改后重新导入。\n")
    assert catalog_files(repo) == before and git(repo, "status", "--porcelain") == ""


ENGLISH = re.compile(r"[A-Za-z]{3,}")
# the project's own words: file types, the command, option names, region and catalog folder names
ALLOWED = {
    "xlsx",
    "xls",
    "csv",
    "CSV",
    "UTF",
    "Excel",
    "WPS",
    "python",
    "generator",
    "import",
    "check",
    "effective",
    "region",
    "catalog",
    "yanbian",
    "yanji",
    "work",
    "affairs",
    "signboards",
    "certificates",
    "forbidden",
}


@pytest.mark.parametrize(
    "name, content",
    [
        ("不是表格.xlsx", b"hello, this is text"),
        ("半截.xlsx", None),  # a workbook cut off while downloading
        ("加密.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),  # password-protected: an OLE container
        ("空的.xlsx", b""),
        ("乱码.csv", bytes(range(128, 256)) * 4),
        ("引号.csv", b'\xef\xbb\xbf"\x00,'),
        ("表格.ods", b"PK"),
        ("不存在.xlsx", "missing"),
    ],
)
def test_no_message_is_in_english(repo: Path, name: str, content):
    path = repo.parent / name
    if content is None:
        raw = edition_xlsx(latest(repo))
        path.write_bytes(raw[: len(raw) // 2])
    elif content != "missing":
        path.write_bytes(content)
    run = generator(repo, "import", str(path))
    assert run.code == 1 and run.err == ""
    words = set(ENGLISH.findall(run.out.replace(name, ""))) - ALLOWED
    assert not words, run.out
    assert git(repo, "status", "--porcelain") == ""


# --- the pieces ----------------------------------------------------------------------------------------

REAL, _ = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)


@pytest.mark.parametrize("edition", REAL.all_editions(), ids=lambda e: e.key)
def test_every_field_of_every_real_item_reads_back_exactly(edition):
    cols = table.content_columns(table.columns(edition.catalog, county=edition.based_on is not None))
    for item in edition.items:
        for col in cols:
            value = getattr(item, col.key)
            back = table.parse_cell(col, table.cell_text(col, value))
            assert back == value or (back in (None, (), False) and value in (None, (), False)), (item.id, col.key)


@pytest.mark.parametrize(
    "path", sorted((REPO_ROOT / "catalogs").glob("*/*/*.yaml")), ids=lambda p: p.relative_to(REPO_ROOT).as_posix()
)
def test_the_yaml_writer_writes_what_the_strict_loader_reads_back(path: Path):
    doc, _ = load_file(path, "x")
    again, errors = load_file_text(dump_edition(doc.data, "# 注释\n"))
    assert errors == [] and again == doc.data


def load_file_text(text: str):
    from generator.catalog.load import load_bytes

    doc, errors = load_bytes(text.encode("utf-8"), "x")
    return (doc.data if doc else None), errors


def test_the_workbook_is_deterministic_and_text_stays_text():
    e = REAL.history("yanji", CatalogKind.CERTIFICATES)[-1]
    assert edition_xlsx(e) == edition_xlsx(e)
    wb = load_workbook(io.BytesIO(edition_xlsx(e)))
    assert wb.sheetnames == ["证明事项", "版本信息", "填写说明"]
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)


def test_the_command_is_documented():
    done = subprocess.run(
        [__import__("sys").executable, "-m", "generator", "import", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO_ROOT,
        env={**__import__("os").environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert done.returncode == 0 and "--doc-number" in done.stdout and "--effective" in done.stdout
    guide = (REPO_ROOT / "content/guide/submit.md").read_text(encoding="utf-8")
    assert "python -m generator import" in guide and "取消" in guide
