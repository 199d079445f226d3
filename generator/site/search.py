"""Search entries for the current catalog items: Chinese words, full pinyin, initials, Korean.

Material's lunr index is extended with extra fields (configured under the search plugin's
`fields:` in mkdocs.yml); this module computes them. Han text is segmented with jieba and
joined with U+200B exactly as Material does for page text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jieba
from markupsafe import escape
from pypinyin import Style, lazy_pinyin, load_phrases_dict

HAN = re.compile(r"[\u3400-\u9fff]+")
ZWSP = "\u200b"

# pypinyin misreads some words used here; fix them once (never derive URLs from pinyin).
load_phrases_dict({"长白": [["cháng"], ["bái"]], "单位": [["dān"], ["wèi"]], "朝鲜族": [["cháo"], ["xiǎn"], ["zú"]]})
jieba.setLogLevel(60)


@dataclass(frozen=True)
class SearchDoc:
    """A page as the search index should know it (current items, and removed ones as 已不再保留)."""

    uri: str
    title: str
    text: str
    names: tuple[str, ...]
    korean: tuple[str, ...] = ()


@lru_cache(maxsize=4096)
def segment(text: str) -> str:
    """Han runs cut into words with jieba, separated by U+200B exactly as Material does for pages.

    The cut does not overlap, so the title still reads the same once U+200B is stripped for display.
    """
    return HAN.sub(lambda m: ZWSP + ZWSP.join(jieba.cut(m.group(0))) + ZWSP, text).strip(ZWSP)


def _words(text: str) -> list[str]:
    return [w for run in HAN.findall(text) for w in jieba.cut_for_search(run)]


def pinyin_terms(text: str) -> tuple[str, str]:
    """(full pinyin terms, initials terms) for one name: whole name and each word."""
    words = _words(text)
    full = ["".join(lazy_pinyin(text.replace(" ", ""), errors="ignore"))]
    initials = ["".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore"))]
    for w in words:
        full.append("".join(lazy_pinyin(w)))
        initials.append("".join(lazy_pinyin(w, style=Style.FIRST_LETTER)))
    keep = lambda xs: " ".join(dict.fromkeys(x.lower() for x in xs if x))  # noqa: E731
    return keep(full), keep(initials)


def search_entry(doc: SearchDoc) -> dict[str, str]:
    full, initials = zip(*(pinyin_terms(n) for n in doc.names)) if doc.names else ((), ())
    korean = " ".join(dict.fromkeys(k for name in doc.korean for k in (name.replace(" ", ""), *name.split())))
    return {
        "location": doc.uri,
        # Material renders these two fields as HTML (its own entries are escaped), so escape ours too
        "title": str(escape(segment(doc.title))),
        "text": str(escape(segment(doc.text))),
        # whole names (a query for the full name) and their search-engine cut (出生 finds 出生证明)
        "names": " ".join(dict.fromkeys([*doc.names, *(w for n in doc.names for w in _words(n))])),
        "pinyin": " ".join(full),
        "initials": " ".join(initials),
        "korean": korean,
    }
