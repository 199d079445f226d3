"""The site's search index: a term index cut into small shards, and one small file per record, read by
assets/search.js in plain JavaScript (no WebAssembly, no worker) for the header's search and the
answer box alike. The rules — normalising, keys, weights, the number of shards — are searchrules.py's;
the manifest carries them to the browser, which has no copy of its own.

A record's weight for a key is that of the best field it occurs in (title 10, names 8, Korean 6,
Hangul in other names — Korean common names — 5, the name's own pinyin 5, other names' pinyin 4 — one more for a whole pinyin word —, a sound-alike
pair 3, page text 1; a whole name 30, a whole name by its sound 20). The
browser keeps the records that satisfy every unit of the query, scores them by the sum of the best
weight per unit, and shows ties one county at a time.

Files, under search/index/ (nothing links to them; nothing is loaded before the first search):
- manifest.json — {"format", "build", "shards", "rules": searchrules.browser_rules()}: read first;
- c/<n>.json — part n of the character table (searchrules.char_files), by code point: a query
  fetches the parts of its own Chinese characters (traditional → simplified, pinyin);
- s/<n>.json — shard n of `shard_count(counties)`, by FNV-1a of the key:
  {"b": build, "n": shards, "c": {county: its first record}, "k": {key: [record, weight, record −
  previous record, weight, …]}}; records are numbered county by county, the prefecture and the site's
  own pages ("all") first;
- r/<n>.json — records n × RECORDS_PER_FILE onwards, in order: {"b": build, "r": [[title, page
  address, summary], …]} (a few records per file: fewer files to write, and a county's results
  often come in one).
`build` is a digest of the whole index: a browser that got files of two different builds (a cached
shard, a new record) sees it and fetches them again. Shards grow in number, not in size, as counties
are added, and the character table is the same size at 8 counties and at 60, so what a query
downloads stays about the same.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .escape import json_text
from .searchrules import (  # noqa: F401 - the rules' names, as this module's readers know them
    EXACT_SOUND_WEIGHT,
    EXACT_WEIGHT,
    HANGUL,
    KOREAN_OTHER,
    LATIN_MAX,
    RECORDS_PER_FILE,
    SHARDS_PER_COUNTY,
    SOUND_WEIGHT,
    SOUNDED,
    WEIGHT,
    WHOLE_PINYIN,
    CharTable,
    browser_rules,
    char_files,
    char_table,
    exact_key,
    exact_sound_key,
    fnv1a,
    keys,
    query_units,
    shard_count,
)

FOLDER = ("search", "index")
HANGUL_KEY = re.compile(f"[{HANGUL}]")
FORMAT = 2


@dataclass
class Record:
    title: str
    href: str
    summary: str
    county: str
    fields: dict[str, Iterable[str]] = field(default_factory=dict)  # field name -> texts
    exact: tuple[str, ...] = ()  # whole names


def _postings(records: list[Record], table: CharTable) -> dict[str, dict[int, int]]:
    index: dict[str, dict[int, int]] = {}
    for number, record in enumerate(records):
        for name, texts in record.fields.items():
            base = WEIGHT[name]
            for text in texts:
                for key, whole in keys(text, table, sounded=name in SOUNDED):
                    weight = (
                        SOUND_WEIGHT
                        if key[0] == "~"
                        else base + (WHOLE_PINYIN if whole and name in ("pinyin", "spelling") else 0)
                    )
                    if name == "names" and HANGUL_KEY.match(key):
                        weight = min(weight, KOREAN_OTHER)
                    entry = index.setdefault(key, {})
                    if entry.get(number, 0) < weight:
                        entry[number] = weight
        for name in record.exact:
            key, sound = exact_key(name, table), exact_sound_key(name, table)
            if len(key) > 1:
                index.setdefault(key, {})[number] = EXACT_WEIGHT
            if sound and index.setdefault(sound, {}).get(number, 0) < EXACT_SOUND_WEIGHT:
                index[sound][number] = EXACT_SOUND_WEIGHT
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
    table = char_table(t for r in records for name in ("title", "names") for t in r.fields.get(name, ()))
    chars = char_files(table)
    postings = _postings(records, table)
    shards = shard_count(len(counties) - 1)
    buckets: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for key, entry in postings.items():
        flat, previous = [], 0
        for number in sorted(entry):
            flat += [number - previous, entry[number]]
            previous = number
        buckets[fnv1a(key) % shards][key] = flat
    digest = hashlib.sha256(_dump([buckets, [(r.title, r.href, r.summary) for r in records], starts, chars]))
    build = digest.hexdigest()[:12]
    files = {
        f"s/{n}.json": _dump({"b": build, "n": shards, "c": starts, "k": bucket}) for n, bucket in enumerate(buckets)
    }
    for n in range(0, len(records), RECORDS_PER_FILE):
        files[f"r/{n // RECORDS_PER_FILE}.json"] = _dump(
            {"b": build, "r": [[r.title, r.href, r.summary] for r in records[n : n + RECORDS_PER_FILE]]}
        )
    files.update((f"c/{n}.json", _dump({"b": build, **part})) for n, part in enumerate(chars))
    files["manifest.json"] = _dump({"format": FORMAT, "build": build, "shards": shards, "rules": browser_rules()})
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
