"""The site's own interface strings in Chinese and Korean: one catalogue, `messages.yaml`, read once.

Every entry has `zh`, `ko` and `verified` (the Korean checked against a public source; false until one
gives it). Placeholders are `{name}`, the same set in both languages. Templates read it through
pagetext.py (`t`), the theme's templates through theme.py, the scripts through the `js.*` entries each
page carries as JSON (overrides/main.html). The Chinese text is the authority; the Korean is a reading aid.
"""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass
from pathlib import Path

from ..catalog.load import load_bytes

CATALOGUE = Path(__file__).parent / "messages.yaml"
CATALOGUE_URI = "generator/site/messages.yaml"
LANGS = ("zh", "ko")
KO_PREFIX = "ko/"  # the Korean twin of every page: the same path below /ko/


@dataclass(frozen=True)
class Message:
    zh: str
    ko: str
    verified: bool

    def text(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.zh


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def parse(raw: bytes, uri: str = CATALOGUE_URI) -> tuple[dict[str, Message], list[str]]:
    """The catalogue and every problem in it (`file: key: what`), all of them, not the first."""
    doc, errors = load_bytes(raw, uri)
    if doc is None or errors:
        return {}, [str(e) for e in errors]
    if not isinstance(doc.data, dict):
        return {}, [f"{uri}: 应为 key → {{zh, ko, verified}} 的映射"]
    out, problems = {}, []
    for key, entry in doc.data.items():
        where = f"{uri}:{doc.line_of((key,))}: {key}"
        if not isinstance(entry, dict) or set(entry) != {"zh", "ko", "verified"}:
            problems.append(
                f"{where}: 应有且只有 zh、ko、verified 三项，实际为 {sorted(entry) if isinstance(entry, dict) else entry!r}"
            )
            continue
        zh, ko, verified = entry["zh"], entry["ko"], entry["verified"]
        if not (isinstance(zh, str) and isinstance(ko, str)) or not isinstance(verified, bool):
            problems.append(f"{where}: zh、ko 应为字符串，verified 应为 true/false")
            continue
        if placeholders(zh) != placeholders(ko):
            problems.append(f"{where}: 占位符不一致：zh {sorted(placeholders(zh))}，ko {sorted(placeholders(ko))}")
            continue
        out[str(key)] = Message(zh, ko, verified)
    return out, problems


@functools.cache
def catalogue() -> dict[str, Message]:
    messages, problems = parse(CATALOGUE.read_bytes())
    if problems:
        raise ValueError("\n".join(problems))
    return messages


@functools.cache
def _chinese_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for m in catalogue().values():
        index.setdefault(m.zh, set()).add(m.ko)
    return index


def by_chinese(chinese: str) -> str:
    """The Korean of the entry whose Chinese is `chinese` (templates' `l`, for short labels); an error
    where there is none, or where entries with that Chinese differ in Korean."""
    found = _chinese_index().get(chinese, set())
    if len(found) != 1:
        raise KeyError(f"{CATALOGUE_URI} 中文为“{chinese}”的界面文字有 {len(found)} 种朝鲜文（应为 1 种）")
    return next(iter(found))


def text(key: str, lang: str) -> str:
    try:
        return catalogue()[key].text(lang)
    except KeyError:
        raise KeyError(f"{CATALOGUE_URI} 没有 key 为“{key}”的界面文字") from None


def script_messages(lang: str) -> dict[str, str]:
    """What the scripts read (assets/*.js, `vcT(key)`): the `js.*` entries, without the prefix."""
    return {k[3:]: m.text(lang) for k, m in sorted(catalogue().items()) if k.startswith("js.")}


def korean_uri(uri: str) -> str:
    """The Korean twin of a site-relative page URI ("" is home)."""
    return KO_PREFIX + uri


def twin_link(uri: str) -> str:
    """Where a link to `uri` leads from a Korean page: a page's twin, the QR codes of a page's twin;
    any other file (data, feeds, plaques, scans) is shared by both languages."""
    last = uri.rsplit("/", 1)[-1]
    if "." not in last or last in ("qr.svg", "qr.png"):
        return KO_PREFIX + uri
    return uri


def chinese_uri(uri: str) -> str:
    return uri[len(KO_PREFIX) :] if uri.startswith(KO_PREFIX) else uri


def page_lang(url: str | None) -> str:
    """The language of the page at `url` (MkDocs' page.url: "ko/yanji/" …)."""
    return "ko" if url and (url + "/").startswith(KO_PREFIX) else "zh"
