"""`mkdocs serve --dirty`: an edit to one catalog file rebuilds only the pages that depend on it.

The builds run in-process exactly as `mkdocs serve` runs them: the config is loaded again for every
rebuild, and MkDocs keeps the plugin object (it has on_startup) with its memory of the last build.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import SITE_TODAY

SERVE_URL = "http://127.0.0.1:8000/"
EDITED = "catalogs/yanji/certificates/2024-06-30.yaml"


def _serve_build(config_file: Path, site_dir: Path, *, first: bool = False):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    config.site_url = SERVE_URL  # as `mkdocs serve` sets it
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url=SERVE_URL, dirty=True)
    return config


@pytest.fixture
def served(site_project, tmp_path, monkeypatch):
    monkeypatch.setenv("CATALOG_TODAY", SITE_TODAY)
    monkeypatch.delenv("SITE_URL", raising=False)
    config_file = site_project(tmp_path / "project")
    site_dir = tmp_path / "serve"
    config = _serve_build(config_file, site_dir, first=True)
    yield config_file, site_dir, config.plugins["village-catalogs"]
    # MkDocs keeps plugin objects with on_startup for the whole process, and later tests build with
    # them: put ours and the theme's search plugin (which keeps its index across dirty builds) back
    config.plugins.on_startup(command="build", dirty=False)
    search = config.plugins.get("material/search")
    if search is not None and hasattr(search, "search_index_prev"):
        search.search_index_prev = None


def test_first_serve_build_renders_everything(served):
    _, site_dir, plugin = served
    assert plugin.generated.full and len(plugin.generated.rebuilt) > 1000
    assert (site_dir / "yanji" / "certificates" / "YJ-ZM-101" / "index.html").is_file()
    assert (site_dir / "search" / "index" / "manifest.json").is_file()
    # no build id under `mkdocs serve` (pages change with every edit; nothing is kept offline), while the
    # answer files link into the index as in a published build
    assert 'name="vc-build"' not in (site_dir / "yanji" / "index.html").read_text(encoding="utf-8")
    answers = json.loads((site_dir / "search" / "answers" / "yanji.json").read_text(encoding="utf-8"))
    assert (
        "build" not in answers
        and answers["index"] == json.loads((site_dir / "search" / "index" / "manifest.json").read_text())["build"]
    )


def test_editing_one_catalog_file_rebuilds_only_its_pages(served):
    config_file, site_dir, plugin = served
    project = config_file.parent
    unrelated = site_dir / "antu" / "certificates" / "AT-ZM-001" / "index.html"
    before = unrelated.stat().st_mtime_ns
    path = project / EDITED
    text = path.read_text(encoding="utf-8")
    edited, n = re.subn(r"(purpose: 申请农业补贴)[^\n]*", r"\1（增量重建测试）", text, count=1)
    assert n == 1, "the fixture text to edit is gone"
    path.write_text(edited, encoding="utf-8")

    plugin = _serve_build(config_file, site_dir).plugins["village-catalogs"]

    assert not plugin.generated.full
    rebuilt = set(plugin.generated.rebuilt)
    assert "yanji/certificates/YJ-ZM-101/index.md" in rebuilt, sorted(rebuilt)
    # and the Korean twins of the same pages (ko/yanji/…)
    outside = sorted(f for f in rebuilt if not re.match(r"((ko/)?yanji/|data/yanji/|search/answers/yanji\.json)", f))
    assert not outside, f"pages that do not depend on the edit were rebuilt: {outside}"
    assert len(rebuilt) < 40, sorted(rebuilt)
    page = (site_dir / "yanji" / "certificates" / "YJ-ZM-101" / "index.html").read_text(encoding="utf-8")
    assert "增量重建测试" in page
    assert unrelated.stat().st_mtime_ns == before, "an unrelated page was written again"
    # the search index still knows the pages this rebuild did not render
    assert {"", "about/", "guide/reading/"} <= set(plugin.memory.search_docs), sorted(plugin.memory.search_docs)[:10]
    # and the answer files link into the index now on disk (written again with it: the page text changed)
    manifest = json.loads((site_dir / "search" / "index" / "manifest.json").read_text(encoding="utf-8"))
    assert all(
        json.loads(p.read_text(encoding="utf-8"))["index"] == manifest["build"]
        for p in (site_dir / "search" / "answers").glob("*.json")
    )


def test_a_change_every_page_shows_rebuilds_everything(served):
    """A new region name is in the navigation of every page: nothing may keep the old one."""
    config_file, site_dir, plugin = served
    region = config_file.parent / "catalogs" / "antu" / "region.yaml"
    region.write_text(
        region.read_text(encoding="utf-8").replace("name: 安图县", "name: 安图县（改名测试）", 1), encoding="utf-8"
    )
    plugin = _serve_build(config_file, site_dir).plugins["village-catalogs"]
    assert plugin.generated.full
    assert "安图县（改名测试）" in (site_dir / "yanji" / "index.html").read_text(encoding="utf-8")
    # hand-written pages are rendered again too (the county picker's list carries the new name)
    assert json.dumps("安图县（改名测试）")[1:-1] in (site_dir / "about" / "index.html").read_text(encoding="utf-8")
    assert {"", "about/", "guide/reading/"} <= set(plugin.memory.search_docs)


def test_a_plain_build_is_never_incremental(served, site_build, tmp_path):
    """After serving, a build in the same process (the plugin object is reused) renders everything."""
    config_file, _, plugin = served
    plugin.on_startup(command="build", dirty=False)
    os.environ["SITE_URL"] = "https://catalogs.example.invalid/"
    site_build(config_file, tmp_path / "plain")
    assert plugin.generated.full and len(plugin.generated.rebuilt) > 1000


def test_serve_looks_for_changed_files_five_times_a_second(tmp_path, monkeypatch):
    """MkDocs' LiveReloadServer polls every 0.5 s with no option to change it; the plugin shortens the
    interval of the server's observer and of the watches already scheduled (and of later ones)."""
    from mkdocs.livereload import LiveReloadServer

    from generator.site import plugin as plugin_module
    from generator.site.plugin import SERVE_POLL_S, CatalogPlugin

    settled = []
    monkeypatch.setattr(plugin_module, "settle_heap", lambda: settled.append(True))  # not this test process's heap

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))
        assert server.observer.timeout == 0.5  # watchdog's attribute the plugin relies on is there
        CatalogPlugin().on_serve(server, config=None, builder=None)
        (tmp_path / "later").mkdir()
        server.watch(str(tmp_path / "later"))
        assert server.observer.timeout == SERVE_POLL_S == 0.1
        assert [e.timeout for e in server.observer.emitters] == [SERVE_POLL_S, SERVE_POLL_S]
        assert settled == [True]  # the first build's leftovers collected, the rest frozen, once
    finally:
        server.server_close()


def test_settling_the_heap_freezes_what_is_alive():
    import gc

    from generator.site.plugin import settle_heap

    assert gc.get_freeze_count() == 0
    try:
        settle_heap()
        assert gc.get_freeze_count() > 10_000  # modules, the theme, everything built so far
    finally:
        gc.unfreeze()
