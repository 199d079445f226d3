"""generator/catalog/load.py: strict YAML in, plain data plus lines out, and never an exception for bad input."""

from __future__ import annotations

import datetime
import itertools
import re
from pathlib import Path

import pytest
import yaml
from conftest import INVALID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from steps import counted

from generator.catalog import load
from generator.catalog.errors import CatalogError
from generator.catalog.load import MAX_BYTES, MAX_DEPTH, MAX_NODES, Document, load_bytes, load_file

URI = "catalogs/yanji/certificates/2024-06-30.yaml"


def ok(text: str | bytes) -> Document:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    doc, errors = load_bytes(raw, URI)
    assert errors == [] and doc is not None, [str(e) for e in errors]
    return doc


def fails(text: str | bytes) -> list[str]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    doc, errors = load_bytes(raw, URI)
    assert doc is None and errors, doc
    return [str(e) for e in errors]


# --- what loads, and where it came from -------------------------------------------------------


def test_data_and_lines():
    doc = ok("""# 注释
catalog: certificates
title: 延吉市村级组织证明事项保留清单
items:
  - id: YJ-ZM-001
    name_ko: 입양인 증명
    deadline: 5
  - {id: YJ-ZM-002, adopts: YB-ZM-002}
""")
    assert doc.uri == URI
    assert doc.data == {
        "catalog": "certificates",
        "title": "延吉市村级组织证明事项保留清单",
        "items": [
            {"id": "YJ-ZM-001", "name_ko": "입양인 증명", "deadline": 5},
            {"id": "YJ-ZM-002", "adopts": "YB-ZM-002"},
        ],
    }
    assert doc.line_of(("catalog",)) == 2
    assert doc.line_of(("items",)) == 4
    assert doc.line_of(("items", 0)) == 5
    assert doc.line_of(("items", 0, "name_ko")) == 6
    assert doc.line_of(("items", 1, "adopts")) == 8
    # a field that is not there: the line of its nearest ancestor
    assert doc.line_of(("items", 0, "basis")) == 5
    assert doc.line_of(("items", 1, "basis", 0, "law")) == 8
    assert doc.line_of(("nothing",)) == 2  # the root mapping starts at its first key


def test_yaml_1_1_surprises_come_back_typed_for_the_validator_to_reject():
    doc = ok("a: no\nb: 3.10\nc: 2024-06-01\nd: '2024-06-01'\ne: ~\nf: 31\n")
    assert doc.data == {"a": False, "b": 3.1, "c": datetime.date(2024, 6, 1), "d": "2024-06-01", "e": None, "f": 31}


@pytest.mark.parametrize(
    "text, read_as", [("f: 0x1F\n", "31"), ("f: 010\n", "8"), ("f: 1:30\n", "90"), ("f: 1_000\n", "1000")]
)
def test_numbers_yaml_1_1_would_misread_are_refused_with_their_line(text, read_as):
    doc, errors = load_bytes(("a: 1\n" + text).encode(), URI)
    assert doc is None and [str(e) for e in errors] == [
        f"{URI}:2: f: 数字“{text[3:-1]}”的写法会被误读（YAML 会把它读成 {read_as}；请写成普通的十进制整数，如 8 或 10，"
        "不要以 0 开头，不用 0x、冒号或下划线；是文字的请加引号）"
    ]


def test_byte_order_mark_is_accepted():
    assert ok("\ufeffname: 延吉市\n".encode("utf-8")).data == {"name": "延吉市"}


def test_windows_line_endings_keep_lines():
    doc = ok(b"a: 1\r\nb: \xec\x97\xb0\xea\xb8\xb8\r\n")
    assert doc.data == {"a": 1, "b": "연길"} and doc.line_of(("b",)) == 2


# --- what is refused ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("a: &x 1\nb: 2\n", f"{URI}:1: 不允许使用锚点“&x”"),
        ("a: 1\nb: *x\n", f"{URI}:2: 不允许使用引用“*x”"),
        ("base: {a: 1}\nmerged:\n  <<: {b: 2}\n", f"{URI}:3: merged: 字段名“<<”无效"),
        ("a: !!str 1\n", f"{URI}:1: 不允许使用标签“!!str”"),
        ("a: !延吉 x\n", f"{URI}:1: YAML 格式错误"),
        ("a: !foo x\n", f"{URI}:1: 不允许使用标签“!foo”"),
        ('a: !!python/object/apply:os.system ["true"]\n', f"{URI}:1: 不允许使用标签“!!python/object/apply:os.system”"),
        ("a: !!python/name:os.system\n", f"{URI}:1: 不允许使用标签“!!python/name:os.system”"),
        ("name: 延吉市\nname_ko: 연길시\nname: 龙井市\n", f"{URI}:3: name: 字段“name”重复（第 1 行已出现"),
        ("items:\n  - id: A\n    id: B\n", f"{URI}:3: items第1项.id: 字段“id”重复（第 2 行已出现"),
        ("no: 1\n", f"{URI}:1: 字段名“no”无效"),
        ("2024-01-01: x\n", f"{URI}:1: 字段名“2024-01-01”无效"),
        ("12: x\n", f"{URI}:1: 字段名“12”无效"),
        ("? [a, b]\n: 1\n", f"{URI}:1: 字段名“（列表或映射）”无效"),
        ("date: 2024-02-30\n", f"{URI}:1: date: 无法识别的值“2024-02-30”"),
        ("a: =\n", f"{URI}:1: a: 无法识别的值“=”"),
        ('a: "\\ud800"\n', f"{URI}:1: a: 文字中第1个字符是无效的字符（代理码位） U+D800"),
        ("", f"{URI}: 文件为空"),
        ("# 只有注释\n", f"{URI}: 文件为空"),
        ("a: 1\n---\nb: 2\n", f"{URI}:2: YAML 格式错误，第 1 列：一个文件只能写一个文档"),
        ("a: [1, 2\nb: 3\n", f"{URI}:"),
        ("a:\n\t- 1\n", f"{URI}:2: YAML 格式错误"),
        ("a: 1\x07\n", f"{URI}:1: 文件含有不允许的控制字符（U+0007"),
    ],
)
def test_refused(text: str, expected: str):
    errors = fails(text)
    assert errors[0].startswith(expected), errors


def test_all_problems_of_one_file_are_collected():
    errors = fails("a: 1\na: 2\nb: 2024-13-01\nno: 3\n")
    assert errors == [
        f"{URI}:2: a: 字段“a”重复（第 1 行已出现；同一位置每个字段只能写一次，请删除或合并其中一个）",
        f"{URI}:3: b: 无法识别的值“2024-13-01”（例如日期不存在；请用引号括起来并检查内容）",
        f"{URI}:4: 字段名“no”无效（期望英文字段名，如 name；字段名不能是数字、yes/no、日期或合并键 <<）",
    ]


def test_not_utf8_names_line_and_bytes():
    raw = "title: 延吉市\nname: 出生证明\n".encode("gbk")
    (error,) = fails(raw)
    assert error.startswith(f"{URI}:1: 文件不是 UTF-8 编码（期望 UTF-8，实际含有无法按 UTF-8 解读的字节 D1 D3")
    (error,) = fails(b"title: ok\nname: " + "出生证明".encode("gbk") + b"\n")
    assert error.startswith(f"{URI}:2: 文件不是 UTF-8 编码")


def test_oversized_bytes_and_file_report_the_real_size(tmp_path: Path):
    (error,) = fails(b"#" * (MAX_BYTES + 1))
    assert error == f"{URI}: 文件过大（期望不超过 {MAX_BYTES} 字节（1 MB），实际 {MAX_BYTES + 1} 字节；请拆分或精简）"
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 1\n" + b"#" * 2_000_000)
    _, errors = load_file(big, "catalogs/big.yaml")
    assert [str(e) for e in errors] == [
        "catalogs/big.yaml: 文件过大（期望不超过 1000000 字节（1 MB），实际 2000005 字节；请拆分或精简）"
    ]
    exactly = tmp_path / "exact.yaml"
    exactly.write_bytes(b"a: 1\n" + b"#" * (MAX_BYTES - 5))
    assert load_file(exactly, "catalogs/exact.yaml")[1] == []


def test_unreadable_file(tmp_path: Path):
    doc, errors = load_file(tmp_path / "missing.yaml", "catalogs/missing.yaml")
    assert doc is None and len(errors) == 1 and str(errors[0]).startswith("catalogs/missing.yaml: 无法读取文件（")


STEPS = 50_000  # calls a refusal may take; loading the real 2.5 KB yanji certificates file takes some 24,000
_fresh = itertools.count()


def steps(raw: bytes) -> int:
    """The calls loading `raw` takes (tests/steps.py), parsed afresh: load_bytes remembers what it parsed
    by content and name, so each count gets a name of its own."""
    return counted(load_bytes, raw, f"catalogs/steps-{next(_fresh)}.yaml")[1]


@pytest.mark.parametrize(
    "nested",
    [
        lambda depth: "a: " + "[" * depth + "]" * depth + "\n",
        lambda depth: "- " * depth + "x\n",
        lambda depth: "{a: " * depth + "1" + "}" * depth + "\n",
        lambda depth: "[" * (depth * 80),  # up to 192,000 brackets, never closed
    ],
    ids=["flow-lists", "block-lists", "flow-mappings", "unclosed"],
)
def test_deep_nesting_is_refused_in_bounded_work(nested):
    """Refused a few levels past the limit, or a hundred times past it, in the same bounded work."""
    for depth in (MAX_DEPTH + 5, MAX_DEPTH * 100):
        text = nested(depth)
        (error,) = fails(text)
        assert "嵌套层次过深" in error
        assert steps(text.encode("utf-8")) < STEPS, f"depth {depth}"


def test_too_many_values_are_refused():
    (error,) = fails("[" + "1," * (MAX_NODES + 10) + "]")
    assert error == f"{URI}:1: 内容过多（期望不超过 {MAX_NODES} 个值；请拆分或精简文件）"


def test_billion_laughs_is_refused_at_the_first_anchor():
    raw = (INVALID / "yaml-anchor-bomb/overlay/catalogs/yanji/work-affairs/2023-10-27.yaml").read_bytes()
    (error,) = fails(raw)
    assert steps(raw) < STEPS  # nothing expanded: each of its nine levels would multiply the work by nine
    assert error == f"{URI}:17: 不允许使用锚点“&a0”（期望直接写出内容；请删除“&a0”）"


def test_python_tag_is_never_executed(tmp_path: Path):
    marker = tmp_path / "pwned"
    (error,) = fails(f'a: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert "不允许使用标签" in error and not marker.exists()


def test_global_loaders_are_not_patched():
    assert yaml.safe_load("a: &x 1\nb: *x\n") == {"a": 1, "b": 1}
    assert yaml.safe_load("a: 1\na: 2\n") == {"a": 2}


def test_scalar_conversion_keeps_no_state_between_files():
    for _ in range(3):
        ok("a: 1\nb: true\nc: 2.5\nd: null\n")
    assert load._constructor.constructed_objects == {}


# --- property tests: no input makes load_bytes raise ------------------------------------------

# PyYAML's English; county staff never see it (generator/catalog/yamlerrors.py translates)
UNICODE_NAME = re.compile(
    r"U\+[0-9A-F]{4,6}(?: [A-Z][A-Z0-9 ()-]*)?"
)  # a character's code and Unicode name, on purpose
ENGLISH = re.compile(
    r"mapping values|expected|found|could not|while (scanning|parsing)|block end|stream|token|"
    r"character|indicator|scalar|alias|anchor|[A-Za-z]{4,} [A-Za-z]{3,} [A-Za-z]{3,}"
)


def _check_result(raw: bytes) -> None:
    doc, errors = load_bytes(raw, URI)
    if doc is None:
        assert errors and all(isinstance(e, CatalogError) for e in errors)
        for e in errors:
            text = str(e)
            assert text.startswith(URI) and e.line >= 0 and e.message
            assert not ENGLISH.search(UNICODE_NAME.sub("", e.message)), e.message
            text.encode("utf-8")  # printable to a UTF-8 terminal
    else:
        assert errors == [] and isinstance(doc, Document) and doc.uri == URI
        assert all(line >= 1 for line in doc.lines.values())


PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAML_TOKENS = [
    "name",
    "id",
    "items",
    ":",
    ": ",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "? ",
    "&a ",
    "*a",
    "&",
    "*",
    "!",
    "!!str ",
    "!!python/object/apply:os.system ",
    "!foo ",
    "!!binary ",
    "!!set ",
    "<<",
    "<<: ",
    '"',
    "'",
    "\\",
    '"\\ud800"',
    '"\\x41"',
    "#",
    "|",
    ">",
    "|-",
    "---",
    "...",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "2024-02-30",
    "2024-06-30",
    "2001-12-14 21:59:43.10 +25:00",
    "no",
    "yes",
    "on",
    "~",
    "null",
    "0x1F",
    "0o17",
    "0b",
    "1_000",
    "190:20:30",
    "1e999",
    ".inf",
    ".nan",
    "-",
    "=",
    "@",
    "`",
    "99999999999999999999999999",
    "延吉市",
    "户籍证明",
    "연길시",
    "룡정",
    "\ufeff",
    "\x00",
    "\x85",
    "\u2028",
    "\U0001f600",
]


@PROPERTY
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(raw: bytes):
    _check_result(raw)


@PROPERTY
@given(st.lists(st.sampled_from(YAML_TOKENS), max_size=60).map("".join))
def test_yaml_ish_text_never_raises(text: str):
    _check_result(text.encode("utf-8", "surrogatepass"))


@PROPERTY
@given(
    st.recursive(
        # U+0085 is left out: PyYAML itself writes it unescaped and reads it back as a line break
        st.none()
        | st.booleans()
        | st.integers()
        | st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x85"), max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text("abcnmeo_", min_size=1, max_size=6), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_safe_dump_output_round_trips(value):
    """Whatever PyYAML writes for plain data (as new-edition does) loads back unchanged."""
    raw = yaml.safe_dump({"root": value}, allow_unicode=True, sort_keys=False).encode("utf-8")
    doc, errors = load_bytes(raw, URI)
    if errors:
        # only the structural limits and the character policy (charpolicy.py: tab, controls, zero-width,
        # bidi, private use, unassigned …) may refuse it
        assert all(any(w in str(e) for w in ("嵌套层次过深", "内容过多", "控制字符", "文字中第")) for e in errors), (
            errors
        )
    else:
        assert doc.data == {"root": value}
