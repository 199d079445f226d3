"""A tiny structural-schema language: one definition yields both the checks and the JSON Schema.

The validator checks loaded YAML against these specs and reports in Chinese; `to_json_schema`
exports the very same specs for editors. Because both come from one definition they cannot
disagree (a test also runs the `jsonschema` library over the fixtures to prove it).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from .charpolicy import RESERVED_LOOKAHEAD, Chars, problem, reserved_message, reserved_name, schema_refused
from .load import DataPath

HANGUL = re.compile(r"[\uac00-\ud7a3]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Problem:
    parts: DataPath
    message: str


def describe(value: Any) -> str:
    """How a found value is named in messages for county staff."""
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"是/否值 {str(value).lower()}（未加引号的 yes/no/true/false）"
    if isinstance(value, datetime.date):
        return f"未加引号的日期 {value.isoformat()}"
    if isinstance(value, (int, float)):
        return f"数字 {value}（未加引号）"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        return f"文字“{shown}”"
    if isinstance(value, list):
        return f"列表（{len(value)} 项）"
    return "映射（一组字段）"


@dataclass(frozen=True)
class Str:
    pattern: str | None = None
    enum: tuple[str, ...] = ()
    hint: str = ""  # how to fix, shown after the expectation
    max_length: int = 2000
    chars: Chars = Chars.LINE  # which characters it may hold (charpolicy.py); only notes run over lines

    def check(self, value: Any, parts: DataPath) -> list[Problem]:
        if not isinstance(value, str):
            quoted = "（请加英文双引号）" if isinstance(value, (bool, int, float, datetime.date)) else ""
            return [Problem(parts, f"应为{self.hint or '文字' + self._expect()}，实际为{describe(value)}{quoted}")]
        if not value.strip():
            return [Problem(parts, "不能为空（期望非空文字，实际为空）")]
        if len(value) > self.max_length:
            return [Problem(parts, f"过长（期望不超过 {self.max_length} 字，实际 {len(value)} 字）")]
        bad = problem(value, self.chars)
        if bad:
            return [Problem(parts, bad)]
        if self.enum and value not in self.enum:
            return [Problem(parts, f"取值无效（期望 {' | '.join(self.enum)}，实际为“{value}”）")]
        if self.pattern and not re.fullmatch(self.pattern, value):
            return [Problem(parts, f"格式不对（期望{self._expect()}，实际为“{value}”）")]
        return []

    def _expect(self) -> str:
        if self.enum:
            return "，取值 " + " | ".join(self.enum)
        return self.hint

    def schema(self) -> dict:
        out: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": self.max_length, "pattern": r"\S"}
        if self.enum:
            out = {"enum": list(self.enum)}
        elif self.pattern:  # ASCII patterns: they refuse every character the policy does
            out["pattern"] = f"^(?:{self.pattern})$"
        else:  # the characters of charpolicy.py a regular expression can name (the validator checks them all)
            out["not"] = {"pattern": schema_refused(self.chars)}
        return out


DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"  # not \d: it also matches full-width digits
FIRST_DATE = datetime.date(1949, 1, 1)  # no catalog, notice or filing is older than the People's Republic
LAST_DATE = datetime.date(2100, 12, 31)  # nor planned beyond this century: a typo such as 0001 or 2204
DATE_RANGE_PATTERN = r"(?:19(?:49|[5-9][0-9])|20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}"  # the same years, for the schema


@dataclass(frozen=True)
class Date(Str):
    pattern: str | None = DATE_PATTERN
    hint: str = '带引号的日期，如 "2024-06-30"'

    def check(self, value: Any, parts: DataPath) -> list[Problem]:
        found = super().check(value, parts)
        if found:
            return found
        try:
            date = datetime.date.fromisoformat(value)
        except ValueError:
            return [Problem(parts, f'日期不存在（期望真实的日期，如 "2024-06-30"，实际为“{value}”）')]
        if not FIRST_DATE <= date <= LAST_DATE:
            return [
                Problem(
                    parts, f"日期超出范围（期望 {FIRST_DATE} 至 {LAST_DATE} 之间的日期，实际为“{value}”；请检查年份）"
                )
            ]
        return []

    def schema(self) -> dict:  # a real date (format), in the years checked above (pattern)
        return {**super().schema(), "pattern": f"^(?:{DATE_RANGE_PATTERN})$", "format": "date"}


@dataclass(frozen=True)
class Slug(Str):
    """A name that becomes a folder or a page address: lower-case ASCII, never a Windows device name."""

    def check(self, value: Any, parts: DataPath) -> list[Problem]:
        if isinstance(value, str) and reserved_name(value):
            return [Problem(parts, reserved_message(value))]
        return super().check(value, parts)

    def schema(self) -> dict:
        return {**super().schema(), "pattern": f"^(?:{RESERVED_LOOKAHEAD}{self.pattern})$"}


@dataclass(frozen=True)
class Korean(Str):
    hint: str = "含韩文字母的朝鲜文"
    han: bool = True  # may hold Chinese characters too (False: a Korean phrasing, Hangul only)

    def check(self, value: Any, parts: DataPath) -> list[Problem]:
        found = super().check(value, parts)
        if not found and not HANGUL.search(value):
            return [Problem(parts, f"应为朝鲜文（期望用韩文字母书写，实际为“{value}”，没有韩文字母）")]
        if not found and not self.han and (ch := HAN.search(value)):
            return [
                Problem(
                    parts,
                    f"应为朝鲜文（期望只用韩文字母书写，实际“{value}”中夹有汉字“{ch.group()}”；中文叫法请写在 name）",
                )
            ]
        return found

    def schema(self) -> dict:
        out = {**super().schema(), "pattern": "[\uac00-\ud7a3]"}
        return out if self.han else {"allOf": [out, {"not": {"pattern": HAN.pattern}}]}


@dataclass(frozen=True)
class Int:
    minimum: int = 0
    maximum: int = 1_000_000

    def check(self, value: Any, parts: DataPath) -> list[Problem]:
        if isinstance(value, bool) or not isinstance(value, int):
            return [Problem(parts, f"应为整数（期望 {self.minimum}–{self.maximum} 的整数，实际为{describe(value)}）")]
        if not self.minimum <= value <= self.maximum:
            return [Problem(parts, f"超出范围（期望 {self.minimum}–{self.maximum}，实际为 {value}）")]
        return []

    def schema(self) -> dict:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


@dataclass(frozen=True)
class Bool:
    def check(self, value: Any, parts: DataPath) -> list[Problem]:
        if not isinstance(value, bool):
            return [Problem(parts, f"应为 true 或 false，实际为{describe(value)}")]
        return []

    def schema(self) -> dict:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Either:
    """Exactly one of the given literal text or an integer, e.g. 当场办结 | 3 (working days)."""

    literal: str
    number: Int

    def check(self, value: Any, parts: DataPath) -> list[Problem]:
        if value == self.literal or not self.number.check(value, parts):
            return []
        return [
            Problem(
                parts,
                f"取值无效（期望“{self.literal}”或 {self.number.minimum}–{self.number.maximum} 的整数，实际为{describe(value)}）",
            )
        ]

    def schema(self) -> dict:
        return {"oneOf": [{"const": self.literal}, self.number.schema()]}


@dataclass(frozen=True)
class List:
    item: Any
    min_items: int = 0
    unique: bool = False

    def check(self, value: Any, parts: DataPath) -> list[Problem]:
        if not isinstance(value, list):
            return [Problem(parts, f"应为列表（期望用“- ”逐项书写或 [甲, 乙]，实际为{describe(value)}）")]
        if len(value) < self.min_items:
            return [Problem(parts, f"项数不足（期望至少 {self.min_items} 项，实际 {len(value)} 项）")]
        out: list[Problem] = []
        for i, item in enumerate(value):
            out += self.item.check(item, parts + (i,))
        if self.unique:
            seen: set = set()
            for i, item in enumerate(value):
                if isinstance(item, str) and item in seen:
                    out.append(Problem(parts + (i,), f"重复（“{item}”已在列表中出现；请删除重复项）"))
                seen.add(item if isinstance(item, str) else id(item))
        return out

    def schema(self) -> dict:
        out = {"type": "array", "items": self.item.schema(), "minItems": self.min_items}
        if self.unique:
            out["uniqueItems"] = True
        return out


@dataclass(frozen=True)
class Field:
    spec: Any
    label: str  # Chinese name of the field, for messages and schema titles
    required: bool = False


@dataclass(frozen=True)
class Obj:
    fields: dict[str, Field]
    one_of_required: tuple[str, ...] = ()  # at least one of these must be present
    title: str = ""

    def check(self, value: Any, parts: DataPath) -> list[Problem]:
        if not isinstance(value, dict):
            return [Problem(parts, f"应为一组字段（映射），实际为{describe(value)}")]
        out: list[Problem] = []
        for key in value:
            if key not in self.fields:
                out.append(
                    Problem(
                        parts + (key,), f"未定义的字段（期望 {', '.join(self.fields)} 之一，实际为“{key}”；请检查拼写）"
                    )
                )
        for key, fld in self.fields.items():
            if key in value:
                out += fld.spec.check(value[key], parts + (key,))
            elif fld.required:
                out.append(Problem(parts + (key,), f"缺少必填字段（期望写明{fld.label}，实际没有这一字段）"))
        if self.one_of_required and not any(k in value for k in self.one_of_required):
            names = " 或 ".join(f"{k}（{self.fields[k].label}）" for k in self.one_of_required)
            out.append(Problem(parts, f"缺少字段（期望至少写 {names}，实际都没有）"))
        return out

    def schema(self) -> dict:
        out: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {k: {"title": f.label, **f.spec.schema()} for k, f in self.fields.items()},
        }
        required = [k for k, f in self.fields.items() if f.required]
        if required:
            out["required"] = required
        if self.one_of_required:
            out["anyOf"] = [{"required": [k]} for k in self.one_of_required]
        if self.title:
            out["title"] = self.title
        return out
