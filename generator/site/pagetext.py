"""Page text from the model: its own Jinja2 environment, autoescaping everything.

Templates produce one raw-HTML block per page (Markdown never parses data), plus a front
matter whose title is escaped and JSON-quoted. Links are relative, so the site works under any
base path and from a plain folder.
"""

from __future__ import annotations

import datetime
import functools
import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from ..catalog.answers import REMOVED_RULE, REMOVED_SOURCE, UNLISTED_FOOTNOTE, UNLISTED_RULE, UNLISTED_SOURCE, Outcome
from ..catalog.diff import deadline_text
from ..catalog.model import CatalogKind, EditionKind, Status
from . import urls
from .citation import book_title, number_text
from .escape import html, safe_url
from .i18n import FILTERS, date_in, heading, in_chinese, issued_only, say, t
from .messages import twin_link

TEMPLATES = Path(__file__).parent / "templates"  # what PackageLoader reads; pages.py keys its memo on their times

CATEGORY_LABELS = {"duty": "依法履行职责事项", "assist": "依法协助政府工作事项", "excluded": "不应由村级组织承担的事项"}
PLACEMENT_LABELS = {"outside": "室外", "inside": "室内"}
ORIENTATION_LABELS = {"vertical": "竖牌", "horizontal": "横牌"}
COLOUR_LABELS = {"red": "红字", "black": "黑字"}
VERIFIED_LABELS = {"verified": "已核实原文", "secondary": "据媒体报道，原文条款未核实", "inferred": "推断，未核实"}


def css_string(value: object) -> Markup:
    """A CSS string literal for a <style> element (raw text: HTML entities would not be decoded there),
    with quotes, backslashes, line breaks and angle brackets written as CSS escapes."""
    return _css_string(str(value))


@functools.lru_cache(maxsize=4096)  # every item page prints the same few words of its language
def _css_string(text: str) -> Markup:
    out = []
    for ch in text:
        out.append(f"\\{ord(ch):X} " if ch in '"\\<>&\n\r' else ch)
    return Markup('"' + "".join(out) + '"')


def date_text(value: datetime.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "—"


def since_text(edition) -> str:  # noqa: ANN001 (an Edition)
    """“2024年6月30日 起生效”, or “2023年9月28日 印发” for an edition whose date is only its issue date."""
    return f"{date_text(edition.effective)} {'印发' if issued_only(edition) else '起生效'}"


@pass_context
def link(ctx, to_uri: str) -> str:
    """Relative href from the page being rendered (`here`) to a site URI. On a Korean page a page's
    address is its Korean twin's; files (data, feeds, plaques, scans) are shared, except the QR codes
    beside a page, which lead to the Korean page (messages.twin_link)."""
    return urls.relative(ctx["here"], twin_link(to_uri) if ctx.get("links", ctx.get("lang")) == "ko" else to_uri)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        e=html,
        safe_url=safe_url,
        deadline=deadline_text,
        date=date_text,
        css_string=css_string,
        category=CATEGORY_LABELS.get,
        placement=PLACEMENT_LABELS.get,
        orientation=ORIENTATION_LABELS.get,
        colour=COLOUR_LABELS.get,
        verified=VERIFIED_LABELS.get,
        doc_number=number_text,
        book_title=book_title,
        since=since_text,
    )
    env.filters.update(FILTERS)  # date, deadline and since in the page's language; zh, t, … (i18n.py)
    env.tests.update(issued_only=issued_only)
    env.globals.update(
        link=link,
        t=t,
        l=say,
        heading=heading,
        t_zh=in_chinese,
        date_zh=functools.partial(date_in, "zh"),
        lang="zh",
        urls=urls,
        Kind=CatalogKind,
        Status=Status,
        EditionKind=EditionKind,
        Outcome=Outcome,
        unlisted_rule=UNLISTED_RULE,
        unlisted_source=UNLISTED_SOURCE,
        unlisted_footnote=UNLISTED_FOOTNOTE,
        removed_rule=REMOVED_RULE,
        removed_source=REMOVED_SOURCE,
    )
    return env


ENV = _environment()


def render_fragment(template: str, here: str, **context: object) -> str:
    return ENV.get_template(template).render(here=here, **context)


def page_markdown(title: str, body_html: str, *, search: bool = False, description: str = "") -> str:
    """A MkDocs page: front matter (escaped, JSON-quoted title) + one raw HTML block."""
    meta = {"title": str(html(title))}
    if description:
        meta["description"] = str(html(description))
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()]
    if not search:
        lines.append("search:\n  exclude: true")
    lines.append("hide:\n  - toc")  # generated pages have no headings worth a TOC; give tables the width
    lines += ["---", "", body_html.strip(), ""]
    return "\n".join(lines)


def as_markup(value: str) -> Markup:
    """Mark already-escaped, generator-made HTML (e.g. a QR code SVG) as safe to embed."""
    return Markup(value)
