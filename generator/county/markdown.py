"""Escaping data for the Markdown of pull-request comments. Catalog text is untrusted."""

from __future__ import annotations

import re

from ..catalog.errors import inert

_ASCII_PUNCT = re.compile(r"([!-/:-?\[-`{-~])")


def commonmark(value: object) -> str:
    """Inline CommonMark/GitHub Markdown text (pull-request comments).

    CommonMark lets a backslash escape any ASCII punctuation, so every one is escaped: no link,
    emphasis, HTML tag, entity or table pipe can survive. Line breaks are flattened and other
    invisible characters shown (errors.inert). GitHub turns an @name into a notification even after
    a backslash, so `@` is written as the full-width ＠.
    """
    text = inert(" ".join(("" if value is None else str(value)).split()))
    return _ASCII_PUNCT.sub(r"\\\1", text).replace("@", "＠")


def code(value: object) -> str:
    """A code span for a whole message (e.g. a check error): one line, no backtick that could end it.
    GitHub renders nothing inside a code span: no link, image, heading or @mention."""
    text = inert(" ".join(("" if value is None else str(value)).split())).replace("`", "ʼ")
    return f"`{text}`"
