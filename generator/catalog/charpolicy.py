"""Which characters a catalog string may hold: the one policy, per kind of field.

Every string the loader accepts passes `problem(text, Chars.LINES)` (load.py: the loader does not
know fields yet); every string field of a spec passes `problem(text, its kind)` (spec.py). Both
refuse what cannot be seen, cannot be read the same way on every screen, or breaks search and
comparison, and name the character: its position, U+XXXX, its Unicode name and what to do.

Refused in every field:
- control characters (tab, escape, NUL …) and the line breaks YAML counts but editors do not
  (U+0085, U+2028, U+2029; a raw one in a file is named by `stray_line_breaks` at its own line);
- format characters: bidi overrides and isolates, zero-width space/joiners, soft hyphen, BOM …;
- invisible letters: the Hangul fillers U+3164, U+115F, U+1160, U+FFA0, blank braille U+2800,
  combining grapheme joiner U+034F, variation selectors, Khmer/Mongolian invisible marks;
- spaces other than the ordinary space and the ideographic space U+3000 (NBSP, thin space …);
- private use, noncharacters (U+FFFF, U+FDD0 …), unassigned code points, surrogates,
  the replacement character U+FFFD (text already damaged by a wrong encoding);
- combining marks at the start of a text or more than `MAX_MARKS` in a row;
- Kangxi radicals and CJK compatibility ideographs, which look like ordinary Chinese characters
  but are different ones (⼾ U+2F3E is not 户): search and the forbidden-certificate check miss them;
- text not in Unicode NFC (e.g. Korean pasted from a PDF as loose jamo instead of syllables).
Line breaks are allowed only in free text (`Chars.LINES`). ASCII `<>&"'` are ordinary characters
here: output escaping deals with them. Ids, slugs, dates, codes and URLs are further limited to
ASCII by their patterns (fields.py).
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

MAX_STRAY = 10  # stray line breaks named one by one, per file
MAX_MARKS = 2  # combining marks in a row (a letter with two accents); more is "Zalgo" text


class Chars(Enum):
    """What kind of text a field holds (spec.Str.chars)."""

    LINE = "line"  # one line: names, titles, numbers, issuers, laws, ids, codes
    LINES = "lines"  # free text that may run over several lines: notes


# The common case, decided at once: ASCII, CJK punctuation, ideographs, Hangul syllables, full-width forms.
_PLAIN = re.compile(
    "[\n\x20-\x7e\u00b7\u00d7\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u3029\u3030-\u303f\u4e00-\u9fff"
    "\uac00-\ud7a3\uff01-\uff5e]*"
)
_LINE_BREAKS = "\n\x85\u2028\u2029"
HANGUL_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
_INVISIBLE_MARKS = frozenset("\u034f\u17b4\u17b5\u180b\u180c\u180d\u180f")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e")
_ALLOWED_SPACES = frozenset(" \u3000")


def _noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _variation_selector(code: int) -> bool:
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _radical(code: int) -> bool:
    return 0x2E80 <= code <= 0x2FDF  # CJK Radicals Supplement, Kangxi Radicals


def _describe(ch: str, line_breaks: bool) -> tuple[str, str] | None:
    """(what it is, why/what to do) for a refused character, or None if it may stand alone."""
    code = ord(ch)
    category = unicodedata.category(ch)
    if ch == "\n":
        return None if line_breaks else ("换行", "这一项只能写一行；请删除换行，不要用 | 或 > 的多行写法")
    if ch in _LINE_BREAKS:
        return "不可见的换行符", "YAML 和编辑器对它的理解不同；请删除它"
    if ch == "\t":
        return "制表符（Tab）", "请改为空格"
    if category == "Cc":
        return "控制字符", "请删除它，或删除引号中的“\\x”“\\u”转义"
    if ch in _BIDI:
        return "不可见的文字方向控制符", "它会改变文字的显示顺序；请删除它"
    if ch in _ZERO_WIDTH:
        return "不可见的零宽字符", "看不见，却使搜索和比对找不到这段文字；请删除它"
    if ch == "\u00ad":
        return "不可见的软连字符", "请删除它"
    if category == "Cf":
        return "不可见的格式字符", "请删除它"
    if ch in HANGUL_FILLERS:
        return "不可见的韩文填充符", "它看起来是空白，不是韩文字母；请删除它"
    if ch == "\u2800":
        return "空白盲文字符", "它看起来像空格，却不是空格；请删除它或改为普通空格"
    if ch in _INVISIBLE_MARKS or _variation_selector(code):
        return "不可见的连接符或异体字选择符", "请删除它"
    if category == "Zs" and ch not in _ALLOWED_SPACES:
        return "特殊空格", "请改为普通空格（或中文全角空格）"
    if category == "Cs":
        return "无效的字符（代理码位）", f"它无法保存为 UTF-8；请删除引号中的“\\u{code:04x}”转义"
    if category == "Co":
        return "私用区字符", "它没有公认的字形，各人电脑上显示不同；请改用标准字符"
    if category == "Cn":
        if _noncharacter(code):
            return "非字符", "Unicode 规定它不用于文字；请删除它"
        return "未分配的码位", "Unicode 中还没有这个字符；请删除它"
    if ch == "\ufffd" or ch == "\ufffc":
        return "替换字符", "说明这段文字在复制或转换编码时已经损坏；请重新输入原文"
    standard = unicodedata.normalize("NFKC", ch)
    if _radical(code) or (
        category == "Lo"
        and standard != ch
        and len(standard) == 1
        and unicodedata.name(standard, "").startswith("CJK UNIFIED IDEOGRAPH")
    ):
        hint = f"请改为标准汉字“{standard}”" if standard != ch else "请改为标准汉字"
        return "部首或兼容汉字", f"它看起来像汉字，却不是同一个字符，搜索和比对都找不到；{hint}"
    return None


_CONTROL_NAMES = {
    "\t": "CHARACTER TABULATION",
    "\n": "LINE FEED",
    "\r": "CARRIAGE RETURN",
    "\x00": "NULL",
    "\x1b": "ESCAPE",
    "\x85": "NEXT LINE (NEL)",
}


def _name(ch: str) -> str:
    return unicodedata.name(ch, "") or _CONTROL_NAMES.get(ch, "")


def _at(text: str, i: int) -> str:
    """“第7个字符（“土地经营权”之后）” - the text before it is quoted only as far as it is clean."""
    before = text[max(0, i - 8) : i].rsplit("\n", 1)[-1]
    return f"第{i + 1}个字符" + (f"（“{before}”之后）" if before and i else "")


def _message(text: str, i: int, what: str, why: str) -> str:
    ch = text[i]
    name = f" {_name(ch)}" if _name(ch) else ""
    return f"文字中{_at(text, i)}是{what} U+{ord(ch):04X}{name}（期望只有看得见的普通文字；{why}）"


def problem(text: str, chars: Chars = Chars.LINES) -> str | None:
    """A Chinese message for the first thing `text` may not hold as text of kind `chars`, or None."""
    if _PLAIN.fullmatch(text) and (chars is Chars.LINES or "\n" not in text):
        return None
    line_breaks = chars is Chars.LINES
    marks = 0
    for i, ch in enumerate(text):
        found = _describe(ch, line_breaks)
        if found:
            return _message(text, i, *found)
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
            marks += 1
            if i == 0 or text[i - 1] in " \n\u3000":
                return _message(text, i, "单独的组合符号", "它应紧跟在一个字母后面；请删除它")
            if marks > MAX_MARKS:
                return _message(
                    text, i, f"连续第 {marks} 个组合符号", f"一个字母后面最多 {MAX_MARKS} 个；请删除多余的符号"
                )
        else:
            marks = 0
    if not unicodedata.is_normalized("NFC", text):
        standard = unicodedata.normalize("NFC", text)
        i = next((i for i, (a, b) in enumerate(zip(text, standard)) if a != b), min(len(text), len(standard)) - 1)
        codes = " ".join(f"U+{ord(c):04X}" for c in text[i : i + 3])
        return (
            f"文字中{_at(text, i)}起的 {codes} 不是标准组合形式（期望标准组合形式（NFC）“{standard[i : i + 1]}”；"
            "常见于从 PDF 复制的文字，如韩文被拆成单个字母；请用输入法重新输入这几个字）"
        )
    return None


def stray_line_breaks(text: str) -> list[tuple[int, str]]:
    """(line, message) for each line break in a file that YAML counts and editors may not: U+0085,
    U+2028, U+2029 and a carriage return not followed by a line feed. Lines count line feeds only,
    as git, GitHub and the error lines do."""
    out: list[tuple[int, str]] = []
    for m in re.finditer("[\x85\u2028\u2029]|\r(?!\n)", text):
        pos = m.start()
        line = text.count("\n", 0, pos) + 1
        column = pos - (text.rfind("\n", 0, pos) + 1) + 1
        ch = m.group()
        if ch == "\r":
            what, fix = "单独的回车符", "请在编辑器中把换行符设为 LF（或 CRLF）后重新保存"
        else:
            what, fix = "不可见的换行符", "YAML 把它当作换行，编辑器却不换行，行号会对不上；请删除它"
        out.append((line, f"第{line}行第{column}个字符是{what} U+{ord(ch):04X} {_name(ch)}（期望普通换行；{fix}）"))
    if len(out) > MAX_STRAY:  # a whole file saved with old Mac line endings: the first few say it all
        out[MAX_STRAY:] = [
            (
                out[MAX_STRAY][0],
                f"另有 {len(out) - MAX_STRAY} 处同样的换行符（期望普通换行；请在编辑器中把换行符设为 LF 后重新保存）",
            )
        ]
    return out


WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
)
RESERVED_LOOKAHEAD = "(?!(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$)"  # for patterns: a slug that is none of them


def reserved_name(name: str) -> bool:
    """A name Windows keeps for a device in any case and with any extension (con, Con.yaml, lpt1.txt):
    such a folder or file cannot be checked out there, and a page of that name cannot be saved."""
    return name.split(".", 1)[0].rstrip(" ").lower() in WINDOWS_RESERVED


def reserved_message(name: str) -> str:
    return (
        f"“{name}”是 Windows 的保留设备名（con、prn、aux、nul、com1–com9、lpt1–lpt9，不分大小写，带扩展名也一样；"
        "在 Windows 上无法建立这样的文件夹、文件或网页；请换一个名字）"
    )


# For the JSON Schema (editors): the refused characters a regular expression can list (BMP only).
SCHEMA_REFUSED = (
    "[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u00a0\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5"
    "\\u180b-\\u180f\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u206f\\u2800\\u2e80-\\u2fdf\\u3164"
    "\\ue000-\\uf8ff\\ufdd0-\\ufdef\\ufe00-\\ufe0f\\ufeff\\uffa0\\ufff9-\\ufffd\\ufffe\\uffff]"
)


def schema_refused(chars: Chars) -> str:
    """A regular expression (ECMA-262 and Python) matching a character `chars` text may not hold."""
    return SCHEMA_REFUSED if chars is Chars.LINES else SCHEMA_REFUSED[:-1] + "\\n]"
