"""The whole public site as in-memory pages, from validated catalogs (no MkDocs here).

`build_pages` returns every page the URL scheme promises: the regions, the edition in force,
every frozen edition, change logs, item pages (with tombstones for removed items), the `/id/`
resolver; and, from sitepages.py, home, open data, the site-wide change log and feeds, the
certificate matrix, the filing status and the signboard gallery.
"""

from __future__ import annotations

import datetime
import itertools
import re

from ..build.parallel import Batch
from ..catalog.answers import answers_by_item
from ..catalog.conformance import conformance
from ..catalog.diff import diff_items, item_texts
from ..catalog.model import CatalogKind, Catalogs, Edition, Level, Region
from ..catalog.status import catalog_status
from ..signboards import qr
from ..signboards.qr import qr_data_uri, qr_files
from . import pagememo, sitepages, urls
from .address import mark_preview
from .builder import Builder, Site
from .cancelled import cancelled_pages
from .citation import edition_citation
from .dated import Window, catalog_windows, edition_windows
from .editionxlsx import prefetch_workbooks
from .escape import json_text
from .i18n import window_text
from .items import item_pages, ledger
from .messages import text
from .opendata import data_uri, open_data_files
from .pagetext import as_markup, page_markdown
from .retired import retired_pages, scan_files
from .search import ALL, SearchDoc
from .twin import KoreanSite
from .twin import handwritten as twin_handwritten


def build_pages(
    catalogs: Catalogs,
    today: datetime.date,
    site_url: str,
    preview: bool = False,
    background: bool = False,
    handwritten: list[str] | tuple[str, ...] = (),
    korean: bool = True,
) -> Site:
    """`background`: QR codes, workbooks and plaques not in the build cache may be made by forked
    workers, their files' content a maker to call when they are written (parallel.py, plugin.py).
    `handwritten`: the hand-written pages (content/*.md), whose Korean twins are a summary (twin.py);
    `korean` False: no Korean twin (settings.languages "zh")."""
    from .gallery import plaque_sets, prefetch

    b = Builder(
        catalogs,
        today,
        site_url if site_url.endswith("/") else site_url + "/",
        answers_by_item(catalogs, today),
        preview,
        korean_twin=korean,
    )
    site = Site(batch=Batch(wanted=background))
    # the slow part of a first build (what the build cache does not hold yet), made by workers while
    # the pages are made and rendered; their files are written last (parallel.py, plugin.py)
    qr.prefetch(itertools.chain(_qr_addresses(b), _qr_addresses(b.korean()) if korean else ()), site.batch)
    prefetch_workbooks(
        [e for r in catalogs.regions_in_order() for k in CatalogKind for e in catalogs.history(r.slug, k)], site.batch
    )
    sets = plaque_sets(catalogs, today)
    prefetch(sets, site.batch)
    site.batch.start()
    # pages remembered from a build whose files workers made hold that build's makers, not bytes:
    # a later build in the same process (tests; `mkdocs serve` never forks) must not reuse them
    forked = ":forked" if site.batch.forks else ""
    # what both languages' page memos are keyed on, worked out once (the Korean pass only adds ":ko")
    shared = pagememo.shared_inputs(b) + forked
    owns = {
        r.slug: pagememo.inputs_digest(tuple(catalogs.history(r.slug, k) for k in CatalogKind))
        for r in catalogs.regions.values()
    }
    _pages(b, site, sets, (shared, owns))
    opendata = open_data_files(catalogs, today, b.site_url)
    for uri, data in mark_preview(opendata) if preview else opendata:  # a preview's data files say so
        site.add(uri, data, markdown=False)
    if not korean:
        return site
    _pages(b.korean(), KoreanSite(site), sets, (shared + ":ko", owns))  # the Korean twin below /ko/ (twin.py)
    for uri, page in twin_handwritten(handwritten):
        site.add(uri, page)
    return site


def _pages(b: Builder, site: Site, sets: list, inputs: tuple[str, dict[str, str]]) -> None:
    """Every page, in the builder's language (and the files only the Chinese pass writes, twin.py).
    `inputs`: the digest of what every region shares, and each region's own (all of the region's
    catalogs, not only the one built: a county's forbidden-list answers name the exceptions its
    certificates list declares, overlaps_forbidden)."""
    catalogs = b.catalogs
    sitepages.home(b, site)
    shared, owns = inputs
    live_ids = {i.id for e in catalogs.all_editions() for i in e.items}
    for region in catalogs.regions.values():
        own = owns[region.slug]
        _region_remembered(b, site, region, (shared, own))
        for kind in CatalogKind:
            history = catalogs.history(region.slug, kind)
            if history:
                _catalog_remembered(b, site, region, kind, history, (shared, own))
            retired_pages(b, site, region, kind, live_ids)
    if not b.twin:
        scan_files(b, site)
    cancelled_pages(b, site)  # each county's 取消清单
    sitepages.site_changes(b, site)
    sitepages.data(b, site)
    sitepages.matrix(b, site)
    sitepages.status(b, site)
    sitepages.gallery(b, site, shared, sets)


def _qr_addresses(b: Builder):
    """Every address _catalog and item_pages make a QR code for: editions, and items' permanent links."""
    for region in b.catalogs.regions.values():
        for kind in CatalogKind:
            for edition in b.catalogs.history(region.slug, kind):
                yield b.site_url + urls.edition_uri(region.slug, kind, edition.effective)
                yield from (b.site_url + urls.id_uri(item.id) for item in edition.items)


def _region(b: Builder, site: Site, region: Region) -> None:
    rows, has_example = [], False
    for kind in CatalogKind:
        current = b.catalogs.in_force(region.slug, kind, b.today)
        upcoming = b.catalogs.upcoming(region.slug, kind, b.today)
        if current is None and not upcoming:
            continue
        has_example |= any(e.has_example_content for e in (current, *upcoming) if e)
        conf = conformance(b.catalogs, current) if current and current.based_on else None
        rows.append(
            {
                "kind": kind,
                "current": current,
                "upcoming": upcoming,
                "conformance": conf,
                "standing": catalog_windows(b.catalogs, b.today, region.slug, kind),
            }
        )
    uri = urls.region_uri(region.slug)
    parent = b.catalogs.regions.get(region.parent or "")
    counties = [r for r in b.catalogs.counties() if r.parent == region.slug]
    status_rows = (
        [catalog_status(b.catalogs, region, kind, b.today) for kind in CatalogKind]
        if region.level is Level.COUNTY
        else []
    )
    body = b.render(
        "region.html",
        uri,
        region=region,
        parent=parent,
        catalogs=rows,
        counties=counties,
        has_example=has_example,
        status_rows=status_rows,
        milestones=b.catalogs.milestones,
    )
    site.add(uri, page_markdown(f"{region.name}村级组织目录", body))
    site.search.append(
        SearchDoc(
            uri,
            f"{region.name}村级组织目录",
            f"{region.name} {region.name_ko} 四类目录",
            (region.name,),
            (region.name_ko,),
            region.slug if region.level is Level.COUNTY else ALL,
        )
    )


def _edition_page(
    b: Builder, region: Region, edition: Edition, history: tuple[Edition, ...], uri: str, mode: str
) -> str:
    current = b.catalogs.in_force(region.slug, edition.catalog, b.today)
    later = [e for e in history if e.effective > edition.effective]
    successor = next((e for e in later if e.effective <= b.today), None)
    upcoming = [e for e in later if e.effective > b.today] if mode in ("current", "in_force") else []
    guide = b.catalogs.edition(edition.based_on) if edition.based_on else None
    print_url = b.site_url + urls.edition_uri(region.slug, edition.catalog, edition.effective)
    index = uri == urls.catalog_uri(region.slug, edition.catalog)
    after = later[0] if later else None  # the list on this page holds until the next edition's date
    valid = Window(edition.effective, after.effective if after else None, edition)
    body = b.render(
        "edition.html",
        uri,
        region=region,
        edition=edition,
        mode=mode,
        successor=successor,
        current=current,
        standing=edition_windows(b.catalogs, b.today, edition, history, index),
        index=index,
        valid_when="" if after is None and edition.effective <= b.today else window_text(b.lang, valid),
        upcoming=upcoming,
        guide=guide,
        history=history,
        print_url=print_url,
        qr_uri=qr_data_uri(print_url),
        print_label="\n".join([text("print.scan", b.lang), *address_lines(print_url)]),
        citation=edition_citation(edition, print_url, preview=b.preview),
        data_uri=data_uri,
    )
    return page_markdown(f"{edition.title}（{edition.effective}）" if mode != "current" else edition.title, body)


def address_lines(url: str, width: int = 30) -> list[str]:
    """The address for a page margin, broken after "/" into lines of at most `width` characters
    (a margin box neither wraps a long address nor shows what overflows)."""
    scheme, _, rest = url.partition("://")
    parts = re.findall(r"[^/]+/?", rest) or [""]
    parts[0] = f"{scheme}://{parts[0]}" if rest else scheme
    lines = [parts[0]]
    for part in parts[1:]:
        if len(lines[-1]) + len(part) > width:
            lines.append(part)
        else:
            lines[-1] += part
    return lines


def _region_remembered(b: Builder, site: Site, region: Region, inputs: tuple[str, str]) -> None:
    """The region's page, made again only when its catalogs or what every region shares changed."""

    def make() -> tuple[tuple, tuple]:
        own = Site()
        _region(b, own, region)
        return tuple(own.pages), tuple(own.search)

    pages, search = pagememo.remember(pagememo.PAGES, (inputs, region.slug, None), make)
    for page in pages:  # through add: the Korean twin's site puts them below ko/
        site.add(page.uri, page.content, page.markdown)
    site.search.extend(search)


def _catalog_remembered(
    b: Builder, site: Site, region: Region, kind: CatalogKind, history: tuple[Edition, ...], inputs: tuple[str, str]
) -> None:
    def make() -> tuple[tuple, tuple]:
        own = Site()
        _catalog(b, own, region, kind, history)
        return tuple(own.pages), tuple(own.search)

    pages, search = pagememo.remember(pagememo.PAGES, (inputs, region.slug, kind), make)
    for page in pages:  # through add: the Korean twin's site puts them below ko/
        site.add(page.uri, page.content, page.markdown)
    site.search.extend(search)


def _catalog(b: Builder, site: Site, region: Region, kind: CatalogKind, history: tuple[Edition, ...]) -> None:
    current = b.catalogs.in_force(region.slug, kind, b.today)
    index_uri = urls.catalog_uri(region.slug, kind)
    site.add(
        index_uri,
        _edition_page(b, region, current or history[0], history, index_uri, "current" if current else "upcoming"),
    )
    for edition in history:
        uri = urls.edition_uri(region.slug, kind, edition.effective)
        svg, png = qr_files(b.site_url + uri, preview=b.preview)
        site.add(uri + "qr.svg", svg, markdown=False)
        site.add(uri + "qr.png", png, markdown=False)
        if edition.effective > b.today:
            mode = "upcoming"
        elif edition is current:
            mode = "in_force"
        else:
            mode = "superseded"
        site.add(uri, _edition_page(b, region, edition, history, uri, mode))
    _changes(b, site, region, kind, history)
    if len(history) > 1:
        _compare(b, site, region, kind, history)
    item_pages(b, site, region, kind, history, current)


def _changes(b: Builder, site: Site, region: Region, kind: CatalogKind, history: tuple[Edition, ...]) -> None:
    entries = []
    for i, edition in enumerate(history):
        reasons, replaced = ledger(edition)
        diffs = diff_items(history[i - 1].items, edition.items) if i else []
        entries.append({"edition": edition, "diffs": diffs, "reasons": reasons, "replaced": replaced})
    uri = urls.changes_uri(region.slug, kind)
    body = b.render(
        "changes.html",
        uri,
        region=region,
        kind=kind,
        entries=entries[::-1],
        has_example=any(e.has_example_content for e in history),
    )
    site.add(uri, page_markdown(f"{region.name}{kind.label}调整记录", body))


def _compare(b: Builder, site: Site, region: Region, kind: CatalogKind, history: tuple[Edition, ...]) -> None:
    uri = urls.compare_uri(region.slug, kind)
    data = {
        "editions": [
            {
                "effective": e.effective.isoformat(),
                "items": {
                    i.id: {
                        "name": i.name,
                        "url": urls.relative(uri, urls.item_uri(region.slug, kind, i.id)),
                        "fields": item_texts(i),
                    }
                    for i in e.items
                },
            }
            for e in history
        ]
    }
    # JSON inside <script>: "<" escaped so no "</script>" in the data can end the element
    text = json_text(data, sort_keys=True)
    in_force = [i for i, e in enumerate(history, start=1) if e.effective <= b.today] or [1]
    to = in_force[-1]
    body = b.render(
        "compare.html",
        uri,
        region=region,
        kind=kind,
        history=history,
        editions_json=as_markup(text),
        default_from=max(1, to - 1),
        default_to=to,
        has_example=any(e.has_example_content for e in history),
    )
    site.add(uri, page_markdown(f"{region.name}{kind.label}：比较两个版本", body))
