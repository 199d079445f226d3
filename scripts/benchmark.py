"""Benchmark of issue 11: build, edit loop, what a visitor downloads, and search speed on a slow device.

    make bench                                        # everything (several minutes)
    .venv/bin/python scripts/benchmark.py --quick     # committed catalogs only, no provinces
    .venv/bin/python scripts/benchmark.py --counties 60 --runs 3 --edits 3 --keep

Prints figures and a goals table; asserts nothing. Everything runs on copies in a temporary folder
(`site/` and catalogs/ are never touched), with CATALOG_TODAY fixed (--today), and the checkout's own
`generator` (PYTHONPATH is set to this repository for every mkdocs process).

What is measured, and how (modules under scripts/bench/):
- Sites: the committed catalogs, and a synthetic prefecture of --counties copies of the real counties
  (bench/projects.py). Each is built by a fresh `mkdocs build --strict` process; wall time (Python
  start-up and jieba's dictionary included) and the time MkDocs reports, per page.
- Bytes a first visit loads (bench/browser.py): each site is served by a local threaded http.server;
  for one page of every page type (bench/pagetypes.py), Chromium opens it with an empty cache and every
  response until the network is idle is counted — HTML, CSS, JS, images, favicon, fonts, workers —
  at the size a gzip-level-6 web server would send (PNG and WOFF2 as they are).
- Search (bench/browser.py): on the home page (no county: a cross-county query) and on a county page
  (that county first), the query is typed into the header's search box right after the page loaded,
  and the time until the first `.md-search-result__item` is in the DOM is taken in the page
  (performance.now, MutationObserver), with everything fetched from typing on. Median of --runs, each
  in a fresh browser context (empty cache).
- The answer box (bench/browser.py): on the measured county's page, a query of each kind (ASK_QUERIES:
  the exact name, traditional characters, a typo that sounds the same, full-width letters, everyday
  words) is typed into "这项证明，村里能开吗？" right after the page loaded; the time until the first
  answer card (`.vc-ask-out .vc-outcome`) is in the DOM (answer.js's 60 ms pause for typing included), its
  outcome and certificate, what the page fetched from typing on (the service worker's offline copy, made
  after the answer, counted apart), and for the median run when each kind of index file was fetched.
  Same browser, CPU limit, fresh contexts and median of --runs as the search timing.
- CPU limit for the search and answer timing (bench/chromium.py): Chromium is started by this script inside a cgroup
  with a quota of --cpu cores (default ¼: cpu.cfs_quota_us 25000 per 100000 on cgroup v1, cpu.max
  "25000 100000" on v2), so the browser, its renderers and any worker all share ¼ core;
  Playwright attaches over CDP. If no cgroup can be written the figures are printed as UNTHROTTLED.
- Edit loop (bench/editloop.py): `mkdocs serve --strict` on a copy of each project; one catalog file
  is edited and the item's page polled until the change is served.
- The Korean twin (bench/korean.py, issue 25, --no-korean skips it): each site built Chinese-only and
  with the twin (languages setting), the ratio against 1.6×; first-visit bytes of every /ko/ page type;
  search bytes on /ko/ against /.
- Past one machine (bench/provinces.py, --provinces, on by default unless --quick): three synthetic
  provinces built separately, served on three ports, one page searching their indexes together
  (`mergeIndex`) and searching across all three — a simulation on one machine, see its docstring.

- The answer box on a weak signal (bench/weaknet.py, issue 26): the committed catalogs' county page on a
  390×844 phone, served gzip-ed with `Cache-Control: no-store`, first visit (fresh context) on Slow 3G
  (400 kbit/s, 400 ms) and Slow 4G (1.6 Mbit/s, 150 ms), typing «无犯罪» as soon as the box is usable:
  time to a usable box and to the first answer (median of --runs, at most 3), and an offline repeat
  visit (the service worker's copy). Beside them weaknet.BEFORE: the same measure on earlier commits
  (each built from `git archive` in a temporary folder on this machine; recorded as constants so a run
  needs no second build). `scripts/bench/weaknet.py` alone prints only these rows.

The machine is shared (other builds may run at the same time): build and serve times are inflated
accordingly; the throttled browser figures are less affected, as the quota is far below a core.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench import browser, korean, report, weaknet
from bench.chromium import Chromium
from bench.editloop import EditLoop, edit_loop
from bench.pagetypes import page_types
from bench.projects import REPO_ROOT, TEMPLATE_COUNTY, Build, build, make_project, synthetic_catalogs
from bench.provinces import PAGE_URI, PROVINCES, build_provinces, serve_provinces
from bench.serving import serve
from playwright.sync_api import sync_playwright

COUNTIES = 60
PROVINCE_COUNTIES = 20
TODAY = "2026-11-28"
QUERY = "出生"
KB = 1024


@dataclass
class Site:
    label: str
    config: Path
    county: str
    prefecture: str
    build: Build | None = None
    warm: Build | None = None  # the same project built again, with its build cache


def kb(n: float) -> str:
    return f"{n / KB:,.1f} KB"


def edited_file(project: Path, county: str, today: str) -> tuple[Path, str]:
    """The county's certificates edition in force and the uri of the first item with a `purpose:` in it."""
    folder = project / "catalogs" / county / "certificates"
    files = [
        p for p in sorted(folder.glob("*.yaml")) if p.stem <= today and "purpose:" in p.read_text(encoding="utf-8")
    ]
    text = files[-1].read_text(encoding="utf-8")
    item = re.findall(r"\bid: ([A-Z]{2,4}-ZM-\d+)", text[: text.index("purpose:")])[-1]
    return files[-1], f"{county}/certificates/{item}/"


def site_stats(site: Site) -> None:
    b = site.build
    files = [p for p in b.site_path.rglob("*") if p.is_file()]
    index = [p for p in files if p.relative_to(b.site_path).parts[:2] == ("search", "index")]
    print(f"\n== build: {site.label}")
    print(
        f"  full build (mkdocs build --strict): {b.wall:6.2f} s wall"
        + (f", {b.reported:.2f} s reported by MkDocs" if b.reported else "")
    )
    print(f"  pages built:                        {b.pages:6d} HTML pages (+ {b.redirects} /id/ redirect files)")
    print(f"  build time per page:                {b.seconds / b.pages * 1000:6.2f} ms (MkDocs-reported time / pages)")
    print(
        f"  search index on disk:               {sum(p.stat().st_size for p in index) / KB / KB:6.1f} MB in {len(index)} files"
    )
    print(
        f"  whole site on disk:                 {sum(p.stat().st_size for p in files) / KB / KB:6.1f} MB, {len(files)} files"
    )


def first_visits(pw, sites: list[Site]) -> dict[str, dict[str, tuple[str, int, int, str]]]:
    """{site label: {page type: (uri, bytes, responses, note)}} measured in an unthrottled Chromium."""
    out: dict[str, dict] = {}
    with Chromium(pw, cpu=None) as chromium:
        for site in sites:
            out[site.label] = {}
            with serve(site.build.site_path) as base:
                for name, uri in page_types(site.build.site_path, site.county, site.prefecture):
                    total, items, note = browser.first_visit(chromium.browser, base, site.build.site_path, uri)
                    out[site.label][name] = (uri, total, len(items), note)
    return out


def print_first_visits(sites: list[Site], visits: dict) -> None:
    print(
        "\n== bytes a first visit loads (Chromium, empty cache, until network idle; gzip-6 sizes; all responses"
        " incl. favicon, images, fonts, scripts)"
    )
    names = list(dict.fromkeys(n for s in sites for n in visits[s.label]))
    print(f"  {'page type':34s} " + " ".join(f"{s.label[:24]:>26s}" for s in sites))
    for name in names:
        cells = []
        for s in sites:
            v = visits[s.label].get(name)
            cells.append(f"{kb(v[1]):>12s} ({v[2]:2d} files)" + ("*" if v[3] else " ") if v else f"{'—':>26s}")
        print(f"  {name:34s} " + " ".join(cells))
    for s in sites:
        worst = max(visits[s.label].items(), key=lambda kv: kv[1][1])
        print(f"  max for {s.label}: {kb(worst[1][1])} — {worst[0]} (/{worst[1][0]})")
    if any(v[3] for s in sites for v in visits[s.label].values()):
        print("  * favicon not requested by headless Chromium; its size is added")


def search_runs(chromium: Chromium, site: Site, runs: int, query: str) -> dict[str, list[browser.SearchRun]]:
    with serve(site.build.site_path) as base:
        return {
            kind: browser.search_timing(chromium.browser, base, site.build.site_path, uri, query, runs, delay_ms=delay)
            for kind, uri, delay in search_kinds(site)
        }


def weak_signal(pw, site: Site, runs: int) -> None:
    """Issue 26's rows (bench/weaknet.py prints them, beside the figures of earlier commits)."""
    with Chromium(pw, cpu=None) as chromium:
        weaknet.print_rows(chromium.browser, site.build.site_path, site.county, runs)


# the measure (typed right after load), and a visitor who opens search and types a second later
# (the engine loads on focus, so this is the wait a visitor sees after the last key)
# issue 23: every way a villager writes it, typed into the county page's answer box
ASK_QUERIES = (
    ("exact name", "无犯罪记录证明"),
    ("traditional", "無犯罪證明"),
    ("sound-alike typo", "无犯最记录证明"),
    ("full-width letters", "ｗｆｚ"),
    ("everyday words", "开个户口证明"),
)
OUTCOMES = {
    "vc-o-retained": "可以开具",
    "vc-o-forbidden": "不能开具",
    "vc-o-removed": "已不再保留",
    "vc-o-unlisted": "清单未列入",
}


def search_kinds(site: Site) -> tuple[tuple[str, str, int], ...]:
    """(label, page, delay in ms between focus and typing) of each search timing."""
    return (
        ("cross-county (home)", "", 0),
        ("county-first (county page)", f"{site.county}/", 0),
        ("county-first, typed 1 s after focus", f"{site.county}/", 1000),
    )


def print_search(site: Site, results: dict[str, list[browser.SearchRun]], limit: str) -> None:
    print(f"\n== search «{QUERY}»: {site.label} ({limit})")
    for kind, runs in results.items():
        ours = [u for u in runs[0].urls if "/search/index/" in u]
        print(
            f"  {kind:28s} first result {browser.median_ms(runs) / 1000:6.2f} s median of {len(runs)}"
            f" ({', '.join(f'{r.ms / 1000:.2f}' for r in runs)}); fetched for search {kb(runs[0].search_bytes)}"
            f" in {len(runs[0].urls)} files ({len(ours)} from /search/index/)"
        )
        others = [u.split("/", 3)[-1] for u in runs[0].urls if "/search/index/" not in u]
        if others:
            print(f"  {'':28s} also fetched on typing: {', '.join(others)}")


def answer_runs(chromium: Chromium, site: Site, runs: int) -> dict[str, list[browser.AnswerRun]]:
    with serve(site.build.site_path) as base:
        return {
            kind: browser.answer_timing(chromium.browser, base, site.build.site_path, f"{site.county}/", query, runs)
            for kind, query in ASK_QUERIES
        }


def print_answers(site: Site, results: dict[str, list[browser.AnswerRun]], limit: str) -> None:
    first = next(iter(results.values()))[0]
    print(
        f"\n== the answer box on /{site.county}/: {site.label} ({limit}); the page preloaded {kb(first.preloaded)} of /search/"
    )
    for (kind, query), runs in zip(ASK_QUERIES, results.values()):
        r, files = runs[0], {}
        for u in r.urls:
            files[browser.part(u)] = files.get(browser.part(u), 0) + 1
        print(
            f"  {kind:18s} «{query}» → {OUTCOMES.get(r.outcome, r.outcome)} {r.name}: answer {browser.median_ms(runs) / 1000:5.2f} s"
            f" median of {len(runs)} ({', '.join(f'{x.ms / 1000:.2f}' for x in runs)}); fetched {kb(r.answer_bytes)} in {len(r.urls)} files"
            f" ({', '.join(f'{k} {n}' for k, n in files.items())}); the service worker's offline copy after it {kb(r.kept_bytes)}"
        )
        mid = sorted(runs, key=lambda x: x.ms)[len(runs) // 2]
        steps = ", ".join(
            f"{k} {a / 1000:.2f}–{b / 1000:.2f}" for k, (a, b) in sorted(mid.fetching.items(), key=lambda kv: kv[1])
        )
        print(f"  {'':18s} the median run, s after typing: fetches {steps or 'none'}; answer shown {mid.ms / 1000:.2f}")
        if any((x.outcome, x.name) != (r.outcome, r.name) for x in runs):
            print(f"  {'':18s} NOT THE SAME ANSWER IN EVERY RUN: {sorted({(x.outcome, x.name) for x in runs})}")


def provinces(pw, tmp: Path, counties: int, today: str, runs: int, cpu: float, query: str) -> None:
    print(
        f"\n== past one machine (simulation on this one machine): {len(PROVINCES)} provinces × {counties} counties,"
        " each built by its own mkdocs process and served on its own port"
    )
    sites = build_provinces(tmp, counties, today)
    for s in sites:
        print(f"  {s.province.name} ({s.province.slug}): {s.build.wall:.1f} s wall, {s.build.pages} pages")
    with serve_provinces(sites) as bases, Chromium(pw, cpu=cpu) as chromium:
        results = browser.search_timing(
            chromium.browser, bases[0], sites[0].build.site_path, PAGE_URI, query, runs, probe="window.vcOrigins"
        )
        limit = chromium.report()
    by_origin = {}
    for url in results[0].urls:
        origin = url.split("/search/index/")[0] + "/"
        by_origin[origin] = by_origin.get(origin, 0) + 1
    print(f"  merged search page {bases[0]}{PAGE_URI} ({limit})")
    print(
        f"  «{query}» across all three: first result {browser.median_ms(results) / 1000:.2f} s median of {len(results)}"
        f" ({', '.join(f'{r.ms / 1000:.2f}' for r in results)}); fetched {kb(results[0].search_bytes)} in {len(results[0].urls)} files"
    )
    print(f"  files fetched per site: {', '.join(f'{o} {n}' for o, n in by_origin.items())}")
    print(f"  top-10 results per site: {results[0].probe}")
    print(
        "  (one machine: no network latency between the 'hosts'; a real deployment adds a round trip per site's first fetch)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="only the committed catalogs (no synthetic prefecture, no provinces)"
    )
    parser.add_argument("--counties", type=int, default=COUNTIES, help=f"synthetic counties (default {COUNTIES})")
    parser.add_argument("--today", default=TODAY, help=f"CATALOG_TODAY for the builds (default {TODAY})")
    parser.add_argument(
        "--runs",
        type=int,
        default=7,
        help="timed searches per case; the median is reported (default 7: at ¼ core single runs vary by ±0.3 s)",
    )
    parser.add_argument(
        "--edits", type=int, default=3, help="edits timed per `mkdocs serve` (default 3; 0 skips the edit loop)"
    )
    parser.add_argument(
        "--cpu", type=float, default=0.25, help="CPU cores for the browser in the search timing (default 0.25)"
    )
    parser.add_argument(
        "--provinces",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="simulate several provinces' sites with one merged search (default: on unless --quick)",
    )
    parser.add_argument(
        "--province-counties",
        type=int,
        default=PROVINCE_COUNTIES,
        help=f"counties per province (default {PROVINCE_COUNTIES})",
    )
    parser.add_argument(
        "--korean", action=argparse.BooleanOptionalAction, default=True, help="the Korean twin's cost (bench/korean.py)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites, print where")
    args = parser.parse_args(argv)
    do_provinces = (not args.quick) if args.provinces is None else args.provinces

    tmp = Path(tempfile.mkdtemp(prefix="site-bench-"))
    try:
        print(
            f"CATALOG_TODAY={args.today}; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs, load average"
            f" {' '.join(f'{x:.2f}' for x in os.getloadavg())} at start (a shared machine: other work inflates build and serve times)"
        )
        sites = [
            Site(
                "committed catalogs",
                make_project(tmp / "committed", REPO_ROOT / "catalogs"),
                TEMPLATE_COUNTY,
                "yanbian",
            )
        ]
        if not args.quick:
            synthetic = synthetic_catalogs(tmp / "synthetic-catalogs", args.counties)
            sites.append(
                Site(
                    f"{args.counties} counties (synthetic)",
                    make_project(tmp / "synthetic", synthetic.catalogs_path),
                    synthetic.measured,
                    synthetic.prefecture,
                )
            )
        for site in sites:
            site.build = build(site.config, tmp / f"site-{len(site.label)}-{site.county}", args.today)
            site_stats(site)
            # the same project again: QR codes, plaques and workbooks now come from its .cache/ (filecache.py)
            site.warm = build(site.config, tmp / f"site-{len(site.label)}-{site.county}-warm", args.today)
            print(
                f"  again, with the build cache of the first build: {site.warm.wall:6.2f} s wall"
                f" ({site.warm.seconds / site.warm.pages * 1000:.2f} ms per page)"
            )

        loops: dict[str, EditLoop] = {}
        for site in sites if args.edits else []:
            edition, item_uri = edited_file(site.config.parent, site.county, args.today)
            loops[site.label] = loop = edit_loop(site.config, edition, item_uri, args.today, args.edits)
            print(f"\n== mkdocs serve edit loop: {site.label}")
            print(
                f"  served after {loop.startup:.1f} s; edit of {edition.relative_to(site.config.parent)} → /{item_uri} shows it after"
                f" {loop.median:.2f} s median ({', '.join(f'{t:.2f}' for t in loop.edits)} s)"
            )

        with sync_playwright() as pw:
            visits = first_visits(pw, sites)
            print_first_visits(sites, visits)
            searches, answers = {}, {}
            with Chromium(pw, cpu=args.cpu) as chromium:
                for site in sites:
                    searches[site.label] = search_runs(chromium, site, args.runs, QUERY)
                    answers[site.label] = answer_runs(chromium, site, args.runs)
                limit = chromium.report()
            for site in sites:
                print_search(site, searches[site.label], limit)
            for site in sites:
                print_answers(site, answers[site.label], limit)
            print(f"  CPU limit: {limit}")
            weak_signal(pw, sites[0], args.runs)
            if do_provinces:
                provinces(pw, tmp / "provinces", args.province_counties, args.today, args.runs, args.cpu, QUERY)
            if args.korean:  # its builds take min(--runs, 3) runs per language and cache state
                ko = [korean.Project(s.label, s.config.parent / "catalogs", s.county, s.prefecture) for s in sites]
                korean.measure(pw, tmp / "korean", ko, args.today, min(args.runs, 3))

        print_summary(sites, visits, searches, answers, loops, args)
    finally:
        if args.keep:
            print(f"\nkept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def print_summary(sites, visits, searches, answers, loops, args) -> None:
    def pair(get):
        values = [get(s) for s in sites] + [None] * (2 - len(sites))
        return values[0], values[1]

    G, P = report.GOALS, report.PREVIOUS
    rows = [
        report.Row(
            "first visit, max over page types",
            "KB",
            *pair(lambda s: max(v[1] for v in visits[s.label].values())),
            G["first_visit"],
            P["first_visit"],
        )
    ]
    for kind in ("cross-county (home)", "county-first (county page)"):
        rows.append(
            report.Row(
                f"search bytes, {kind}",
                "KB",
                *pair(lambda s, kind=kind: searches[s.label][kind][0].search_bytes),
                G["search_bytes"],
                P["search_bytes"],
            )
        )
    cpu = "¼ core" if args.cpu == 0.25 else f"{args.cpu:g} core"
    for kind in ("cross-county (home)", "county-first (county page)", "county-first, typed 1 s after focus"):
        rows.append(
            report.Row(
                f"first result at {cpu}, {kind}",
                "s",
                *pair(lambda s, kind=kind: browser.median_ms(searches[s.label][kind]) / 1000),
                G["first_result"],
                P["first_result"],
            )
        )
    for kind, _ in ASK_QUERIES:
        rows.append(
            report.Row(
                f"answer at {cpu}, {kind}",
                "s",
                *pair(lambda s, kind=kind: browser.median_ms(answers[s.label][kind]) / 1000),
                G["answer"],
            )
        )
    for kind, _ in ASK_QUERIES:
        rows.append(
            report.Row(
                f"answer bytes, {kind}",
                "KB",
                *pair(lambda s, kind=kind: answers[s.label][kind][0].answer_bytes),
                G["answer_bytes"],
            )
        )
    rows.append(
        report.Row(
            "serve: edit → page served",
            "s",
            *pair(lambda s: loops[s.label].median if s.label in loops else None),
            G["edit_loop"],
            P["edit_loop"],
        )
    )
    rows.append(
        report.Row("full build (wall), fresh clone", "s", *pair(lambda s: s.build.wall), G["build"], P["build"])
    )
    rows.append(
        report.Row("full build (wall), build cache kept", "s", *pair(lambda s: s.warm.wall), G["build"], P["build"])
    )
    rows.append(
        report.Row("build time per page", "ms", *pair(lambda s: s.build.seconds / s.build.pages), G["per_page"])
    )
    print(f"\n== summary (median of {args.runs} for times; previous figures from issue 11)")
    print(report.format_table(rows, sites[-1].label if len(sites) > 1 else "scaled (not run)"))


if __name__ == "__main__":
    sys.exit(main())
