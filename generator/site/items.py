"""Item pages: one per item ever listed, with its history; removed items keep a page (tombstone)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..catalog.answers import Answer, Outcome
from ..catalog.diff import FIELD_LABELS, ItemDiff, diff_items
from ..catalog.model import CatalogKind, Edition, Item, Level, Region, Status
from ..signboards.qr import qr_files
from . import urls
from .builder import Builder, Site
from .citation import item_citation
from .dated import Window, answer_windows, changing, timeline
from .pagetext import page_markdown, render_fragment
from .search import ALL, SearchDoc


def ledger(edition: Edition) -> tuple[dict[str, str], dict[str, str]]:
    reasons = {c.item: c.reason for c in edition.changes}
    replaced = {c.item: c.replaced_by for c in edition.changes if c.replaced_by}
    return reasons, replaced


@dataclass(frozen=True)
class HistoryRow:
    edition: Edition
    label: str
    fields: tuple[str, ...] = ()
    reason: str = ""


def _item_history(
    item_id: str, history: tuple[Edition, ...]
) -> tuple[list[HistoryRow], dict[str, object] | None, list[str]]:
    rows: list[HistoryRow] = []
    removal = None
    names: list[str] = []
    for i, edition in enumerate(history):
        reasons, replaced = ledger(edition)
        if i == 0:
            if edition.item(item_id):
                rows.append(HistoryRow(edition, "列入（首版）"))
            continue
        diff: ItemDiff | None = next(
            (d for d in diff_items(history[i - 1].items, edition.items) if d.item_id == item_id), None
        )
        if diff is None:
            continue
        rows.append(HistoryRow(edition, diff.action.label, diff.field_labels, reasons.get(item_id, "")))
        if diff.old and diff.new and diff.new.name != diff.old.name and diff.old.name not in names:
            names.append(diff.old.name)
        if diff.new is None:
            removal = {"edition": edition, "reason": reasons.get(item_id, ""), "replaced_by": replaced.get(item_id)}
        elif removal is not None:
            removal = None
    return rows, removal, names


@dataclass(frozen=True)
class ItemState:
    """Where an item stands on a day: "current" (listed in `edition`, the one in force), "removed"
    (taken off by `edition`) or "upcoming" (first listed by `edition`, not yet in force)."""

    state: str
    edition: Edition
    reason: str = ""  # removed: why
    replaced_by: str | None = None  # removed: the item that took its place


def _state_on(item_id: str, history: tuple[Edition, ...], day: datetime.date) -> ItemState:
    in_force = [e for e in history if e.effective <= day]
    if in_force and in_force[-1].item(item_id):
        return ItemState("current", in_force[-1])
    listed = [n for n, e in enumerate(in_force) if e.item(item_id)]
    if listed:
        removal = history[listed[-1] + 1]
        reasons, replaced = ledger(removal)
        return ItemState("removed", removal, reasons.get(item_id, ""), replaced.get(item_id))
    return ItemState("upcoming", next(e for e in history if e.item(item_id)))


def item_windows(item_id: str, history: tuple[Edition, ...], today: datetime.date) -> list[Window[ItemState]]:
    """The item's standing on the build day and from each later edition's date on, while it changes."""
    return changing(
        lambda day: _state_on(item_id, history, day), today, [e.effective for e in history if e.effective > today]
    )


def item_pages(
    b: Builder, site: Site, region: Region, kind: CatalogKind, history: tuple[Edition, ...], current: Edition | None
) -> None:
    ids: dict[str, None] = {}
    for edition in history:
        ids.update(dict.fromkeys(i.id for i in edition.items))
    for item_id in ids:
        rows, removal, former = _item_history(item_id, history)
        present = [e for e in history if e.item(item_id)]
        in_current = current is not None and current.item(item_id) is not None
        if in_current:
            state, shown_in = "current", current
        elif present[0].effective > b.today:
            state, shown_in = "upcoming", present[0]
        else:
            state, shown_in = "removed", [e for e in present if e.effective <= b.today][-1]
        item: Item = shown_in.item(item_id)
        if state == "removed" and removal is None:
            removal = {"edition": shown_in, "reason": "", "replaced_by": None}
        guide = b.catalogs.edition(shown_in.based_on) if shown_in.based_on else None
        guide_item = guide.item(item.adopts) if guide and item.adopts else None
        uri = urls.item_uri(region.slug, kind, item_id)
        answer = b.answers.get((region.slug, item_id))
        found = answer_windows(answer) if answer else []
        body = b.render(
            "item.html",
            uri,
            region=region,
            kind=kind,
            item=item,
            state=state,
            shown_in=shown_in,
            removal=removal,
            standing=item_windows(item_id, history, b.today),
            answers=found,
            answer_line=timeline(found) if len(found) > 1 else "",
            history=rows,
            former_names=former,
            guide_item=guide_item,
            guide_region=guide.region if guide else "",
            overrides=[FIELD_LABELS.get(o, o) for o in item.overrides],
            permalink=b.site_url + urls.id_uri(item_id),
            answer=answer,
            next_edition=next((e for e in history if e.effective > b.today), None) if state == "current" else None,
            citation=item_citation(shown_in, item, b.site_url + urls.id_uri(item_id), preview=b.preview),
        )
        gone = "（已不再保留）" if kind is CatalogKind.CERTIFICATES else "（已取消）"
        title = f"{item.name} · {region.name}{kind.short_label}" + (gone if state == "removed" else "")
        site.add(uri, page_markdown(title, body))
        svg, png = qr_files(
            b.site_url + urls.id_uri(item_id), preview=b.preview
        )  # for notices: the permanent link (a preview says so)
        site.add(uri + "qr.svg", svg, markdown=False)
        site.add(uri + "qr.png", png, markdown=False)
        site.add(
            urls.id_uri(item_id) + "index.html",
            render_fragment(
                "redirect.html",
                urls.id_uri(item_id),
                title=f"{item_id} {item.name}",
                target=urls.relative(urls.id_uri(item_id), uri),
            ),
            markdown=False,
        )
        if state == "current" or (answer and answer.outcome is Outcome.REMOVED):
            site.search.append(_search_doc(uri, item, shown_in, region, kind, answer, tuple(former)))


def _search_doc(
    uri: str,
    item: Item,
    edition: Edition,
    region: Region,
    kind: CatalogKind,
    answer: Answer | None,
    former: tuple[str, ...] = (),
) -> SearchDoc:
    """The outcome in the result itself (可以开具 / 不能开具 / 已不再保留), and 示例 on example data; found
    by every name the item has had (`former`: renamed across editions) and the common names for it."""
    if answer is not None:
        verdict, plain = answer.outcome.label, answer.outcome.plain
    elif kind is CatalogKind.FORBIDDEN:
        verdict, plain = Outcome.FORBIDDEN.label, Outcome.FORBIDDEN.plain
    elif kind is CatalogKind.CERTIFICATES:
        verdict, plain = "州级指导目录", "各县（市）是否保留，以本县（市）清单为准"
    else:
        verdict, plain = "", kind.short_label
    example = item.status is Status.EXAMPLE or edition.status is Status.EXAMPLE
    title = " · ".join(x for x in (item.name, region.name, verdict, "示例" if example else "") if x)
    names = (item.name, *item.aliases, *item.variants, *former, *(n.name for n in (answer.names if answer else ())))
    return SearchDoc(
        uri,
        title,
        f"{region.name}{kind.short_label}：{plain}。{item.id}",
        tuple(dict.fromkeys(names)),
        tuple(k for k in (item.name_ko, item.pattern_ko) if k),
        region.slug if region.level is Level.COUNTY else ALL,
    )
