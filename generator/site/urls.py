"""The public URL scheme (content/guide and shared design: a published URL is a promise).

Every `*_uri` here is a site-relative directory path ending in `/` ("yanji/certificates/");
`src_uri` turns it into the in-memory page file MkDocs builds at that address.
"""

from __future__ import annotations

import datetime
import functools
import posixpath

from ..catalog.model import CatalogKind


def region_uri(region: str) -> str:
    return f"{region}/"


def catalog_uri(region: str, catalog: CatalogKind) -> str:
    return f"{region}/{catalog.value}/"


def edition_uri(region: str, catalog: CatalogKind, effective: datetime.date) -> str:
    return f"{region}/{catalog.value}/{effective.isoformat()}/"


def changes_uri(region: str, catalog: CatalogKind) -> str:
    return f"{region}/{catalog.value}/changes/"


def compare_uri(region: str, catalog: CatalogKind) -> str:
    return f"{region}/{catalog.value}/compare/"


def item_uri(region: str, catalog: CatalogKind, item_id: str) -> str:
    return f"{region}/{catalog.value}/{item_id}/"


def cancelled_uri(region: str) -> str:
    """A county's 取消清单: the certificates it took off its retained list (since when, why, which document)."""
    return f"{region}/{CatalogKind.CERTIFICATES.value}/cancelled/"


def region_feed(region: str) -> str:
    return f"{region}/feed.xml"


def catalog_feed(region: str, catalog: CatalogKind) -> str:
    return f"{region}/{catalog.value}/feed.xml"


def id_uri(item_id: str) -> str:
    return f"id/{item_id}/"


SITE_CHANGES = "changes/"
FEED = "changes/feed.xml"
MATRIX = "certificates/"
SIGNBOARDS = "signboards/"
STATUS = "status/"
DATA = "data/"
STATUS_JSON = "status/status.json"


def answers_uri(county: str) -> str:
    """The data behind a county's "may my village issue this?" search (fetched on the first query)."""
    return f"search/answers/{county}.json"


ANSWERS_ALL = "search/answers-all.json"
"""Every county's outcomes in one file, for "看看其他县（市）怎么规定" (one request at any number of counties)."""


def src_uri(uri: str) -> str:
    """The Markdown source path MkDocs maps to `uri` with directory URLs."""
    return "index.md" if uri in ("", "/") else f"{uri}index.md"


@functools.lru_cache(maxsize=65536)  # tens of thousands of links per build, many the same
def relative(from_uri: str, to_uri: str) -> str:
    """Link from the page at `from_uri` to `to_uri`, both site-relative (works under any base path)."""
    target, start = to_uri if to_uri else ".", from_uri.rstrip("/") or "."
    if (
        ".." in target or ".." in start or target[0] == "/" or start[0] == "/"
    ):  # not site-relative: as posixpath.relpath
        rel = posixpath.relpath(target, start)
    else:  # posixpath.relpath without its two calls to the working folder (os.getcwd) per link
        to, here = _folders(target), _folders(start)
        common = 0
        for a, b in zip(to, here):
            if a != b:
                break
            common += 1
        rel = "/".join([".."] * (len(here) - common) + to[common:]) or "."
    if (to_uri == "" or to_uri.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel


def _folders(path: str) -> list[str]:
    return [part for part in path.split("/") if part not in ("", ".")]
