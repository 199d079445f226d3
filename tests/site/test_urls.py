"""urls.relative: the link posixpath.relpath gives (as it did before), for addresses the site links."""

from __future__ import annotations

import itertools
import posixpath

from generator.site import urls


def _relpath(from_uri: str, to_uri: str) -> str:
    rel = posixpath.relpath(to_uri or ".", from_uri.rstrip("/") or ".")
    return rel + "/" if (to_uri == "" or to_uri.endswith("/")) and not rel.endswith("/") else rel


def test_relative_links_are_posixpaths():
    pages = [
        "",
        "/",
        "yanji/",
        "yanji/certificates/",
        "yanji/certificates/2024-06-30/",
        "yanji/certificates/YJ-ZM-101/",
        "id/YJ-ZM-101/",
        "yanbian/forbidden-certificates/",
        "signboards/yanji/yilan/xinxing/",
        "guide/submit/",
        "./yanji//x/",
    ]
    targets = pages + [
        "changes/feed.xml",
        "data/yanji/certificates/2024-06-30.xlsx",
        "yanji/certificates/YJ-ZM-101/qr.svg",
        "assets/site.css",
        "search/answers/yanji.json",
        "yanji",
        "../outside/",
        "a/../b/",
    ]
    for here, there in itertools.product(pages, targets):
        assert urls.relative.__wrapped__(here, there) == _relpath(here, there), (here, there)
