"""generator/catalog/charpolicy.py: what catalog text may hold, and how a refusal is worded."""

from __future__ import annotations

import re
import unicodedata

import pytest
from steps import counted

from generator.catalog.charpolicy import (
    SCHEMA_REFUSED,
    Chars,
    problem,
    reserved_name,
    schema_refused,
    stray_line_breaks,
)
from generator.catalog.load import load_bytes

FINE = [
    "延吉市",
    "연길시",
    "룡정시 로동자",
    "중국공산당 {county} {town} {village}지부위원회",
    "ㄱ자형 건물",  # compatibility jamo, as written
    "《中华人民共和国村民委员会组织法》（2018年修正）、第二十二条·“村民”；",
    "延市办发〔2024〕8号",
    "350×2400 毫米 → 竖牌",
    "<script>alert('x') & \"y\"</script>",
    "https://example.org/a?b=1&c=2",
    "ＶＳ１２３",
    "第３条",
    "중국 조선족",
    "Pīnyīn lǜ",
    "café",
    "延吉　市",
    "㊣",
    "—…‘’",
]


@pytest.mark.parametrize("text", FINE)
def test_ordinary_chinese_korean_and_ascii_text_passes(text):
    assert problem(text, Chars.LINE) is None


def test_every_hangul_syllable_passes():
    syllables = "".join(chr(c) for c in range(0xAC00, 0xD7A4))
    assert problem(syllables, Chars.LINE) is None


@pytest.mark.parametrize(
    "text, code, words",
    [
        ("이\u3164름", "U+3164", "韩文填充符"),
        ("\u115f이름", "U+115F", "韩文填充符"),
        ("이\u1160", "U+1160", "韩文填充符"),
        ("\uffa0", "U+FFA0", "韩文填充符"),
        ("연\u2800길", "U+2800", "空白盲文字符"),
        ("a\u034fb", "U+034F", "连接符"),
        ("x\uffff", "U+FFFF", "非字符"),
        ("\ufdd0", "U+FDD0", "非字符"),
        ("\U0010fffe", "U+10FFFE", "非字符"),
        ("\ue000", "U+E000", "私用区字符"),
        ("\U000f0000", "U+F0000", "私用区字符"),
        ("\u0378", "U+0378", "未分配的码位"),
        ("延\u202e吉", "U+202E", "文字方向控制符"),
        ("延\u2067吉", "U+2067", "文字方向控制符"),
        ("延\u200b吉", "U+200B", "零宽字符"),
        ("延\ufeff吉", "U+FEFF", "零宽字符"),
        ("延\u00ad吉", "U+00AD", "软连字符"),
        ("\U000e0041", "U+E0041", "格式字符"),
        ("延\u00a0吉", "U+00A0", "特殊空格"),
        ("延\u2009吉", "U+2009", "特殊空格"),
        ("a\tb", "U+0009", "制表符"),
        ("a\x1b[31m", "U+001B", "控制字符"),
        ("a\x85b", "U+0085", "换行符"),
        ("a\u2028b", "U+2028", "换行符"),
        ("a\u2029b", "U+2029", "换行符"),
        ("葛\U000e0100", "U+E0100", "异体字选择符"),
        ("a\ufe0f", "U+FE0F", "异体字选择符"),
        ("e" + "\u0301" * 200, "U+0301", "连续第 3 个组合符号"),
        ("\u0301a", "U+0301", "单独的组合符号"),
        ("\u2f3e籍证明", "U+2F3E", "部首或兼容汉字"),
        ("\uf900", "U+F900", "部首或兼容汉字"),
        ("\u2ea0", "U+2EA0", "部首或兼容汉字"),
        ("�", "U+FFFD", "替换字符"),
        ("\u1109\u1175\u11ab", "U+1109", "不是标准组合形式"),
        ("e\u0301", "U+0065", "不是标准组合形式"),
    ],
)
def test_hostile_characters_are_named_with_code_and_position(text, code, words):
    found = problem(text, Chars.LINES)
    assert found and found.startswith("文字中第") and code in found and words in found, found
    assert "（期望" in found and "）" in found


def test_the_message_names_the_position_and_what_comes_before():
    assert problem("의란\u3164진").startswith(
        "文字中第3个字符（“의란”之后）是不可见的韩文填充符 U+3164 HANGUL FILLER（"
    )


def test_line_breaks_only_in_free_text():
    assert problem("第一行\n第二行", Chars.LINES) is None
    assert "换行 U+000A" in problem("第一行\n第二行", Chars.LINE)


def test_two_combining_marks_pass_three_do_not():
    assert problem(unicodedata.normalize("NFC", "ệ"), Chars.LINE) is None  # e + circumflex + dot below, composed
    assert problem("x\u0301\u0308", Chars.LINE) is None
    assert "连续第 3 个" in problem("x\u0301\u0308\u0301", Chars.LINE)


@pytest.mark.parametrize(
    "text",
    [lambda n: "e\u0301" * n, lambda n: "延" * n + "\u3164", lambda n: "가" * n + "\u1100\u1161"],
    ids=["combining", "filler-at-the-end", "non-nfc-at-the-end"],
)
def test_a_huge_text_is_checked_in_linear_time(text):
    """Twice the text, at most twice the steps (tests/steps.py): no step that walks the text again for each character."""
    (found, once), (again, twice) = counted(problem, text(20_000)), counted(problem, text(40_000))
    assert found is not None and again is not None
    assert twice <= 2 * once, (once, twice)


def test_stray_line_breaks_are_named_at_their_own_line():
    text = "a: 1\nb: x\u2028y\r\nc: 2\rd: 3\x85\n"
    assert [(line, m.split("是")[1].split("（")[0]) for line, m in stray_line_breaks(text)] == [
        (2, "不可见的换行符 U+2028 LINE SEPARATOR"),
        (3, "单独的回车符 U+000D CARRIAGE RETURN"),
        (3, "不可见的换行符 U+0085 NEXT LINE (NEL)"),
    ]


def test_windows_line_endings_are_fine():
    assert stray_line_breaks("a: 1\r\nb: 2\r\n") == []
    doc, errors = load_bytes("name: 延吉市\r\nname_ko: 연길시\r\n".encode(), "x.yaml")
    assert errors == [] and doc.lines[("name_ko",)] == 2


def test_a_file_with_old_mac_line_endings_gets_a_short_report():
    found = stray_line_breaks("a: 1\r" * 500)
    assert len(found) == 11 and "另有 490 处" in found[-1][1]


def test_a_stray_line_break_stops_the_file_with_the_editors_line_numbers():
    doc, errors = load_bytes("a: 1\nb: 延\u2028吉\nc: [\n".encode(), "x.yaml")
    assert doc is None and [(e.line, e.message[:4]) for e in errors] == [(2, "第2行第")]


@pytest.mark.parametrize(
    "name, reserved",
    [
        ("con", True),
        ("CON", True),
        ("Con.yaml", True),
        ("lpt1.txt", True),
        ("com9", True),
        ("com0", False),
        ("console", False),
        ("nul ", True),
        ("yanji", False),
        ("auxiliary", False),
    ],
)
def test_windows_device_names(name, reserved):
    assert reserved_name(name) is reserved


def test_the_schema_names_only_characters_the_validator_refuses():
    """Every BMP character the JSON Schema's pattern refuses is refused by the policy too."""
    pattern = re.compile(SCHEMA_REFUSED)
    for code in range(0x10000):
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF or not pattern.fullmatch(ch):
            continue
        assert problem("a" + ch, Chars.LINES), f"U+{code:04X}"
    assert re.search(schema_refused(Chars.LINE), "a\nb") and not re.search(schema_refused(Chars.LINES), "a\nb")
