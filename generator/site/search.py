"""Site search: one record per result (current items, removed ones as 已不再保留, and the pages), with
Chinese words, full pinyin, initials, Korean and other names, indexed by Pagefind into /pagefind/.

Pagefind writes a chunked index: a visitor's browser loads nothing until the first search, then only
the chunks the query's words fall in and the records it shows, so what a visitor downloads stays flat
as counties are added. Every record carries its county as one extra word, `vcq<slug>q` (`vcqallq` for
the prefecture and the site-wide pages), so the visitor's county is searched first by adding that word
to the query (assets/search.js; Pagefind requires every word). A word, not a Pagefind filter: filter
files come out in a different order on every run, and the build must stay byte-identical.

Records are written as small HTML files into a temporary folder and indexed by the `pagefind_extended`
binary (the pagefind-bin-extended wheel; it segments Chinese). Every value is escaped on the way in,
and the browser inserts what comes back as text only.
"""
from __future__ import annotations

import functools
import html
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jieba
from markupsafe import Markup
from pypinyin import Style, lazy_pinyin, load_phrases_dict

HAN = re.compile(r"[\u3400-\u9fff]+")
TAG = re.compile(r"<[^>]+>")
ALL = "all"  # the county of records that hold for every county (the prefecture, the site's pages)
OUTPUT = "pagefind"
# what a browser may load from Pagefind's bundle (assets/search.js runs it without the worker, which is
# kept for Pagefind's own fallback); its ready-made UIs are not used
KEEP = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
SUMMARY_CHARS = 90

# pypinyin misreads some words used here; fix them once (never derive URLs from pinyin).
load_phrases_dict({"长白": [["cháng"], ["bái"]], "单位": [["dān"], ["wèi"]], "朝鲜族": [["cháo"], ["xiǎn"], ["zú"]]})
jieba.setLogLevel(60)


class SearchIndexError(Exception):
    """The search index could not be written (message in Chinese)."""


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


RECORD = Markup(
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head><body>'
    '<main data-pagefind-body>'
    '<h1 data-pagefind-weight="10">{title}</h1>'
    '<p data-pagefind-weight="8">{names}</p>'
    '<p data-pagefind-weight="4">{pinyin} {initials}</p>'
    '<p lang="ko" data-pagefind-weight="6">{korean}</p>'
    '<p>{text}</p><p>{county}</p></main>'
    '<div data-pagefind-ignore>'
    '<span data-pagefind-meta="title">{title}</span><span data-pagefind-meta="href">{href}</span>'
    '<span data-pagefind-meta="summary">{summary}</span>'
    '</div></body></html>')


def county_word(slug: str) -> str:
    """The word that marks a record's county: slugs are lowercase letters, digits and hyphens
    (catalog/fields.py); the hyphens go, as Pagefind would split the word there."""
    return "vcq" + slug.replace("-", "") + "q"


def record_html(doc: SearchDoc) -> str:
    """The record Pagefind indexes for `doc`; Markup.format escapes every value."""
    full, initials = zip(*(pinyin_terms(n) for n in doc.names)) if doc.names else ((), ())
    names = _unique([*doc.names, *(w for n in doc.names for w in _words(n))])
    korean = _unique(k for name in doc.korean for k in (name.replace(" ", ""), *name.split()))
    summary = doc.text if len(doc.text) <= SUMMARY_CHARS else doc.text[:SUMMARY_CHARS].rstrip() + "…"
    return RECORD.format(title=doc.title, href=doc.uri, summary=summary, county=county_word(doc.county), names=names,
                         pinyin=" ".join(full), initials=" ".join(initials), korean=korean, text=doc.text)


def pagefind_binary() -> Path:
    try:
        import pagefind_bin_extended
        return Path(pagefind_bin_extended.get_executable())
    except (ImportError, FileNotFoundError):
        raise SearchIndexError("找不到搜索索引程序 pagefind_extended：请运行 make setup 安装依赖（pagefind-bin-extended）") from None


def write_index(docs: Iterable[SearchDoc], site_dir: Path) -> int:
    """Index `docs` into `site_dir`/pagefind/; returns the number of records."""
    binary = pagefind_binary()
    out = site_dir / OUTPUT
    with tempfile.TemporaryDirectory(prefix="vc-search-") as tmp:
        source = Path(tmp) / "records"
        count = 0
        for count, doc in enumerate(docs, 1):
            path = source / f"{count // 1000:03d}" / f"{count}.html"  # the file names are never shown
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record_html(doc), encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)
        proc = subprocess.run([str(binary), "--site", str(source), "--output-path", str(out), "--force-language", "zh"],
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0 or not (out / "pagefind.js").is_file():
            tail = (proc.stdout + proc.stderr).strip().splitlines()[-3:]
            raise SearchIndexError("搜索索引没有生成（pagefind_extended 退出码 %d）：%s" % (proc.returncode, " / ".join(tail)))
    for extra in out.iterdir():  # the ready-made UIs and the playground are never loaded
        if extra.is_file() and extra.name.startswith("pagefind-") and extra.name not in KEEP:
            extra.unlink()
    return count
