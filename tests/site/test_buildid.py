"""The site's build id (generator/site/buildid.py, issue 26): the same inputs give the same id in any
folder; a change to a catalog, a hand-written page, the theme's overrides or a setting gives a new one;
every page and answer file of a build names it (the service worker keeps one build at a time by it)."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

from conftest import REPO_ROOT

from generator.site.buildid import of_config, site_build

SETTINGS = {"today": "2026-11-28", "site_url": "https://catalogs.example.invalid/", "preview": False}
META = re.compile(r'<meta name="vc-build" content="([0-9a-f]{12})">')


def _project(dest: Path) -> Path:
    for part in ("catalogs", "content", "overrides"):
        shutil.copytree(REPO_ROOT / part, dest / part)
    shutil.copy2(REPO_ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def _id(project: Path, **settings: object) -> str:
    folders = [project / "catalogs", project / "content", project / "overrides"]
    return site_build(project / "mkdocs.yml", folders, {**SETTINGS, **settings})


def test_the_same_inputs_give_the_same_id_in_any_folder(tmp_path):
    one, two = _project(tmp_path / "one"), _project(tmp_path / "checkout" / "two")
    (two / "catalogs" / "__pycache__").mkdir()  # not an input
    (two / "catalogs" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert re.fullmatch(r"[0-9a-f]{12}", _id(one)) and _id(one) == _id(two)


def test_a_change_to_any_input_gives_a_new_id(tmp_path):
    project = _project(tmp_path / "project")
    seen = {_id(project)}

    def edit(path: Path) -> None:
        path.write_text(path.read_text(encoding="utf-8") + "\n# 改动\n", encoding="utf-8")
        seen.add(_id(project))

    edit(project / "catalogs" / "yanji" / "region.yaml")  # the data
    edit(project / "content" / "about.md")  # a hand-written page only (the index may not change)
    edit(project / "overrides" / "main.html")  # the theme's overrides
    (project / "content" / "assets" / "site.js").rename(project / "content" / "assets" / "site2.js")  # a file's name
    seen.add(_id(project))
    edit(project / "mkdocs.yml")
    seen.add(_id(project, today="2026-11-29"))
    seen.add(_id(project, site_url="https://other.example.invalid/"))
    seen.add(_id(project, preview=True))
    assert len(seen) == 9, seen


class _Options(dict):  # the plugin's options as MkDocs gives them: a mapping with attributes
    __getattr__ = dict.__getitem__


def test_every_plugin_option_but_the_build_cache_is_an_input(tmp_path):
    project = _project(tmp_path / "project")
    config = SimpleNamespace(
        config_file_path=str(project / "mkdocs.yml"),
        docs_dir=str(project / "content"),
        site_url=SETTINGS["site_url"],
        theme=SimpleNamespace(custom_dir=str(project / "overrides")),
    )

    def build(serving: bool = False, **options: object) -> str | None:
        chosen = _Options({"catalogs_dir": "catalogs", "languages": "zh,ko", "build_cache": True, **options})
        return of_config(config, chosen, datetime.date(2026, 11, 28), False, serving)

    assert build() == build(build_cache=False)  # the same site, made afresh or from the cache
    assert build() != build(languages="zh")  # the Chinese site alone is another site
    assert build(serving=True) is None  # `mkdocs serve`: pages change with every edit, nothing is kept offline


def test_every_page_and_answer_file_names_the_build(real_site):
    texts = {p: p.read_text(encoding="utf-8") for p in real_site.rglob("*.html")}
    pages = {p: t for p, t in texts.items() if 'http-equiv="refresh"' not in t}  # not the id/ redirects
    found = {m.group(1) for t in pages.values() for m in [META.search(t)] if m}
    missing = [str(p.relative_to(real_site)) for p, t in pages.items() if not META.search(t)]
    assert len(found) == 1 and not missing and len(pages) > 1000, (found, missing[:10])
    assert META.search(texts[real_site / "ko" / "yanji" / "index.html"])  # the Korean twin's pages too
    build = found.pop()
    answers = sorted((real_site / "search").glob("answers*/*.json")) + [real_site / "search" / "answers-all.json"]
    assert len(answers) == 9 and all(json.loads(p.read_text(encoding="utf-8"))["build"] == build for p in answers)
    # the service worker reads the build from the page's text exactly as written here
    assert META.pattern.replace("{12}", "+") in (REPO_ROOT / "content" / "sw.js").read_text(encoding="utf-8")
