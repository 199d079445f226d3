"""`python -m generator check|diff|new-edition|schema` — for county staff and CI.

Every failure is a message, never a traceback: exit 0 = fine, 1 = the catalogs have errors,
2 = the command itself was used wrongly (bad base revision, bad arguments).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ..catalog.errors import CatalogError
from .gitbase import GitError, check_frozen, materialize
from .draft import NewEditionError, start
from .summary import summarize
from ..catalog.validate import check_catalogs


def _repo(args: argparse.Namespace) -> Path:
    return Path(args.repo).resolve()


def _print_problems(problems: list[CatalogError]) -> int:
    errors = [p for p in problems if p.is_error]
    for p in problems:
        print(p)
    warnings = len(problems) - len(errors)
    if errors:
        print(f"\n检查未通过：{len(errors)} 个错误，{warnings} 个警告。请按提示修改后重新运行 python -m generator check。")
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
    print(f"已创建 {path.relative_to(repo).as_posix()}：请填写印发文件和备案信息，修改事项，并在 changes 中写明每一处变化。")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(_repo(args) / "schema"):
        print(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="延边州村级组织目录：检查、比较、起草新版本")
    parser.add_argument("--repo", default=".", help="仓库根目录（默认当前目录）")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="检查 catalogs/ 下的全部文件，一次列出全部错误")
    p.add_argument("--base", help="基准版本（如 origin/main）：同时检查已发布的版本文件没有被修改或删除")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("diff", help="生成与基准版本相比的变更摘要（Markdown）")
    p.add_argument("--base", required=True, help="基准版本，如 origin/main")
    p.set_defaults(func=cmd_diff)
    p = sub.add_parser("new-edition", help="从现行版本起草下一版")
    p.add_argument("region", help="地区文件夹名，如 yanji")
    p.add_argument("catalog", help="目录类别：work-affairs | signboards | certificates | forbidden-certificates")
    p.add_argument("date", help="生效日期，如 2025-01-01")
    p.set_defaults(func=cmd_new_edition)
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
