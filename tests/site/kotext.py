"""Reading a built Korean page for Han-script interface text: text and the attributes people read
(aria-label, title, alt, placeholder, data-label) outside elements marked lang="zh" (data with no Korean)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
READ = ("aria-label", "title", "alt", "placeholder", "data-label", "content")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
RAW = {"script", "style"}


class HanFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside lang="zh")
        self.found: list[str] = []

    def _zh(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        a = dict(attrs)
        lang = a.get("lang")
        zh = lang.lower().startswith("zh") if lang else self._zh()
        if not zh:
            for name in READ:
                value = a.get(name) or ""
                if name == "content" and a.get("name") != "description":
                    continue
                if HAN.search(value):
                    self.found.append(f"<{tag} {name}>: {value[:60]}")
        if tag not in VOID:
            self.stack.append((tag, zh or tag in RAW))

    def handle_endtag(self, tag):  # noqa: ANN001
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):  # noqa: ANN001
        if not self._zh() and HAN.search(data):
            self.found.append(data.strip()[:80])


def han_outside_zh(html: str) -> list[str]:
    finder = HanFinder()
    finder.feed(html)
    return finder.found
