"""Each county's 取消清单 (/<county>/certificates/cancelled/): the certificates it took off its retained list,
since when, why, by which document, and what to do instead (延州办发〔2023〕15号 二（三）9、10)."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import policy
from ..catalog.diff import diff_items
from ..catalog.model import Action, CatalogKind, Catalogs, Edition, Item, Region, Status
from . import urls
from .builder import Builder, Site
from .citation import edition_citation
from .pagetext import page_markdown

KIND = CatalogKind.CERTIFICATES


@dataclass(frozen=True)
class Cancelled:
    item: Item  # as last listed
    edition: Edition  # the edition that took it off (its date: since when; its document: why official)
    reason: str  # the edition's change record (changes[].reason); "" if none was given
    replaced_by: Item | None
    relisted: Edition | None  # a later edition that lists it again

    @property
    def example(self) -> bool:
        return Status.EXAMPLE in (self.item.status, self.edition.status)


def cancelled(catalogs: Catalogs, county: str) -> list[Cancelled]:
    """Every removal from `county`'s retained list, published editions in date order (upcoming ones too:
    each row states its own date)."""
    history = catalogs.history(county, KIND)
    out = []
    for i, edition in enumerate(history[1:], start=1):
        for d in diff_items(history[i - 1].items, edition.items):
            if d.action is not Action.REMOVED or d.old is None:
                continue
            change = next((c for c in edition.changes if c.item == d.item_id), None)
            replaced = edition.item(change.replaced_by) if change and change.replaced_by else None
            again = next((e for e in history[i + 1 :] if e.item(d.item_id)), None)
            out.append(Cancelled(d.old, edition, change.reason if change else "", replaced, again))
    return out


def cancelled_pages(b: Builder, site: Site) -> None:
    p = policy.policy()
    quotes = {"lists": p.cite("two-lists")}
    for county in b.catalogs.counties():
        _page(b, site, county, quotes)


def _page(b: Builder, site: Site, county: Region, quotes: dict[str, str]) -> None:
    uri = urls.cancelled_uri(county.slug)
    rows = cancelled(b.catalogs, county.slug)
    forbidden = county.slug if b.catalogs.history(county.slug, CatalogKind.FORBIDDEN) else None
    documents = {
        r.edition.key: edition_citation(
            r.edition, b.site_url + urls.edition_uri(county.slug, KIND, r.edition.effective), preview=b.preview
        )
        for r in rows
    }
    body = b.render(
        "cancelled.html",
        uri,
        region=county,
        rows=rows,
        quotes=quotes,
        documents=documents,
        has_certificates=bool(b.catalogs.history(county.slug, KIND)),
        forbidden_uri_here=urls.catalog_uri(forbidden, CatalogKind.FORBIDDEN) if forbidden else b.forbidden_uri,
        has_example=any(r.example for r in rows),
    )
    site.add(uri, page_markdown(f"{county.name}村级组织证明事项取消清单", body))
