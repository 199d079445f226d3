"""`python -m generator check|diff|new-edition|import|schema` — for county staff and CI.

Every failure is a message, never a traceback: exit 0 = fine, 1 = the catalogs have errors,
2 = the command itself was used wrongly (bad base revision, bad arguments).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ..catalog.errors import CatalogError, inert
from ..catalog.validate import check_catalogs
from .cliparser import ChineseParser
from .draft import NewEditionError, start
from .gitbase import GitError, check_frozen, materialize
from .summary import summarize


def _repo(args: argparse.Namespace) -> Path:
    return Path(args.repo).resolve()


def _print_problems(problems: list[CatalogError]) -> int:
    errors = [p for p in problems if p.is_error]
    for p in problems:
        print(p)
    warnings = len(problems) - len(errors)
    if errors:
        print(
            f"\n检查未通过：{len(errors)} 个错误，{warnings} 个警告。请按提示修改后重新运行 python -m generator check。"
        )
        return 1
    print(f"检查通过：{warnings} 个警告。")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    repo = _repo(args)
    _, problems = check_catalogs(repo / "catalogs", repo)
    if args.base is not None:
        problems = sorted(problems + check_frozen(repo, args.base), key=lambda e: (e.path, e.line, e.message))
    return _print_problems(problems)


def cmd_diff(args: argparse.Namespace) -> int:
    repo = _repo(args)
    head, problems = check_catalogs(repo / "catalogs", repo)
    problems = problems + check_frozen(repo, args.base)
    with tempfile.TemporaryDirectory() as tmp:
        base, _ = check_catalogs(materialize(repo, args.base, Path(tmp)), Path(tmp))
    sys.stdout.write(summarize(base, head, sorted(problems, key=lambda e: (e.path, e.line, e.message))))
    return 1 if any(p.is_error for p in problems) else 0


def cmd_new_edition(args: argparse.Namespace) -> int:
    repo = _repo(args)
    catalogs, problems = check_catalogs(repo / "catalogs", repo)
    if any(p.is_error for p in problems):
        print("当前目录数据有错误，请先修正（python -m generator check），再起草新版本。", file=sys.stderr)
        return _print_problems(problems)
    path = start(catalogs, repo / "catalogs", args.region, args.catalog, args.date)
    print(
        f"已创建 {path.relative_to(repo).as_posix()}：请填写印发文件和备案信息，修改事项，并在 changes 中写明每一处变化。"
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    try:
        from .importer import ImportFailed, import_book, numbered_text
        from .importlive import first_official
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] != "openpyxl":
            raise
        print(
            "无法导入表格：缺少读取表格所需的 Python 组件 openpyxl（期望已安装；请在仓库目录运行 make setup，"
            "或 .venv/bin/python -m pip install openpyxl），没有写入任何文件。",
            file=sys.stderr,
        )
        return 2

    options = {key: getattr(args, key) for key in IMPORT_OPTIONS}
    try:
        done = import_book(_repo(args), Path(args.workbook), options, first_official)
    except ImportFailed as exc:
        for problem in exc.problems:
            print(inert(str(problem)))
        print(f"\n导入未完成：{len(exc.problems)} 个问题，没有写入任何文件。请在表格中按提示修改后重新导入。")
        return 1
    for warning in done.warnings:
        print(inert(f"警告：{warning}"))
    if done.went_live:
        print(
            f"已创建 {done.target.relative_to(_repo(args)).as_posix()}：第一个正式版本，共 {done.went_live} 项；"
            "合并后，这一类目录的示例版本自动停用（网址保留，说明已被正式目录取代）。"
        )
        print("请运行 python -m generator check 确认，然后提交。")
        return 0
    counts = {}
    for change in done.changes:
        counts[change["action"]] = counts.get(change["action"], 0) + 1
    summary = "、".join(f"{label} {counts[a]} 项" for a, label in CHANGE_WORDS.items() if a in counts)
    print(f"已创建 {done.target.relative_to(_repo(args)).as_posix()}：{summary}。")
    if done.numbered:
        print(f"新增事项的编号：{numbered_text(done.numbered)}。")
    print("请运行 python -m generator check 确认，然后提交。")
    return 0


CHANGE_WORDS = {"added": "新增", "removed": "取消", "modified": "修改", "renamed": "更名"}
IMPORT_OPTIONS = {  # key (as in catalog/table.py INFO_ROWS) -> help
    "region": "地区文件夹名，如 yanji（默认按表格中的“版本信息”或事项编号）",
    "catalog": "目录类别，如 certificates（默认按表格判断）",
    "effective": "新版本的生效日期，如 2025-01-01",
    "kind": "版本类型：调整（默认）| 勘误",
    "title": "新版本标题（默认把上一版标题中的年份改为生效年份）",
    "status": "数据性质：正式 | 示例（第一次发布正式目录时写“正式”，示例版本随之停用）",
    "number": "印发文件的文号",
    "doc_title": "印发文件的标题",
    "issuer": "印发机关（默认与上一版相同）",
    "date": "印发日期，如 2024-12-20",
    "url": "印发文件的网址（可选）",
    "filing_to": "备案机关（默认 州民政局、州委组织部、州委农办）",
    "filing_date": "备案日期（尚未备案的不写）",
}
OPTION_NAMES = {
    "number": "doc-number",
    "doc_title": "doc-title",
    "issuer": "doc-issuer",
    "date": "doc-date",
    "url": "doc-url",
    "filing_to": "filing-to",
    "filing_date": "filing-date",
}


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(_repo(args) / "schema"):
        print(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = ChineseParser(prog="python -m generator", description="延边州村级组织目录：检查、比较、起草新版本")
    parser.add_argument("--repo", default=".", metavar="目录", help="仓库根目录（默认当前目录）")
    sub = parser.add_subparsers(dest="command", metavar="命令", required=True)
    p = sub.add_parser("check", help="检查 catalogs/ 下的全部文件，一次列出全部错误")
    p.add_argument(
        "--base", metavar="基准版本", help="基准版本（如 origin/main）：同时检查已发布的版本文件没有被修改或删除"
    )
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("diff", help="生成与基准版本相比的变更摘要（Markdown）")
    p.add_argument("--base", required=True, metavar="基准版本", help="基准版本，如 origin/main")
    p.set_defaults(func=cmd_diff)
    p = sub.add_parser("new-edition", help="从现行版本起草下一版")
    p.add_argument("region", metavar="地区", help="地区文件夹名，如 yanji")
    p.add_argument(
        "catalog",
        metavar="目录类别",
        help="目录类别：work-affairs | signboards | certificates | forbidden-certificates",
    )
    p.add_argument("date", metavar="生效日期", help="生效日期，如 2025-01-01")
    p.set_defaults(func=cmd_new_edition)
    p = sub.add_parser("import", help="从填好的表格（.xlsx 或 .csv）生成下一版的 YAML 文件")
    p.add_argument("workbook", metavar="表格文件", help="表格文件：从网站下载并修改过的 .xlsx，或 .csv")
    for key, text in IMPORT_OPTIONS.items():
        p.add_argument(f"--{OPTION_NAMES.get(key, key)}", dest=key, metavar="值", help=text)
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("schema", help="重新生成 schema/ 下的 JSON Schema 文件")
    p.set_defaults(func=cmd_schema)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (GitError, NewEditionError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
