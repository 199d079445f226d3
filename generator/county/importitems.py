"""An imported row as the next edition's YAML: new items' numbers, and each item's mapping
(shared by the ordinary import, importer.py, and a catalog's first official edition, importlive.py)."""

from __future__ import annotations

from typing import Any

from ..catalog import table
from ..catalog.model import Item, Status
from .rows import ItemRow


def next_id(prefix: str, used: set[str]) -> str:
    """The next free number after the highest one with `prefix` (from 101 on)."""
    numbers = [int(i[len(prefix) :]) for i in used if i.startswith(prefix) and i[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=100) + 1:03d}"


def item_mapping(
    item: Item, row: ItemRow, guide_item: Item | None, status: Status, before: dict, sheet: Any, problems: list[str]
) -> dict:
    """The YAML mapping of a new or changed item; an adopting item declares only what differs from the prefecture's."""
    raw: dict[str, Any] = {"id": item.id}
    if item.adopts:
        raw["adopts"] = item.adopts
    for key, value in row.values.items():
        empty = value in (None, (), False)
        if guide_item is None:
            if not empty:
                raw[key] = table.to_yaml(key, value)
            continue
        inherited = getattr(guide_item, key)
        if value == inherited:
            continue
        if (
            empty
            and not isinstance(inherited, bool)
            and not (isinstance(inherited, tuple) and key in {"aliases", "requester", "variants", "keywords", "basis"})
        ):
            problems.append(
                f"{sheet.where(row.row, table.FIELD_LABELS[key])}：不能清空（采用的州级事项 {item.adopts} 写有这一项；"
                "需要不同的内容请直接改写，这个事项整个不再保留的请在「操作」填“取消”）"
            )
            continue
        raw[key] = table.to_yaml(key, value)
    if item.status is not status or "status" in before:
        raw["status"] = item.status.value
    order = [k for k in before if k in raw] + [k for k in raw if k not in before]
    return {k: raw[k] for k in order}
