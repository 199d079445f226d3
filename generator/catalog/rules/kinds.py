"""Rules that apply to one catalog kind: certificates, forbidden list, work affairs, signboards."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .. import orthography, script
from ..model import CatalogKind, Item, Level
from .context import Ctx
from .forbidden import check_not_forbidden
from .translation import check_korean_names

PLACEHOLDERS = {"county", "town", "village"}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


REQUIRED = {
    CatalogKind.CERTIFICATES: ("issuer", "requester", "purpose", "procedure", "deadline", "form", "basis"),
    CatalogKind.FORBIDDEN: ("national_seq",),
    CatalogKind.WORK_AFFAIRS: ("category",),
    CatalogKind.SIGNBOARDS: (
        "name_ko",
        "org_type",
        "placement",
        "orientation",
        "colour",
        "size_mm",
        "pattern",
        "pattern_ko",
    ),
}
LABELS = {
    "issuer": "出具主体",
    "requester": "要求出具的单位",
    "purpose": "办理用途",
    "procedure": "办理流程",
    "deadline": "办结时限",
    "form": "证明式样",
    "basis": "设定依据（法律法规或国务院决定等）",
    "national_seq": "清单序号",
    "category": "事务类别（duty | assist | excluded）",
    "name_ko": "朝鲜文名称",
    "org_type": "所属组织或场所",
    "placement": "悬挂位置",
    "orientation": "竖牌或横牌",
    "colour": "字色",
    "size_mm": "尺寸",
    "pattern": "中文牌名模板",
    "pattern_ko": "朝鲜文牌名模板",
    "department": "提出要求的部门",
    "role": "村级组织承担的工作",
    "keywords": "识别关键词",
}


def _missing(item: Item, name: str) -> bool:
    value = getattr(item, name)
    return value is None or value == ()


def check_required(ctx: Ctx) -> None:
    """Fields every item of this kind needs once adoption is resolved (rule 6 for basis)."""
    for item in ctx.edition.items:
        for name in REQUIRED[ctx.edition.catalog]:
            if _missing(item, name):
                why = "保留的证明事项必须有法律法规或国务院决定等依据" if name == "basis" else "该类目录每个事项都需要"
                ctx.error(ctx.item_parts(item.id, name), f"缺少{LABELS[name]}（期望写明，实际没有；{why}）")


def check_forbidden_list(ctx: Ctx) -> None:
    seqs = Counter(i.national_seq for i in ctx.edition.items if i.national_seq is not None)
    for item in ctx.edition.items:
        if item.national_seq is not None and seqs[item.national_seq] > 1:
            ctx.error(
                ctx.item_parts(item.id, "national_seq"), f"清单序号 {item.national_seq} 重复（每个序号只能对应一项）"
            )
    _keep_all_guide_items(ctx, lambda i: True, "不应出具的证明事项清单是国家规定，县市不得删减")


def _keep_all_guide_items(ctx: Ctx, which: Callable[[Item], bool], why: str) -> None:
    guide = ctx.guide
    if ctx.region.level is not Level.COUNTY or guide is None:
        return
    adopted = {i.adopts for i in ctx.edition.items}
    for g in guide.items:
        if which(g) and g.id not in adopted:
            ctx.error(("items",), f"缺少州级事项 {g.id}“{g.name}”（期望用 adopts: {g.id} 采用；{why}）")


def check_work_affairs(ctx: Ctx) -> None:
    """Rule 9: what villages must never be responsible for stays excluded and unassigned."""
    guide_items = ctx.guide.items if ctx.guide else ()
    excluded = [i for i in (*ctx.edition.items, *guide_items) if i.category == "excluded"]
    for item in ctx.edition.items:
        if item.category == "assist":
            for name in ("department", "role"):
                if _missing(item, name):
                    ctx.error(
                        ctx.item_parts(item.id, name),
                        f"协助事项缺少{LABELS[name]}（期望写明，实际没有；协助事项须说明由哪个部门提出、村里只做哪些工作）",
                    )
        elif item.category == "excluded":
            for name in ("department", "role", "funding"):
                if not _missing(item, name):
                    ctx.error(
                        ctx.item_parts(item.id, name),
                        f"不应由村级组织承担的事项不能指派给村级组织（期望不写 {name}，实际写了）",
                    )
            if not item.keywords:
                ctx.error(
                    ctx.item_parts(item.id, "keywords"),
                    "不应承担的事项缺少识别关键词（期望如 [行政执法, 执法]，实际没有）",
                )
        elif item.category == "duty":
            for ex in excluded:
                word = next((k for k in ex.keywords if k in item.name), None)
                if word:
                    ctx.error(
                        ctx.item_parts(item.id, "category"),
                        f"“{item.name}”涉及“{word}”，不得列为村级组织依法履行职责的事项（{ex.id}“{ex.name}”：村级组织不作为其责任主体；"
                        f"如只是协助，请改为 category: assist 并写明 role）",
                    )
                    break
    _keep_all_guide_items(ctx, lambda i: i.category == "excluded", "不应由村级组织承担的事项县市不得删去")


def check_signboards(ctx: Ctx) -> None:
    """Rule 8: bilingual, Hangul, consistent placeholders, sensible size; orthography hints."""
    if ctx.region.level is Level.PREFECTURE and ctx.edition.bilingual_rule is None:
        ctx.error(
            ("bilingual_rule",), "州级机制牌子目录必须写明双语排列规则 bilingual_rule（横牌、竖牌的排列及其出处）"
        )
    if ctx.region.level is Level.COUNTY and ctx.edition.bilingual_rule is not None:
        ctx.error(("bilingual_rule",), "双语排列规则由州级目录规定，县市目录不能另写（请删除 bilingual_rule）")
    for item in ctx.edition.items:
        zh = set(PLACEHOLDER.findall(item.pattern or ""))
        ko = set(PLACEHOLDER.findall(item.pattern_ko or ""))
        for field, found in (("pattern", zh), ("pattern_ko", ko)):
            bad = found - PLACEHOLDERS
            if bad:
                ctx.error(
                    ctx.item_parts(item.id, field),
                    f"占位符无效（期望 {{county}} {{town}} {{village}}，实际有 {', '.join('{' + b + '}' for b in sorted(bad))}）",
                )
        if zh != ko and not (zh - PLACEHOLDERS or ko - PLACEHOLDERS):
            ctx.error(
                ctx.item_parts(item.id, "pattern_ko"),
                f"中朝文模板的占位符不一致（中文 {sorted(zh)}，朝鲜文 {sorted(ko)}；两种文字应包含相同的地名）",
            )
        if item.size_mm and item.orientation:
            w, h = item.size_mm
            if (item.orientation == "vertical") != (h > w):
                shape = "高大于宽" if item.orientation == "vertical" else "宽大于高"
                ctx.error(
                    ctx.item_parts(item.id, "size_mm"),
                    f"尺寸与牌子方向不符（{item.orientation} 牌应{shape}，实际宽 {w} 毫米、高 {h} 毫米）",
                )
        for field in ("name_ko", "pattern_ko"):
            text = getattr(item, field) or ""
            for wrong, right in orthography.hints(text):
                ctx.warn(ctx.item_parts(item.id, field), orthography.message(wrong, right))
        for field in ("name", "name_ko", "pattern", "pattern_ko"):
            text = getattr(item, field) or ""
            ch = script.undrawable(PLACEHOLDER.sub("", text))
            if ch:
                ctx.error(ctx.item_parts(item.id, field), script.message(text, ch))


KIND_RULES: dict[CatalogKind, tuple[Callable[[Ctx], None], ...]] = {
    CatalogKind.CERTIFICATES: (check_required, check_not_forbidden, check_korean_names),
    CatalogKind.FORBIDDEN: (check_required, check_forbidden_list, check_korean_names),
    CatalogKind.WORK_AFFAIRS: (check_required, check_work_affairs),
    CatalogKind.SIGNBOARDS: (check_required, check_signboards),
}
