"""What the theme shows around every page: the navigation, the county picker and the feeds each page announces."""

from __future__ import annotations

from ..catalog.model import CatalogKind, Catalogs, Level
from . import urls
from .escape import theme_text


def site_nav(catalogs: Catalogs, hand_written: list) -> list:
    """The generated sections first, then the hand-written pages (mkdocs.yml's nav)."""
    prefecture = next(r for r in catalogs.regions.values() if r.level is Level.PREFECTURE)
    regions = [{theme_text(r.name): urls.src_uri(urls.region_uri(r.slug))} for r in catalogs.regions_in_order()]
    return [
        {"首页": "index.md"},
        {"各地目录": regions},
        {"不应出具的证明": urls.src_uri(urls.catalog_uri(prefecture.slug, CatalogKind.FORBIDDEN))},
        {"证明事项对照表": urls.src_uri(urls.MATRIX)},
        {"调整记录": urls.src_uri(urls.SITE_CHANGES)},
        {"备案与调整情况": urls.src_uri(urls.STATUS)},
        {"开放数据": urls.src_uri(urls.DATA)},
        {"机制牌子样式": urls.src_uri(urls.SIGNBOARDS)},
        *hand_written,
    ]


def theme_extras(catalogs: Catalogs, languages: tuple[str, ...] | list[str]) -> dict:
    """`config.extra` for overrides/main.html: the county picker in the search dialog, and the feeds
    to announce in each page's head (region -> name and catalogs); whether the site has its Korean twin
    (without it, no page links /ko/)."""
    return {
        "vc_korean": "ko" in languages,
        "vc_counties": [{"slug": r.slug, "name": r.name, "ko": r.name_ko} for r in catalogs.counties()],
        # the Korean twin's navigation names its regions in Korean (overrides/partials/vc-nav-ko.html)
        "vc_names_ko": {str(theme_text(r.name)): theme_text(r.name_ko) for r in catalogs.regions_in_order()},
        "vc_feeds": {
            r.slug: {
                "name": theme_text(r.name),
                "catalogs": {k.value: theme_text(k.label) for k in CatalogKind if catalogs.history(r.slug, k)},
            }
            for r in catalogs.regions_in_order()
        },
    }
