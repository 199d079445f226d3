"""What the page builders share: the pages made so far, and the context every template gets."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from markupsafe import escape

from ..build.parallel import Batch
from ..catalog.answers import Answer
from ..catalog.model import CatalogKind, Catalogs
from . import urls
from .i18n import zh_value
from .messages import KO_PREFIX
from .pagetext import render_fragment
from .search import SearchDoc

Content = str | bytes | Callable[[], bytes]  # a maker: a file a batch of workers is making (parallel.py)


class PlaqueRenderError(Exception):
    """A plaque could not be drawn (e.g. a character missing from the font); message in Chinese."""


@dataclass(frozen=True)
class SitePage:
    uri: str  # site-relative directory URI ("yanji/certificates/") or file path ("changes/feed.xml")
    content: Content  # a maker only for a static file
    markdown: bool = True  # False: a static file written as is


@dataclass
class Site:
    pages: list[SitePage] = field(default_factory=list)
    search: list[SearchDoc] = field(default_factory=list)
    batch: Batch | None = None  # the workers making the files whose content is a maker

    def add(self, uri: str, content: Content, markdown: bool = True) -> None:
        self.pages.append(SitePage(uri, content, markdown))


@dataclass(frozen=True)
class Builder:
    catalogs: Catalogs
    today: datetime.date
    site_url: str  # absolute base for QR codes and the feed, ends with "/"
    answers: dict[tuple[str, str], Answer]  # (county, item id) -> what its item page answers
    preview: bool = False  # no public address: QR codes and feeds point at this machine and say so
    lang: str = "zh"  # "ko": the Korean twin (site_url then ends with "ko/", pages are made below ko/)
    korean_twin: bool = True  # the site has its Korean twin (settings.languages): Chinese pages may link it

    @property
    def forbidden_uri(self) -> str:
        prefecture = self.catalogs.prefecture()
        return urls.catalog_uri(prefecture.slug, CatalogKind.FORBIDDEN) if prefecture else ""

    @property
    def twin(self) -> bool:
        return self.lang != "zh"

    def korean(self) -> Builder:
        """The same builder for the Korean twin: its addresses (QR codes, permanent links) below ko/."""
        return replace(self, site_url=self.site_url + KO_PREFIX, lang="ko")

    @functools.cached_property
    def region_names(self) -> dict[str, str]:
        """Every region's name in the builder's language, made once for all its pages."""
        if self.twin:  # Korean names (a name without one stays Chinese, marked so)
            return {
                s: escape(r.name_ko) if r.name_ko else zh_value(self.lang, r.name)
                for s, r in self.catalogs.regions.items()
            }
        return {slug: r.name for slug, r in self.catalogs.regions.items()}

    def render(self, template: str, here: str, **context: object) -> str:
        here = KO_PREFIX + here if self.twin else here
        common = {
            "today": self.today,
            "forbidden_uri": self.forbidden_uri,
            "preview": self.preview,
            "korean_twin": self.korean_twin,
        }
        return render_fragment(template, here, region_names=self.region_names, lang=self.lang, **common, **context)
