"""Escaping for every context a data value lands in. Catalog text is untrusted.

Never build HTML, XML or URLs by concatenating raw data: pass each value through the
filter for its context. Jinja templates get these as filters (see pagetext.py); Markdown for
pull-request comments is escaped by county/markdown.py.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup, escape


def html(value: object) -> Markup:
    """HTML text or attribute value (quotes included)."""
    return escape("" if value is None else str(value))


def theme_text(value: object) -> Markup:
    """A data value handed to MkDocs or the theme (navigation titles, `config.extra`): their Jinja
    environment does not autoescape, so it gets HTML already escaped. As `Markup`, a theme filter
    such as `| e` leaves it as it is instead of escaping it twice."""
    return html(value)


def json_text(data: object, **options: object) -> str:
    """JSON for the site's files: `<`, `>` and `&` in strings written as \\u escapes. The same JSON to
    any parser, and inert wherever it lands: in a <script> element (no `</script>`), in a page a
    browser sniffs as HTML, or in a reader that shows it raw."""
    text = json.dumps(data, ensure_ascii=False, **options)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def safe_url(value: object) -> str | None:
    """An external link from data: only http(s); anything else (javascript:, data:) is dropped."""
    text = "" if value is None else str(value).strip()
    return text if re.fullmatch(r"https?://[^\s<>\"'`]+", text) else None
