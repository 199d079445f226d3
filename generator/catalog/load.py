"""Strict YAML loading: bytes -> plain data plus the line of every value.

Catalog files come from pull requests and are untrusted. The loader:
- decodes strictly as UTF-8 and refuses files over `MAX_BYTES`;
- uses PyYAML's safe machinery through a subclass (the global loaders are never patched);
- refuses anchors, aliases, merge keys and explicit tags (`!!python/object`, `!foo`, even `!!str`);
- refuses duplicate keys and non-text keys (`no:` would silently become False);
- limits nesting depth and node count, so no input can exhaust memory or the stack;
- refuses what YAML would drop or join without a word: ` #` after an unquoted value (the rest of the
  line becomes a comment: `name: 居住证明 #2` reads 居住证明) and `[甲，乙]` (one entry: YAML separates
  a list only at the ASCII comma).

The result is plain Python data (dict, list, str, int, float, bool, None, datetime.date) and a
map from data path to 1-based line, so that every later error can name its line.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import charpolicy
from .errors import CatalogError, format_path
from .yamlerrors import prescan, translate

MAX_BYTES = 1_000_000
MAX_DEPTH = 24
MAX_NODES = 50_000

DataPath = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_SURROGATE = re.compile("[\ud800-\udfff]")
# Numbers as people write them; YAML 1.1 reads 010 as 8, 1:30 as 90, 0x10 as 16, 1_0 as 10.
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_SCALAR_TYPES = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


@dataclass(frozen=True)
class Document:
    """One loaded YAML file."""

    uri: str  # repository-relative path with `/` separators
    data: Any
    lines: dict[DataPath, int] = field(default_factory=dict)

    def line_of(self, parts: DataPath) -> int:
        """Line of the value at `parts`, or of its nearest ancestor that has one."""
        while parts not in self.lines and parts:
            parts = parts[:-1]
        return self.lines.get(parts, 1)


class _Rejected(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses the YAML features catalogs never need."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent, index):  # noqa: ANN001 (PyYAML signature)
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise _Rejected(
                line,
                f"不允许使用引用“*{event.anchor}”（期望直接写出内容，实际使用了 YAML 别名；请把被引用的内容复制到这里）",
            )
        if getattr(event, "anchor", None) is not None:
            raise _Rejected(line, f"不允许使用锚点“&{event.anchor}”（期望直接写出内容；请删除“&{event.anchor}”）")
        tag = getattr(event, "tag", None)
        if tag is not None:
            tag = tag.replace("tag:yaml.org,2002:", "!!", 1)
            raise _Rejected(
                line, f"不允许使用标签“{tag}”（期望普通的文字、数字或列表；请删除该标签，文字用引号括起来）"
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Rejected(line, f"内容过多（期望不超过 {MAX_NODES} 个值；请拆分或精简文件）")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Rejected(line, f"嵌套层次过深（期望不超过 {MAX_DEPTH} 层；请检查缩进）")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)  # only its pure scalar converters are used
yaml.constructor.SafeConstructor.__init__(_constructor)


def _scalar(node: yaml.ScalarNode) -> Any:
    line = node.start_mark.line + 1
    if node.tag == _STR:
        bad = charpolicy.problem(node.value)  # the fields' own kinds are checked later (spec.py)
        if bad:
            raise _Rejected(line, bad)
        return node.value
    if node.tag == _INT and not _PLAIN_INT.fullmatch(node.value.strip()):
        raise _Rejected(
            line,
            f"数字“{node.value}”的写法会被误读（YAML 会把它读成 {_unusual_number(node)}；"
            "请写成普通的十进制整数，如 8 或 10，不要以 0 开头，不用 0x、冒号或下划线；是文字的请加引号）",
        )
    if node.tag == _FLOAT and not _PLAIN_FLOAT.fullmatch(node.value.strip()):
        raise _Rejected(
            line,
            f"数字“{node.value}”的写法会被误读（YAML 会把它读成 {_unusual_number(node)}；请写成普通的数字，是文字的请加引号）",
        )
    if node.tag not in _SCALAR_TYPES:
        raise _Rejected(node.start_mark.line + 1, f"无法识别的值“{node.value}”（请用引号括起来作为文字）")
    try:
        # call the tag's converter directly: construct_object() would memoize every node forever
        return _constructor.yaml_constructors[node.tag](_constructor, node)
    except (ValueError, OverflowError, yaml.YAMLError):
        raise _Rejected(
            node.start_mark.line + 1, f"无法识别的值“{node.value}”（例如日期不存在；请用引号括起来并检查内容）"
        ) from None


def _unusual_number(node: yaml.ScalarNode) -> object:
    try:
        return _constructor.yaml_constructors[node.tag](_constructor, node)
    except (ValueError, OverflowError, yaml.YAMLError):
        return "别的数"


def _silent_slip(node: yaml.Node, text: str) -> tuple[int, str] | None:
    """(line, message) when YAML would quietly read something other than what was written."""
    if isinstance(node, yaml.SequenceNode) and node.flow_style and len(node.value) == 1:
        item = node.value[0]
        if isinstance(item, yaml.ScalarNode) and item.style is None and "，" in item.value:
            return (
                item.start_mark.line + 1,
                f"列表 [{item.value}] 里用了中文逗号“，”，YAML 只认英文逗号，读成了一项“{item.value}”"
                f"（期望分开的几项用英文逗号加空格，如 [{item.value.replace('，', ', ')}]；这一项本身含有逗号的，请加引号："
                f'["{item.value}"]）',
            )
    if isinstance(node, yaml.ScalarNode) and node.style is None and text:
        end = node.end_mark.index
        line_end = text.find("\n", end)
        rest = text[end : line_end if line_end >= 0 else len(text)].rstrip("\r")
        m = re.match(r"(\s+)#(.*)", rest)
        if m and (m[1] == " " or m[2][:1] not in ("", " ")):
            return (
                node.end_mark.line + 1,
                f"“{node.value}{rest.rstrip()}”中“#”以后的“{m[2].strip()}”被 YAML 当作注释丢掉了，"
                f'读到的只是“{node.value}”（期望：“#”是内容的一部分时请把整个值加引号，写成 "{node.value}{rest.rstrip()}"；'
                "是注释的，请在“#”前空两格、后空一格，如 “  # 注释”）",
            )
    return None


def _convert(
    node: yaml.Node, parts: DataPath, lines: dict[DataPath, int], problems: list[tuple[int, str, str]], text: str = ""
) -> Any:
    lines.setdefault(parts, node.start_mark.line + 1)
    slip = _silent_slip(node, text)
    if slip:
        problems.append((slip[0], format_path(parts), slip[1]))
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "（列表或映射）"
                problems.append(
                    (
                        line,
                        format_path(parts),
                        f"字段名“{shown}”无效（期望英文字段名，如 name；字段名不能是数字、yes/no、日期或合并键 <<）",
                    )
                )
                continue
            key = key_node.value
            if _SURROGATE.search(key):
                problems.append(
                    (
                        line,
                        format_path(parts),
                        f"字段名“{key.encode('utf-8', 'backslashreplace').decode()}”无效（期望英文字段名，如 name）",
                    )
                )
                continue
            if key in result:
                problems.append(
                    (
                        line,
                        format_path(parts + (key,)),
                        f"字段“{key}”重复（第 {first_line[key]} 行已出现；同一位置每个字段只能写一次，请删除或合并其中一个）",
                    )
                )
                continue
            first_line[key] = line
            lines[parts + (key,)] = line
            result[key] = _convert(value_node, parts + (key,), lines, problems, text)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, parts + (i,), lines, problems, text) for i, item in enumerate(node.value)]
    try:
        return _scalar(node)
    except _Rejected as exc:  # collected like the other value problems, with its field
        problems.append((exc.line, format_path(parts), exc.message))
        return None


def load_bytes(raw: bytes, uri: str, size: int | None = None) -> tuple[Document | None, list[CatalogError]]:
    """Parse one catalog file. Never raises for bad input: problems come back as errors.

    `size` is the file's real size when `raw` was read only up to the limit. The same bytes are parsed
    once per process (a rebuild under `mkdocs serve` re-reads only the file that changed); nothing
    downstream changes a Document, and the list of errors is a fresh copy each time.
    """
    document, errors = _load_bytes(raw, uri, size)
    return document, list(errors)


@functools.lru_cache(maxsize=8192)
def _load_bytes(raw: bytes, uri: str, size: int | None) -> tuple[Document | None, tuple[CatalogError, ...]]:
    document, errors = _parse(raw, uri, size)
    return document, tuple(errors)


def _parse(raw: bytes, uri: str, size: int | None) -> tuple[Document | None, list[CatalogError]]:

    def fail(line: int, message: str) -> tuple[None, list[CatalogError]]:
        return None, [CatalogError(uri, line, "", message)]

    if len(raw) > MAX_BYTES:
        actual = max(size or 0, len(raw))
        return fail(0, f"文件过大（期望不超过 {MAX_BYTES} 字节（1 MB），实际 {actual} 字节；请拆分或精简）")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        found = raw[exc.start : exc.start + 4].hex(" ").upper()
        return fail(
            line,
            f"文件不是 UTF-8 编码（期望 UTF-8，实际含有无法按 UTF-8 解读的字节 {found}，"
            "可能是 GBK 编码；请在编辑器中以 UTF-8 编码另存此文件）",
        )
    text = text.removeprefix("\ufeff")
    stray = charpolicy.stray_line_breaks(text)  # YAML would count them as lines: every later line number would be off
    if stray:
        return None, [CatalogError(uri, line, "", message) for line, message in stray]
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as exc:
        what = "控制字符" if exc.character < 0x100 else "字符"
        return fail(
            text[: exc.position].count("\n") + 1,
            f"文件含有不允许的{what}（U+{exc.character:04X}；请删除不可见字符后重新保存）",
        )
    try:
        root = loader.get_single_node()
    except _Rejected as exc:
        return fail(exc.line, exc.message)
    except yaml.YAMLError as exc:
        slips = prescan(text)  # the slips people make, at their own line, before PyYAML's guess
        if slips:
            return None, [CatalogError(uri, line, "", f"YAML 格式错误，{message}") for line, message in slips]
        return fail(*translate(exc))
    except RecursionError:
        return fail(0, f"嵌套层次过深（期望不超过 {MAX_DEPTH} 层；请检查缩进）")
    finally:
        loader.dispose()
    if root is None:
        return fail(0, "文件为空（期望一个以字段开头的 YAML 映射）")
    lines: dict[DataPath, int] = {}
    problems: list[tuple[int, str, str]] = []
    try:
        data = _convert(root, (), lines, problems, text)
    except _Rejected as exc:
        return fail(exc.line, exc.message)
    if problems:
        return None, [CatalogError(uri, line, fld, message) for line, fld, message in problems]
    return Document(uri=uri, data=data, lines=lines), []


def load_file(path: Path, uri: str) -> tuple[Document | None, list[CatalogError]]:
    """Read and parse one regular file; unreadable files become errors too.

    The file is opened without following a symbolic link and without waiting for a writer (a FIFO
    put where a file belongs), and read only if it is a regular file: validate.py checks this before,
    this is the same check where the file is really opened."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return None, [CatalogError(uri, 0, "", f"无法读取文件（{exc.strerror}；期望普通文件，不能是符号链接）")]
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None, [
                CatalogError(uri, 0, "", "不是普通文件（期望 YAML 文本文件，实际是管道、设备或文件夹；请换成文件本身）")
            ]
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(MAX_BYTES + 1)
            size = os.fstat(fd).st_size
    except OSError as exc:
        return None, [CatalogError(uri, 0, "", f"无法读取文件（{exc.strerror}）")]
    finally:
        os.close(fd)
    return load_bytes(raw, uri, size)
