"""The Korean twin: every public page again below /ko/ (same path), made by the same page builders in
the same build from the same data, with `Builder.korean()` (lang "ko", addresses below ko/).

What is the same in both languages is written once: answer files, open data, feeds, plaques, scans
and the search index are not made again, and Korean pages link the Chinese site's copies. A Korean
page's own files are its QR codes (they lead to the Korean page) and the /ko/id/ resolver.
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import escape

from .builder import Content, Site
from .messages import KO_PREFIX, catalogue, text
from .pagetext import page_markdown

OWN_FILES = ("qr.svg", "qr.png", "index.html")  # beside a page: its codes; /id/…/index.html: the resolver
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
CHINESE = re.compile(r'<span class="vc-zh-name">.*?</span>|<span lang="zh">[^<]*</span>')  # a heading's data in Chinese
HANGUL = re.compile("[\uac00-\ud7a3]")
TAGS = re.compile(r"<[^>]+>")
DESCRIPTION = re.compile(r"^description: .*\n?", re.MULTILINE)
TITLE = re.compile(r'^title: (".*")$', re.MULTILINE)


class KoreanSite(Site):
    """Where the page builders write the Korean twin: pages below ko/, titled by their own heading; shared
    files dropped (the Chinese pass wrote them); search documents dropped (search bytes stay flat)."""

    def __init__(self, into: Site) -> None:
        super().__init__(batch=into.batch)
        self.into = into

    def add(self, uri: str, content: Content, markdown: bool = True) -> None:
        if markdown:
            self.into.add(KO_PREFIX + uri, retitle(content), markdown=True)
        elif uri.rsplit("/", 1)[-1] in OWN_FILES:
            self.into.add(KO_PREFIX + uri, content, markdown=False)


def retitle(page: str) -> str:
    """The page's front-matter title replaced by the text of its first <h1> (the Korean heading)."""
    front, sep, body = page.partition("\n---\n\n")
    found = H1.search(body)
    if not found:
        return page
    heading = found.group(1)
    korean = CHINESE.sub("", heading)
    if HANGUL.search(korean):  # the Korean name alone; a heading with only Chinese data stays Chinese
        heading = korean
    title = " ".join(html.unescape(TAGS.sub("", heading)).split())
    front = TITLE.sub(lambda m: "title: " + json.dumps(str(escape(title)), ensure_ascii=False), front, count=1)
    front = (
        DESCRIPTION.sub("", front) + "\ndescription: " + json.dumps(text("site.description", "ko"), ensure_ascii=False)
    )
    if "\nsearch:" not in front:  # search indexes the Chinese pages only (search bytes stay flat)
        front += "\nsearch:\n  exclude: true"
    return front + sep + body


def handwritten(src_uris: list[str]) -> list[tuple[str, str]]:
    """(Korean URI, page) for the hand-written pages (content/*.md): a Korean summary from the catalogue
    (`page.<name>.*`), then a link to the Chinese page, which stays the full text."""
    from .pagetext import render_fragment

    out = []
    for src in src_uris:
        name = src.removesuffix(".md").removesuffix("/index")
        uri = "" if name == "index" else name + "/"
        key = "page." + name.replace("/", ".")
        if key + ".title" not in catalogue():
            continue
        body = render_fragment(
            "handwritten.html",
            KO_PREFIX + uri,
            lang="ko",
            key=key,
            chinese=uri,
            today=None,
            forbidden_uri="",
            region_names={},
            preview=False,
        )
        out.append(
            (
                KO_PREFIX + uri,
                page_markdown(catalogue()[key + ".title"].ko, body, description=text("site.description", "ko")),
            )
        )
    return out
