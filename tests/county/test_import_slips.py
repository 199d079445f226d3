"""The slips clerks make on the way to `import` (issue 21, item 6), each named as what it is, with
nothing written: files saved by a real spreadsheet program (LibreOffice: its .xlsx and its CSV with
commas, semicolons and tabs), an Excel-style GBK CSV ("?" for every Korean letter, as Excel writes it),
merged cells, changed 编号, a renamed 版本信息 sheet, a missing openpyxl, a row overwritten with a
different certificate, and misuse of the commands, all answered in Chinese."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT, copy_minimal
from test_cli import ENV, generator, git
from test_import import (
    ADDED,
    ALLOWED,
    ENGLISH,
    EXPECTED_CHANGES,
    NEW,
    NEW_EDITION,
    edited,
    fill_info,
    latest,
    put,
    repo,  # noqa: F401 - the fixture: a git repository of the minimal tree
    the_three_edits,
    workbook,
)

from generator.catalog.load import load_file
from generator.site.opendata import edition_csv

CERT2 = "catalogs/yanji/certificates/2024-06-30.yaml"
CSV_OPTIONS = (
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
FILTER = "Text - txt - csv (StarCalc)"  # LibreOffice's CSV export: separator, quote, character set (76 = UTF-8)
CSV_FLAVOURS = {"逗号": "44,34,76", "分号": "59,34,76", "制表符": "9,34,76"}


def soffice(tmp: Path, target: str, *inputs: Path) -> Path:
    """Convert `inputs` with LibreOffice (installed by `make setup`; never skipped)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice 未安装（make setup 会安装 Debian 软件包 libreoffice-calc-nogui）")
    out = tmp / target.replace(":", "_").replace(",", "_").replace(" ", "")
    done = subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, inputs),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> dict[str, Path]:
    """The three edits (and a merged cell), saved by LibreOffice as .xlsx and as CSV: four conversions in all."""
    tmp = tmp_path_factory.mktemp("libreoffice")
    source = copy_minimal(tmp / "repo")
    wb = workbook(source)
    the_three_edits(wb)
    wb.save(tmp / "三处修改.xlsx")
    wb = workbook(source)
    fill_info(wb)
    wb.worksheets[0].merge_cells("H3:H4")  # 出具主体 of rows 3 and 4: row 4 (YJ-ZM-101) reads empty
    wb.save(tmp / "合并单元格.xlsx")
    files = {}
    xlsx = soffice(tmp, "xlsx", tmp / "三处修改.xlsx", tmp / "合并单元格.xlsx")
    files["xlsx"], files["merged"] = xlsx / "三处修改.xlsx", xlsx / "合并单元格.xlsx"
    for name, options in CSV_FLAVOURS.items():
        files[name] = soffice(tmp, f"csv:{FILTER}:{options}", tmp / "三处修改.xlsx") / "三处修改.csv"
    return files


def imported_as_expected(repo: Path, run) -> None:  # noqa: ANN001
    assert run.code == 0, run.out
    doc, errors = load_file(repo / NEW, NEW)
    assert errors == [] and doc.data["changes"] == EXPECTED_CHANGES
    assert generator(repo, "check", "--base", "HEAD").code == 0


def refused(repo: Path, run, expected: list[str]) -> None:  # noqa: ANN001
    """Exactly these problems, and nothing written."""
    assert run.code == 1, run.out
    assert run.out.splitlines()[:-2] == expected
    assert run.out.endswith(f"导入未完成：{len(expected)} 个问题，没有写入任何文件。请在表格中按提示修改后重新导入。\n")
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""


# --- files a real spreadsheet program saved ------------------------------------------------------------


def test_libreoffice_xlsx_imports(repo: Path, office):
    imported_as_expected(repo, generator(repo, "import", str(office["xlsx"])))


@pytest.mark.parametrize("flavour", CSV_FLAVOURS)
def test_libreoffice_csv_with_commas_semicolons_or_tabs_imports(repo: Path, office, flavour: str):
    raw = office[flavour].read_bytes()
    separator = {"逗号": b",", "分号": b";", "制表符": b"\t"}[flavour]
    assert raw.split(b"\n")[0].count(separator) == 20  # 21 columns, really separated so
    imported_as_expected(repo, generator(repo, "import", str(office[flavour]), *CSV_OPTIONS))


def test_libreoffice_merged_cell_is_named_not_reported_as_an_empty_cell(repo: Path, office):
    refused(
        repo,
        generator(repo, "import", str(office["merged"])),
        [
            "证明事项 工作表 第3行至第4行「出具主体」：是合并单元格 H3:H4（合并后只有第3行「出具主体」这一格有内容，其余的格读出来是空白；"
            "期望每一格各自填写：请选中它，取消“合并后居中”，再把内容填到每一格）"
        ],
    )


GBK_MESSAGE = (
    "三处修改.csv：朝鲜文变成了问号“?”（{}）。这是文字编码的问题，不是修改：Excel 的“CSV（逗号分隔）”格式在中文 Windows 上是 GBK 编码，"
    "存不下朝鲜文，保存时每个朝鲜文字母都被换成了“?”（期望：在 Excel 中“另存为”，保存类型选“CSV UTF-8（逗号分隔）(*.csv)”，"
    "WPS 中选 CSV 并把编码选为 UTF-8；或者直接导入 .xlsx 工作簿。表格已经关闭的，这个文件里的朝鲜文已经丢失，"
    "请回到原来的 .xlsx 表格或从网站重新下载后再修改）"
)


def test_excel_gbk_csv_that_lost_its_hangul_is_one_encoding_message(repo: Path, office, tmp_path: Path):
    text = office["逗号"].read_bytes().decode("utf-8")
    assert re.search("[가-힣]", text)
    path = tmp_path / "三处修改.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode("gbk", errors="replace"))  # as Excel saves "CSV（逗号分隔）"
    refused(
        repo,
        generator(repo, "import", str(path), *CSV_OPTIONS),
        [GBK_MESSAGE.format("、".join(f"第{n}行「朝鲜文名称」" for n in (2, 3, 4, 5)))],
    )


def test_a_korean_column_of_only_question_marks_is_an_encoding_message_for_new_rows_too(repo: Path, tmp_path: Path):
    rows = list(csv.reader(io.StringIO(edition_csv(latest(repo)).decode("utf-8-sig"))))
    header = rows[0]
    rows.append([{**ADDED, "朝鲜文名称": "촌민소조장 임직정황증명"}.get(h, "") for h in header])
    rows[-1] = [str(v) for v in rows[-1]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "三处修改.csv"
    path.write_bytes(out.getvalue().encode("gbk", errors="replace"))
    refused(
        repo,
        generator(repo, "import", str(path), *CSV_OPTIONS),
        [GBK_MESSAGE.format("、".join(f"第{n}行「朝鲜文名称」" for n in (2, 3, 4, 5, 6)))],
    )


def test_a_gbk_csv_that_could_hold_everything_imports(repo: Path, office, tmp_path: Path):
    path = tmp_path / "gb18030.csv"
    path.write_bytes(office["逗号"].read_bytes().decode("utf-8").encode("gb18030"))  # no BOM, not UTF-8: read as GBK
    imported_as_expected(repo, generator(repo, "import", str(path), *CSV_OPTIONS))


def test_excel_unicode_text_utf16_with_tabs_imports(repo: Path, office, tmp_path: Path):
    path = tmp_path / "unicode.csv"
    path.write_bytes(office["制表符"].read_bytes().decode("utf-8").encode("utf-16"))  # Excel's "Unicode 文本", renamed
    imported_as_expected(repo, generator(repo, "import", str(path), *CSV_OPTIONS))


def test_columns_that_are_not_separated_are_one_message(repo: Path, office, tmp_path: Path):
    path = tmp_path / "竖线.csv"
    path.write_bytes(office["逗号"].read_bytes().decode("utf-8").replace(",", "|").encode("utf-8"))
    run = generator(repo, "import", str(path), *CSV_OPTIONS)
    assert run.code == 1 and len(run.out.splitlines()) == 3, run.out
    assert run.out.startswith(
        "竖线.csv 第1行：列没有分开（第一行只有一格，里面连着写了多个列名：“编号|数据性质|名称|采用州级事项|"
    )
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""


# --- slips in the workbook ---------------------------------------------------------------------------


def _renamed_info(wb) -> None:  # noqa: ANN001
    wb["版本信息"].title = "版本信息 (2)"


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            lambda wb: wb.worksheets[0].merge_cells(
                "E3:F3"
            ),  # an adopting row: a covered cell used to read as "不能清空"
            [
                "证明事项 工作表 第3行「其他叫法」至「朝鲜文名称」：是合并单元格 E3:F3（合并后只有第3行「其他叫法」这一格有内容，其余的格读出来是空白；"
                "期望每一格各自填写：请选中它，取消“合并后居中”，再把内容填到每一格）"
            ],
        ),
        (
            lambda wb: put(wb.worksheets[0], 4, {"编号": "YJ-ZM-110"}),
            [
                "证明事项 工作表 第4行「编号」：编号被改了（上一版“土地经营权流转备案情况证明”的编号是 YJ-ZM-101，这里写成了 YJ-ZM-110；"
                "期望已有事项的编号保持不变：请改回 YJ-ZM-101。如果是要换成另一个事项，请保留原来的行并在「操作」填“取消”，另起一行新增，编号留空）"
            ],
        ),
        (
            _renamed_info,
            [
                "表格.xlsx：找不到「版本信息」工作表，却有「版本信息 (2)」工作表（是不是改了名字？期望工作表名为“版本信息”："
                "新版本的生效日期、文号等从那里读取；请把它的名字改回“版本信息”）"
            ],
        ),
        (
            lambda wb: wb.remove(wb["版本信息"]),
            [
                "表格.xlsx：找不到「版本信息」工作表（期望有：新版本的生效日期、文号等写在那里；可能被删除了。请从网站重新下载表格，"
                "把“版本信息”工作表复制回来填写，或用参数 --effective、--doc-number、--doc-title、--doc-date 填写）"
            ],
        ),
        (
            lambda wb: put(wb.worksheets[0], 4, {"名称": "林木采伐情况证明", "调整理由": "改为林木采伐"}),
            [
                "证明事项 工作表 第4行「名称」：名称从“土地经营权流转备案情况证明”改成了“林木采伐情况证明”，这像是另一个事项，不是同一个事项改名"
                "（期望：确实只是改名的，请在「操作」填“更名”确认；要换成另一个事项的，请把这一行改回“土地经营权流转备案情况证明”，"
                "在「操作」填“取消”并写明理由，另起一行新增，编号留空）"
            ],
        ),
        (
            lambda wb: put(
                wb.worksheets[0], 4, {"名称": "土地经营权流转\n备案情况证明", "调整理由": "换行"}
            ),  # Alt+Enter
            [
                "证明事项 工作表 第4行「名称」：文字中第8个字符（“土地经营权流转”之后）是换行 U+000A LINE FEED（期望只有看得见的普通文字；"
                "这一项只能写一行；请删除换行，不要用 | 或 > 的多行写法）"
            ],
        ),
        (
            lambda wb: put(wb.worksheets[0], 4, {"其他叫法": "土地流转证明，流转备案证明", "调整理由": "加叫法"}),
            [
                "证明事项 工作表 第4行「其他叫法」：“土地流转证明，流转备案证明” 用中文逗号把几项连在了一行，会被当成一项"
                "（期望每项单独一行：在 Excel 和 WPS 中按 Alt+Enter 换行）"
            ],
        ),
        (
            lambda wb: put(wb.worksheets[0], 2, {"编号": "YJ-ZM-002"}),  # an adopting row, 名称 left to the prefecture
            [
                "证明事项 工作表 第2行「编号」：编号被改了（上一版“收养人婚姻状况和抚养教育能力证明”的编号是 YJ-ZM-001，这里写成了 YJ-ZM-002；"
                "期望已有事项的编号保持不变：请改回 YJ-ZM-001。如果是要换成另一个事项，请保留原来的行并在「操作」填“取消”，另起一行新增，编号留空）"
            ],
        ),
    ],
    ids=[
        "merged-cell",
        "changed-id",
        "renamed-info-sheet",
        "deleted-info-sheet",
        "renamed-into-another-certificate",
        "line-break-in-name",
        "chinese-comma-in-a-list-cell",
        "changed-id-of-an-adopting-row",
    ],
)
def test_a_slip_is_named_as_what_it_is(repo: Path, edit, expected):
    wb = workbook(repo)
    fill_info(wb)
    put(wb.worksheets[0], 5, {"操作": "取消", "调整理由": "不再需要"})  # so the edit below is the only problem
    edit(wb)
    refused(repo, generator(repo, "import", str(edited(repo, wb))), expected)


@pytest.mark.parametrize(
    "name, action, written",
    [
        ("林木采伐情况证明", "更名", "renamed"),  # declared: accepted
        ("土地经营权流转备案状况证明", "", "renamed"),  # the same certificate, reworded: no declaration needed
    ],
)
def test_a_rename_is_accepted_when_declared_or_the_same_certificate(repo: Path, name: str, action: str, written: str):
    wb = workbook(repo)
    fill_info(wb)
    put(wb.worksheets[0], 4, {"名称": name, "操作": action, "调整理由": "更名"})
    run = generator(repo, "import", str(edited(repo, wb)))
    assert run.code == 0, run.out
    doc, _ = load_file(repo / NEW, NEW)
    assert doc.data["changes"] == [{"item": "YJ-ZM-101", "action": written, "reason": "更名"}]
    assert doc.data["items"][2]["name"] == name


def test_a_missing_openpyxl_is_named(repo: Path):
    wb = workbook(repo)
    the_three_edits(wb)
    path = edited(repo, wb)
    code = (
        "import sys; sys.modules['openpyxl'] = None; from generator.county.cli import main; "
        f"sys.exit(main(['import', {str(path)!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, env=ENV, capture_output=True, text=True, encoding="utf-8"
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "无法导入表格：缺少读取表格所需的 Python 组件 openpyxl（期望已安装；请在仓库目录运行 make setup，"
        "或 .venv/bin/python -m pip install openpyxl），没有写入任何文件。\n"
    )
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""


# --- misuse of the commands --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, says",
    [
        ((), "python -m generator：错误：缺少命令（期望 check、diff、new-edition、import、schema 之一）"),
        (
            ("导入",),
            "python -m generator：错误：没有“导入”这个命令（期望 check、diff、new-edition、import、schema 之一）",
        ),
        (("import",), "python -m generator import：错误：缺少 表格文件（请按上面的用法写全）"),
        (
            ("import", "a.xlsx", "--effective"),
            "python -m generator import：错误：参数 --effective 后面缺少它的值（请在 --effective 后空一格写上值；值里有空格时请加引号）",
        ),
        (
            ("import", "a.xlsx", "--eff", "2030-01-01"),
            "python -m generator：错误：无法识别的参数：--eff 2030-01-01（请检查拼写；选项的名字要写全）",
        ),
        (
            ("new-edition", "yanji"),
            "python -m generator new-edition：错误：缺少 目录类别、生效日期（请按上面的用法写全）",
        ),
        (("diff",), "python -m generator diff：错误：缺少 --base（请按上面的用法写全）"),
        (("check", "--help=x"), "python -m generator check：错误：参数 -h/--help 不需要值（实际写了 'x'）"),
    ],
)
def test_misuse_is_answered_in_chinese(repo: Path, args: tuple[str, ...], says: str):
    run = generator(repo, *args)
    assert run.code == 2 and run.out == ""
    lines = run.err.splitlines()
    assert (
        lines[0].startswith("用法：python -m generator") and says in lines and lines[-1].endswith("--help 查看用法。")
    ), run.err
    assert (
        not set(ENGLISH.findall(run.err))
        - ALLOWED
        - {
            "help",
            "base",
            "edition",
            "new",
            "diff",
            "schema",
            "repo",
            "doc",
            "number",
            "title",
            "date",
            "url",
            "kind",
            "status",
            "filing",
            "issuer",
            "eff",
        }
    )


@pytest.mark.parametrize("args", [("--help",), ("import", "--help"), ("check", "-h"), ("new-edition", "--help")])
def test_help_is_in_chinese(args: tuple[str, ...]):
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=REPO_ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0 and done.stdout.startswith("用法：python -m generator")
    assert "选项：" in done.stdout and "显示这段说明并退出" in done.stdout
    assert not re.search(r"usage|options|positional|show this help", done.stdout)


# --- the YAML route: what YAML would drop or join is refused by check (tests/catalog/test_yaml_slips.py) ---


def test_check_names_a_value_cut_by_a_comment_with_file_and_line(repo: Path):
    path = repo / CERT2
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    name: 林下经济经营情况证明\n", "    name: 林下经济经营情况证明 #2\n"
        ),
        encoding="utf-8",
    )
    line = path.read_text(encoding="utf-8").splitlines().index("    name: 林下经济经营情况证明 #2") + 1
    run = generator(repo, "check")
    assert run.code == 1
    assert f"{CERT2}:{line}: items第4项.name: “林下经济经营情况证明 #2”中“#”以后的“2”被 YAML 当作注释丢掉了" in run.out


@pytest.mark.parametrize(
    "args, says",
    [
        (
            ("new-edition", "yanji", "certificates", "2030-13-01"),
            "错误：日期无效（期望如 2025-01-01，实际为“2030-13-01”）",
        ),
        (("new-edition", "延吉", "certificates", "2030-01-01"), "错误：找不到地区“延吉”（期望 yanbian, yanji 之一）"),
        (
            ("new-edition", "yanji", "证明事项", "2030-01-01"),
            "错误：找不到目录类别“证明事项”（期望 work-affairs | signboards | certificates | forbidden-certificates 之一）",
        ),
    ],
)
def test_values_of_the_wrong_kind_are_answered_in_chinese(repo: Path, args: tuple[str, ...], says: str):
    run = generator(repo, *args)
    assert (run.code, run.out, run.err) == (2, "", says + "\n")
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""


def test_a_one_step_list_with_a_chinese_comma_is_written_so_that_it_reads_back():
    """The loader refuses `[甲，乙]` (two entries meant, one read); what import writes never looks like that."""
    from generator.catalog.load import load_bytes
    from generator.county.yamlout import dump_edition

    text = dump_edition({"items": [{"id": "YJ-ZM-101", "procedure": ["申请人提出申请，村民委员会核实"]}]})
    assert "[申请人提出申请，村民委员会核实]" not in text
    doc, problems = load_bytes(text.encode("utf-8"), "catalogs/yanji/certificates/2030-01-01.yaml")
    assert problems == [] and doc.data["items"][0]["procedure"] == ["申请人提出申请，村民委员会核实"]
