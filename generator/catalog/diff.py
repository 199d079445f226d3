"""Edition -> edition differences: pure and deterministic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import Action, Item

FIELD_LABELS = {
    "name": "名称",
    "aliases": "其他叫法",
    "name_ko": "朝鲜文名称",
    "basis": "设定依据",
    "notes": "备注",
    "source": "出处",
    "issuer": "出具主体",
    "requester": "要求出具的单位",
    "purpose": "办理用途",
    "procedure": "办理流程",
    "deadline": "办结时限",
    "form": "证明式样",
    "category": "分类",
    "national_seq": "清单序号",
    "variants": "同类名称",
    "variants_open_ended": "同类名称（等）",
    "alternative": "替代途径",
    "alternative_verified": "替代途径核实情况",
    "org": "承担组织",
    "department": "提出要求的部门",
    "role": "村级组织承担的工作",
    "funding": "经费和工作条件",
    "keywords": "识别关键词",
    "name_ko_verified": "译名核实情况",
    "org_type": "所属组织或场所",
    "placement": "悬挂位置",
    "orientation": "竖牌或横牌",
    "colour": "字色",
    "size_mm": "尺寸",
    "pattern": "中文牌名模板",
    "pattern_ko": "朝鲜文牌名模板",
    "overlaps_forbidden": "与不应出具事项的重叠说明",
}


def deadline_text(value: str | int | None) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else f"{value} 个工作日内"


def item_texts(item: Item) -> dict[str, str]:
    """An item's public content as {Chinese label: text}: what "old → new" shows to people."""
    out = {}
    for key, value in item.content().items():
        if value in (None, (), False):
            continue
        if key == "basis":
            value = "；".join(" ".join(x for x in (b.law, b.article, b.version) if x) for b in value)
        elif key == "deadline":
            value = deadline_text(value)
        elif key == "overlaps_forbidden":
            value = "；".join(f"第 {o.seq} 项：{o.explanation}" for o in value)
        elif key == "source":
            value = " ".join(x for x in (value.document, value.section, value.annex, value.number, value.url) if x)
        elif key == "size_mm":
            value = f"{value[0]} × {value[1]} 毫米"
        elif value is True:
            value = "是"
        elif isinstance(value, tuple):
            value = "、".join(map(str, value))
        out[FIELD_LABELS.get(key, key)] = str(value)
    return out


@dataclass(frozen=True)
class ItemDiff:
    item_id: str
    action: Action
    old: Item | None
    new: Item | None
    fields: tuple[str, ...] = ()  # content fields that differ (modified / renamed)

    @property
    def field_labels(self) -> tuple[str, ...]:
        return tuple(FIELD_LABELS.get(f, f) for f in self.fields)

    def old_new(self) -> list[tuple[str, str, str]]:
        """(label, old text, new text) of each changed field."""
        if not (self.old and self.new):
            return []
        a, b = item_texts(self.old), item_texts(self.new)
        return [(label, a.get(label, "—"), b.get(label, "—")) for label in self.field_labels]


def diff_items(old: Sequence[Item], new: Sequence[Item]) -> list[ItemDiff]:
    """What changed from `old` to `new`, in the order of `new`, removals last."""
    before = {i.id: i for i in old}
    after_ids = {i.id for i in new}
    out: list[ItemDiff] = []
    for item in new:
        prev = before.get(item.id)
        if prev is None:
            out.append(ItemDiff(item.id, Action.ADDED, None, item))
            continue
        a, b = prev.content(), item.content()
        changed = tuple(k for k in a if a[k] != b[k])
        if changed:
            action = Action.RENAMED if "name" in changed else Action.MODIFIED
            out.append(ItemDiff(item.id, action, prev, item, changed))
    out += [ItemDiff(i.id, Action.REMOVED, i, None) for i in old if i.id not in after_ids]
    return out
