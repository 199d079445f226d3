"""The site's search index: a term index cut into small shards, and one small file per record, read by
assets/search.js in plain JavaScript (no WebAssembly, no worker). The browser knows which shard a key is
in from the page alone (the number of shards follows the number of counties, which every page lists),
so the first result on a slow phone comes after two rounds of small fetches: the shards of the
query's keys, then the records shown.

Keys (`keys`, shared with the browser's `queryKeys` in assets/search.js; tests/site/test_search_index.py
checks that both agree):
- text is NFKC-normalised and lower-cased;
- a run of Chinese characters (or of Hangul) gives every character and every pair of neighbours, so
  any part of a name is found: 出生证明 → 出, 生, 证, 明, 出生, 生证, 证明; a query gives the pairs that
  cover it (出生证明 → 出生, 证明) or its one character;
- a run of letters and digits (pinyin, initials, IDs) gives every prefix of two characters or more,
  so chusheng, chu and cs all find 出生; a query gives the run itself;
- a whole name gives `=` + the name without spaces: a query equal to a name scores highest.

A record's weight for a key is that of the best field it occurs in (title 10, names 8, Korean 6,
pinyin 4 — 5 for a whole pinyin word —, page text 1). The browser keeps the records that have every
key of the query, scores them by the sum of the weights, and shows ties one county at a time.

Files, under search/index/ (nothing links to them; nothing is loaded before the first search):
- s/<n>.json — shard n of `shard_count(counties)`, by FNV-1a of the key:
  {"b": build, "n": shards, "c": {county: its first record}, "k": {key: [record, weight, record −
  previous record, weight, …]}}; records are numbered county by county, the prefecture and the site's
  own pages ("all") first;
- r/<n>.json — records n × RECORDS_PER_FILE onwards, in order: {"b": build, "r": [[title, page
  address, summary], …]} (a few records per file: fewer files to write, and a county's results
  often come in one);
- manifest.json — {"format", "build", "shards", "records_per_file"}, for a page that has no county
  list (another site searching this one) or whose list is older or newer than the index.
`build` is a digest of the whole index: a browser that got files of two different builds (a cached
shard, a new record) sees it and fetches them again. Shards grow in number, not in size, as counties
are added, so what a query downloads stays about the same.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .escape import json_text

FOLDER = ("search", "index")
SHARDS_PER_COUNTY = 16  # a shard holds about 1 KB gzip of postings, at 8 counties and at 60
LATIN_MAX = 24        # longest prefix indexed for a run of letters and digits
EXACT = "="
WEIGHT = {"title": 10, "names": 8, "korean": 6, "pinyin": 4, "text": 1}
WHOLE_PINYIN = 5
RECORDS_PER_FILE = 8

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
RUNS = re.compile(f"([{HAN}]+)|([{HANGUL}]+)|([a-z0-9]+)")


def shard_count(counties: int) -> int:
    """The number of shards for a site of `counties` counties (assets/search.js computes the same)."""
    n = 1
    while n < SHARDS_PER_COUNTY * (counties + 1):
        n *= 2
    return n


def normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over the key's code points (assets/search.js computes the same)."""
    h = 0x811C9DC5
    for ch in key:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h


def keys(text: str) -> Iterable[tuple[str, bool]]:
    """(key, whole) for indexing `text`; `whole` marks a key that is a complete run of letters/digits."""
    for han, hangul, latin in RUNS.findall(normal(text)):
        run = han or hangul
        if run:
            yield from ((ch, False) for ch in run)
            yield from ((run[i:i + 2], False) for i in range(len(run) - 1))
        else:
            yield from ((latin[:n], n == len(latin)) for n in range(min(2, len(latin)), min(len(latin), LATIN_MAX) + 1))


def query_keys(query: str) -> list[str]:
    """The keys a record must all have to match `query` (as assets/search.js's queryKeys); a single
    letter or digit after other words (still being typed) is left out."""
    out: list[str] = []
    for han, hangul, latin in RUNS.findall(normal(query)):
        run = han or hangul
        if not run:
            out.append(latin[:LATIN_MAX])
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i:i + 2] for i in range(0, len(run) - 1, 2))
            if len(run) % 2:
                out.append(run[-2:])
    out = list(dict.fromkeys(out))
    longer = [k for k in out if not re.fullmatch(r"[a-z0-9]", k)]
    return longer or out


SPACE = re.compile(r"[ \t\n\r\f\v]+")  # after NFKC (which makes U+3000 a space); as search.js


def exact_key(name: str) -> str:
    return EXACT + "".join(SPACE.split(normal(name)))


@dataclass
class Record:
    title: str
    href: str
    summary: str
    county: str
    fields: dict[str, Iterable[str]] = field(default_factory=dict)  # field name -> texts
    exact: tuple[str, ...] = ()  # whole names


def _postings(records: list[Record]) -> dict[str, dict[int, int]]:
    index: dict[str, dict[int, int]] = {}
    for number, record in enumerate(records):
        for name, texts in record.fields.items():
            base = WEIGHT[name]
            for text in texts:
                for key, whole in keys(text):
                    weight = WHOLE_PINYIN if whole and name == "pinyin" else base
                    entry = index.setdefault(key, {})
                    if entry.get(number, 0) < weight:
                        entry[number] = weight
        for name in record.exact:
            if name.strip():
                index.setdefault(exact_key(name), {})[number] = WEIGHT["title"] * 3
    return index


def _dump(data: object) -> bytes:
    return json_text(data, separators=(",", ":"), sort_keys=True).encode("utf-8")


def index_files(records: list[Record], counties: list[str]) -> dict[str, bytes]:
    """{path under search/index/: bytes} for `records`, numbered in the given order, which must hold
    each county's records together, in the order of `counties` ("all" first)."""
    starts: dict[str, int] = {}
    for number, record in enumerate(records):
        if record.county not in starts:
            starts[record.county] = number
        elif records[number - 1].county != record.county:
            raise ValueError(f"records of {record.county} are not together")
    postings = _postings(records)
    shards = shard_count(len(counties) - 1)
    buckets: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for key, entry in postings.items():
        flat, previous = [], 0
        for number in sorted(entry):
            flat += [number - previous, entry[number]]
            previous = number
        buckets[fnv1a(key) % shards][key] = flat
    digest = hashlib.sha256(_dump([buckets, [(r.title, r.href, r.summary) for r in records], starts]))
    build = digest.hexdigest()[:12]
    files = {f"s/{n}.json": _dump({"b": build, "n": shards, "c": starts, "k": bucket}) for n, bucket in enumerate(buckets)}
    for n in range(0, len(records), RECORDS_PER_FILE):
        files[f"r/{n // RECORDS_PER_FILE}.json"] = _dump({"b": build, "r": [[r.title, r.href, r.summary] for r in records[n:n + RECORDS_PER_FILE]]})
    files["manifest.json"] = _dump({"format": 1, "build": build, "shards": shards, "records_per_file": RECORDS_PER_FILE})
    return files


def write_files(files: dict[str, bytes], site_dir: Path) -> Path:
    """Replace search/index/ in `site_dir` with `files`; returns the folder."""
    folder = site_dir.joinpath(*FOLDER)
    shutil.rmtree(folder, ignore_errors=True)
    made: set[Path] = set()
    for path, data in files.items():
        target = folder / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
    return folder
