"""Spike (issue 24): the generated site without MkDocs — how far the site layer already stands on its own.

    .venv/bin/python scripts/spike_standalone.py --out /tmp/spike                 # the committed catalogs
    .venv/bin/python scripts/spike_standalone.py --out /tmp/spike --compare site  # and what it lacks beside a MkDocs build
    .venv/bin/python scripts/spike_standalone.py --catalogs tests/fixtures/catalogs/valid/minimal/catalogs --out /tmp/m

What it does, with no MkDocs import: validate the catalogs (generator.catalog), make every generated
page and file (generator.site.pages.build_pages, with the site layer's own Jinja environment,
render.py), mark Korean text (korean.py), write each page's HTML body into a minimal page shell of
this script's own (below: no theme, no navigation, no search dialog), write the static files (QR codes,
workbooks, plaques, JSON, CSV, the feeds, the /id/ redirects), the site's own assets (content/assets/)
and the site's search index (search.py) of the catalog items and of the generated pages that are
searchable. It reports how many pages and files it wrote and how long each step took.

With --compare SITE_DIR (a `mkdocs build` of the same catalogs, date and address) it also reports what
the MkDocs build has that this does not, by kind, and whether each generated page's body in the MkDocs
build is the very body written here. A spike, not a migration: nothing in the build uses it; its test
(tests/site/test_spike_standalone.py) keeps it honest. See generator/EXIT-PLAN.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jinja2 import Environment, StrictUndefined  # noqa: E402
from markupsafe import Markup  # noqa: E402

from generator.build import filecache  # noqa: E402
from generator.catalog.validate import check_catalogs  # noqa: E402
from generator.site import urls  # noqa: E402
from generator.site.answerfiles import answer_files, write_answer_files  # noqa: E402
from generator.site.answerlinks import IndexView  # noqa: E402
from generator.site.builder import PlaqueRenderError  # noqa: E402
from generator.site.korean import mark_korean  # noqa: E402
from generator.site.pages import build_pages  # noqa: E402
from generator.site.search import index_docs, page_doc  # noqa: E402
from generator.site.searchindex import write_files  # noqa: E402

FRONT_END = (
    "\n---\n\n"  # where render.page_markdown's front matter ends (generator/site/generated.py has the same constant)
)
SITE_NAME = "延边州村级组织目录公开查询"
ASSETS = ROOT / "content" / "assets"
# The page shell: this script's own, in an autoescaping environment. `title` is escaped already (the
# front matter's title is, render.page_markdown) and `body` is the site layer's HTML.
SHELL = """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="format-detection" content="telephone=no">
<title>{{ title }} - {{ site_name }}</title>
<link rel="stylesheet" href="{{ root }}assets/site.css">
<link rel="alternate feed" type="application/atom+xml" title="延边州村级组织目录调整" href="{{ root }}changes/feed.xml">
</head>
<body>
<header><a href="{{ root }}">{{ site_name }}</a></header>
<main id="vc-main" class="md-typeset">
{{ body }}
</main>
<script src="{{ root }}assets/site.js"></script>
</body>
</html>
"""
_shell = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True).from_string(SHELL)


@dataclass
class Report:
    pages: int = 0  # HTML pages in a shell (what MkDocs would render through the theme)
    files: int = 0  # files written as made (QR codes, workbooks, plaques, JSON, feeds, redirects)
    made_late: int = 0  # of those, made by forked workers (parallel.py)
    assets: int = 0  # the site's own CSS and JavaScript (content/assets/)
    search_records: int = 0
    bytes: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    compare: dict[str, object] = field(default_factory=dict)


def front_matter(markdown: str) -> tuple[dict, str]:
    """A generated page's front matter and its HTML body. Read by line, as render.page_markdown writes it
    (`key: "JSON string"`, and `search: exclude: true` on two lines): YAML would cost a third of the run."""
    front, _, body = markdown.partition(FRONT_END)
    meta: dict[str, object] = {"search": "\nsearch:\n  exclude: true\n" not in front + "\n"}
    for line in front.split("\n"):
        key, _, value = line.partition(": ")
        if key in ("title", "description"):
            meta[key] = json.loads(value)
    return meta, body.rstrip("\n")


def page_path(out: Path, uri: str) -> Path:
    return out / uri / "index.html" if uri == "" or uri.endswith("/") else out / uri


def build(
    catalogs_dir: Path, out: Path, today: datetime.date, site_url: str, workers: bool = True, cache: bool = True
) -> Report:
    """The whole spike; `out` is emptied first. Raises SystemExit with the catalog errors."""
    report, clock = Report(), time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[step] = round(now - clock, 3)
        clock = now

    filecache.configure(
        catalogs_dir.resolve().parent if cache else None
    )  # as plugin.on_config: the project's build cache
    catalogs, problems = check_catalogs(catalogs_dir, catalogs_dir.parent)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise SystemExit("目录数据检查未通过：\n" + "\n".join(map(str, errors)))
    lap("check")
    try:
        site = build_pages(catalogs, today, site_url, preview=False, background=workers)
    except PlaqueRenderError as exc:
        raise SystemExit(str(exc)) from None
    lap("build_pages")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    counties = [r.slug for r in catalogs.counties()]
    docs, late = [], []
    for page in site.pages:
        path = page_path(out, page.uri) if page.markdown else out / page.uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(page.content):  # made by workers meanwhile: written last, as plugin.py does
            late.append((path, page.content))
            continue
        if not page.markdown:
            path.write_bytes(page.content if isinstance(page.content, bytes) else page.content.encode("utf-8"))
            report.files += 1
            continue
        meta, body = front_matter(page.content)
        body = mark_korean(body)
        root = urls.relative(page.uri, "") if page.uri else ""
        path.write_text(
            _shell.render(
                title=Markup(meta.get("title", "")), site_name=SITE_NAME, root=root or "./", body=Markup(body)
            ),
            encoding="utf-8",
        )
        report.pages += 1
        if meta["search"]:  # what the theme's search plugin would have collected
            docs.append(page_doc(page.uri, meta.get("title", ""), body, frozenset(counties)))
    lap("write_pages")
    for path, make in late:
        path.write_bytes(make())
    report.files += len(late)
    report.made_late = len(late)
    if site.batch is not None:
        site.batch.close()
    filecache.flush()
    lap("write_late")
    (out / "assets").mkdir(exist_ok=True)
    for asset in sorted(ASSETS.glob("*.*")):
        shutil.copy2(asset, out / "assets" / asset.name)
        report.assets += 1
    index = index_docs([*docs, *site.search], counties)
    write_files(index, out)
    write_answer_files(
        out, answer_files(catalogs, today, IndexView.of(index))
    )  # linked into the index, as searchwrite.py does
    report.search_records = len(docs) + len(site.search)
    lap("search_index")
    report.bytes = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    report.seconds["total"] = round(sum(report.seconds.values()), 3)
    return report


def kind(uri: str) -> str:
    """A MkDocs-built file's kind, for the list of what the spike does not make."""
    if uri.startswith("assets/javascripts/") or uri.startswith("assets/stylesheets/"):
        return "theme CSS/JS (Material's bundle)"
    if uri.startswith("assets/images/") or uri.startswith("assets/fonts/"):
        return "theme images/fonts"
    if uri.startswith("search/"):
        return "search index files (beyond the spike's)"
    if uri in ("sitemap.xml", "sitemap.xml.gz"):
        return "sitemap"
    if uri == "404.html":
        return "404 page"
    if uri.endswith(".html"):
        return "hand-written pages (Markdown in content/)"
    return "other files (hand-written content: images…)"


def compare(out: Path, mkdocs_site: Path, report: Report) -> None:
    """What `mkdocs_site` has that `out` lacks, by kind; and whether each page body is the same."""
    ours = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    theirs = {p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("*") if p.is_file()}
    missing = Counter(kind(uri) for uri in sorted(theirs - ours))
    same = differ = files_same = 0
    files_differ: list[str] = []
    for uri in sorted(ours & theirs):
        if not uri.endswith(".html") or uri.startswith("id/"):  # files written as made: the same bytes?
            if (out / uri).read_bytes() == (mkdocs_site / uri).read_bytes():
                files_same += 1
            else:
                files_differ.append(uri)
            continue
        body = (out / uri).read_text(encoding="utf-8").split('<main id="vc-main" class="md-typeset">\n', 1)[-1]
        body = body.rsplit("\n</main>", 1)[0]
        if body in (mkdocs_site / uri).read_text(encoding="utf-8"):
            same += 1
        else:
            differ += 1
    report.compare = {
        "mkdocs_files": len(theirs),
        "spike_files": len(ours),
        "in_both": len(ours & theirs),
        "only_in_spike": sorted(ours - theirs)[:10],
        "missing_by_kind": dict(sorted(missing.items())),
        "page_bodies_identical": same,
        "page_bodies_differing": differ,
        "files_identical": files_same,
        "files_differing": files_differ[:10],
    }


def main(argv: list[str] | None = None) -> Report:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--catalogs", type=Path, default=ROOT / "catalogs", help="the catalogs folder (default: catalogs/)"
    )
    parser.add_argument("--out", type=Path, required=True, help="the folder to write (emptied first)")
    parser.add_argument("--today", default=os.environ.get("CATALOG_TODAY") or datetime.date.today().isoformat())
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL") or "https://catalogs.example.invalid/")
    parser.add_argument(
        "--no-workers", action="store_true", help="make QR codes, workbooks and plaques here, not in forked workers"
    )
    parser.add_argument("--no-cache", action="store_true", help="without the build cache (as VC_BUILD_CACHE=0)")
    parser.add_argument("--compare", type=Path, help="a `mkdocs build` of the same catalogs, date and address")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = build(
        args.catalogs,
        args.out,
        datetime.date.fromisoformat(args.today),
        args.site_url,
        workers=not args.no_workers,
        cache=not args.no_cache,
    )
    if args.compare:
        compare(args.out, args.compare, report)
    if args.json:
        print(json.dumps(vars(report), ensure_ascii=False, indent=1))
    else:
        print(
            f"{report.pages} pages in the spike's shell, {report.files} files as made ({report.made_late} by workers), "
            f"{report.assets} assets, {report.search_records} search records, {report.bytes / 1e6:.1f} MB"
        )
        print("seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in report.seconds.items()))
        for key, value in report.compare.items():
            print(f"{key}: {value}")
    return report


if __name__ == "__main__":
    main()
