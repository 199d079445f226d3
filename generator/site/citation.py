"""Citations as officials write them: 《标题》（文号），发文机关，YYYY年M月D日印发，固定网址.

The date is the day the document was issued (印发), never an "起施行" the document does not state; an
invented example 文号 says so in words (示例文号：…) instead of a second bracket; example data and a
local preview say what they are before anything else, so a copied citation carries the warning along.
"""

from __future__ import annotations

import datetime

from ..catalog import policy
from ..catalog.fields import EXAMPLE_PREFIX
from ..catalog.model import Document, Edition, Item, Status

EXAMPLE_LEAD = "【示例，不能作为办事依据】"
PREVIEW_LEAD = "【本地预览，地址指向本机，不能引用】"


def day(value: datetime.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def book_title(title: str) -> str:
    """《标题》, a title inside it in 〈〉 as documents write it: 《关于印发〈…方案〉的通知》."""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"


def number_text(number: str) -> str:
    """A 文号 as it stands inside brackets: "示例文号：延市办发〔2024〕8号" for an invented one."""
    return f"示例文号：{number.removeprefix(EXAMPLE_PREFIX)}" if number.startswith(EXAMPLE_PREFIX) else number


def _parts(title: str, doc: Document | None, effective: datetime.date) -> tuple[str, str]:
    """(《标题》（文号）, 发文机关，YYYY年M月D日印发); a correction has no document: the day it took effect."""
    if doc is None:
        return f"{book_title(title)}（勘误，无新的印发文件，{day(effective)}更正）", ""
    return f"{book_title(title)}（{number_text(doc.number)}）", f"{doc.issuer}，{day(doc.date)}印发"


def document_ref(title: str, doc: Document | None, effective: datetime.date) -> str:
    return "，".join(p for p in _parts(title, doc, effective) if p)


def _lead(example: bool, preview: bool) -> str:
    return (PREVIEW_LEAD if preview else "") + (EXAMPLE_LEAD if example else "")


def edition_citation(edition: Edition, url: str, *, preview: bool = False) -> str:
    """《延吉市村级组织证明事项保留清单（2024年版）》（示例文号：延市办发〔2024〕8号），中共延吉市委办公室 …，2024年6月20日印发，https://…"""
    return f"{_lead(edition.has_example_content, preview)}{document_ref(edition.title, edition.document, edition.effective)}，{url}"


def item_citation(edition: Edition, item: Item, url: str, *, preview: bool = False) -> str:
    """The item as listed in `edition`: 《标题》（文号）所列“名称”（事项编号 …），发文机关，日期印发，固定网址.
    An official item of an example edition (a sentence of the 方案 in an example guide) cites the 方案 itself."""
    p = policy.policy().document
    if (
        item.status is Status.OFFICIAL
        and edition.status is Status.EXAMPLE
        and item.source
        and item.source.document == p.number
    ):
        head, tail = f"{book_title(p.title)}（{p.number}）{item.source.section or ''}", f"{p.issuer}，{day(p.date)}印发"
        example = False
    else:
        head, tail = _parts(edition.title, edition.document, edition.effective)
        example = Status.EXAMPLE in (item.status, edition.status)
    listed = f"{head}所列“{item.name}”（事项编号 {item.id}）"
    return "，".join(p for p in (_lead(example, preview) + listed, tail, url) if p)


def timetable() -> dict[str, str]:
    """Section (三（一）…) -> its sentence as the document states it, 责任单位 included."""
    return {q.section: q.shown for q in policy.policy().quotes if q.key.startswith("timetable-")}
