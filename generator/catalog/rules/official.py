"""Rules for official editions: where the public reads the notice, and never standing on example data.

Going live needs nothing but the issuing document - 文号, 印发机关, 印发日期 and its public address,
or, for a notice that is not online, its scan committed beside the edition and named as `source`
(golive.py retires the example editions by itself).
"""

from __future__ import annotations

import re

from ..model import Item, Status
from .context import Ctx

SCAN_NAME = re.compile(r"[^/\\]+\.(pdf|png|jpe?g)", re.IGNORECASE)
SCAN_HINT = "扫描件放在版本文件旁边，如 2023-10-15.pdf，并写 source: {document: 2023-10-15.pdf}"


def check_official_notice(ctx: Ctx) -> None:
    """An official edition names where its notice can be read: a public address, or a scan beside it."""
    e = ctx.edition
    online = (e.document is not None and e.document.url) or (e.source is not None and e.source.url)
    if online or e.scan:
        return
    named = e.source.document if e.source else None
    if named and SCAN_NAME.fullmatch(named):
        ctx.error(("source", "document"), f"找不到扫描件“{named}”（期望与本版本文件在同一文件夹；{SCAN_HINT}）")
        return
    if e.source is not None:
        return  # cites where the text comes from (a document in force, an annex): as before
    ctx.error(
        ("document", "url") if e.document else ("source",),
        f"正式版本必须能让公众查到印发文件（期望在 document 中写明公开网址 url；文件没有公开的，{SCAN_HINT}）",
    )


def official_on_example(ctx: Ctx, raw: dict, guide_item: Item | None) -> bool:
    """An item of an official edition (not itself marked example) that adopts an example guiding item."""
    if guide_item is None or guide_item.status is not Status.EXAMPLE:
        return False
    return Status(raw.get("status", ctx.edition.status.value)) is Status.OFFICIAL
