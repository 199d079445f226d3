"""What the plugin changes in MkDocs' rendering of pages through the theme, for thousands of
generated pages: compiled templates kept across `mkdocs serve` rebuilds, the sidebars rendered
once per folder, the theme's configuration script once per depth, and the county list once.
Each memo is checked against rendering every page in full (tests/site/test_site.py)."""

from __future__ import annotations

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

    def key(self, page) -> tuple | None:  # noqa: ANN001 (MkDocs' Page)
        src = page.file.src_uri if page is not None else None
        if src not in self.generated or src in self.in_nav or page.parent is not None:
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
