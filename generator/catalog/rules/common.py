"""Cross-file rules of the data contract (policy as code), generic to every catalog kind.

Each rule is one small function that reports through `Report`; kind-specific rules live in
`kinds.py`; the package runs them in order. Rule numbers refer to content/guide/catalog-format.md.
"""

from __future__ import annotations

from collections import Counter

from .. import orthography, script
from ..diff import diff_items
from ..fields import EXAMPLE_PREFIX, PLACEHOLDER
from ..model import Action, Catalogs, EditionKind, Level, Region, Status
from ..report import RawEdition, Report
from .context import Ctx, item_parts, predecessor_unknown
from .official import check_official_notice, official_on_example


def check_regions(catalogs: Catalogs, report: Report) -> None:
    prefixes = Counter(r.id_prefix for r in catalogs.regions.values())
    for region in catalogs.regions.values():
        if region.level is Level.COUNTY:
            parent = catalogs.regions.get(region.parent or "")
            if parent is None and region.parent in report.broken_regions:
                pass  # the parent's region.yaml has errors of its own
            elif parent is None or parent.level is not Level.PREFECTURE:
                report.add(
                    region.uri,
                    ("parent",),
                    f"上级地区无效（期望州级地区的文件夹名，如 yanbian，实际为“{region.parent or '（未填写）'}”）",
                )
        elif region.parent:
            report.add(region.uri, ("parent",), "州级地区不能有上级地区（请删除 parent）")
        if prefixes[region.id_prefix] > 1:
            report.add(
                region.uri, ("id_prefix",), f"编号前缀“{region.id_prefix}”与其他地区重复（每个地区的前缀必须不同）"
            )
        _place_names(region, report)
        town_slugs = Counter(t.slug for t in region.towns)
        for i, town in enumerate(region.towns):
            if town_slugs[town.slug] > 1:
                report.add(region.uri, ("towns", i, "slug"), f"乡镇网址名“{town.slug}”重复（同一县市内必须不同）")
            village_slugs = Counter(v.slug for v in town.villages)
            for j, village in enumerate(town.villages):
                if village_slugs[village.slug] > 1:
                    report.add(
                        region.uri,
                        ("towns", i, "villages", j, "slug"),
                        f"村网址名“{village.slug}”重复（同一乡镇内必须不同）",
                    )


def _place_names(region: Region, report: Report) -> None:
    """Names that go onto plaques: drawable by the plaque fonts; Korean in Yanbian orthography (hints)."""
    places: list[tuple[tuple[str | int, ...], str]] = [(("name",), region.name), (("name_ko",), region.name_ko)]
    for i, town in enumerate(region.towns):
        places += [(("towns", i, "name"), town.name), (("towns", i, "name_ko"), town.name_ko)]
        for j, v in enumerate(town.villages):
            places += [
                (("towns", i, "villages", j, "name"), v.name),
                (("towns", i, "villages", j, "name_ko"), v.name_ko),
            ]
    for parts, text in places:
        ch = script.undrawable(text)
        if ch:
            report.add(region.uri, parts, script.message(text, ch))
        if parts[-1] == "name_ko":
            for wrong, right in orthography.hints(text):
                report.warn(region.uri, parts, orthography.message(wrong, right))


def check_edition_kind(ctx: Ctx) -> None:
    if predecessor_unknown(ctx):
        return
    kind, has_changes = ctx.edition.kind, "changes" in ctx.raw.data
    if ctx.previous is None:
        if kind is not EditionKind.INITIAL:
            ctx.error(("kind",), f"首个版本应为 initial（期望 initial，实际为 {kind.value}；这是该目录的第一个版本）")
        if has_changes:
            ctx.error(("changes",), "首个版本不应有变化记录（期望没有 changes，实际有；首版没有可比较的上一版）")
        return
    if kind is EditionKind.INITIAL:
        ctx.error(
            ("kind",),
            f"不是首个版本（期望 amendment 或 correction，实际为 initial；上一版是 {ctx.previous.effective}）",
        )
    if not has_changes:
        ctx.error(
            ("changes",), f"缺少变化记录（期望逐条写明与上一版 {ctx.previous.effective} 相比的变化，实际没有 changes）"
        )


def check_document(ctx: Ctx) -> None:
    e = ctx.edition
    if e.document is None:
        if e.kind is not EditionKind.CORRECTION:
            ctx.error(
                ("document",), "缺少印发文件（期望写明 document：文号、标题、印发机关、日期；只有勘误版可以省略）"
            )
    else:
        for name, label in (("number", "文号"), ("title", "标题"), ("issuer", "印发机关")):
            value = getattr(e.document, name)
            if PLACEHOLDER in value:
                ctx.error(
                    ("document", name),
                    f"尚未填写（期望印发文件的真实{label}，实际为 new-edition 留下的占位文字“{value}”）",
                )
        example_number = e.document.number.startswith(EXAMPLE_PREFIX)
        if e.status is Status.EXAMPLE and not example_number and not e.document.url:
            ctx.error(
                ("document", "number"),
                f"示例版本的文号必须以“{EXAMPLE_PREFIX}”开头，或写明公开文件的网址 url（实际为“{e.document.number}”，没有网址；防止虚构文号被误认为真实文号）"
                "（如果这是真实印发的文件：把 status 改为 official，并写明公开网址 url 或扫描件 source）",
            )
        if e.status is Status.OFFICIAL and example_number:
            ctx.error(
                ("document", "number"), "正式版本的文号不能标“（示例）”（请填写真实文号，或把 status 改为 example）"
            )
        if e.document.date > e.effective:
            ctx.warn(
                ("document", "date"), f"印发日期晚于生效日期（印发 {e.document.date}，生效 {e.effective}；请核对）"
            )
    if e.status is Status.OFFICIAL:
        check_official_notice(ctx)
    county = ctx.region.level is Level.COUNTY
    if e.filing is not None:
        if not county:
            ctx.error(("filing",), "州级目录不需要备案信息（请删除 filing）")
        elif e.document and e.filing.date < e.document.date:
            ctx.error(
                ("filing", "date"), f"备案日期早于印发日期（印发 {e.document.date}，备案 {e.filing.date}；请核对）"
            )
    elif county and e.kind is not EditionKind.CORRECTION:
        ctx.warn(("filing",), "没有备案信息（目录应向州民政局、州委组织部、州委农办备案；备案后请补充 filing）")


def check_based_on(ctx: Ctx) -> None:
    e = ctx.edition
    if ctx.region.level is Level.PREFECTURE:
        if e.based_on:
            ctx.error(("based_on",), "州级目录不依据其他版本（请删除 based_on）")
        return
    if not e.based_on:
        ctx.error(
            ("based_on",), f"缺少依据的州级版本（期望如 {ctx.region.parent}/{e.catalog.value}/2023-09-28，实际没有）"
        )
        return
    expected_prefix = f"{ctx.region.parent}/{e.catalog.value}/"
    guide = ctx.guide
    if not e.based_on.startswith(expected_prefix) or guide is None:
        known = ", ".join(x.key for x in ctx.catalogs.history(ctx.region.parent or "", e.catalog)) or "（无）"
        ctx.error(("based_on",), f"找不到所依据的州级版本（期望 {known} 之一，实际为“{e.based_on}”）")
    elif guide.effective > e.effective:
        ctx.error(
            ("based_on",),
            f"依据的州级版本尚未生效（州级版本 {guide.effective} 生效，本版本 {e.effective} 生效；请依据已生效的版本）",
        )


def check_adoption(ctx: Ctx) -> None:
    guide = ctx.guide
    seen: dict[str, str] = {}
    for raw in ctx.raw.data["items"]:
        adopts = raw.get("adopts")
        if adopts is None:
            continue
        parts = ctx.item_parts(raw["id"], "adopts")
        if ctx.region.level is Level.PREFECTURE:
            ctx.error(parts, "州级目录的事项不能写 adopts（adopts 用于县市采用州级事项）")
        elif guide is not None and guide.item(adopts) is None:
            ctx.error(
                parts, f"所采用的州级事项不存在（期望 {guide.key} 中的编号，如 {guide.items[0].id}，实际为“{adopts}”）"
            )
        elif guide is not None and official_on_example(ctx, raw, guide.item(adopts)):
            item = guide.item(adopts)
            ctx.error(
                parts,
                f"正式目录不能采用示例事项：{adopts}“{item.name}”是州级指导目录 {guide.key} 中的示例数据，不是正式印发的内容"
                f"（两种办法：① 删除 adopts: {adopts}，按本县（市）正式文件把这一事项完整写出（名称、设定依据等各项）；"
                "② 等州级正式指导目录发布后，依据它（based_on）再采用）",
            )
        elif adopts in seen:
            ctx.error(parts, f"同一州级事项被采用两次（{seen[adopts]} 已采用 {adopts}；请删除其中一项）")
        seen.setdefault(adopts, raw["id"])


def check_ids(ctx: Ctx) -> None:
    counts = Counter(raw["id"] for raw in ctx.raw.data["items"])
    expected = f"{ctx.region.id_prefix}-{ctx.edition.catalog.code}-"
    for i, raw in enumerate(ctx.raw.data["items"]):
        item_id = raw["id"]
        if not item_id.startswith(expected):
            ctx.error(
                ("items", i, "id"), f"编号前缀不对（期望以“{expected}”开头，如 {expected}101，实际为“{item_id}”）"
            )
        if counts[item_id] > 1:
            ctx.error(("items", i, "id"), f"编号“{item_id}”在本版本中重复（同一版本中编号必须唯一）")
    removed_earlier = _removed_before(ctx)
    for item in ctx.edition.items:
        if item.id in removed_earlier:
            ctx.error(
                ctx.item_parts(item.id, "id"),
                f"编号“{item.id}”已在 {removed_earlier[item.id]} 版本中取消，不得再次使用（请使用新的编号）",
            )
        before = ctx.previous.item(item.id) if ctx.previous else None
        if before is not None and before.adopts != item.adopts:
            ctx.error(
                ctx.item_parts(item.id, "adopts"),
                f"编号“{item.id}”在 {ctx.previous.effective} 版中采用州级事项 {before.adopts or '（无）'}（“{before.name}”），"
                f"本版改为 {item.adopts or '（无）'}：一个编号只能指同一个事项（不同的证明请取消原编号、用新编号新增）",
            )


def _removed_before(ctx: Ctx) -> dict[str, str]:
    removed: dict[str, str] = {}
    prev = None
    for edition in ctx.catalogs.history(ctx.edition.region, ctx.edition.catalog):
        if edition is ctx.edition:
            break
        if prev is not None:
            gone = {i.id for i in prev.items} - {i.id for i in edition.items}
            removed.update({g: edition.effective.isoformat() for g in gone})
            for item in edition.items:
                removed.pop(item.id, None)
        prev = edition
    if ctx.previous:
        for item in ctx.previous.items:
            removed.pop(item.id, None)
    return removed


def check_official_sources(ctx: Ctx) -> None:
    for item in ctx.edition.items:
        if (
            item.status is Status.OFFICIAL
            and item.source is None
            and ctx.edition.source is None
            and ctx.edition.document is None
        ):
            ctx.error(
                ctx.item_parts(item.id, "status"),
                "正式事项必须写明出处（期望 source: {document: …} 或 {url: …}，或版本写明印发文件 document；实际都没有）",
            )


def check_ledger(ctx: Ctx) -> None:
    """Rule 4: `changes` matches the real difference from the previous edition, entry for entry."""
    if ctx.previous is None or predecessor_unknown(ctx) or {ctx.edition.key, ctx.previous.key} & ctx.report.partial:
        return  # one side could not be built completely: its own errors come first
    actual = {d.item_id: d for d in diff_items(ctx.previous.items, ctx.edition.items)}
    if not actual and ctx.edition.kind is not EditionKind.INITIAL:
        ctx.error(
            ("kind",),
            f"与上一版 {ctx.previous.effective} 相比没有任何变化（{ctx.edition.kind.label}版必须改动至少一个事项；"
            "没有变化就不需要发布新版本）",
        )
    entries = Counter(c.item for c in ctx.edition.changes)
    new_ids = {i.id for i in ctx.edition.items}
    for n, change in enumerate(ctx.edition.changes):
        parts = ("changes", n)
        if entries[change.item] > 1:
            ctx.error(
                parts + ("item",), f"事项 {change.item} 有多条变化记录（每个事项只写一条；既更名又修改时写 renamed）"
            )
        diff = actual.get(change.item)
        if diff is None:
            ctx.error(
                parts + ("item",),
                f"事项 {change.item} 与上一版 {ctx.previous.effective} 相比没有{change.action.label}（实际没有变化；请删除这条记录或核对编号）",
            )
        elif diff.action is not change.action:
            detail = f"，变化的字段：{'、'.join(diff.field_labels)}" if diff.fields else ""
            ctx.error(
                parts + ("action",),
                f"变化类型不对（期望 {diff.action.value}（{diff.action.label}{detail}），实际为 {change.action.value}）",
            )
        if change.replaced_by is not None:
            if change.action is not Action.REMOVED:
                ctx.error(parts + ("replaced_by",), "只有取消（removed）的事项才能写替代事项 replaced_by")
            elif change.replaced_by not in new_ids:
                ctx.error(parts + ("replaced_by",), f"替代事项 {change.replaced_by} 不在本版本中（期望本版本中的编号）")
        if ctx.edition.kind is EditionKind.CORRECTION and change.action in (Action.ADDED, Action.REMOVED):
            ctx.error(
                parts + ("action",),
                f"勘误版只能更正文字（期望 modified 或 renamed，实际为 {change.action.value}；新增或取消事项请发布调整版 amendment）",
            )
    for item_id, diff in actual.items():
        if entries[item_id]:
            continue
        parts = ctx.item_parts(item_id) if diff.action is not Action.REMOVED else ("changes",)
        detail = f"（变化的字段：{'、'.join(diff.field_labels)}）" if diff.fields else ""
        ctx.error(
            parts,
            f"缺少变化记录：事项 {item_id} 与上一版 {ctx.previous.effective} 相比{diff.action.label}了{detail}，但 changes 中没有记录"
            f"（请添加 - item: {item_id}, action: {diff.action.value}, reason: 调整理由）",
        )


def check_ids_across_catalogs(catalogs: Catalogs, raw_by_uri: dict[str, RawEdition], report: Report) -> None:
    """Rule 2: an id belongs to exactly one region and catalog, everywhere and forever."""
    owner: dict[str, str] = {}
    for (region, kind), history in catalogs.editions.items():
        for edition in history:
            for item in edition.items:
                home = f"{region}/{kind.value}"
                first = owner.setdefault(item.id, home)
                if first != home:
                    report.add(
                        edition.uri,
                        item_parts(raw_by_uri[edition.uri], item.id, "id"),
                        f"编号“{item.id}”已被 {first} 使用（编号全州唯一，请换一个编号）",
                    )
