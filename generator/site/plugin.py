"""The MkDocs plugin: routes MkDocs' events to the site layer, and nothing else.

- on_config: settings (settings.py), the catalogs validated (any error stops the build before `site/`
  is touched); a build goes to a staging folder that replaces `site/` only on success (publish.py).
- on_files: the generated pages and files (pages.py) into MkDocs' files (generated.py); QR codes,
  workbooks and plaques a first build lacks are made by workers meanwhile (parallel.py).
- on_post_build: the search index (searchwrite.py) and the workers' files, then the staging folder published.
Every private MkDocs/Material/watchdog hook it needs is in compat.py.
"""

from __future__ import annotations

import datetime
import functools
import logging
import os
import shutil
from pathlib import Path

from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from ..build import filecache
from ..build.incremental import BuildMemory, QuietDirty, settle_heap
from ..build.publish import clean_stale, publish
from ..catalog.model import Catalogs
from ..catalog.validate import check_catalogs
from . import address, buildid, compat, navigation, settings
from .generated import GeneratedFiles, render_generated
from .searchwrite import write_search
from .theme import CompiledTemplates, SidebarMemo, add_globals

log = get_plugin_logger(__name__)
logging.getLogger("jieba").setLevel(logging.WARNING)  # Material imports jieba; keep build output readable

PREVIEW_URL = "http://127.0.0.1:8000/"
SERVE_POLL_S = 0.1


class CatalogPluginConfig(Config):
    catalogs_dir = settings.catalogs_dir
    today = settings.today
    preview = settings.preview
    build_cache = settings.build_cache
    languages = settings.languages


class CatalogPlugin(BasePlugin[CatalogPluginConfig]):
    def __init__(self) -> None:
        self.catalogs: Catalogs | None = None
        self.search_docs: list = []
        self.serving = False
        self.preview = False
        self.final_site_dir: str | None = None
        self.incremental = False
        self.memory = BuildMemory()  # `mkdocs serve` keeps this object across rebuilds (it has on_startup)
        self.compiled = CompiledTemplates()
        self.generated = GeneratedFiles()
        self.navs: SidebarMemo | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.incremental = self.serving and dirty
        build_log = logging.getLogger("mkdocs.commands.build")
        if self.incremental and not any(isinstance(f, QuietDirty) for f in build_log.filters):
            build_log.addFilter(
                QuietDirty()
            )  # we handle what MkDocs warns about (see incremental.py); keep `--strict` usable

    def today(self) -> datetime.date:
        try:
            return settings.publishing_date(self.config.today)
        except ValueError as exc:
            raise PluginError(str(exc)) from None

    def on_config(self, config):
        problem = compat.check_versions()
        if problem:
            raise PluginError(problem)
        today = self.today()  # a bad date stops the build before anything else
        self.preview, problem = address.mode(self.serving, config.site_url, self.config.preview, settings.NO_SITE_URL)
        if problem:  # no public address and no preview asked for, or one that is not https / is this machine / private
            raise PluginError(problem)
        root = Path(config.config_file_path).parent
        filecache.configure(root if self.config.build_cache else None)  # outside the project, see filecache.py
        catalogs, problems = check_catalogs(root / self.config.catalogs_dir, root)
        errors = [p for p in problems if p.is_error]
        if errors:
            raise PluginError("目录数据检查未通过，网站未生成（site/ 保持不变）：\n" + "\n".join(map(str, errors)))
        for warning in problems:  # hints (e.g. a filing not yet recorded) publish, exactly as `check` passes them
            log.info("提示：" + str(warning))
        self.catalogs = catalogs
        # the build id on every page and answer file (buildid.py; none under `mkdocs serve`)
        config.extra["vc_build"] = buildid.of_config(config, self.config, today, self.preview, self.serving)
        # the sitemap's lastmod comes from SOURCE_DATE_EPOCH: tie it to the publishing date, so the
        # same catalogs and date always build byte-identical output
        os.environ["SOURCE_DATE_EPOCH"] = str(
            int(datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.timezone.utc).timestamp())
        )
        config.nav = navigation.site_nav(catalogs, config.nav or [])
        config.extra.update(navigation.theme_extras(catalogs, self.config.languages))
        self.final_site_dir = None  # the plugin object may have built before in this process
        if not self.serving:
            self.final_site_dir = config.site_dir
            config.site_dir = config.site_dir.rstrip("/\\") + ".staging"
            clean_stale(Path(self.final_site_dir))  # site.staging, site.next, … left by a killed build (publish.py)
        return config

    @event_priority(50)
    def on_files(self, files: Files, *, config) -> Files:
        from .builder import PlaqueRenderError
        from .pages import build_pages

        assert self.catalogs is not None
        try:
            site = build_pages(
                self.catalogs,
                self.today(),
                config.site_url or PREVIEW_URL,
                preview=self.preview,
                background=not self.serving,
                handwritten=[f.src_uri for f in files.documentation_pages()],  # their Korean twins (twin.py)
                korean="ko" in self.config.languages,
            )
        except PlaqueRenderError as exc:
            raise PluginError(str(exc)) from None
        self.search_docs = site.search
        return self.generated.add(
            site, files, config, incremental=self.incremental, memory=self.memory, today=self.today().isoformat()
        )

    def on_nav(self, nav, *, config, files):
        self.navs = SidebarMemo(nav, set(self.generated.bodies))
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
        compat.poll_every(server, SERVE_POLL_S)
        return server

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if page.file.src_uri in self.generated.bodies:
            compat.replace_render(page, functools.partial(render_generated, page))
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        from .korean import mark_korean
        from .messages import KO_PREFIX

        return mark_korean(self.generated.bodies.get(page.file.src_uri, html), korean=page.url.startswith(KO_PREFIX))

    @event_priority(-50)  # after MkDocs' search plugin wrote its page index, before offline/-100
    def on_post_build(self, *, config) -> None:
        assert self.catalogs is not None
        site_dir = Path(config.site_dir)
        write_search(
            site_dir,
            self.catalogs,
            self.search_docs,
            self.memory,
            incremental=self.incremental,
            pages=self.generated.page_urls,
            today=self.today(),
            build=config.extra["vc_build"],
        )
        self.generated.write_late(site_dir)
        filecache.flush()
        if self.final_site_dir is None:
            return
        if config.strict and compat.strict_warnings_logged():
            return  # MkDocs aborts right after this; on_build_error removes the staging folder
        publish(site_dir, Path(self.final_site_dir))
        config.site_dir = self.final_site_dir

    @event_priority(100)
    def on_pre_build(self, *, config) -> None:
        # Under --dirty the theme's search plugin merges its previous index with this build's, assuming
        # a single rebuilt page; incremental.py merges per page instead (BuildMemory.merge_search).
        if self.incremental:
            compat.forget_previous_search(config)

    def on_build_error(self, *, error: Exception) -> None:
        self.generated.close(cancel=True)
        self.memory = BuildMemory()  # what failed may be half written: the next build renders everything
        self.generated.forget()
        if self.final_site_dir is not None:
            shutil.rmtree(self.final_site_dir.rstrip("/\\") + ".staging", ignore_errors=True)
