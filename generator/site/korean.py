"""Hangul in page text is marked `lang="ko"`, wherever it comes from (data, notes, hand-written pages).

Screen readers then switch voice, and browsers pick a Korean face. Runs already inside an element
with `lang="ko"` are left alone; so are <script>, <style>, <title> and attribute values.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
# one run: Hangul words with the spaces, digits and light punctuation between them
RUN = re.compile(rf"[{HANGUL}]+(?:[\s0-9·,.()-]*[{HANGUL}]+)*")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
RAW = frozenset({"script", "style", "title", "textarea"})


class _Marker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, text here is already Korean or must stay raw)

    def _keep(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in VOID:
            return
        lang = dict(attrs).get("lang")
        keep = tag in RAW or (lang.lower().startswith("ko") if lang else self._keep())
        self.stack.append((tag, keep))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        self.out.append(data if self._keep() else RUN.sub(lambda m: f'<span lang="ko">{m.group(0)}</span>', data))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def mark_korean(html: str) -> str:
    """`html` with every Hangul run outside a lang="ko" element wrapped in <span lang="ko">."""
    if not re.search(f"[{HANGUL}]", html):
        return html
    parser = _Marker()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
