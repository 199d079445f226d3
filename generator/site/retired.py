"""Pages of example data that an official edition retired (catalog/golive.py).

A published URL is a promise: every address an example edition had - the edition, its items, the
`/id/` links, the comparison page - keeps answering, with a notice that it was demonstration data,
replaced by the official edition (文号, date), and a link to it. Nothing here enters search, the
answers or the feeds: the retired notice is all that remains of the example data.
"""

from __future__ import annotations

from ..catalog.model import CatalogKind, Edition, Region
from ..signboards.qr import qr_files
from . import messages, urls
from .builder import Builder, Site
from .i18n import message, zh_value
from .pagetext import page_markdown, render_fragment


def retired_pages(b: Builder, site: Site, region: Region, kind: CatalogKind, live_ids: set[str]) -> None:
    """Notices at the addresses of `region`'s retired example editions of `kind` and of their items."""
    retired = b.catalogs.retired.get((region.slug, kind), ())
    by = b.catalogs.went_live(region.slug, kind)
    if not retired or by is None:
        return
    live = b.catalogs.history(region.slug, kind)

    def notice(uri: str, heading: str, what: str) -> None:
        body = b.render("retired.html", uri, region=region, by=by, retired=retired, heading=heading, what=what)
        site.add(uri, page_markdown(heading, body))

    def words(key: str, **values: object) -> str:
        """The notice's words in the builder's language: data values marked Chinese on a Korean page."""
        if not b.twin:
            return messages.text(key, "zh").format(**values)
        names = {
            "region": region.name_ko or region.name,
            "kind": messages.text(f"kind.{kind.value}.label", b.lang),
            "short": messages.text(f"kind.{kind.value}.short", b.lang),
        }
        return message(b.lang, key, **{k: names.get(k) or zh_value(b.lang, v) for k, v in values.items()})

    for edition in retired:
        uri = urls.edition_uri(region.slug, kind, edition.effective)
        notice(
            uri,
            words("retired.heading.edition", title=edition.title, date=edition.effective),
            words("retired.what.edition", title=edition.title, date=edition.effective),
        )
        _qr(b, site, uri, uri)
    if len(live) < 2 <= len(live) + len(retired):
        notice(
            urls.compare_uri(region.slug, kind),
            words("retired.heading.compare", region=region.name, kind=kind.label),
            words("retired.what.compare"),
        )
    current_ids = {i.id for e in live for i in e.items}
    for item_id, name in _retired_items(retired).items():
        if item_id in current_ids:
            continue  # the official history has an item under this id: its page is there
        uri = urls.item_uri(region.slug, kind, item_id)
        notice(
            uri,
            words("retired.heading.item", name=name, region=region.name, short=kind.short_label),
            words("retired.what.item", id=item_id, name=name),
        )
        _qr(b, site, uri, urls.id_uri(item_id))  # an item page's code is its permanent link
        if item_id not in live_ids:  # an id is the whole prefecture's: a live item elsewhere keeps its link
            site.add(
                urls.id_uri(item_id) + "index.html",
                render_fragment(
                    "redirect.html",
                    urls.id_uri(item_id),
                    title=f"{item_id} {name}（示例数据，已停用）",
                    target=urls.relative(urls.id_uri(item_id), uri),
                ),
                markdown=False,
            )


def _retired_items(retired: tuple[Edition, ...]) -> dict[str, str]:
    """{id: its latest name} of every item the retired editions listed."""
    out: dict[str, str] = {}
    for edition in retired:
        out.update({i.id: i.name for i in edition.items})
    return out


def _qr(b: Builder, site: Site, uri: str, target: str) -> None:
    svg, png = qr_files(b.site_url + target)
    site.add(uri + "qr.svg", svg, markdown=False)
    site.add(uri + "qr.png", png, markdown=False)


def scan_files(b: Builder, site: Site) -> None:
    """The scan of a notice that is not online, published beside its edition's page."""
    from pathlib import Path

    for edition in b.catalogs.all_editions():
        if edition.scan and edition.scan_path:
            site.add(
                urls.edition_uri(edition.region, edition.catalog, edition.effective) + edition.scan,
                Path(edition.scan_path).read_bytes(),
                markdown=False,
            )
