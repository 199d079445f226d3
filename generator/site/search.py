"""Site search: one record per result (current items, removed ones as 已不再保留, and the pages), found
by its title, Chinese names and other names, full pinyin and initials (per jieba word and whole),
Korean, and page text; written as the sharded index of searchindex.py into /search/index/.

A visitor's browser loads nothing for search until the first search, then only the shards the query's
keys fall in and the records it shows (assets/search.js), so what a visitor downloads stays flat as
counties are added. Records are numbered county by county, so the visitor's county comes first
without a second query. The browser inserts every value as text only.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jieba
from pypinyin import Style, lazy_pinyin, load_phrases_dict

from .searchindex import Record, index_files, write_files

HAN = re.compile(r"[\u3400-\u9fff]+")
TAG = re.compile(r"<[^>]+>")
ALL = "all"  # the county of records that hold for every county (the prefecture, the site's pages)
SUMMARY_CHARS = 90

# pypinyin misreads some words used here; fix them once (never derive URLs from pinyin).
load_phrases_dict({"长白": [["cháng"], ["bái"]], "单位": [["dān"], ["wèi"]], "朝鲜族": [["cháo"], ["xiǎn"], ["zú"]]})
jieba.setLogLevel(60)


@dataclass(frozen=True)
class SearchDoc:
    """A page as search should know it (current items, and removed ones as 已不再保留)."""

    uri: str
    title: str
    text: str
    names: tuple[str, ...]
    korean: tuple[str, ...] = ()
    county: str = ALL


def _words(text: str) -> list[str]:
    return [w for run in HAN.findall(text) for w in jieba.cut_for_search(run)]


def _unique(terms: Iterable[str]) -> str:
    return " ".join(dict.fromkeys(t for t in terms if t))


@functools.lru_cache(maxsize=65536)  # the same names recur in every county and every rebuild
def pinyin_terms(text: str) -> tuple[str, str]:
    """(full pinyin terms, initials terms) for one name: whole name and each word."""
    words = _words(text)
    full = ["".join(lazy_pinyin(text.replace(" ", ""), errors="ignore"))]
    initials = ["".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore"))]
    for w in words:
        full.append("".join(lazy_pinyin(w)))
        initials.append("".join(lazy_pinyin(w, style=Style.FIRST_LETTER)))
    return _unique(x.lower() for x in full), _unique(x.lower() for x in initials)


def page_doc(location: str, title_html: str, text_html: str, counties: frozenset[str]) -> SearchDoc:
    """A hand-written or generated page as MkDocs' search plugin saw it (its fields are HTML)."""
    plain = lambda s: html.unescape(TAG.sub(" ", s)).replace("\u200b", "").strip()  # noqa: E731
    head = location.split("/")
    county = next((part for part in head[:2] if part in counties), ALL)  # yanji/…, signboards/yanji/
    return SearchDoc(location, plain(title_html), " ".join(plain(text_html).split()), (), (), county)


def record(doc: SearchDoc) -> Record:
    """What the index keeps of `doc`: the fields it is found by, and the text a result shows."""
    full, initials = zip(*(pinyin_terms(n) for n in doc.names[1:])) if doc.names[1:] else ((), ())
    spelling = pinyin_terms(doc.names[0]) if doc.names else ()  # the name's own pinyin weighs more than other names
    summary = doc.text if len(doc.text) <= SUMMARY_CHARS else doc.text[:SUMMARY_CHARS].rstrip() + "…"
    korean = [k for name in doc.korean for k in (name.replace(" ", ""), name)]
    return Record(
        doc.title,
        doc.uri,
        summary,
        doc.county,
        {
            "title": (doc.title,),
            "names": doc.names,
            "korean": korean,
            "spelling": spelling,
            "pinyin": (*full, *initials),
            "text": (doc.text,),
        },
        (*doc.names, *(name.replace(" ", "") for name in doc.korean)),
    )


def index_docs(docs: Iterable[SearchDoc], counties: Iterable[str] = ()) -> dict[str, bytes]:
    """The index files of `docs` (searchindex.py: {path under search/index/: bytes}), the prefecture's
    and the site's own records first, then each county's in the order of `counties`."""
    order = {slug: n for n, slug in enumerate([ALL, *counties])}
    # stable; a county not listed (none today) still keeps its records together, after the others
    records = [
        record(d)
        for d in sorted(
            docs, key=lambda d: (order.get(d.county, len(order)), d.county if d.county not in order else "")
        )
    ]
    return index_files(records, list(order))


def write_index(docs: Iterable[SearchDoc], site_dir: Path, counties: Iterable[str] = ()) -> int:
    """Index `docs` into `site_dir`/search/index/ (index_docs); returns the number of records."""
    docs = list(docs)
    write_files(index_docs(docs, counties), site_dir)
    return len(docs)
