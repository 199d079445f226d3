"""argparse that answers in Chinese: usage, help headings and every misuse message.

argparse writes its own words in English ("usage:", "error: the following arguments are required").
County staff run these commands; `ChineseParser` gives the same answers in Chinese, with exit code 2 as
before. The global `argparse`/gettext state is left alone: the messages are translated where they are
raised (`error`), and the headings are set on each parser.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

PREFIX = "参数 "


class ChineseFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001 (argparse signature)
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are in Chinese; its subparsers are the same class."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 (argparse signature)
        kwargs.setdefault("formatter_class", ChineseFormatter)
        kwargs.setdefault("allow_abbrev", False)  # `--doc` must not quietly mean --doc-number
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示这段说明并退出")

    def format_help(self) -> str:
        return re.sub(r"^(参数|选项):$", r"\1：", super().format_help(), flags=re.M)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{translate(message, self)}\n请运行 {self.prog} --help 查看用法。\n")


def _choices(parser: argparse.ArgumentParser) -> str:
    for action in parser._actions:  # noqa: SLF001 - argparse keeps its actions here
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return "、".join(action.choices)
    return ""


def _names(text: str) -> str:
    return "、".join(n.strip() for n in text.split(","))


def translate(message: str, parser: argparse.ArgumentParser) -> str:
    """argparse's English message -> Chinese (anything unforeseen is kept, after a Chinese lead)."""
    argument = ""
    m = re.fullmatch(r"argument (\S+?): (.*)", message, re.S)
    if m:
        argument, message = m[1], m[2]
    m = re.fullmatch(r"invalid choice: '?(.*?)'? \(choose from .*\)", message, re.S)
    if m:
        return (
            f"没有“{m[1]}”这个命令（期望 {_choices(parser)} 之一）"
            if argument in {"命令", "command"}
            else f"{PREFIX}{argument} 的值“{m[1]}”无效"
        )
    rules = [
        (
            r"the following arguments are required: (.*)",
            lambda m: (
                f"缺少 {_names(m[1])}（请按上面的用法写全）"
                if "命令" not in m[1]
                else f"缺少命令（期望 {_choices(parser)} 之一）"
            ),
        ),
        (r"unrecognized arguments: (.*)", lambda m: f"无法识别的参数：{m[1]}（请检查拼写；选项的名字要写全）"),
        (
            r"expected one argument",
            lambda m: f"{PREFIX}{argument} 后面缺少它的值（请在 {argument} 后空一格写上值；值里有空格时请加引号）",
        ),
        (r"expected at most one argument", lambda m: f"{PREFIX}{argument} 只能有一个值"),
        (r"ignored explicit argument (.*)", lambda m: f"{PREFIX}{argument} 不需要值（实际写了 {m[1]}）"),
        (r"ambiguous option: (\S+) could match (.*)", lambda m: f"选项 {m[1]} 不完整，可能是 {_names(m[2])}（请写全）"),
        (r"invalid (\S+) value: (.*)", lambda m: f"{PREFIX}{argument} 的值 {m[2]} 无效"),
        (r"not allowed with argument (.*)", lambda m: f"{PREFIX}{argument} 不能与 {m[1]} 同时使用"),
    ]
    for pattern, say in rules:
        m = re.fullmatch(pattern, message, re.S)
        if m:
            return say(m)
    return f"{PREFIX}{argument}：{message}" if argument else f"命令用法有误（{message}）"
