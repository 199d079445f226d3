"""The page templates' words in the page's language (`lang` in the template context: "zh" or "ko").

`t(key, **values)` is the catalogue's text (messages.yaml) with the values escaped into it; on a
Korean page every data value with no Korean (names, issuers, document numbers …) goes through `zh`,
which marks it `lang="zh"` (a test reads what is left for Han script). On a Chinese page each of
these gives exactly the text the templates wrote before the catalogue existed.
"""

from __future__ import annotations

import datetime
import functools
import string

from jinja2 import pass_context
from markupsafe import Markup, escape

from ..catalog.diff import deadline_text
from . import messages

ONE_DAY = datetime.timedelta(days=1)


def issued_only(edition) -> bool:  # noqa: ANN001 (an Edition)
    """The edition's date is its document's issue date and the data gives no other: the site says
    “印发”, never an effective date the document may not state (the 方案 延州办发〔2023〕15号 has no
    effective-date clause; it was issued on 2023-09-28)."""
    return edition.document is not None and edition.document.date == edition.effective


def _lang(ctx) -> str:  # noqa: ANN001 (Jinja's Context)
    return ctx.get("lang", "zh")


def message(lang: str, key: str, **values: object) -> Markup:
    if not values:
        return _fixed(lang, key)
    text = messages.text(key, lang)  # the catalogue is trusted; values are escaped
    if _named_only(text):  # what Markup.format gives, without its Python-level formatter
        return Markup(text.format_map({name: escape(value) for name, value in values.items()}))
    return Markup(text).format(**values)


@functools.cache
def _named_only(text: str) -> bool:
    """Every field of `text` a plain name ("{date}"), with no conversion or format spec."""
    return all(
        name is None or (name.isidentifier() and not spec and conversion is None)
        for _, name, spec, conversion in string.Formatter().parse(text)
    )


@functools.cache
def _fixed(lang: str, key: str) -> Markup:
    """A message with no values, formatted once (a Korean page asks for hundreds; the catalogue is read once)."""
    return Markup(messages.text(key, lang)).format()


@pass_context
def t(ctx, key: str, **values: object) -> Markup:  # noqa: ANN001
    return message(_lang(ctx), key, **values)


def zh_value(lang: str, value: object) -> Markup:
    """A data value shown as it is: on a Korean page, marked as Chinese."""
    text = escape("" if value is None else str(value))
    if lang != "ko" or not text:
        return text
    return Markup(f'<span lang="zh">{text}</span>')  # escaped above


@pass_context
def say(ctx, chinese: str, **values: object) -> Markup:  # noqa: ANN001
    """`t` looked up by the Chinese text itself (short labels: table headers, field names); the
    catalogue has it under a key of its own (messages.by_chinese)."""
    if _lang(ctx) == "zh":
        return Markup(chinese).format(**values) if values else escape(chinese)
    if not values:
        return _fixed_by_chinese(chinese)
    return Markup(messages.by_chinese(chinese)).format(**values)


@pass_context
def heading(ctx, tag: str, chinese: str) -> Markup:  # noqa: ANN001
    """A column heading or field label (`tag`: "th" or "dt") in the page's language; on a Korean page its
    Chinese too, printed above it (the bilingual 公开栏 sheet and notice put Chinese first; on screen the
    Korean alone). A function, not a template macro: a page has dozens and the site thousands of pages."""
    label = say(ctx, chinese)
    if _lang(ctx) == "ko":
        return Markup(f'<{tag}><span class="vc-print-only" lang="zh">{escape(chinese)}</span>{label}</{tag}>')
    return Markup(f"<{tag}>{label}</{tag}>")


@functools.cache
def _fixed_by_chinese(chinese: str) -> Markup:
    return Markup(messages.by_chinese(chinese)).format()


@pass_context
def zh(ctx, value: object) -> Markup:  # noqa: ANN001
    return zh_value(_lang(ctx), value)


def in_chinese(key: str, **values: object) -> Markup:
    """The catalogue's Chinese on any page (the Korean page's bilingual print sheet puts it first)."""
    return message("zh", key, **values) if values else Markup(messages.text(key, "zh"))


def date_in(lang: str, value: datetime.date | None) -> str:
    if not value:
        return "—"
    if lang == "ko":
        return f"{value.year}년 {value.month}월 {value.day}일"
    return f"{value.year}年{value.month}月{value.day}日"


@pass_context
def date(ctx, value: datetime.date | None) -> str:  # noqa: ANN001
    return date_in(_lang(ctx), value)


@pass_context
def deadline(ctx, value: str | int | None) -> Markup:  # noqa: ANN001
    """办结时限: a number of working days in the page's language, a text as the data says it."""
    if _lang(ctx) == "ko" and isinstance(value, int):
        return message("ko", "deadline.days", n=value)
    return zh(ctx, deadline_text(value))


@pass_context
def since(ctx, edition) -> Markup:  # noqa: ANN001 (an Edition)
    """“2024年6月30日 起生效”, or “2023年9月28日 印发” where the date is only the issue date (pagetext.issued_only)."""
    return t(
        ctx,
        "edition.issued_on" if issued_only(edition) else "edition.effective_from",
        date=date(ctx, edition.effective),
    )


@pass_context
def when(ctx, window) -> str:  # noqa: ANN001 (a dated.Window)
    return window_text(_lang(ctx), window)


def window_text(lang: str, window) -> str:  # noqa: ANN001 (a dated.Window)
    """The window in words (dated.Window.when), in `lang`."""
    if lang == "zh":
        return window.when
    start, end = window.start, window.end - ONE_DAY if window.end else None
    if start and end:
        return str(message(lang, "window.between", start=date_in(lang, start), end=date_in(lang, end)))
    if end:
        return str(message(lang, "window.until", end=date_in(lang, end)))
    return str(message(lang, "window.from", start=date_in(lang, start))) if start else ""


def _enum_text(kind: str, field: str, model_text):  # noqa: ANN001, ANN202
    """A filter giving an enum's label: the model's own on a Chinese page, the catalogue's on a Korean one
    (tests/site/test_korean_site.py checks the catalogue's Chinese is the model's)."""

    @pass_context
    def label(ctx, member) -> str:  # noqa: ANN001
        if _lang(ctx) == "zh":
            return model_text(member)
        return messages.text(f"{kind}.{member.value}.{field}", "ko")

    return label


@pass_context
def region_name(ctx, region) -> Markup:  # noqa: ANN001 (a Region)
    """A region's name: its Korean name on a Korean page (the data's; marked where unverified, once per page)."""
    if _lang(ctx) == "ko" and region.name_ko:
        return escape(region.name_ko)
    return zh(ctx, region.name)


@pass_context
def item_name(ctx, item) -> Markup:  # noqa: ANN001 (an Item)
    """An item's name: on a Korean page its Korean name where the data has one, the Chinese beside it."""
    if _lang(ctx) == "ko" and getattr(item, "name_ko", None):
        korean, chinese = escape(item.name_ko), zh_value("ko", item.name)  # both escaped
        # "(…)" on screen; printed, the Chinese name above the Korean one (assets/site.css)
        return Markup(f'<span class="vc-bi">{korean} <span class="vc-zh-name">{chinese}</span></span>')
    return zh(ctx, item.name)


FILTERS = {
    "zh": zh,
    "date": date,
    "deadline": deadline,
    "since": since,
    "when": when,
    "rname": region_name,
    "iname": item_name,
    "kind_label": _enum_text("kind", "label", lambda k: k.label),
    "kind_short": _enum_text("kind", "short", lambda k: k.short_label),
    "edition_kind": _enum_text("edition", "kind", lambda k: k.label),
    "outcome_label": _enum_text("outcome", "label", lambda o: o.label),
    "outcome_plain": _enum_text("outcome", "plain", lambda o: o.plain),
}
