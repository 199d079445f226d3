"""YAML syntax problems in words county staff understand: Chinese, the exact line, and the fix.

PyYAML reports in English and often one line late (a full-width colon is noticed on the next
line). So the text is first scanned line by line for the slips people really make - tabs, a
full-width colon after a field name, no space after the colon, Chinese quotes around a value, an
unclosed quote; only if none is found is PyYAML's own problem translated. No English phrase from
the parser ever reaches a message.
"""

from __future__ import annotations

import re

import yaml

KEY = r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[A-Za-z_][A-Za-z0-9_]*)"
FULLWIDTH_COLON = re.compile(KEY + r"\s*：")
NO_SPACE = re.compile(KEY + r":(?=[^\s:/])")
CHINESE_QUOTES = re.compile(KEY + r":\s+[“”](?P<value>.*)[“”]\s*(#.*)?$")
OPEN_QUOTE = re.compile(KEY + r":\s+(?P<q>[\"'])(?P<rest>.*)$")


def _unclosed(quote: str, rest: str) -> bool:
    if quote == "'":
        return rest.replace("''", "").count("'") == 0
    return re.sub(r"\\.", "", rest).count('"') == 0


def prescan(text: str) -> list[tuple[int, str]]:
    """(line, message) for each recognisable slip, in line order."""
    found: list[tuple[int, str]] = []
    in_block = None  # indentation of a block scalar (| or >) being skipped
    for n, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" \t"))
        if in_block is not None:
            if not stripped or indent > in_block:
                continue
            in_block = None
        if not stripped or stripped.startswith("#"):
            continue
        if "\t" in line[:indent] or (line.lstrip(" ").startswith("\t")):
            found.append((n, "这一行用了制表符（Tab）缩进（YAML 只能用空格缩进；请把 Tab 换成空格，同一层对齐）"))
            continue
        m = FULLWIDTH_COLON.match(line)
        if m:
            found.append(
                (
                    n,
                    f"字段名“{m['key']}”后面用了中文冒号“：”（期望英文冒号加空格，如“{m['key']}: 内容”；请把“：”改为“: ”）",
                )
            )
            continue
        m = NO_SPACE.match(line)
        if m and not re.match(KEY + r":\d\d", line):
            found.append((n, f"字段名“{m['key']}”的冒号后面缺少空格（期望“{m['key']}: 内容”，冒号后要有一个空格）"))
            continue
        m = CHINESE_QUOTES.match(line)
        if m:
            found.append(
                (
                    n,
                    f'“{m["key"]}”的值两边用了中文引号“”（期望英文双引号 "…"，或者不加引号；中文引号会被当作内容的一部分）',
                )
            )
            continue
        m = OPEN_QUOTE.match(line)
        if m and _unclosed(m["q"], m["rest"]):
            found.append(
                (
                    n,
                    f"“{m['key']}”的值以 {m['q']} 开头，但这一行没有对应的结尾 {m['q']}（引号要成对；请在内容末尾补上 {m['q']}）",
                )
            )
            continue
        if re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", line):
            in_block = indent
    return found


_PROBLEMS = (  # PyYAML's phrase -> what it means here
    ("found character '\\t'", "这一行用了制表符（Tab）（YAML 只能用空格缩进；请把 Tab 换成空格）"),
    (
        "mapping values are not allowed",
        "这里不能再写“字段: 值”（通常是缩进不对，与上一行没有对齐；或者内容里有“: ”，这时请给内容加英文双引号）",
    ),
    ("expected <block end>", "缩进不对（这一行与同一层的其他字段没有左对齐；列表项“- ”下面的字段要比“-”多缩进两格）"),
    ("did not find expected key", "缩进不对或少了“- ”（同一层的字段要左对齐；列表的每一项以“- ”开头）"),
    (
        "could not find expected ':'",
        "缺少英文冒号“:”（字段名后面应是英文冒号加空格，如“name: 内容”；中文冒号“：”不行）",
    ),
    ("found unexpected end of stream", "文件在引号或括号中意外结束（请检查引号和方括号是否成对）"),
    ("found unknown escape character", "双引号中的反斜杠“\\”写法不对（如需反斜杠请写两个“\\\\”，或改用单引号）"),
    ("expected ',' or ']'", "方括号列表没有正确结束（列表项之间用英文逗号“,”分隔，最后以“]”结束）"),
    ("expected ',' or '}'", "花括号没有正确结束（字段之间用英文逗号“,”分隔，最后以“}”结束）"),
    ("found unexpected ':'", "冒号位置不对（内容里有冒号时请给内容加英文双引号）"),
    ("did not find expected node content", "缺少内容（冒号或“- ”后面应写内容）"),
    ("did not find expected '-' indicator", "列表格式不对（列表的每一项以“- ”开头，并左对齐）"),
    ("found a tab character", "这一行用了制表符（Tab）（YAML 只能用空格；请把 Tab 换成空格）"),
    ("expected a single document", "一个文件只能写一个文档（请删除单独一行的“---”及其后面多出的内容）"),
    ("while scanning a quoted scalar", "引号没有闭合（以引号开头的内容要以同样的引号结束）"),
    ("while scanning a simple key", "缺少英文冒号“:”或缩进不对"),
)


def translate(exc: yaml.YAMLError) -> tuple[int, str]:
    """(line, Chinese message) for a PyYAML error no pre-scan explained."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 0
    column = f"第 {mark.column + 1} 列：" if mark is not None else ""
    said = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''} {exc}"
    meaning = next(
        (zh for en, zh in _PROBLEMS if en in said), "无法解读这一行（请检查缩进、冒号后的空格、引号和括号是否成对）"
    )
    return line, f"YAML 格式错误，{column}{meaning}"
