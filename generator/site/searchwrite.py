"""The site's search index at the end of a build: the pages' text (as the theme's search plugin
collected it) and the catalog items (search.py), written by searchindex.py. The theme's own
theme's own index file is removed: the browser never loads it."""

from __future__ import annotations

from pathlib import Path

from ..build.incremental import BuildMemory, signature
from ..catalog.model import Catalogs
from . import compat


def write_search(
    site_dir: Path, catalogs: Catalogs, items: list, memory: BuildMemory, *, incremental: bool, pages: frozenset[str]
) -> None:
    from .search import page_doc, write_index
    from .searchindex import FOLDER

    found = memory.merge_search(compat.take_theme_search_index(site_dir), full=not incremental, pages=pages)
    counties = [r.slug for r in catalogs.counties()]
    docs = [page_doc(d["location"], d.get("title", ""), d.get("text", ""), frozenset(counties)) for d in found]
    fresh = memory.search_changed(signature(docs, items))
    if fresh or not incremental or not (site_dir.joinpath(*FOLDER) / "manifest.json").is_file():
        write_index([*docs, *items], site_dir, counties)
