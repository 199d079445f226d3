"""What Chromium really loads: every response of a first visit (fresh browser context, empty cache),
the search's downloads and time to first result, and the same for the county page's answer box.

Sizes are what a web server would send: text bodies (HTML, CSS, JS, JSON, SVG, XML) gzip level 6,
already compressed ones as they are — PNG,
WOFF2 and PDF are compressed formats. The body is the one Chromium received (falling back to the file
on disk when the DevTools protocol has no body, e.g. for a worker's fetches). What the site's service
worker fetches (assets/offline.js registers it after a county page's first answer, to keep an offline
copy) is counted apart from what the page fetches.
"""

from __future__ import annotations

import gzip
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

SEARCH_INPUT = "input.md-search__input"
RESULT = ".md-search-result__item"
ASK_INPUT = "#vc-ask-q"  # the county page's "这项证明，村里能开吗？" box (assets/answer.js)
ANSWER = ".vc-ask-out .vc-outcome"  # its first answer card (or the 清单未列入 card)
VIEWPORT = {"width": 1280, "height": 900}  # a desktop: the header's search box is shown at once
PRECOMPRESSED = (".png", ".jpg", ".jpeg", ".webp", ".woff", ".woff2", ".pdf", ".gz", ".ico")

# Focus the search box and type the query in one go (the worst case: the index starts loading on
# focus); resolve with the milliseconds until the first result is in the DOM.
TYPE_AND_WAIT = """([selector, result, query, delay]) => new Promise((resolve, reject) => {
  const input = document.querySelector(selector);
  if (!input) return reject(new Error("no search box " + selector));
  input.focus();
  setTimeout(() => {  // delay 0: typed right after load; otherwise a visitor who opened search, then typed
    const t0 = window.__benchTyped = performance.now();
    const done = () => { if (document.querySelector(result)) { obs.disconnect(); resolve(performance.now() - t0); return true; } };
    const obs = new MutationObserver(done);
    obs.observe(document.documentElement, {childList: true, subtree: true});
    setTimeout(() => { obs.disconnect(); reject(new Error("no result within 120 s")); }, 120000);
    input.value = query;
    input.dispatchEvent(new Event("input", {bubbles: true}));
  }, delay);
})"""


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def sent_size(url: str, body: bytes) -> int:
    """Bytes on the wire as a gzip-ing web server would send `body` (headers not counted)."""
    path = urlsplit(url).path.lower()
    if path.endswith(PRECOMPRESSED):
        return len(body)
    return gz(body)


@dataclass
class Loaded:
    """The responses seen by one browser context, in order."""

    base: str
    site_path: Path
    items: list[tuple[str, int]] = field(default_factory=list)  # (url, sent bytes) the page fetched
    worker: list[tuple[str, int]] = field(default_factory=list)  # (url, sent bytes) a service worker fetched
    pending: list = field(default_factory=list)

    def on_response(self, response) -> None:
        self.pending.append(response)

    def settle(self) -> None:
        """Read the bodies of the responses collected so far (outside the event handler)."""
        for response in self.pending:
            url = response.url
            if not url.startswith("http") or response.status in (204, 301, 302, 304):
                continue
            try:
                body = response.body()
            except Exception:  # noqa: BLE001 - no body via CDP (worker fetches): read the served file
                body = self._disk(url)
            by_worker = response.request.service_worker is not None
            (self.worker if by_worker else self.items).append((url, sent_size(url, body)))
        self.pending.clear()

    def _disk(self, url: str) -> bytes:
        if not url.startswith(self.base):
            return b""
        path = self.site_path / urlsplit(url).path[len(urlsplit(self.base).path) :]
        path = path / "index.html" if path.is_dir() else path
        return path.read_bytes() if path.is_file() else b""

    def total(self, since: int = 0) -> int:
        return sum(size for _, size in self.items[since:])

    def external(self) -> list[str]:
        return [u for u, _ in self.items if not u.startswith(self.base)]


def _favicon(page) -> str | None:
    return page.evaluate("() => { const l = document.querySelector('link[rel~=icon]'); return l ? l.href : null; }")


@contextmanager
def _visit(browser, base: str, site_path: Path, uri: str) -> Iterator[tuple[object, object, "Loaded"]]:
    """A fresh context (empty cache) that records every response, on `uri` once the network is idle."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    try:
        loaded = Loaded(base, site_path)
        context.on("response", loaded.on_response)
        page = context.new_page()
        page.goto(base + uri, wait_until="networkidle")
        yield context, page, loaded
    finally:
        context.close()


def first_visit(browser, base: str, site_path: Path, uri: str) -> tuple[int, list[tuple[str, int]], str]:
    """(bytes, responses, note) of a first visit to `uri` with an empty cache, until the network is idle.
    Headless Chromium does not request the favicon; if it did not, its size is added (and noted)."""
    with _visit(browser, base, site_path, uri) as (context, page, loaded):
        icon = _favicon(page)
        loaded.settle()
        note = ""
        if icon and not any(u == icon for u, _ in loaded.items):
            body = context.request.get(icon).body()
            loaded.items.append((icon, sent_size(icon, body)))
            note = "favicon added (headless Chromium skips it)"
        return loaded.total(), loaded.items, note


@dataclass(frozen=True)
class SearchRun:
    ms: float
    search_bytes: int  # everything fetched from typing until the first result is shown and the network is idle
    page_bytes: int  # the page's first visit before typing
    urls: tuple[str, ...]
    probe: object = None  # what the `probe` expression gave after the search, if any


def search_once(
    browser, base: str, site_path: Path, uri: str, query: str, probe: str | None = None, delay_ms: int = 0
) -> SearchRun:
    with _visit(browser, base, site_path, uri) as (_, page, loaded):
        loaded.settle()
        before = len(loaded.items)
        ms = page.evaluate(TYPE_AND_WAIT, [SEARCH_INPUT, RESULT, query, delay_ms])
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # the last chunk and record fetches
        loaded.settle()
        return SearchRun(
            ms,
            loaded.total(before),
            loaded.total(0) - loaded.total(before),
            tuple(u for u, _ in loaded.items[before:]),
            page.evaluate(probe) if probe else None,
        )


def search_timing(
    browser, base: str, site_path: Path, uri: str, query: str, runs: int, probe: str | None = None, delay_ms: int = 0
) -> list[SearchRun]:
    return [search_once(browser, base, site_path, uri, query, probe, delay_ms) for _ in range(runs)]


def median_ms(runs: list[SearchRun] | list[AnswerRun]) -> float:
    return statistics.median(r.ms for r in runs)


# The answer shown: its outcome class, the certificate's name (without the Korean one) and the page's
# fetches that started after typing and ended before the answer showed, in ms after typing.
ANSWER_SHOWN = """([selector]) => {
  const typed = window.__benchTyped, now = performance.now(), card = document.querySelector(selector);
  const link = card.querySelector(".vc-r-name a"), copy = link ? link.cloneNode(true) : null;
  if (copy) copy.querySelectorAll(".vc-r-ko").forEach((k) => k.remove());
  const fetches = performance.getEntriesByType("resource").filter((e) => e.startTime >= typed && e.responseEnd <= now)
    .map((e) => [e.name, e.startTime - typed, e.responseEnd - typed]);
  return {outcome: [...card.classList].filter((c) => c.startsWith("vc-o-")).join(" "),
          name: copy ? copy.textContent.trim() : "", fetches};
}"""


@dataclass(frozen=True)
class AnswerRun:
    ms: float  # typing (one input event, right after the page loaded) → the first answer card shown
    answer_bytes: int  # fetched by the page from typing until the answer is shown and the network is idle
    preloaded: int  # the page's /search/ files fetched before typing (the county's answers, the manifest)
    urls: tuple[str, ...]  # what answer_bytes counts
    outcome: str  # the first card's outcome class: vc-o-forbidden …
    name: str  # the certificate it names ("" on the 清单未列入 card)
    fetching: dict[
        str, tuple[float, float]
    ]  # per kind of file (part): ms after typing the first started, the last ended
    kept_bytes: int  # the offline copy by then: offline.js and what the service worker fetched, maybe in part


OFFLINE_SCRIPT = "/offline.js"


def answer_once(browser, base: str, site_path: Path, uri: str, query: str) -> AnswerRun:
    """`query` typed into the answer box of the county page `uri` right after a first visit loaded."""
    with _visit(browser, base, site_path, uri) as (_, page, loaded):
        loaded.settle()
        before = len(loaded.items)
        ms = page.evaluate(TYPE_AND_WAIT, [ASK_INPUT, ANSWER, query, 0])
        shown = page.evaluate(ANSWER_SHOWN, [ANSWER])
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # the service worker's keeping, counted apart
        loaded.settle()
        spans: dict[str, tuple[float, float]] = {}
        for url, start, end in shown["fetches"]:
            if urlsplit(url).path.endswith(OFFLINE_SCRIPT):
                continue
            first, last = spans.get(part(url), (start, end))
            spans[part(url)] = (min(first, start), max(last, end))
        after = loaded.items[before:]
        # the offline support (offline.js, loaded once the box has answered) is the offline copy's, not the answer's
        answer = [(u, n) for u, n in after if not urlsplit(u).path.endswith(OFFLINE_SCRIPT)]
        return AnswerRun(
            ms,
            sum(n for _, n in answer),
            sum(n for u, n in loaded.items[:before] if "/search/" in u),
            tuple(u for u, _ in answer),
            shown["outcome"],
            shown["name"],
            spans,
            sum(n for _, n in loaded.worker) + sum(n for u, n in after if (u, n) not in answer),
        )


def part(url: str) -> str:
    """The kind of a fetched file: the index's folder (c, s, r) or file (manifest.json), else its path."""
    path = urlsplit(url).path
    return (
        path.split("/search/index/", 1)[1].split("/")[0]
        if "/search/index/" in path
        else path.rsplit("/", 1)[-1] or path
    )


def answer_timing(browser, base: str, site_path: Path, uri: str, query: str, runs: int) -> list[AnswerRun]:
    return [answer_once(browser, base, site_path, uri, query) for _ in range(runs)]
