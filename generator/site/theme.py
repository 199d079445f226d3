"""What the plugin changes in MkDocs' rendering of pages through the theme, for thousands of
generated pages: compiled templates kept across `mkdocs serve` rebuilds, and the sidebars
rendered once per folder."""
from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class CompiledTemplates(BytecodeCache):
    """The theme's compiled templates, kept in memory for the life of the process."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])  # Jinja drops it if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class SidebarMemo:
    """The theme's sidebars (navigation and table of contents) of generated pages that are not in the
    navigation, rendered once per folder they are seen from (overrides/main.html, block site_nav).

    On such a page nothing in the sidebars is the page's own: no navigation item is active or is the
    page, and its table of contents is empty (plugin._render_generated). What differs is only where the
    links lead from, and MkDocs makes them relative to the page's folder: a link to a navigation page
    (at most `depth` folders deep) depends only on how deep the page's folder is and on its first
    `depth` folders. That, with what the page hides, is the key; any other page is rendered as usual.
    At 60 counties the navigation was a third of the theme's time per page."""

    def __init__(self, nav, generated: set[str]) -> None:
        self.in_nav = {p.file.src_uri for p in nav.pages}
        self.generated = generated
        self.depth = max([len(_folders(p.url)) for p in nav.pages] + [len(_folders(nav.homepage.url)) if nav.homepage else 0])
        self.kept: dict[tuple, str] = {}

    def key(self, page) -> tuple | None:  # noqa: ANN001 (MkDocs' Page)
        src = page.file.src_uri if page is not None else None
        if src not in self.generated or src in self.in_nav or page.parent is not None:
            return None
        folders = _folders(page.url)
        return len(folders), tuple(folders[:self.depth]), repr(page.meta.get("hide"))

    def get(self, key: tuple | None) -> str | None:
        return self.kept.get(key) if key is not None else None

    def keep(self, key: tuple | None, html: str) -> str:
        if key is not None:
            self.kept[key] = html
        return html


def _folders(url: str) -> list[str]:
    """The folders of a page's URL as MkDocs counts them for relative links (a last part with a dot
    is a file, mkdocs.utils.get_relative_url)."""
    folder, _, last = url.rpartition("/")
    return [part for part in (folder if "." in last else url).split("/") if part]
