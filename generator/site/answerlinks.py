"""What a county's answer file needs from the search index it is written with (issue 26), so that the
answer box's first answer waits for one round of fetches after the query (the index's shards) instead
of three (the character table, the shards, then the records):

- `index`: the index's build; the browser uses the two below only with that build's index;
- `r` on each answer: the numbers of the search records whose address is one of the answer's pages,
  so the box maps the engine's results to answers by number, without fetching the records
  (r/<n>.json) for their addresses;
- `chars`: the character table's entries for the characters of the county's own names, in the form
  of c/<n>.json (searchrules.char_files): a query written in those characters needs no part of the
  table fetched before its shards.
All three are read back from the index files as written (manifest.json, r/, c/), so they say what the
browser would fetch, whatever the rules that made them (searchrules.py).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

from .searchrules import HAN_CHAR

BASE = "https://site.invalid/"  # addresses are compared as the browser resolves them against the site's root


def _address(href: str) -> str:
    return urljoin(BASE, href)


@dataclass(frozen=True)
class IndexView:
    build: str
    pages: Mapping[str, tuple[int, ...]]  # a record's address, resolved -> the numbers of the records with it
    parts: tuple[Mapping[str, Mapping[str, str]], ...]  # the character table's parts, as c/<n>.json without "b"

    @classmethod
    def of(cls, files: Mapping[str, bytes]) -> IndexView:
        """From the index files ({path under search/index/: bytes}, searchindex.index_files)."""
        manifest = json.loads(files["manifest.json"])
        per_file, pages = manifest["rules"]["records_per_file"], {}
        for path in (p for p in files if p.startswith("r/")):
            first = int(path[2 : -len(".json")]) * per_file
            for n, record in enumerate(json.loads(files[path])["r"]):
                pages.setdefault(_address(record[1]), []).append(first + n)
        parts = tuple(
            {k: v for k, v in json.loads(files[f"c/{n}.json"]).items() if k != "b"}
            for n in range(manifest["rules"]["char_files"])
        )
        return cls(manifest["build"], {a: tuple(sorted(ns)) for a, ns in pages.items()}, parts)

    def records(self, addresses: Iterable[str]) -> list[int]:
        """The numbers of the records whose address is one of `addresses` (site-relative, like the records')."""
        return sorted({n for a in addresses for n in self.pages.get(_address(a), ())})

    def table(self, texts: Iterable[str]) -> dict[str, dict[str, str]]:
        """The character table's entries for the Chinese characters of `texts`: {"t": {traditional:
        simplified}, "p": {pinyin: characters}}, as the parts list them (a character the table lacks is
        left out: the browser then fetches its part, and finds it missing there too)."""
        chars = {ch for text in texts for ch in HAN_CHAR.findall(unicodedata.normalize("NFKC", text))}
        out: dict[str, dict[str, str]] = {"t": {}, "p": {}}
        for part in self.parts:
            out["t"].update((t, s) for t, s in part["t"].items() if t in chars)
            for syllable, listed in part["p"].items():
                mine = "".join(ch for ch in listed if ch in chars)
                if mine:
                    out["p"][syllable] = out["p"].get(syllable, "") + mine
        return {"t": dict(sorted(out["t"].items())), "p": dict(sorted(out["p"].items()))}
