"""What the Korean twin costs (issue 25): build time against the Chinese-only build, first-visit bytes of
every /ko/ page type, and search bytes on /ko/ against /.

- Build: each project is copied twice, once with `languages: zh` and once with `languages: zh,ko` written
  into its mkdocs.yml (settings.py), and built by fresh `mkdocs build --strict` processes: "cold" on a
  new copy each run (a new project path, so an empty build cache, filecache.py), "warm" again on the
  first copy (its build cache kept). The two languages alternate run by run, so a load change on the
  shared machine hits both; the ratio is twin / Chinese-only of the medians (goal ≤ 1.6×), of wall
  time and of CPU time (the build process and its workers: steadier when other work shares the cores).
- First visit: pagetypes.py's page types below ko/, each opened like browser.first_visit (empty cache,
  gzip-6 sizes), beside the same type's Chinese page of the same (twin) build.
- Search: the bytes fetched from typing until the first result, on the home page and a county page,
  for a Chinese and a Korean query, on / and on /ko/ of the twin build (flat: /ko/ at most +20 %).

Prints figures and a goals table; asserts nothing.
"""

from __future__ import annotations

import re
import resource
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from . import browser, report
from .chromium import Chromium
from .pagetypes import page_types
from .projects import Build, build, make_project
from .serving import serve

KO = "ko/"
LANGUAGES = {"zh": "zh", "twin": "zh,ko"}  # the plugin's `languages` option per build
SETTING = re.compile(r"^(\s*languages:).*$", re.MULTILINE)
QUERIES = ("出生", "출생")  # the same word; the Korean one matches the certificates' name_ko and phrasings
RATIO = report.Goal("≤ 1.6× the Chinese-only build", limit=1.6, scaled_only=True)
FLAT = report.Goal("flat: /ko/ at most +20 % over /", flat=0.20)
FIRST_VISIT = report.Goal("≤ 100 KB on every /ko/ page type", limit=100 * report.KB)


@dataclass(frozen=True)
class Project:
    label: str
    catalogs: Path
    county: str
    prefecture: str


@dataclass
class Builds:
    """Wall seconds of the runs, per language ("zh", "twin") and cache state ("cold", "warm")."""

    walls: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    cpus: dict[tuple[str, str], list[float]] = field(default_factory=dict)  # user + system, workers included
    pages: dict[str, int] = field(default_factory=dict)
    site: Path | None = None  # a twin build's site, for the browser

    def add(self, language: str, cache: str, b: Build, cpu: float) -> None:
        self.walls.setdefault((language, cache), []).append(b.wall)
        self.cpus.setdefault((language, cache), []).append(cpu)
        self.pages[language] = b.pages

    def median(self, language: str, cache: str, cpu: bool = False) -> float | None:
        runs = (self.cpus if cpu else self.walls).get((language, cache))
        return statistics.median(runs) if runs else None

    def ratio(self, cache: str, cpu: bool = False) -> float | None:
        return ratio(self.median("twin", cache, cpu), self.median("zh", cache, cpu))


def timed_build(config: Path, site: Path, today: str) -> tuple[Build, float]:
    """build() and the CPU seconds (user + system) of its process and the workers it waited for: on a
    shared machine far steadier than wall time, which other work stretches."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    b = build(config, site, today)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return b, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


class RatioRow(report.Row):
    def show(self, value: float | None) -> str:
        return "—" if value is None else f"{value:.2f}×"


def ratio(twin: float | None, chinese: float | None) -> float | None:
    return twin / chinese if twin is not None and chinese else None


def with_languages(config: Path, languages: str) -> None:
    """`languages:` of the plugin in `config` set to `languages` (no environment variable read)."""
    text, n = SETTING.subn(lambda m: f"{m.group(1)} {languages}", config.read_text(encoding="utf-8"), count=1)
    if n != 1:
        raise SystemExit(f"no `languages:` option in {config}")
    config.write_text(text, encoding="utf-8")


def korean_page_types(site_path: Path, county: str, prefecture: str) -> list[tuple[str, str, str]]:
    """(page type, Chinese uri, Korean uri) of every page type whose Korean twin is on disk."""
    return [
        (name, uri, KO + uri)
        for name, uri in page_types(site_path, county, prefecture)
        if (site_path / KO / uri / "index.html").is_file()
    ]


def build_both(tmp: Path, project: Project, today: str, runs: int) -> Builds:
    out = Builds()
    warm_configs = {}
    for run in range(runs):
        for language, value in LANGUAGES.items():
            config = make_project(tmp / f"{language}-{run}", project.catalogs)
            with_languages(config, value)
            out.add(language, "cold", *timed_build(config, tmp / f"site-{language}-{run}", today))
            warm_configs.setdefault(language, config)
    for run in range(runs):
        for language, config in warm_configs.items():
            site = tmp / f"site-{language}-warm-{run}"
            out.add(language, "warm", *timed_build(config, site, today))
            if language == "twin":
                out.site = site
    return out


def print_builds(project: Project, b: Builds) -> None:
    print(f"\n== the Korean twin's build cost: {project.label} (fresh `mkdocs build --strict` processes)")
    print(f"  pages: Chinese-only {b.pages['zh']}, with the twin {b.pages['twin']}")
    for cache, what in (("cold", "fresh clone (empty build cache)"), ("warm", "build cache kept")):
        zh, twin = b.walls[("zh", cache)], b.walls[("twin", cache)]
        print(
            f"  {what:32s} Chinese-only {b.median('zh', cache):6.2f} s ({', '.join(f'{t:.1f}' for t in zh)}),"
            f" with the twin {b.median('twin', cache):6.2f} s ({', '.join(f'{t:.1f}' for t in twin)}):"
            f" {b.ratio(cache):.2f}× (goal ≤ 1.6×)"
        )
        print(
            f"  {'':32s} CPU time: Chinese-only {b.median('zh', cache, cpu=True):6.2f} s, with the twin"
            f" {b.median('twin', cache, cpu=True):6.2f} s: {b.ratio(cache, cpu=True):.2f}×"
        )


def first_visits(chromium: Chromium, project: Project, site: Path) -> dict[str, tuple[int, int]]:
    """{page type: (bytes of the Chinese page, bytes of its Korean twin)}, printed as measured."""
    print(f"\n== bytes a first visit loads, / and /ko/ of the twin build: {project.label} (gzip-6, empty cache)")
    out = {}
    with serve(site) as base:
        for name, zh_uri, ko_uri in korean_page_types(site, project.county, project.prefecture):
            zh, _, _ = browser.first_visit(chromium.browser, base, site, zh_uri)
            ko, items, note = browser.first_visit(chromium.browser, base, site, ko_uri)
            out[name] = (zh, ko)
            mark = "*" if note else " "
            print(
                f"  {name:34s} / {zh / report.KB:7.1f} KB   /{ko_uri:42s} {ko / report.KB:7.1f} KB ({len(items)} files){mark}"
            )
    worst = max(out.items(), key=lambda kv: kv[1][1])
    print(f"  max on /ko/: {worst[1][1] / report.KB:.1f} KB — {worst[0]} (goal ≤ 100 KB; * favicon added)")
    return out


def search_bytes(chromium: Chromium, project: Project, site: Path) -> dict[tuple[str, str], tuple[int, int]]:
    """{(page, query): (bytes fetched for search on /, on /ko/)}, printed as measured."""
    print(f"\n== search bytes per query, / and /ko/ of the twin build: {project.label} (typed right after load)")
    out = {}
    with serve(site) as base:
        for page, uri in (("home", ""), ("county page", f"{project.county}/")):
            for query in QUERIES:
                zh, ko = (browser.search_once(chromium.browser, base, site, u, query) for u in (uri, KO + uri))
                out[(page, query)] = (zh.search_bytes, ko.search_bytes)
                print(
                    f"  {page:12s} «{query}»  / {zh.search_bytes / report.KB:7.1f} KB in {len(zh.urls):2d} files"
                    f"   /ko/ {ko.search_bytes / report.KB:7.1f} KB in {len(ko.urls):2d} files"
                )
    return out


def goals(label: str, b: Builds, visits: dict, searches: dict) -> list[report.Row]:
    rows = [
        RatioRow(f"{label}: twin build ÷ Chinese-only, fresh clone", "×", None, b.ratio("cold"), RATIO),
        RatioRow(f"{label}: twin build ÷ Chinese-only, cache kept", "×", None, b.ratio("warm"), RATIO),
        RatioRow(f"{label}: the same in CPU time, fresh clone", "×", None, b.ratio("cold", cpu=True), RATIO),
        RatioRow(f"{label}: the same in CPU time, cache kept", "×", None, b.ratio("warm", cpu=True), RATIO),
        report.Row(
            f"{label}: first visit, max over /ko/ page types",
            "KB",
            max(zh for zh, _ in visits.values()),
            max(ko for _, ko in visits.values()),
            FIRST_VISIT,
        ),
    ]
    for (page, query), (zh, ko) in searches.items():
        rows.append(report.Row(f"{label}: search bytes, {page} «{query}»", "KB", zh, ko, FLAT))
    return rows


def measure(pw, tmp: Path, projects: list[Project], today: str, runs: int) -> None:
    """Everything above for each project; the goals table last."""
    rows = []
    for project in projects:
        b = build_both(tmp / re.sub(r"\W+", "-", project.label), project, today, runs)
        print_builds(project, b)
        with Chromium(pw, cpu=None) as chromium:
            visits = first_visits(chromium, project, b.site)
            searches = search_bytes(chromium, project, b.site)
        rows += goals(project.label, b, visits, searches)
    print(f"\n== the Korean twin against issue 25's bars (builds: median of {runs}; ratio = twin ÷ Chinese-only)")
    print(report.format_table(rows, "twin (/ko/)").replace("committed", "Chinese /", 1))
