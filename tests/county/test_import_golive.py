"""The workbook route to going live (issue 21): 版本信息 takes 数据性质 = 正式 and the real notice, and
`import` writes the same first official edition as the YAML route (tests/fixtures/catalogs/golive/,
an invented 文号 - a test fixture, never real content)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, copy_minimal
from test_cli import generator, git
from test_import import edited, fill_info, put, workbook

from generator.catalog.model import CatalogKind, Status
from generator.catalog.validate import check_catalogs

OFFICIAL = "catalogs/yanji/certificates/2023-10-15.yaml"
GOING_LIVE = {
    "生效日期": "2023-10-15",
    "数据性质": "正式",
    "文号": "测虚办发〔2023〕99号",
    "文件标题": "关于公布延吉市村级组织证明事项保留清单的通知（测试）",
    "印发机关": "测试用虚构机关",
    "印发日期": "2023-10-12",
    "公开网址": "https://example.invalid/yanji/2023-10-12.html",
    "备案日期": "2023-10-20",
}
FORESTRY = {
    "编号": "YJ-ZM-201",
    "名称": "林木采伐情况证明",
    "其他叫法": "采伐证明",
    "朝鲜文名称": "림목채벌정황증명",
    "分类": "林业类",
    "出具主体": "村民委员会",
    "要求出具的单位": "延吉市林业局",
    "办理用途": "申请林木采伐许可时说明采伐地块和权属",
    "办理流程": "申请人提出申请\n村民委员会核实地块和权属\n主任签字并加盖公章后出具",
    "办结时限": 3,
    "证明式样": "林木采伐情况证明（统一式样）",
    "设定依据": "中华人民共和国森林法｜第五十六条｜2019年修订",
}


def _repo(tmp_path: Path, name: str) -> Path:
    root = copy_minimal(tmp_path / name)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "minimal")
    return root


def _going_live_workbook(repo: Path):
    wb = workbook(repo)  # the example edition's workbook, as downloaded
    ws = wb.worksheets[0]
    assert [ws.cell(r, 1).value for r in range(2, 6)] == ["YJ-ZM-001", "YJ-ZM-003", "YJ-ZM-101", "YJ-ZM-102"]
    put(ws, 2, {"操作": "取消"})  # not on the official list
    put(ws, 3, {"操作": "取消"})
    put(ws, 4, {"办结时限": 5})  # as the official notice has it
    put(ws, 5, {"操作": "取消"})
    put(ws, 6, FORESTRY)
    fill_info(wb, GOING_LIVE)
    return wb


def test_the_workbook_route_writes_the_same_official_edition_as_the_yaml_route(tmp_path: Path):
    by_table = _repo(tmp_path, "table")
    run = generator(by_table, "import", str(edited(by_table, _going_live_workbook(by_table))))
    assert run.code == 0, run.out
    assert run.out.startswith(f"已创建 {OFFICIAL}：第一个正式版本，共 2 项；合并后，这一类目录的示例版本自动停用")
    assert (run := generator(by_table, "check", "--base", "HEAD")).code == 0, run.out
    by_yaml = _repo(tmp_path, "yaml")
    shutil.copytree(FIXTURES / "golive" / "county" / "catalogs", by_yaml / "catalogs", dirs_exist_ok=True)
    table_catalogs, errors = check_catalogs(by_table / "catalogs", by_table)
    assert errors == []
    yaml_catalogs, _ = check_catalogs(by_yaml / "catalogs", by_yaml)
    made = table_catalogs.history("yanji", CatalogKind.CERTIFICATES)
    assert made == yaml_catalogs.history("yanji", CatalogKind.CERTIFICATES)  # the same edition, field for field
    assert made[0].status is Status.OFFICIAL and made[0].changes == ()
    assert [e.effective.isoformat() for e in table_catalogs.retired[("yanji", CatalogKind.CERTIFICATES)]] == [
        "2023-10-27",
        "2024-06-30",
    ]


def test_a_row_adopting_an_example_item_is_refused_with_both_ways_out(tmp_path: Path):
    repo = _repo(tmp_path, "repo")
    wb = _going_live_workbook(repo)
    put(wb.worksheets[0], 2, {"操作": None})  # keep YJ-ZM-001, which adopts the prefecture's example YB-ZM-001
    before = sorted(p.relative_to(repo).as_posix() for p in (repo / "catalogs").rglob("*"))
    run = generator(repo, "import", str(edited(repo, wb)))
    assert run.code == 1
    problem = next(line for line in run.out.splitlines() if "正式目录不能采用示例事项" in line)
    assert problem.startswith(
        "证明事项 工作表 第2行「采用州级事项」：正式目录不能采用示例事项：YB-ZM-001“收养人婚姻状况和抚养教育能力证明”"
    )
    assert "清空这一格" in problem and "等州级正式指导目录发布后再采用" in problem
    assert sorted(p.relative_to(repo).as_posix() for p in (repo / "catalogs").rglob("*")) == before  # nothing written


def test_an_unknown_data_status_is_named(tmp_path: Path):
    repo = _repo(tmp_path, "repo")
    wb = _going_live_workbook(repo)
    fill_info(wb, {"数据性质": "真的"})
    run = generator(repo, "import", str(edited(repo, wb)))
    assert run.code == 1 and "「新版本（导入时填写）」：应为“正式”或“示例”，实际为“真的”" in run.out
