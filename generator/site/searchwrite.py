"""The site's search index at the end of a build: the pages' text (as the theme's search plugin
collected it) and the catalog items (search.py), written by searchindex.py; the theme's own index
file is removed (the browser never loads it). Then the answer files (answerfiles.py), written with
the index they link into (answerlinks.py) and the site's build id."""

from __future__ import annotations

import datetime
from pathlib import Path

from ..build.incremental import BuildMemory, signature
from ..catalog.model import Catalogs
from . import compat


def write_search(
    site_dir: Path,
    catalogs: Catalogs,
    items: list,
    memory: BuildMemory,
    *,
    incremental: bool,
    pages: frozenset[str],
    today: datetime.date,
    build: str | None,
) -> None:
    from .answerfiles import answer_files, write_answer_files
    from .answerlinks import IndexView
    from .search import index_docs, page_doc
    from .searchindex import FOLDER, write_files

    found = memory.merge_search(compat.take_theme_search_index(site_dir), full=not incremental, pages=pages)
    counties = [r.slug for r in catalogs.counties()]
    docs = [page_doc(d["location"], d.get("title", ""), d.get("text", ""), frozenset(counties)) for d in found]
    fresh = memory.search_changed(signature(docs, items))
    folder = site_dir.joinpath(*FOLDER)
    if fresh or not incremental or not (folder / "manifest.json").is_file() or memory.search_index is None:
        files = index_docs([*docs, *items], counties)
        write_files(files, site_dir)
        memory.search_index = IndexView.of(files)
    write_answer_files(site_dir, answer_files(catalogs, today, memory.search_index, build))
