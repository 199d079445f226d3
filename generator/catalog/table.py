"""Items as spreadsheet rows and back: one column per field, cell text that reads back exactly.

Shared by the open-data export (`site/opendata.py`, `site/editionxlsx.py`) and the table import (`county/importer.py`), so
the workbook a county downloads is the workbook it can fill in and import. Cell formats (described
for county staff in content/guide/submit.md):

- lists (其他叫法, 办理流程, …): one entry per line (Alt+Enter in Excel and WPS);
- 设定依据: one law per line, `法规名称｜条款｜版本`, empty parts at the end left off;
- 与不应出具事项的重叠说明: one per line, `清单序号｜法律法规条款｜说明`;
- 出处: one part per line, `出处文件：…`, `章节：…`, `附件：…`, `序号：…`, `网址：…`;
- 尺寸: `宽×高` in millimetres, e.g. 600×400; 办结时限: 当场办结, or the number of working days;
- yes/no: 是 (empty is 否); choices in their Chinese words (悬挂位置: 室外 | 室内).

Parsing returns model values (tuples, `Basis`, `Source` …) or a Chinese message "应为…，实际为…".
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from .diff import FIELD_LABELS
from .fields import KIND_FIELDS
from .model import Basis, CatalogKind, Edition, Item, Overlap, Source, Status

SEP = "｜"  # full-width vertical bar between the parts of a line; the ASCII "|" is read the same way
CATEGORY_LABELS = {"duty": "依法履行职责事项", "assist": "依法协助政府工作事项", "excluded": "不应由村级组织承担的事项"}
PLACEMENT_LABELS = {"outside": "室外", "inside": "室内"}
ORIENTATION_LABELS = {"vertical": "竖牌", "horizontal": "横牌"}
COLOUR_LABELS = {"red": "红字", "black": "黑字"}
STATUS_LABELS = {Status.OFFICIAL: "正式", Status.EXAMPLE: "示例"}
SOURCE_LABELS = {"document": "出处文件", "section": "章节", "annex": "附件", "number": "序号", "url": "网址"}
SAME_DAY = "当场办结"

# Row columns that are not item content: what the row is and what happens to it.
ID, STATUS, ADOPTS = "编号", "数据性质", "采用州级事项"
ACTION, REASON, REPLACED_BY = "操作", "调整理由", "替代事项"
ACTIONS = ("新增", "修改", "更名", "取消")  # what a clerk may write in 操作; only 取消 is needed, the rest is checked

LINES = {"aliases", "requester", "procedure", "variants", "keywords", "role"}
BOOLS = {"name_ko_verified", "variants_open_ended", "alternative_verified"}
VERIFIES = {"name_ko_verified": "name_ko", "alternative_verified": "alternative"}  # flag -> the field it vouches for
VERIFIED_NOTE = (  # the 填写说明 line for the flags: a filled field is always marked one way or the other
    f"「{FIELD_LABELS['name_ko_verified']}」「{FIELD_LABELS['alternative_verified']}」：是 = 已对照公开文件核实；"
    "否 = 未经核实（网站上标“待核”或“未经核实”）。"
    "有朝鲜文名称或替代途径的行，这两列总写明“是”或“否”，正式目录也一样：没有核实的部分逐项标出，不会因为整份目录是正式的而省略。"
)
COMMON_BEFORE = ("name", "aliases", "name_ko", "name_ko_verified")
COMMON_AFTER = ("basis", "notes", "source")


@dataclass(frozen=True)
class Column:
    header: str
    key: str  # an Item field, or id | status | adopts | action | reason | replaced_by
    choices: dict[str, str] = field(default_factory=dict)  # value -> Chinese word, for choice columns


def _choices(kind: CatalogKind, key: str) -> dict[str, str]:
    if key == "category" and kind is CatalogKind.WORK_AFFAIRS:
        return CATEGORY_LABELS
    return {"placement": PLACEMENT_LABELS, "orientation": ORIENTATION_LABELS, "colour": COLOUR_LABELS}.get(key, {})


def columns(kind: CatalogKind, county: bool) -> list[Column]:
    """The columns of a catalog kind's sheet, in order; a county's sheet also says which items it adopts."""
    keys = [*COMMON_BEFORE, *(k for k in KIND_FIELDS[kind]), *COMMON_AFTER]
    out = [Column(ID, "id"), Column(STATUS, "status"), Column(FIELD_LABELS["name"], "name")]
    if county:
        out.append(Column(ADOPTS, "adopts"))
    out += [Column(FIELD_LABELS[k], k, _choices(kind, k)) for k in keys[1:]]
    return out + [Column(ACTION, "action"), Column(REASON, "reason"), Column(REPLACED_BY, "replaced_by")]


def content_columns(cols: list[Column]) -> list[Column]:
    return [c for c in cols if c.key not in {"id", "status", "adopts", "action", "reason", "replaced_by"}]


# --- model value -> cell text ------------------------------------------------------------------------


def _parts(*values: str | None) -> str:
    parts = [v or "" for v in values]
    while parts and not parts[-1]:
        parts.pop()
    return SEP.join(parts)


def cell_text(col: Column, value: Any) -> str:
    """The text of one content field in a cell ('' for an empty field)."""
    if value is None or value == () or value is False:
        return ""
    if col.key in BOOLS:
        return "是"
    if col.choices:
        return col.choices.get(value, str(value))
    if col.key == "basis":
        return "\n".join(_parts(b.law, b.article, b.version) for b in value)
    if col.key == "overlaps_forbidden":
        return "\n".join(_parts(str(o.seq), o.basis, o.explanation) for o in value)
    if col.key == "source":
        return "\n".join(f"{label}：{getattr(value, k)}" for k, label in SOURCE_LABELS.items() if getattr(value, k))
    if col.key == "size_mm":
        return f"{value[0]}×{value[1]}"
    if isinstance(value, tuple):
        return "\n".join(map(str, value))
    return str(value)


def row_texts(item: Item, cols: list[Column]) -> list[str]:
    """One item as the cells of its row (操作, 调整理由 and 替代事项 left empty for the clerk); a
    verification flag of a filled field says 是 or 否 explicitly (VERIFIED_NOTE)."""
    special = {"id": item.id, "status": STATUS_LABELS[item.status], "adopts": item.adopts or ""}
    special.update({flag: "否" for flag, what in VERIFIES.items() if getattr(item, what) and not getattr(item, flag)})
    return [
        special.get(c.key, "")
        if c.key in special or c.key in {"action", "reason", "replaced_by"}
        else cell_text(c, getattr(item, c.key))
        for c in cols
    ]


def unverified(item: Item) -> list[str]:
    """The labels of an item's filled fields that are not verified (open data says so, not by omission)."""
    return [FIELD_LABELS[what] for flag, what in VERIFIES.items() if getattr(item, what) and not getattr(item, flag)]


# --- cell -> model value ----------------------------------------------------------------------------


class CellError(ValueError):
    """Why a cell cannot be read (Chinese, "应为…，实际为…")."""


def plain(value: Any) -> str:
    """A cell's value as text as the clerk sees it: numbers without ".0", dates as 2024-06-30, CRLF as LF."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def shown(text: str) -> str:
    text = text.replace("\n", "↵")
    return f"“{text if len(text) <= 40 else text[:40] + '…'}”" if text else "空白"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _split(line: str) -> list[str]:
    return [p.strip() for p in re.split(r"[｜|]", line)]


def _int(text: str, what: str) -> int:
    if not re.fullmatch(r"[0-9]{1,6}", text):
        raise CellError(f"应为{what}，实际为{shown(text)}")
    return int(text)


def parse_cell(col: Column, raw: Any) -> Any:
    """A content cell -> the Item field's value (None / () / False when empty); raises CellError."""
    text = plain(raw)
    key = col.key
    if key in BOOLS:
        if text in {"", "否"}:
            return False
        if text == "是":
            return True
        raise CellError(f"应为“是”或“否”（不是的可以留空），实际为{shown(text)}")
    if not text:
        return () if key in LINES | {"basis", "overlaps_forbidden"} else None
    if col.choices:
        by_word = {label: value for value, label in col.choices.items()}
        if text in by_word or text in col.choices:
            return by_word.get(text, text)
        raise CellError(f"应为 {' | '.join(col.choices.values())} 之一，实际为{shown(text)}")
    if key in LINES:
        return tuple(_lines(text))
    if key == "deadline":
        if text == SAME_DAY:
            return text
        m = re.fullmatch(r"([0-9]{1,3})\s*(个工作日内?|个工作日|日|天)?", text)
        if not m:
            raise CellError(f"应为“{SAME_DAY}”或工作日天数（如 5），实际为{shown(text)}")
        return int(m.group(1))
    if key == "national_seq":
        return _int(text, "民发〔2020〕20号清单中的序号（整数，如 8）")
    if key == "size_mm":
        m = re.fullmatch(r"([0-9]{1,5})\s*[×xX*＊]\s*([0-9]{1,5})\s*(毫米|mm)?", text)
        if not m:
            raise CellError(f"应为“宽×高”（毫米，如 600×400），实际为{shown(text)}")
        return int(m.group(1)), int(m.group(2))
    if key == "basis":
        return tuple(_basis(n, line) for n, line in enumerate(_lines(text), 1))
    if key == "overlaps_forbidden":
        return tuple(_overlap(n, line) for n, line in enumerate(_lines(text), 1))
    if key == "source":
        return _source(text)
    return text


def _basis(n: int, line: str) -> Basis:
    parts = _split(line)
    if len(parts) > 3 or not parts[0]:
        raise CellError(f"第 {n} 行应为“法规名称｜条款｜版本”（条款和版本可以不写），实际为{shown(line)}")
    parts += [""] * (3 - len(parts))
    return Basis(parts[0], parts[1] or None, parts[2] or None)


def _overlap(n: int, line: str) -> Overlap:
    parts = _split(line)
    if len(parts) != 3 or not all(parts):
        raise CellError(f"第 {n} 行应为“清单序号｜法律法规条款｜说明”三段，实际为{shown(line)}")
    return Overlap(_int(parts[0], f"第 {n} 行开头的清单序号（整数，如 8）"), parts[1], parts[2])


def _source(text: str) -> Source:
    by_label = {label: key for key, label in SOURCE_LABELS.items()}
    found: dict[str, str] = {}
    for line in _lines(text):
        m = re.fullmatch(r"([^:：]*)[:：](.*)", line)
        key = by_label.get(m.group(1).strip()) if m else None
        if key is None or key in found or not m.group(2).strip():
            raise CellError(f"每行应为“{'：…”“'.join(SOURCE_LABELS.values())}：…”之一，各写一次，实际为{shown(line)}")
        found[key] = m.group(2).strip()
    return Source(**found)


def to_yaml(key: str, value: Any) -> Any:
    """A model value as it is written in a catalog file (records as mappings, tuples as lists)."""
    if key == "basis":
        return [{k: v for k, v in (("law", b.law), ("article", b.article), ("version", b.version)) if v} for b in value]
    if key == "overlaps_forbidden":
        return [{"item": o.seq, "basis": o.basis, "explanation": o.explanation} for o in value]
    if key == "source":
        return {k: getattr(value, k) for k in SOURCE_LABELS if getattr(value, k)}
    if key == "size_mm":
        return {"width": value[0], "height": value[1]}
    if isinstance(value, tuple):
        return list(value)
    return value


# --- the sheet 版本信息: the edition a workbook was exported from, and the next one's details ----------

INFO_SHEET = "版本信息"
INFO_HEADERS = ("项目", "本版本", "新版本（导入时填写）")
INFO_ROWS = {  # label -> key; the import reads 地区, 目录类别 and 生效日期 of 本版本 to find the edition
    "地区": "region",
    "目录类别": "catalog",
    "生效日期": "effective",
    "版本类型": "kind",
    "标题": "title",
    "文号": "number",
    "文件标题": "doc_title",
    "印发机关": "issuer",
    "印发日期": "date",
    "公开网址": "url",
    "备案机关": "filing_to",
    "备案日期": "filing_date",
    "数据性质": "status",  # 正式 | 示例: 正式 makes an example catalog go live
}
INFO_ALIASES = {"文件网址": "url"}  # labels of workbooks exported before, read the same


def edition_info(e: Edition) -> list[tuple[str, str]]:
    """(label, text) of each row of 版本信息 for edition `e`."""
    d, f = e.document, e.filing
    values = {
        "region": e.region,
        "catalog": e.catalog.value,
        "effective": e.effective.isoformat(),
        "kind": e.kind.label,
        "title": e.title,
        "status": STATUS_LABELS[e.status],
        "number": d.number if d else "",
        "doc_title": d.title if d else "",
        "issuer": d.issuer if d else "",
        "date": d.date.isoformat() if d else "",
        "url": (d.url or "") if d else "",
        "filing_to": "\n".join(f.to) if f else "",
        "filing_date": f.date.isoformat() if f else "",
    }
    return [(label, values[key]) for label, key in INFO_ROWS.items()]
