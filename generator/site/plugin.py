"""The MkDocs plugin: a thin adapter from the catalogs to MkDocs' files and search index.

- on_config: validate the catalogs; any error stops the build before `site/` is touched.
  Non-serve builds are written to a staging folder that replaces `site/` only on success,
  so a failed build (including `--strict` warnings) leaves the last good site as it was.
- on_files: add every generated page in memory (`File.generated`); QR codes, workbooks and plaques
  a first build has to make are made by workers meanwhile (parallel.py).
- on_post_build: write the search index (pages and catalog items with pinyin/Korean fields,
  search.py) and the workers' files, then publish the staging folder.
"""
from __future__ import annotations

import datetime
import functools
import json
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from . import address, filecache, urls
from .escape import theme_text
from .parallel import Batch
from ..catalog.model import Catalogs, CatalogKind, Level
from ..catalog.validate import check_catalogs
from .incremental import BuildMemory, QuietDirty, digest, settle_heap, signature
from .publish import clean_stale, publish
from .theme import CompiledTemplates, SidebarMemo, add_globals

log = get_plugin_logger(__name__)
logging.getLogger("jieba").setLevel(logging.WARNING)  # Material imports jieba; keep build output readable


PREVIEW_URL = "http://127.0.0.1:8000/"
NO_SITE_URL = ("没有设置网站的公开地址 SITE_URL：二维码、订阅和引用都指向它，缺了它就会把本机地址印到公开栏上。"
               "发布时请设置，例如 SITE_URL=https://catalogs.example.gov.cn/ mkdocs build；"
               "只在本机预览请设置 SITE_PREVIEW=1（页面、二维码和订阅都会标明“本地预览”）。")
FRONT_END = "\n---\n\n"  # where render.page_markdown's front matter ends and the HTML body begins
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)
SERVE_POLL_S = 0.1


@dataclass(frozen=True)
class _Made:
    content: str | bytes   # what pages.py made
    place: tuple           # (site_dir, use_directory_urls) its File was made for
    front: str | bytes     # what MkDocs reads: the front matter of a page, or the whole file
    body: str              # a page's HTML body (skips Markdown)
    digest: str
    file: File | None      # kept for files that are not pages


class CatalogPluginConfig(Config):
    catalogs_dir = c.Type(str, default="catalogs")
    """Folder of the catalog YAML files, relative to mkdocs.yml."""
    today = c.Optional(c.Type(str))
    """Date (YYYY-MM-DD) that decides which edition is in force; default: $CATALOG_TODAY or today."""


class CatalogPlugin(BasePlugin[CatalogPluginConfig]):
    def __init__(self) -> None:
        self.catalogs: Catalogs | None = None
        self.search_docs: list = []
        self.serving = False
        self.preview = False
        self.final_site_dir: str | None = None
        self.bodies: dict[str, str] = {}  # generated page (src URI) -> its HTML body, which skips Markdown
        self.incremental = False
        self.memory = BuildMemory()  # `mkdocs serve` keeps this object across rebuilds (it has on_startup)
        self.compiled = CompiledTemplates()
        self.kept: dict[str, _Made] = {}  # under `mkdocs serve`: generated file (src URI) -> its parts
        self.rebuilt: list[str] = []  # generated files the last build rendered or wrote
        self.full = True  # the last build rendered every page
        self.page_urls: frozenset[str] = frozenset()  # the pages of the last build, as search documents name them
        self.navs: SidebarMemo | None = None
        self.batch: Batch | None = None  # workers making QR codes, workbooks and plaques (parallel.py)
        self.late: list[tuple[str, Callable[[], bytes]]] = []  # what they make: (file, its maker), written last

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.incremental = self.serving and dirty
        build_log = logging.getLogger("mkdocs.commands.build")
        if self.incremental and not any(isinstance(f, QuietDirty) for f in build_log.filters):
            build_log.addFilter(QuietDirty())  # we handle what MkDocs warns about (see incremental.py); keep `--strict` usable

    def today(self) -> datetime.date:
        text = self.config.today or os.environ.get("CATALOG_TODAY")
        try:
            day = datetime.date.fromisoformat(text) if text else datetime.date.today()
        except ValueError:
            raise PluginError(f"today/CATALOG_TODAY 应为 YYYY-MM-DD 格式的日期，实际为“{text}”") from None
        if not FIRST_DAY <= day <= LAST_DAY:  # the build's timestamps (sitemap, SOURCE_DATE_EPOCH) need a real date
            raise PluginError(f"today/CATALOG_TODAY 应在 {FIRST_DAY} 到 {LAST_DAY} 之间，实际为“{day}”")
        return day

    def on_config(self, config):
        today = self.today()  # a bad date stops the build before anything else
        self.preview, problem = address.mode(self.serving, config.site_url, os.environ.get("SITE_PREVIEW") == "1", NO_SITE_URL)
        if problem:  # no public address and no preview asked for, or one that is not https / is this machine / private
            raise PluginError(problem)
        root = Path(config.config_file_path).parent
        filecache.configure(root)  # QR codes, plaques and workbooks of earlier builds (outside the project, see filecache.py)
        catalogs, problems = check_catalogs(root / self.config.catalogs_dir, root)
        errors = [p for p in problems if p.is_error]
        if errors:
            raise PluginError("目录数据检查未通过，网站未生成（site/ 保持不变）：\n" + "\n".join(map(str, errors)))
        for warning in problems:  # hints (e.g. a filing not yet recorded) publish, exactly as `check` passes them
            log.info("提示：" + str(warning))
        self.catalogs = catalogs
        # the sitemap's lastmod comes from SOURCE_DATE_EPOCH: tie it to the publishing date, so the
        # same catalogs and date always build byte-identical output
        os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.timezone.utc).timestamp()))
        config.nav = self._nav(config.nav or [])
        # the county picker in the search dialog (overrides/main.html)
        config.extra["vc_counties"] = [{"slug": r.slug, "name": r.name} for r in catalogs.counties()]
        # feeds to announce in each page's head (overrides/main.html): region -> name and catalogs
        config.extra["vc_feeds"] = {r.slug: {"name": theme_text(r.name),
                                             "catalogs": {k.value: theme_text(k.label) for k in CatalogKind if catalogs.history(r.slug, k)}}
                                    for r in catalogs.regions_in_order()}
        self.final_site_dir = None  # the plugin object may have built before in this process
        if not self.serving:
            self.final_site_dir = config.site_dir
            config.site_dir = config.site_dir.rstrip("/\\") + ".staging"
            clean_stale(Path(self.final_site_dir))  # site.staging, site.next, … left by a killed build (publish.py)
        return config

    def _nav(self, hand_written: list) -> list:
        assert self.catalogs is not None
        prefecture = next(r for r in self.catalogs.regions.values() if r.level is Level.PREFECTURE)
        regions = [{theme_text(r.name): urls.src_uri(urls.region_uri(r.slug))} for r in self.catalogs.regions_in_order()]
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

    @event_priority(50)
    def on_files(self, files: Files, *, config) -> Files:
        from .pages import PlaqueRenderError, build_pages

        assert self.catalogs is not None
        try:
            site = build_pages(self.catalogs, self.today(), config.site_url or PREVIEW_URL, preview=self.preview,
                               background=not self.serving)
        except PlaqueRenderError as exc:
            raise PluginError(str(exc)) from None
        self.bodies = {}
        generated: dict[str, File] = {}
        digests: dict[str, str] = {}
        present = {f.src_uri for f in files}  # a generated page may replace a hand-written file
        place = (config.site_dir, config.use_directory_urls)
        if not self.incremental:
            self.kept = {}
        self.batch, self.late = site.batch, []
        for page in site.pages:
            src = urls.src_uri(page.uri) if page.markdown else page.uri
            existing = files.get_file_from_path(src) if src in present or src in generated else None
            if existing is not None:
                files.remove(existing)
            if callable(page.content):  # being made by workers: written after every page (on_post_build)
                self.late.append((src, page.content))
                continue
            kept = self.kept.get(src) if self.incremental else None
            if kept is None or kept.content is not page.content or kept.place != place:
                kept = self._made(config, src, page, place)  # not the very same (remembered) content as last time
            file = kept.file if kept.file is not None else self._file(config, src, kept.front)  # a page: a new File (MkDocs gives it its Page)
            vars(file).pop("is_modified", None)
            if page.markdown:
                self.bodies[src] = kept.body
            digests[src] = kept.digest
            files.append(file)
            generated[src] = file
        self.search_docs = site.search
        self.page_urls = frozenset("" if f.url == "./" else f.url for f in files.documentation_pages())  # the home page is "" there
        if self.incremental:
            self.kept = {src: self.kept[src] for src in generated}
        self._skip_unchanged(generated, digests, config, files)
        return files

    @staticmethod
    def _file(config, src: str, content: str | bytes) -> File:
        file = File.generated(config, src, content=content)
        file.inclusion = InclusionLevel.NOT_IN_NAV  # the nav stays short; pages are linked from their region
        return file

    def _made(self, config, src: str, page, place: tuple) -> _Made:
        """A generated file's parts; kept under `mkdocs serve`, where an unchanged file (the same content
        object, from pages.py's memos) then costs neither a digest nor, if it is not a page, a File."""
        front, body = page.content, ""
        if page.markdown:  # front matter for MkDocs; the body is HTML already and skips Markdown
            front, _, body = page.content.partition(FRONT_END)
            front, body = front + FRONT_END, body.rstrip("\n")  # as Markdown leaves a raw HTML block
        made = _Made(page.content, place, front, body, digest(page.content), None if page.markdown else self._file(config, src, front))
        if self.incremental:
            self.kept[src] = made
        return made

    def _skip_unchanged(self, generated: dict[str, File], digests: dict[str, str], config, files: Files) -> None:
        """Under `mkdocs serve --dirty`: tell MkDocs which generated files are as in the last build."""
        self.full = True
        if not self.incremental:
            self.rebuilt = list(generated)
            return
        root = Path(config.config_file_path).parent
        theme = sorted((str(p), p.stat().st_mtime_ns) for d in config.theme.dirs if Path(d).is_relative_to(root)
                       for p in Path(d).rglob("*") if p.is_file())  # overrides/ (the installed theme does not change)
        sig = signature(Path(config.config_file_path).read_bytes().decode("utf-8", "replace"), config.nav, config.extra, theme,
                        sorted(f.src_uri for f in generated.values()), self.today().isoformat())
        same = self.memory.unchanged(sig, digests)
        if not same:  # what every page shows changed: the hand-written pages too (MkDocs' dirty mode would keep them)
            for file in files.documentation_pages():
                if file.src_uri not in generated:
                    file.is_modified = _MODIFIED
        for src in same:
            generated[src].is_modified = _NOT_MODIFIED  # MkDocs then keeps the file already in the serve folder
        self.rebuilt = sorted(set(generated) - same)
        self.full = not same
        if same:
            log.info(f"增量重建：{len(self.rebuilt)} 个生成的文件有变化，其余 {len(same)} 个沿用上次的结果")

    def on_nav(self, nav, *, config, files):
        self.navs = SidebarMemo(nav, set(self.bodies))
        return nav

    def on_env(self, env, *, config, files):
        # MkDocs makes a new environment for every build: under `mkdocs serve`, the theme's templates
        # are then compiled once, not again for every rebuild (Jinja checks each template's source
        # against what it compiled, so an edited template is compiled again)
        env.bytecode_cache = self.compiled
        add_globals(env, self.navs, config.extra["vc_counties"])  # what overrides/main.html reads
        return env

    def on_serve(self, server, *, config, builder):
        settle_heap()
        # MkDocs looks for changed files every half second; a catalog edit then waits a quarter of a
        # second on average before the rebuild starts. Look five times as often (a few hundred files).
        observer = server.observer
        if hasattr(observer, "_timeout"):
            observer._timeout = SERVE_POLL_S
            for emitter in observer.emitters:
                if hasattr(emitter, "_timeout"):
                    emitter._timeout = SERVE_POLL_S
        return server

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if page.file.src_uri in self.bodies:
            page.render = functools.partial(_render_generated, page)
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        from .korean import mark_korean

        return mark_korean(self.bodies.get(page.file.src_uri, html))

    @event_priority(-50)  # after MkDocs' search plugin wrote its page index, before offline/-100
    def on_post_build(self, *, config) -> None:
        self._write_search(Path(config.site_dir))
        self._write_late(Path(config.site_dir))
        filecache.flush()
        if self.final_site_dir is None:
            return
        if config.strict and any(h.get_counts() for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)):
            return  # MkDocs aborts right after this; on_build_error removes the staging folder
        publish(Path(config.site_dir), Path(self.final_site_dir))
        config.site_dir = self.final_site_dir

    @event_priority(100)
    def on_pre_build(self, *, config) -> None:
        # Under --dirty the theme's search plugin merges its previous index with this build's, assuming
        # a single rebuilt page; incremental.py merges per page instead (BuildMemory.merge_search).
        search = config.plugins.get("material/search")
        if self.incremental and search is not None and hasattr(search, "search_index_prev"):
            search.search_index_prev = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.batch is not None:
            self.batch.close(cancel=True)
        self.memory = BuildMemory()  # what failed may be half written: the next build renders everything
        self.kept = {}
        if self.final_site_dir is not None:
            shutil.rmtree(self.final_site_dir.rstrip("/\\") + ".staging", ignore_errors=True)

    def _write_late(self, site_dir: Path) -> None:
        """The files a batch of workers made while the pages were rendered (parallel.py), once they are made."""
        from .pages import PlaqueRenderError

        try:
            for src, make in self.late:
                path = site_dir / src
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(make())
        except PlaqueRenderError as exc:
            raise PluginError(str(exc)) from None
        finally:
            self.late = []
        if self.batch is not None:
            self.batch.close()
            self.batch = None

    def _write_search(self, site_dir: Path) -> None:
        """Pages (as the theme's search plugin collected them) and catalog items into the site's search
        index (search.py). The theme's own search_index.json is removed: the browser never loads it."""
        from .search import page_doc, write_index
        from .searchindex import FOLDER

        assert self.catalogs is not None
        material = site_dir / "search" / "search_index.json"
        pages = json.loads(material.read_text(encoding="utf-8"))["docs"] if material.is_file() else []
        pages = self.memory.merge_search(pages, full=not self.incremental, pages=self.page_urls)
        counties = [r.slug for r in self.catalogs.counties()]
        docs = [page_doc(d["location"], d.get("title", ""), d.get("text", ""), frozenset(counties)) for d in pages]
        fresh = self.memory.search_changed(signature(docs, self.search_docs))
        if fresh or not self.incremental or not (site_dir.joinpath(*FOLDER) / "manifest.json").is_file():
            write_index([*docs, *self.search_docs], site_dir, counties)
        material.unlink(missing_ok=True)


def _render_generated(page, config, files) -> None:  # noqa: ANN001 (MkDocs' Page, config, Files)
    """MkDocs' `Page.render` for a generated page: its Markdown is the front matter only (the body is
    HTML already and replaces the content in on_page_content), which renders to no content, no table
    of contents, no anchors and no links. The same result, without building a Markdown converter with
    every extension for each of thousands of pages (tests/site/test_site.py checks MkDocs agrees)."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


def _NOT_MODIFIED() -> bool:
    return False


def _MODIFIED() -> bool:
    return True
