"""What the plugin changes in MkDocs' rendering of pages through the theme, for thousands of
generated pages: compiled templates kept across `mkdocs serve` rebuilds, the sidebars rendered
once per folder, the theme's configuration script once per depth, the county list once, and the
whole page around a generated page's own words once per folder (FrameMemo). Each memo is checked
against rendering every page in full (tests/site/test_site.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2 import pass_context
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup

from . import messages, urls
from .escape import json_text


class CompiledTemplates(BytecodeCache):
    """The theme's compiled templates, kept in memory for the life of the process."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])  # Jinja drops it if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def without_ko(county: dict) -> dict:
    return {k: v for k, v in county.items() if k != "ko"}


def add_globals(env, sidebars: SidebarMemo | None, counties: list[dict]) -> None:  # noqa: ANN001 (Jinja's Environment)
    """What overrides/main.html reads: the memos below, and the county picker's JSON, made once
    rather than for every page."""
    env.globals["vc_sidebars"] = sidebars
    env.globals["vc_configs"] = ConfigMemo()
    env.globals["vc_frames"] = frames = FrameMemo(sidebars)
    env.globals["vc_frame"] = frames.page
    env.globals["vc_counties"] = {  # the Korean names only where they are read (a Korean page's picker)
        lang: Markup(
            env.from_string("{{ c | tojson }}").render(c=[c if lang == "ko" else without_ko(c) for c in counties])
        )
        for lang in messages.LANGS
    }
    env.globals.update(
        vc_lang=page_lang,
        vc_t=page_text,
        vc_text=messages.text,  # a given language's text (the 404 page says it in both)
        vc_twins=twins,
        vc_ko_title=korean_title,
        vc_hangul=has_hangul,
        vc_script_messages={
            lang: Markup(json_text(messages.script_messages(lang), sort_keys=True, separators=(",", ":")))
            for lang in messages.LANGS
        },
    )


def has_hangul(value: object) -> bool:
    """A Korean page's title with no Hangul is data with no Korean (an item's Chinese name): marked lang="zh"."""
    return any("\uac00" <= ch <= "\ud7a3" for ch in str(value or ""))


def page_lang(page) -> str:  # noqa: ANN001 (MkDocs' Page, or nothing on the theme's own pages)
    url = getattr(page, "url", None)
    return messages.page_lang(url) if isinstance(url, str) else "zh"


def page_text(page, key: str) -> str:  # noqa: ANN001
    """The catalogue's text for the theme's templates (overrides/), in the page's language."""
    return messages.text(key, page_lang(page))


def twins(page, site_url: str | None) -> dict[str, str] | None:  # noqa: ANN001
    """The page in both languages: relative links from the page, and absolute addresses for hreflang
    (relative where the site has no public address). None for a page with no twin (the 404 page)."""
    url = getattr(page, "url", None)
    if not isinstance(url, str) or url.endswith(".html"):  # the 404 page
        return None
    url = "" if url in ("./", ".") else url
    zh = messages.chinese_uri(url)
    ko = messages.korean_uri(zh)
    base = site_url if site_url and site_url.endswith("/") else (site_url + "/" if site_url else "")
    return {
        "zh": urls.relative(url, zh),
        "ko": urls.relative(url, ko),
        "zh_abs": base + zh if base else urls.relative(url, zh),
        "ko_abs": base + ko if base else urls.relative(url, ko),
    }


NAV_KEYS = {
    "": "nav.home",
    "certificates/": "nav.matrix",
    "changes/": "nav.changes",
    "status/": "nav.status",
    "data/": "nav.data",
    "signboards/": "nav.signboards",
}
SECTION_KEYS = {"各地目录": "nav.regions", "说明": "nav.about"}


def korean_title(item, names_ko: dict[str, str]) -> str:  # noqa: ANN001 (a MkDocs navigation item)
    """A navigation entry's title on a Korean page (overrides/partials/vc-nav-ko.html)."""
    url = getattr(item, "url", None)
    if isinstance(url, str):
        url = "" if url in ("./", ".") else url
        if url in NAV_KEYS:
            return messages.text(NAV_KEYS[url], "ko")
        if url.endswith("/forbidden-certificates/"):
            return messages.text("nav.forbidden", "ko")
        key = "page." + url.strip("/").replace("/", ".") + ".title"
        if key in messages.catalogue():
            return messages.text(key, "ko")
    title = str(item.title)
    if title in SECTION_KEYS:
        return messages.text(SECTION_KEYS[title], "ko")
    return names_ko.get(title) or title


class _Memo:
    """Parts of the theme's page rendered once per key (None: render as usual); overrides/main.html."""

    def __init__(self) -> None:
        self.kept: dict[object, str] = {}

    def get(self, key: object) -> str | None:
        return self.kept.get(key) if key is not None else None

    def keep(self, key: object, html: str) -> str:
        if key is not None:
            self.kept[key] = html
        return html


class SidebarMemo(_Memo):
    """The theme's sidebars (navigation and table of contents) of generated pages that are not in the
    navigation, rendered once per folder they are seen from (overrides/main.html, block site_nav).

    On such a page nothing in the sidebars is the page's own: no navigation item is active or is the
    page, and its table of contents is empty (generated.render_generated). What differs is only where the
    links lead from, and MkDocs makes them relative to the page's folder: a link to a navigation page
    (at most `depth` folders deep) depends only on how deep the page's folder is and on its first
    `depth` folders. That, with what the page hides, is the key; any other page is rendered as usual.
    At 60 counties the navigation was a third of the theme's time per page."""

    def __init__(self, nav, generated: set[str]) -> None:
        super().__init__()
        self.in_nav = {p.file.src_uri for p in nav.pages}
        self.generated = generated
        self.depth = max(
            [len(_folders(p.url)) for p in nav.pages] + [len(_folders(nav.homepage.url)) if nav.homepage else 0]
        )

    def off_nav(self, page) -> bool:  # noqa: ANN001 (MkDocs' Page, or nothing on the theme's own pages)
        """Whether `page` is a generated page off the navigation (its sidebars are its folder's)."""
        src = page.file.src_uri if page is not None else None
        return src in self.generated and src not in self.in_nav and page.parent is None

    def key(self, page) -> tuple | None:  # noqa: ANN001 (MkDocs' Page)
        if not self.off_nav(page):
            return None
        folders = _folders(page.url)
        return len(folders), tuple(folders[: self.depth]), repr(page.meta.get("hide"))


class ConfigMemo(_Memo):
    """The theme's configuration script (block config) holds the site's base and the search worker's
    address, both relative to the page's folder, and the theme's strings in the page's language: the
    same on every page of a language as many folders deep (unless the page is under assets/, where the
    worker's address is shorter)."""

    def key(self, page) -> tuple[str, int] | None:  # noqa: ANN001 (MkDocs' Page, or nothing on the theme's own pages)
        url = getattr(page, "url", None)
        if not isinstance(url, str):
            return None
        folders = _folders(url)
        return None if folders[:1] == ["assets"] else (page_lang(page), len(folders))  # the theme strings: per language


def _folders(url: str) -> list[str]:
    """The folders of a page's URL as MkDocs counts them for relative links (a last part with a dot
    is a file, mkdocs.utils.get_relative_url)."""
    folder, _, last = url.rpartition("/")
    return [part for part in (folder if "." in last else url).split("/") if part]


# Markers for a page's own words in a frame (FrameMemo): characters of Unicode's private use area, which
# `check` rejects in catalog text (generator/catalog/charpolicy.py) and no URL or template has.
SEGMENT = "\ue000vc-segment\ue000"
TITLE = "\ue000vc-title\ue000"
TITLE_HANGUL = "\ue000vc-title-한\ue000"  # a Korean page marks a title with no Hangul lang="zh"
DESCRIPTION = "\ue000vc-description\ue000"
CONTENT = "\ue000vc-content\ue000"
CONTENT_H1 = "\ue000vc-content<h1\ue000"  # the theme adds an <h1> only to content with none
SAFE_SEGMENT = re.compile(r"[A-Za-z0-9._-]+")
FRAME_DEPTH = 3  # the head's feed links read a page's first two folders (overrides/main.html)


class FramePage:
    """A page as its frame is rendered: its last folder, title, description and content replaced by
    the markers above, everything else the page's own."""

    def __init__(self, page, folder: str, segment: str, hangul: bool) -> None:  # noqa: ANN001 (MkDocs' Page)
        self._page = page
        self.url = f"{folder}/{SEGMENT}/"
        self.title = TITLE_HANGUL if hangul else TITLE
        self.content = CONTENT_H1 if "<h1" in page.content else CONTENT
        self.meta = {**page.meta, "title": self.title}
        if page.meta.get("description"):
            self.meta["description"] = DESCRIPTION
        own = f"{segment}/"  # FrameMemo.key: the canonical address ends with it
        self.canonical_url = page.canonical_url[: -len(own)] + SEGMENT + "/" if page.canonical_url else None
        self.abs_url = page.abs_url[: -len(own)] + SEGMENT + "/" if page.abs_url else None

    def __getattr__(self, name: str) -> object:
        return getattr(self._page, name)


@dataclass(frozen=True)
class Frame:
    """A page rendered through the theme with markers for its own words: the text between the markers,
    and the markers at the odd places (the content's marker is one of them, once)."""

    parts: tuple[str, ...]

    @classmethod
    def of(cls, html: str, title: str, content: str) -> Frame:
        if html.count(content) != 1:
            raise ValueError("the theme shows a page's content other than once")
        markers = (SEGMENT, title, DESCRIPTION, content)
        parts = re.split("(" + "|".join(map(re.escape, markers)) + ")", html)
        return cls(tuple({title: TITLE, content: CONTENT}.get(p, p) if i % 2 else p for i, p in enumerate(parts)))

    def fill(self, segment: str, title: str, description: str, content: str) -> str:
        """The page: each marker replaced by its words, in one pass (no words are read for markers)."""
        own = {SEGMENT: segment, TITLE: title, DESCRIPTION: description, CONTENT: content}
        return "".join(own[p] if i % 2 else p for i, p in enumerate(self.parts))


class FrameMemo:
    """The whole page the theme renders around a generated page off the navigation, rendered once per
    folder (overrides/main.html extends vc-frame.html instead of base.html for such a page).

    On such a page (SidebarMemo) the theme reads only these of the page's own: its last folder (in its
    canonical address and its twins' links), its title, description and content; everything else is
    the same for every page of a folder with the same front matter otherwise. Whether the title has
    Hangul, the content an <h1> and the page a description decides what the theme writes, so these
    are part of the key too. Pages less than three folders deep render as usual: the head's feed links
    read a page's first two folders. At 60 counties the theme took about a millisecond a page."""

    def __init__(self, sidebars: SidebarMemo | None) -> None:
        self.sidebars = sidebars
        self.kept: dict[tuple, Frame] = {}
        self.pending: tuple[object, tuple] | None = None  # (page, key) between framed() and page()

    def key(self, page) -> tuple | None:  # noqa: ANN001 (MkDocs' Page, or nothing on the theme's own pages)
        if isinstance(page, FramePage) or self.sidebars is None or not self.sidebars.off_nav(page):
            return None
        url, meta = page.url, page.meta or {}
        title, description = meta.get("title"), meta.get("description")
        folder, _, segment = url.rstrip("/").rpartition("/")
        words = isinstance(title, str) and title and page.title == title and isinstance(description, (str, type(None)))
        if not words or not isinstance(page.content, str) or not SAFE_SEGMENT.fullmatch(segment):
            return None
        if (
            not url.endswith("/")
            or page.toc
            or page.previous_page
            or page.next_page
            or page.edit_url
            or page.is_homepage
        ):
            return None
        if len(_folders(messages.chinese_uri(url))) < FRAME_DEPTH:
            return None
        if page.canonical_url and not page.canonical_url.endswith(f"/{segment}/"):
            return None
        rest = tuple(sorted((k, repr(v)) for k, v in meta.items() if k not in ("title", "description")))
        return folder, has_hangul(title), "<h1" in page.content, bool(description), rest, bool(page.canonical_url)

    def framed(self, page) -> bool:  # noqa: ANN001
        """Whether `page` is rendered from its folder's frame (overrides/main.html)."""
        key = self.key(page)
        self.pending = (page, key) if key is not None else None
        return key is not None

    @pass_context
    def page(self, ctx) -> str:  # noqa: ANN001 (Jinja's Context)
        """The page framed() said yes to, from its frame (rendered now if it is the folder's first)."""
        page = ctx["page"]
        assert self.pending is not None and self.pending[0] is page
        key = self.pending[1]
        segment = page.url.rstrip("/").rpartition("/")[2]
        frame = self.kept.get(key)
        if frame is None:
            proxy = FramePage(page, key[0], segment, hangul=key[1])  # key: (folder, Hangul title, …)
            html = ctx.environment.get_template("main.html").render({**ctx.get_all(), "page": proxy})
            frame = self.kept[key] = Frame.of(html, proxy.title, proxy.content)
        return frame.fill(segment, page.meta["title"], page.meta.get("description") or "", page.content)
