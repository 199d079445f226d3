"""The generated pages and files as MkDocs `File`s: added to MkDocs' files, remembered under
`mkdocs serve --dirty` (an unchanged file costs neither a digest nor a new File), and the files that
workers make in the background (parallel.py) written after every page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from ..build.incremental import BuildMemory, digest, signature
from ..build.parallel import Batch
from . import compat, minify, urls

log = logging.getLogger("mkdocs.plugins.generator.site.plugin")
FRONT_END = "\n---\n\n"  # where render.page_markdown's front matter ends and the HTML body begins


@dataclass(frozen=True)
class _Made:
    content: str | bytes  # what pages.py made
    place: tuple  # (site_dir, use_directory_urls) its File was made for
    front: str | bytes  # what MkDocs reads: the front matter of a page, or the whole file
    body: str  # a page's HTML body (skips Markdown)
    digest: str
    file: File | None  # kept for files that are not pages


class GeneratedFiles:
    def __init__(self) -> None:
        self.bodies: dict[str, str] = {}  # generated page (src URI) -> its HTML body, which skips Markdown
        self.kept: dict[str, _Made] = {}  # under `mkdocs serve`: generated file (src URI) -> its parts
        self.rebuilt: list[str] = []  # generated files the last build rendered or wrote
        self.full = True  # the last build rendered every page
        self.page_urls: frozenset[str] = frozenset()  # the pages of the last build, as search documents name them
        self.batch: Batch | None = None  # workers making QR codes, workbooks and plaques (parallel.py)
        self.late: list[tuple[str, Callable[[], bytes]]] = []  # what they make: (file, its maker), written last

    def add(self, site, files: Files, config, *, incremental: bool, memory: BuildMemory, today: str) -> Files:  # noqa: ANN001
        """Put `site`'s pages and files (pages.build_pages) into MkDocs' `files`."""
        self.bodies = {}
        generated: dict[str, File] = {}
        digests: dict[str, str] = {}
        present = {f.src_uri for f in files}  # a generated page may replace a hand-written file
        place = (config.site_dir, config.use_directory_urls)
        if not incremental:
            self.kept = {}
        self.batch, self.late = site.batch, []
        for page in site.pages:
            src = urls.src_uri(page.uri) if page.markdown else page.uri
            existing = files.get_file_from_path(src) if src in present or src in generated else None
            if existing is not None:
                files.remove(existing)
            if callable(page.content):  # being made by workers: written after every page (write_late)
                self.late.append((src, page.content))
                continue
            kept = self.kept.get(src) if incremental else None
            if kept is None or kept.content is not page.content or kept.place != place:
                kept = self._made(config, src, page, place, incremental)  # not the very same (remembered) content
            file = kept.file if kept.file is not None else _file(config, src, kept.front)  # a page: a new File
            compat.clear_modified(file)
            if page.markdown:
                self.bodies[src] = kept.body
            digests[src] = kept.digest
            files.append(file)
            generated[src] = file
        _minify_own(files, config)
        self.page_urls = frozenset("" if f.url == "./" else f.url for f in files.documentation_pages())  # home is ""
        if incremental:
            self.kept = {src: self.kept[src] for src in generated}
            self._skip_unchanged(generated, digests, config, files, memory, today)
        else:
            self.full, self.rebuilt = True, list(generated)
        return files

    def _made(self, config, src: str, page, place: tuple, incremental: bool) -> _Made:  # noqa: ANN001
        front, body = page.content, ""
        if page.markdown:  # front matter for MkDocs; the body is HTML already and skips Markdown
            front, _, body = page.content.partition(FRONT_END)
            front, body = front + FRONT_END, body.rstrip("\n")  # as Markdown leaves a raw HTML block
        made = _Made(
            page.content, place, front, body, digest(page.content), None if page.markdown else _file(config, src, front)
        )
        if incremental:
            self.kept[src] = made
        return made

    def _skip_unchanged(
        self,
        generated: dict[str, File],
        digests: dict[str, str],
        config,
        files: Files,  # noqa: ANN001
        memory: BuildMemory,
        today: str,
    ) -> None:
        """Under `mkdocs serve --dirty`: tell MkDocs which generated files are as in the last build."""
        root = Path(config.config_file_path).parent
        theme = sorted(
            (str(p), p.stat().st_mtime_ns)
            for d in config.theme.dirs
            if Path(d).is_relative_to(root)
            for p in Path(d).rglob("*")
            if p.is_file()
        )  # overrides/ (the installed theme does not change)
        sig = signature(
            Path(config.config_file_path).read_bytes().decode("utf-8", "replace"),
            config.nav,
            config.extra,
            theme,
            sorted(f.src_uri for f in generated.values()),
            today,
        )
        same = memory.unchanged(sig, digests)
        if not same:  # what every page shows changed: the hand-written pages too (MkDocs' dirty mode would keep them)
            for file in files.documentation_pages():
                if file.src_uri not in generated:
                    compat.set_modified(file, True)
        for src in same:
            compat.set_modified(generated[src], False)  # MkDocs then keeps the file already in the serve folder
        self.rebuilt = sorted(set(generated) - same)
        self.full = not same
        if same:
            log.info(f"增量重建：{len(self.rebuilt)} 个生成的文件有变化，其余 {len(same)} 个沿用上次的结果")

    def write_late(self, site_dir: Path) -> None:
        """The files a batch of workers made while the pages were rendered (parallel.py), once they are made."""
        from .builder import PlaqueRenderError

        try:
            for src, make in self.late:
                path = site_dir / src
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(make())
        except PlaqueRenderError as exc:
            raise PluginError(str(exc)) from None
        finally:
            self.late = []
        self.close()

    def close(self, *, cancel: bool = False) -> None:
        if self.batch is not None:
            self.batch.close(cancel=cancel)
            self.batch = None

    def forget(self) -> None:
        """After a failed build: what failed may be half written, so nothing is reused."""
        self.kept = {}


def _file(config, src: str, content: str | bytes) -> File:  # noqa: ANN001
    file = File.generated(config, src, content=content)
    file.inclusion = InclusionLevel.NOT_IN_NAV  # the nav stays short; pages are linked from their region
    return file


def render_generated(page, config, files) -> None:  # noqa: ANN001 (MkDocs' Page, config, Files)
    """MkDocs' `Page.render` for a generated page: its Markdown is the front matter only (the body is
    HTML already and replaces the content in on_page_content), which renders to no content, no table
    of contents, no anchors and no links. The same result, without building a Markdown converter with
    every extension for each of thousands of pages (tests/site/test_site.py checks MkDocs agrees)."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


def _minify_own(files: Files, config) -> None:  # noqa: ANN001
    """The site's own scripts and style sheet minified as written (minify.py); the theme's are already."""
    docs = Path(config.docs_dir)
    for file in files:
        if minify.is_own(file.src_uri) and file.abs_src_path and Path(file.abs_src_path).parent.is_relative_to(docs):
            file.content_string = minify.minify(file.src_uri, file.content_string)
