"""Hangul in page text is marked `lang="ko"`, wherever it comes from (data, notes, hand-written pages).

Screen readers then switch voice, and browsers pick a Korean face. Runs already inside an element
with `lang="ko"` are left alone; so are <script>, <style>, <title> and attribute values.
"""

from __future__ import annotations

import re

HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
# one run: Hangul words with the spaces, digits and light punctuation between them
RUN = re.compile(rf"[{HANGUL}]+(?:[\s0-9·,.()-]*[{HANGUL}]+)*")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
HANGUL_ANY = re.compile(f"[{HANGUL}]")


# one token: a comment, a whole raw-text element, a declaration, a start or end tag, or text up to the
# next "<" (a "<" that starts no tag is text, as browsers and html.parser read it)
TOKEN = re.compile(
    r"""<!--.*?(?:-->|$)|<(script|style|title|textarea)\b.*?(?:</\1\s*>|$)|<[!?][^>]*>"""
    r"""|</?[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+|<""",
    re.DOTALL | re.IGNORECASE,
)
TAG = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)")
# a tag's attributes, one at a time, so that "lang" inside another attribute's value is not taken for one
ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def _lang(tag: str) -> str:
    """The tag's lang attribute ("" if none or empty)."""
    if "lang" not in tag.lower():
        return ""
    for m in ATTR.finditer(tag, tag.find(" ") + 1 if " " in tag else len(tag)):
        if m.group(1).lower() == "lang":
            return next((v for v in m.groups()[1:] if v is not None), "")
    return ""


def mark_korean(html: str, korean: bool = False) -> str:
    """`html` with every Hangul run outside a lang="ko" element wrapped in <span lang="ko">; `korean`:
    the page itself is lang="ko" (the Korean twin), so only runs inside another language are marked.

    A small tokenizer, not html.parser: it only needs each tag's name and lang to know where text
    stands, and it stops reading tags after the last Hangul (a site of 60 counties marks thousands of
    pages)."""
    from_end = HANGUL_ANY.search(html[::-1])  # the last Hangul: runs end with one
    if from_end is None:
        return html
    end = len(html) - from_end.start()
    out: list[str] = []
    stack: list[tuple[str, bool]] = [("", True)] if korean else []  # (tag, text here is already Korean)
    for token in TOKEN.finditer(html):
        if token.start() >= end:
            out.append(html[token.start() :])
            break
        text = token.group(0)
        tag = TAG.match(text) if text[0] == "<" and token.group(1) is None else None
        if tag is None:
            keep = text[0] == "<" or (bool(stack) and stack[-1][1])  # comments, raw elements, declarations
            out.append(text if keep or not HANGUL_ANY.search(text) else RUN.sub(_span, text))
            continue
        out.append(text)
        name = tag.group(2).lower()
        if tag.group(1):  # an end tag closes the nearest open element of its name
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
        elif name not in VOID and not text.endswith("/>"):
            lang = _lang(text)  # an empty lang inherits, as a missing one does
            stack.append((name, lang.lower().startswith("ko") if lang else bool(stack) and stack[-1][1]))
    return "".join(out)


def _span(m: re.Match) -> str:
    return f'<span lang="ko">{m.group(0)}</span>'
