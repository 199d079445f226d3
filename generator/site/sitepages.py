"""The pages about the whole prefecture: home, open data, the site-wide change log and feeds, the
certificate matrix, the filing status and the signboard gallery (pages.py makes the regions' pages)."""

from __future__ import annotations

from collections import Counter

from ..catalog.conformance import certificate_matrix
from ..catalog.diff import diff_items
from ..catalog.model import CatalogKind, Level
from ..catalog.status import county_statuses
from . import urls
from .builder import Builder, PlaqueRenderError, Site
from .citation import timetable
from .opendata import INDEX, SCHEMA, data_uri
from .pagememo import GALLERY_SETS, remember
from .pagetext import as_markup, page_markdown
from .statuspage import edition_label, live_rows, status_json, timeline_editions, timeline_svg

MARKS = {"adopted": "✔", "changed": "✎", "local": "★", "no": "—"}


def home(b: Builder, site: Site) -> None:
    editions = sorted(b.catalogs.all_editions(), key=lambda e: (e.effective, e.region, e.catalog.value), reverse=True)
    body = b.render(
        "home.html", "", regions=b.catalogs.regions_in_order(), counties=b.catalogs.counties(), latest=editions[:12]
    )
    site.add(
        "",
        page_markdown(
            "延边州村级组织目录公开查询",
            body,
            search=True,
            description="延边州及各县（市）村级组织工作事务、机制牌子、证明事项目录",
        ),
    )


def data(b: Builder, site: Site) -> None:
    catalogs = b.catalogs
    body = b.render(
        "data.html",
        urls.DATA,
        rows=[
            (r, [(k, catalogs.history(r.slug, k)) for k in CatalogKind if catalogs.history(r.slug, k)])
            for r in catalogs.regions_in_order()
        ],
        data_uri=data_uri,
        index=INDEX,
        schema=SCHEMA,
    )
    site.add(urls.DATA, page_markdown("开放数据：目录的 JSON、CSV 和 Excel 文件", body))


def site_changes(b: Builder, site: Site) -> None:
    from .feed import feeds

    rows = []
    for (_region, _kind), history in b.catalogs.editions.items():
        for i, edition in enumerate(history):
            counts = (
                Counter(d.action.label for d in diff_items(history[i - 1].items, edition.items)) if i else Counter()
            )
            rows.append({"edition": edition, "counts": sorted(counts.items())})
    rows.sort(key=lambda r: (r["edition"].effective, r["edition"].region, r["edition"].catalog.value), reverse=True)
    body = b.render(
        "site_changes.html",
        urls.SITE_CHANGES,
        rows=rows,
        has_example=any(r["edition"].has_example_content for r in rows),
    )
    site.add(urls.SITE_CHANGES, page_markdown("全州目录调整记录", body))
    if not b.twin:  # the feeds are shared by both languages (twin.py)
        for uri, text in feeds(b.catalogs, b.site_url, b.today, b.preview):
            site.add(uri, text, markdown=False)


def matrix(b: Builder, site: Site) -> None:
    counties, rows = certificate_matrix(b.catalogs, b.today)
    prefecture = next(r for r in b.catalogs.regions.values() if r.level is Level.PREFECTURE)
    body = b.render("matrix.html", urls.MATRIX, counties=counties, rows=rows, marks=MARKS, guide_region=prefecture.slug)
    site.add(urls.MATRIX, page_markdown("各县（市）保留的证明事项对照表", body, search=True))


def status(b: Builder, site: Site) -> None:
    rows = county_statuses(b.catalogs, b.today)
    editions = [(e, edition_label(b.catalogs, e, b.today)) for e in timeline_editions(b.catalogs)]
    problems = [(s, f) for s in rows for f in s.problems]
    body = b.render(
        "status.html",
        urls.STATUS,
        rows=rows,
        editions=editions,
        problems=problems,
        milestones=b.catalogs.milestones,
        live=live_rows(b.catalogs),
        kinds=list(CatalogKind),
        timetable=timetable(),
        timeline=as_markup(timeline_svg(b.catalogs, b.today)),
        has_example=any(s.example for s in rows),
    )
    site.add(urls.STATUS, page_markdown("各县（市）目录备案与调整情况", body))
    if not b.twin:  # one data file for both languages
        site.add(urls.STATUS_JSON, status_json(b.catalogs, rows, b.today), markdown=False)


def gallery(b: Builder, site: Site, shared: str, sets: list) -> None:
    from ..signboards import FontNotFoundError, MissingGlyphError
    from .gallery import render_files, rule_for

    rows = []
    for s in sets:
        if s.village is None:
            rows.append((s.region, s, [v for v in sets if v.region == s.region and v.village is not None]))

        def make(s=s) -> tuple[str, tuple]:  # noqa: ANN001 (bound now: the loop moves on)
            try:
                files = [] if b.twin else render_files(s)  # the Korean pages show the Chinese pass's files
            except (MissingGlyphError, FontNotFoundError, ValueError) as exc:
                raise PlaqueRenderError(f"机制牌子样式生成失败（{s.title}）：{exc}") from None
            body = b.render("gallery_set.html", s.uri, s=s)
            return page_markdown(s.title, body, search=s.village is None), tuple(files)

        page, files = remember(GALLERY_SETS, (shared, s), make)
        site.add(s.uri, page)
        for uri, content in files:
            site.add(uri, content, markdown=False)
    rule = rule_for(b.catalogs, sets[0].edition) if sets else None
    body = b.render("gallery_index.html", urls.SIGNBOARDS, rows=rows, rule=rule)
    site.add(urls.SIGNBOARDS, page_markdown("村级组织机制牌子样式图库", body, search=True))
