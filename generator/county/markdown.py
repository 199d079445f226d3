"""Escaping data for the Markdown of pull-request comments. Catalog text is untrusted."""
from __future__ import annotations

import re

_ASCII_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def commonmark(value: object) -> str:
    """Inline CommonMark/GitHub Markdown text (pull-request comments).

    CommonMark lets a backslash escape any ASCII punctuation, so every one is escaped: no link,
    emphasis, HTML tag, entity or table pipe can survive. Newlines are flattened.
    """
    text = " ".join(("" if value is None else str(value)).split())
    return _ASCII_PUNCT.sub(r"\\\1", text)
