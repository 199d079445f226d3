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
    pages). On a Korean page it reads only the elements in another language (`_other_languages`)."""
    from_end = HANGUL_ANY.search(html[::-1])  # the last Hangul: runs end with one
    if from_end is None:
        return html
    end = len(html) - from_end.start()
    if korean:
        return _other_languages(html, end)
    out: list[str] = []
    _walk(html, 0, end, [], out)
    return "".join(out)


def mark_korean_page(html: str) -> str:
    """What `mark_korean(html, korean=True)` gives, read token by token from the start: the reference
    its shortcut is tested against (tests/site/test_korean.py)."""
    out: list[str] = []
    if HANGUL_ANY.search(html) is None:
        return html
    _walk(html, 0, len(html), [("", True)], out)
    return "".join(out)


def _walk(html: str, start: int, end: int, stack: list[tuple[str, bool]], out: list[str], element: bool = False) -> int:
    """Append `html` from `start` to `out`, Hangul runs marked where the text is not Korean; `stack`:
    the open elements (tag, text here is already Korean). Past `end` (the last Hangul) the rest is
    copied as it is. `element`: stop where the element opened at `start` closes. Returns where it stopped."""
    base = len(stack)
    for token in TOKEN.finditer(html, start):
        if token.start() >= end:
            out.append(html[token.start() :])
            return len(html)
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
        if element and len(stack) <= base:
            return token.end()
    return len(html)


# a lang attribute that is not Korean (lang="zh"), and the raw parts where such text is in no tag
OTHER_LANG = re.compile(r"""\slang\s*=\s*["']?(?!ko)[a-zA-Z]""", re.IGNORECASE)
PLAIN = re.compile(
    r"""<([a-zA-Z][a-zA-Z0-9]*)\b(?:[^<>"']|"[^"]*"|'[^']*')*>([^<]*)</\1\s*>"""
)  # attributes and text only
RAW = re.compile(r"<!--.*?(?:-->|$)|<(script|style|title|textarea)\b.*?(?:</\1\s*>|$)", re.DOTALL | re.IGNORECASE)


def _other_languages(html: str, end: int) -> str:
    """A Korean page: Hangul is marked only inside elements in another language, so only those are
    read, each from its start tag to where it closes (a page has hundreds of names in Chinese, a few
    tokens each, and tens of thousands of other tokens). On well-formed HTML, as the templates write
    it, the result is what reading every token gives (`mark_korean_page`, tests/site/test_korean.py)."""
    out: list[str] = []
    pos = 0
    raw: list[tuple[int, int]] | None = None
    r = 0
    for found in OTHER_LANG.finditer(html, 0, end):
        at = html.rfind("<", 0, found.start())
        if at < pos:
            continue  # inside an element already read, or no tag
        plain = PLAIN.match(html, at)
        if plain and not HANGUL_ANY.search(plain.group(2)):
            continue  # the usual case: <span lang="zh">延吉市</span>, text only and no Hangul
        tag = TOKEN.match(html, at)
        if tag is None or tag.end() <= found.start() or tag.group(1) is not None or TAG.match(tag.group(0)) is None:
            continue  # "lang=" in text, a comment or a raw element
        if raw is None:
            raw = [m.span() for m in RAW.finditer(html)]
        while r < len(raw) and raw[r][1] <= at:
            r += 1
        if r < len(raw) and raw[r][0] <= at:
            continue  # in a comment or a script: not a tag
        lang = _lang(tag.group(0))
        if not lang or lang.lower().startswith("ko"):
            continue  # "lang" was inside another attribute's value
        out.append(html[pos:at])
        pos = _walk(html, at, end, [("", True)], out, element=True)
    out.append(html[pos:])
    return "".join(out)


def _span(m: re.Match) -> str:
    return f'<span lang="ko">{m.group(0)}</span>'
