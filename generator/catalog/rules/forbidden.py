"""Rule 5: a retained certificate is never one that villages must not issue (民发〔2020〕20号)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..concepts import same_concept
from ..model import CatalogKind, CommonName, Edition, Item
from .context import Ctx


def _forbidden_lists(ctx: Ctx) -> list[Edition]:
    """Forbidden lists that bind this edition: the parent's, then the region's own, as in force then."""
    out = []
    for region in (ctx.region.parent, ctx.region.slug):  # a fixed order: messages must be deterministic
        if region is None:
            continue
        history = ctx.catalogs.history(region, CatalogKind.FORBIDDEN)
        in_force = [e for e in history if e.effective <= ctx.edition.effective]
        if in_force or history:
            out.append((in_force or list(history))[-1])
    return out


@dataclass(frozen=True)
class ForbiddenName:
    """One name under which a forbidden certificate is known, with how to cite the item."""

    text: str
    seq: int
    name: str  # the item's name on the list
    via: str  # how `text` relates to the item, for messages: "" | 中的“户籍证明” | （常用叫法“单身证明”）
    cite: str  # 第 8 项“婚姻状况证明（婚姻关系证明、分居证明）”
    where: str  # the list's edition and document


def forbidden_names(
    lists: list[Edition], common: Iterable[CommonName]
) -> tuple[dict[str, ForbiddenName], list[ForbiddenName]]:
    """(ids and adopted ids -> item, every name) of the binding lists, including the common-names table."""
    by_id: dict[str, ForbiddenName] = {}
    names: list[ForbiddenName] = []
    common = tuple(common)
    for edition in lists:
        where = f"{edition.key}，民发〔2020〕20号"
        for f in edition.items:
            if f.national_seq is None:
                continue
            cite = f"第 {f.national_seq} 项“{f.name}{'（' + '、'.join(f.variants) + '）' if f.variants else ''}”"
            keys = {k for k in (f.id, f.adopts) if k}
            for key in keys:
                by_id.setdefault(key, ForbiddenName(f.name, f.national_seq, f.name, "", cite, where))
            names.append(ForbiddenName(f.name, f.national_seq, f.name, "", cite, where))
            names += [
                ForbiddenName(n, f.national_seq, f.name, f"中的“{n}”", cite, where) for n in (*f.variants, *f.aliases)
            ]
            names += [
                ForbiddenName(n.name, f.national_seq, f.name, f"（常用叫法“{n.name}”）", cite, where)
                for n in common
                if n.means in keys
            ]
    return by_id, names


def _names(item: Item) -> Iterable[tuple[str, str]]:
    """(field, text) pairs under which people know a certificate."""
    yield "name", item.name
    for alias in item.aliases:
        yield "aliases", alias


def check_not_forbidden(ctx: Ctx) -> None:
    """Rule 5: no retained certificate is a forbidden one, by id, name, alias, variant or common name.

    Same concept, not same spelling (concepts.py): a qualifier （户口登记用）, another word order or a
    colloquial name from the prefecture's table does not get a forbidden certificate through. Where a
    law really requires the village to certify something that overlaps a forbidden item, the item
    declares it (overlaps_forbidden: the item, the law, an explanation); silent overlap is an error.
    """
    by_id, names = forbidden_names(_forbidden_lists(ctx), ctx.catalogs.names)
    seqs = {n.seq for n in names}
    for item in ctx.edition.items:
        hit = by_id.get(item.id) or by_id.get(item.adopts or "")
        if hit:
            ctx.error(
                ctx.item_parts(item.id, "adopts" if item.adopts in by_id else "id"),
                f"保留清单不得包含不应出具的证明事项（与{hit.cite}相同（{hit.where}）；请删除此事项）",
            )
            continue
        declared = {o.seq for o in item.overlaps_forbidden}
        found: dict[int, tuple[str, str, ForbiddenName]] = {}
        for field, text in _names(item):
            for n in names:
                if n.seq not in found and same_concept(text, n.text):
                    found[n.seq] = (field, text, n)
        for seq, (field, text, n) in found.items():
            if seq in declared:
                continue
            ctx.error(
                ctx.item_parts(item.id, field),
                f"“{text}”与不应出具的证明事项{n.cite}{n.via}是同一类证明（{n.where}）。请从保留清单中删除此事项，并告知群众替代途径；"
                f"如果法律法规确实要求村级组织出具，请在此事项下写明 overlaps_forbidden（item: {seq}，basis: 法律条款，explanation: 说明）",
            )
        for i, overlap in enumerate(item.overlaps_forbidden):
            if overlap.seq not in seqs:
                ctx.error(
                    ctx.item_parts(item.id, "overlaps_forbidden", i, "item"),
                    f"不应出具清单中没有第 {overlap.seq} 项（期望 1–{max(seqs) if seqs else 20} 之间的清单序号）",
                )
            elif overlap.seq not in found:
                ctx.error(
                    ctx.item_parts(item.id, "overlaps_forbidden", i, "item"),
                    f"声明与第 {overlap.seq} 项重叠，但事项名称和其他叫法与该项无关（请核对序号，或删除这条声明）",
                )
