"""`mkdocs serve --dirty`: rebuild only what an edit changed.

Every build regenerates all pages in memory (cheap once QR codes, plaques and workbooks are cached);
what costs is MkDocs rendering each of them through the theme. So a rebuild compares each generated
file with the previous build in this process and tells MkDocs which ones are unchanged: those keep
the file already in the serve folder. Anything that shows on every page (the navigation, the list of
pages, the theme's extra values) is part of a signature; when it changes, everything is rebuilt.

The theme's search plugin only sees the pages that were rebuilt, so the search documents of earlier
builds are kept per page and merged, and the search index is written again only when the documents changed.
"""
from __future__ import annotations

import gc
import hashlib
import json
import logging
from dataclasses import dataclass, field


def digest(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def signature(*parts: object) -> str:
    """A digest of what every page shows (navigation, page list, theme extras)."""
    return digest(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=repr))


@dataclass
class BuildMemory:
    """What the previous build in this process produced."""

    signature: str = ""
    digests: dict[str, str] = field(default_factory=dict)  # generated file (src URI) -> content digest
    search_docs: dict[str, list[dict]] = field(default_factory=dict)  # page URL -> its search documents
    search_digest: str = ""
    search_index: object = None  # what the answer files need of the index last written (site/answerlinks.py)

    def unchanged(self, sig: str, digests: dict[str, str]) -> set[str]:
        """The generated files identical to the previous build's (none if the signature changed);
        remembers this build."""
        same = {src for src, d in digests.items() if self.digests.get(src) == d} if sig == self.signature else set()
        self.signature, self.digests = sig, dict(digests)
        return same

    def merge_search(self, docs: list[dict], full: bool, pages: frozenset[str] = frozenset()) -> list[dict]:
        """All pages' search documents: this build's for the pages it rendered, earlier ones for the
        others that still exist (`pages`: the URLs of this build's pages)."""
        fresh: dict[str, list[dict]] = {}
        for doc in docs:
            fresh.setdefault(doc["location"].split("#")[0], []).append(doc)
        merged = fresh if full else {**self.search_docs, **fresh}
        self.search_docs = {url: d for url, d in merged.items() if full or url in pages or url in fresh}
        return [d for page in self.search_docs.values() for d in page]

    def search_changed(self, key: str) -> bool:
        """Whether the search records differ from the previous build's (and remember them)."""
        changed = key != self.search_digest
        self.search_digest = key
        return changed


class QuietDirty(logging.Filter):
    """Drops MkDocs' warning that a dirty build may show stale navigation: a rebuild here renders
    every page again when the navigation changes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def settle_heap() -> None:
    """Under `mkdocs serve`, once the first build is done: collect it, then freeze what is left (the
    theme, jieba's dictionary, fonts, the pages remembered for rebuilds) out of Python's cyclic
    garbage collector. A full collection otherwise walks all of it in every other rebuild, a
    quarter of a second at 60 counties; objects of later rebuilds are still collected as usual."""
    gc.collect()
    gc.freeze()
