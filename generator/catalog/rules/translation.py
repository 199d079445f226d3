"""Korean names of certificates (`name_ko` on retained and forbidden items): the answer box names a
certificate by it, and Korean queries find it. Yanbian orthography is a hint (a warning, as for
signboards and place names; a person decides), and `name_ko_verified: true` needs a name to vouch for."""

from __future__ import annotations

from .. import orthography
from .context import Ctx


def check_korean_names(ctx: Ctx) -> None:
    for i, raw in enumerate(ctx.raw.data["items"]):
        item = ctx.edition.item(raw.get("id", "")) if isinstance(raw, dict) else None
        if item is None:
            continue
        if "name_ko" in raw:  # its own name, not the adopted guide item's (checked there)
            for wrong, right in orthography.hints(item.name_ko or ""):
                ctx.warn(("items", i, "name_ko"), orthography.message(wrong, right))
        if raw.get("name_ko_verified") is True and not item.name_ko:
            ctx.error(
                ("items", i, "name_ko_verified"),
                "标为朝鲜文名称已核实，但没有朝鲜文名称（请写明 name_ko，或删除 name_ko_verified）",
            )
