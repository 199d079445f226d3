"""The answer box on a weak signal (issue 26): time to a usable box and to the first answer, first visit
and offline repeat visit, in Chromium with the DevTools protocol's network emulation.

- The server (`serve`): a built site from 127.0.0.1 on a free port, text gzip-ed as a real web server
  sends it (level 6, `Content-Encoding: gzip`), every response `Cache-Control: no-store` (the host the
  issue names: the browser's HTTP cache cannot help, so a repeat visit with no network is answered by
  the offline support or not at all). `Server.online = False` closes every connection unanswered, as a
  phone with no signal sees it.
- Profiles (`PROFILES`): Slow 3G 400 kbit/s, 400 ms round trip; Slow 4G 1.6 Mbit/s, 150 ms (upload
  400 / 750 kbit/s), applied with `Network.emulateNetworkConditions` to the page before it navigates.
- Usable box: the page has painted (first-contentful-paint) and assets/answer.js has wired the box (it
  writes "按 … 的清单回答" into `.vc-ask-where`), whichever is later. First answer: the query is typed
  (`fill`, one input event) as soon as the box is usable, and the first `.vc-ask-out .vc-outcome` is in
  the DOM. Both in the page's own clock (performance.now(): milliseconds from navigation start).
- `print_rows`: the figures `make bench` prints (scripts/benchmark.py), beside those of earlier commits
  (BEFORE). Only these rows, on a site already built or on the committed catalogs built afresh:

      .venv/bin/python scripts/bench/weaknet.py                    # builds the committed catalogs first
      .venv/bin/python scripts/bench/weaknet.py --site /tmp/site --runs 3

Used by scripts/benchmark.py and tests/site/test_offline_browser.py.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROFILES = {  # name: (download kbit/s, upload kbit/s, round trip ms)
    "Slow 3G": (400, 400, 400),
    "Slow 4G": (1600, 750, 150),
}
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".webmanifest")
QUERY = "无犯罪"  # a forbidden certificate (无犯罪记录证明), typed as villagers type it
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
# seconds (usable box, first answer) on earlier commits, same measure, on this machine (recorded, so a
# run needs no second build):
BEFORE = {
    # 052e6e7, before the offline support: the box's own matcher over the answer file (2026-12-04)
    "052e6e7": {"Slow 3G": (2.61, 3.37), "Slow 4G": (0.81, 1.14)},
    # 052e6e7 with the one engine (the box through search.js's index; uncommitted then)
    "one engine": {"Slow 3G": (2.60, 5.33), "Slow 4G": (0.91, 1.98)},
    # 8a6ea68 (2026-12-04): scripts deferred, answers preloaded; three rounds per query (table, shards, records)
    "8a6ea68": {"Slow 3G": (2.30, 4.23), "Slow 4G": (0.75, 1.53)},
}

# Installed before the page's own scripts: records when the box is usable and when an answer shows.
PROBE = """(() => {
  const t = window.__vcTimes = {};
  const check = () => {
    const where = document.querySelector(".vc-ask-where");
    if (t.wired === undefined && where && where.textContent.trim()) t.wired = performance.now();
    if (t.answer === undefined && document.querySelector(".vc-ask-out .vc-outcome")) t.answer = performance.now();
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true, characterData: true});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") t.paint = e.startTime;
  }).observe({type: "paint", buffered: true});
})()"""
USABLE = "() => { const t = window.__vcTimes; return t && t.wired !== undefined && t.paint !== undefined; }"


class _Handler(http.server.SimpleHTTPRequestHandler):
    site: "Server"
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def log_message(self, *args) -> None:  # quiet
        pass

    def send_head(self):
        if self.site.hook:
            self.site.hook(self.path)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if not path.is_file() or not path.name.endswith(TEXT) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def handle_one_request(self):
        if not self.site.online:  # no signal: the connection drops without an answer
            self.close_connection = True
            self.rfile.readline()
            return
        super().handle_one_request()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@dataclass
class Server:
    root: Path
    base: str = ""
    online: bool = True
    hook: object = None  # called with each request's path before it is answered (tests)


@contextlib.contextmanager
def serve(root: Path) -> Iterator[Server]:
    """Serve the built site `root` gzip-ed with `Cache-Control: no-store`; yields a Server (.base ends in /)."""
    site = Server(Path(root))
    handler = type("Handler", (_Handler,), {"site": site})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # a closed tab drops its downloads: not an error
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site.base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def emulate(context, page, profile: str | None) -> None:
    """Apply network profile `profile` (a PROFILES key; None: offline) to `page` before it navigates."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if profile is None:
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        return
    down, up, rtt = PROFILES[profile]
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": rtt, "downloadThroughput": down * 1000 / 8, "uploadThroughput": up * 1000 / 8},
    )


@dataclass(frozen=True)
class Visit:
    usable_ms: float
    answer_ms: float
    outcome: str  # the first answer's outcome class (vc-o-forbidden …)
    offline_note: str  # the text of the offline note, if one is shown


def visit(page, url: str, query: str, timeout_ms: float = 60000) -> Visit:
    """Open `url` in `page` (network conditions already set), type `query` as soon as the box is usable."""
    page.add_init_script(PROBE)
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    page.wait_for_function(USABLE, timeout=timeout_ms, polling=20)
    page.fill("#vc-ask-q", query)
    page.wait_for_function("() => window.__vcTimes.answer !== undefined", timeout=timeout_ms, polling=20)
    times = page.evaluate("window.__vcTimes")
    outcome = page.evaluate("""() => { const o = document.querySelector(".vc-ask-out .vc-outcome");
      return [...o.classList].filter(c => c.startsWith("vc-o-")).join(" "); }""")
    note = page.evaluate(
        "() => { const n = document.querySelector('.vc-offline-note'); return n && !n.hidden ? n.textContent : ''; }"
    )
    return Visit(max(times["wired"], times["paint"]), times["answer"], outcome, note)


def first_visits(
    browser, url: str, query: str, profile: str, runs: int = 3, context_options: dict | None = None
) -> list[Visit]:
    """`runs` first visits (each a fresh context: empty caches, no service worker) on `profile`."""
    out = []
    for _ in range(runs):
        context = browser.new_context(**(context_options or {}))
        try:
            page = context.new_page()
            emulate(context, page, profile)
            out.append(visit(page, url, query))
        finally:
            context.close()
    return out


def offline_repeat(
    browser,
    server: Server,
    url: str,
    query: str,
    context_options: dict | None = None,
    ready: str = "() => navigator.serviceWorker && navigator.serviceWorker.controller !== null",
) -> tuple[Visit, Visit]:
    """A first visit online (unthrottled; the query asked once), then, with the server gone silent and
    the page's network offline, the same page opened again in a new tab of the same browser profile.
    Returns (first, repeat). `ready`: what the first page waits for before the network goes."""
    context = browser.new_context(**(context_options or {}))
    try:
        page = context.new_page()
        first = visit(page, url, query)
        page.wait_for_function(ready, timeout=60000, polling=50)
        page.wait_for_function("() => window.vcOffline && window.vcOffline.kept()", timeout=60000, polling=50)
        page.close()
        server.online = False
        try:
            context.set_offline(True)
            page = context.new_page()
            emulate(context, page, None)
            repeat = visit(page, url, query)
        finally:
            server.online = True
            context.set_offline(False)
        return first, repeat
    finally:
        context.close()


def median(values: list[float]) -> float:
    return statistics.median(values)


def print_rows(browser, site_path: Path, county: str, runs: int = 3) -> None:
    """The rows `make bench` prints: first visits to /`county`/ on each profile (median of `runs`, at
    most 3), then an offline repeat visit, beside BEFORE."""
    print(
        f"\n== the answer box on a weak signal: /{county}/ on a 390×844 phone, «{QUERY}» typed when the box is usable"
        f" (gzip, Cache-Control: no-store; median of {min(runs, 3)} first visits)"
    )
    with serve(site_path) as server:
        url = f"{server.base}{county}/"
        for profile in PROFILES:
            visits = first_visits(browser, url, QUERY, profile, min(runs, 3), PHONE)
            usable, answer = (median([getattr(v, f) for v in visits]) / 1000 for f in ("usable_ms", "answer_ms"))
            before = "; ".join(f"{name} {b[profile][0]:.2f} / {b[profile][1]:.2f}" for name, b in BEFORE.items())
            print(
                f"  {profile}: usable box {usable:5.2f} s, first answer {answer:5.2f} s ({visits[0].outcome};"
                f" runs {', '.join(f'{v.answer_ms / 1000:.2f}' for v in visits)}); before (usable / answer): {before}"
            )
        first, repeat = offline_repeat(browser, server, url, QUERY, PHONE)
        print(
            f"  offline repeat visit: usable box {repeat.usable_ms / 1000:5.2f} s, first answer {repeat.answer_ms / 1000:5.2f} s"
            f" ({repeat.outcome}; «{repeat.offline_note}»; before 052e6e7: no answer)"
        )


def main(argv: list[str] | None = None) -> int:
    """Only the weak-signal rows (see the module's docstring)."""
    from playwright.sync_api import sync_playwright

    from bench.chromium import Chromium
    from bench.projects import REPO_ROOT, TEMPLATE_COUNTY, build, make_project

    parser = argparse.ArgumentParser(
        description="the answer box on a weak signal (issue 26): only these rows of make bench"
    )
    parser.add_argument(
        "--site", type=Path, help="a built site (default: build the committed catalogs into a temporary folder)"
    )
    parser.add_argument(
        "--county", default=TEMPLATE_COUNTY, help=f"the county page measured (default {TEMPLATE_COUNTY})"
    )
    parser.add_argument("--runs", type=int, default=3, help="first visits per profile, at most 3 (default 3)")
    parser.add_argument("--today", default="2026-11-28", help="CATALOG_TODAY for the build (default 2026-11-28)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="weaknet-") as tmp:
        site = args.site
        if site is None:
            site = build(
                make_project(Path(tmp) / "project", REPO_ROOT / "catalogs"), Path(tmp) / "site", args.today
            ).site_path
        with sync_playwright() as pw, Chromium(pw, cpu=None) as chromium:
            print_rows(chromium.browser, site, args.county, args.runs)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # scripts/, for `bench`
    sys.exit(main())
