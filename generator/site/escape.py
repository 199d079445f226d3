"""Escaping for every context a data value lands in. Catalog text is untrusted.

Never build HTML, Markdown, XML or URLs by concatenating raw data: pass each value through the
filter for its context. Jinja templates get these as filters (see render.py).
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

_ASCII_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def html(value: object) -> Markup:
    """HTML text or attribute value (quotes included)."""
    return escape("" if value is None else str(value))


def commonmark(value: object) -> str:
    """Inline CommonMark/GitHub Markdown text (pull-request comments).

    CommonMark lets a backslash escape any ASCII punctuation, so every one is escaped: no link,
    emphasis, HTML tag, entity or table pipe can survive. Newlines are flattened.
    """
    text = " ".join(("" if value is None else str(value)).split())
    return _ASCII_PUNCT.sub(r"\\\1", text)


def safe_url(value: object) -> str | None:
    """An external link from data: only http(s); anything else (javascript:, data:) is dropped."""
    text = "" if value is None else str(value).strip()
    return text if re.fullmatch(r"https?://[^\s<>\"'`]+", text) else None
