"""Site build benchmark: build time, per-page cost and what a visitor downloads.

    .venv/bin/python scripts/benchmark.py            # committed catalogs, then a synthetic 60-county prefecture
    .venv/bin/python scripts/benchmark.py --quick    # committed catalogs only

Prints figures and asserts nothing. Each build is a fresh `mkdocs build --strict` process (so both
runs pay the same start-up: Python imports, jieba's dictionary) into a temporary folder; `site/` is
not touched. CATALOG_TODAY is fixed (--today) so the same editions are in force every time.

The synthetic prefecture keeps the real prefecture (yanbian) and replaces the eight real counties by
COUNTIES copies of them: new folder/slug (shili01…), name (示例县01…), Korean name, 6-digit code and
a 3-letter id prefix (CAA, CAB, …) rewritten into every item id of the copied files, so the copy is
valid data and every generator path runs. Sizes are gzip level 6 (a typical web server setting).
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "content", "overrides")
COUNTIES = 60
TODAY = "2026-11-28"
TEMPLATE_COUNTY = "yanji"  # its certificates page is the "catalog page" measured


# --- projects ------------------------------------------------------------------------------------------

def make_project(dest: Path, catalogs: Path) -> Path:
    """A buildable copy of the site project at `dest` with `catalogs` as its catalogs/; returns mkdocs.yml."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = REPO_ROOT / part
        shutil.copytree(src, dest / part) if src.is_dir() else shutil.copy2(src, dest / part)
    if catalogs != dest / "catalogs":
        shutil.copytree(catalogs, dest / "catalogs")
    # mkdocs.yml `watch:`es generator/site/templates; the path must exist for the config to load.
    (dest / "generator" / "site").mkdir(parents=True)
    (dest / "generator" / "site" / "templates").symlink_to(REPO_ROOT / "generator" / "site" / "templates", target_is_directory=True)
    return dest / "mkdocs.yml"


def _region_field(text: str, key: str) -> str:
    return re.search(rf"^{key}:\s*\"?([^\"\n#]+?)\"?\s*(?:#.*)?$", text, re.M).group(1).strip()


def _prefix(n: int) -> str:
    return "C" + chr(ord("A") + n // 26) + chr(ord("A") + n % 26)  # CAA, CAB, … (2–4 capitals)


def synthetic_catalogs(dest: Path, counties: int) -> tuple[Path, str]:
    """catalogs/ with the real prefecture and `counties` synthetic counties copied from the real ones.
    Returns the folder and the slug of the first county copied from TEMPLATE_COUNTY."""
    source = REPO_ROOT / "catalogs"
    real = sorted(p.name for p in source.iterdir()
                  if (p / "region.yaml").is_file() and _region_field((p / "region.yaml").read_text(encoding="utf-8"), "level") == "county")
    for p in source.iterdir():
        if p.is_dir() and p.name not in real:
            shutil.copytree(p, dest / p.name)
    measured = ""
    for n in range(counties):
        original = real[n % len(real)]
        region_text = (source / original / "region.yaml").read_text(encoding="utf-8")
        old_prefix, old_name = _region_field(region_text, "id_prefix"), _region_field(region_text, "name")
        slug, prefix, name = f"shili{n + 1:02d}", _prefix(n), f"示例县{n + 1:02d}"
        own_id = re.compile(rf"\b{old_prefix}-(SW|PZ|ZM|QX)-")
        for file in sorted((source / original).rglob("*.yaml")):
            text = own_id.sub(lambda m: f"{prefix}-{m.group(1)}-", file.read_text(encoding="utf-8"))
            text = text.replace(old_name, name)
            if file.name == "region.yaml":
                for key, value in (("slug", slug), ("id_prefix", prefix), ("name_ko", f"시범현{n + 1:02d}"),
                                   ("code", f'"{229000 + n + 1}"')):
                    text = re.sub(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
            out = dest / slug / file.relative_to(source / original)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        if original == TEMPLATE_COUNTY and not measured:
            measured = slug
    return dest, measured


# --- measuring -----------------------------------------------------------------------------------------

def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


class _Assets(HTMLParser):
    """Stylesheets and scripts a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"])


def page_assets(site: Path, uri: str) -> list[Path]:
    html = (site / uri / "index.html").read_text(encoding="utf-8")
    parser = _Assets()
    parser.feed(html)
    out = []
    for url in parser.urls:
        path = urlsplit(urljoin("http://x/" + uri, url)).path.lstrip("/")
        out.append(site / path)
    return out


def search_worker(site: Path) -> Path | None:
    html = (site / "index.html").read_text(encoding="utf-8")
    m = re.search(r'"search":\s*"([^"]+)"', html)  # Material's __config names the worker script
    return site / m.group(1) if m else None


def build(config_file: Path, site_dir: Path, today: str) -> tuple[float, float | None]:
    """Run `mkdocs build --strict`; (wall seconds, seconds MkDocs reports for the build itself)."""
    env = dict(os.environ, CATALOG_TODAY=today, NO_MKDOCS_2_WARNING="1", SITE_URL=os.environ.get("SITE_URL", "https://catalogs.example.invalid/"))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
                          env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
        raise SystemExit(f"build failed: {config_file}")
    m = re.search(r"Documentation built in ([\d.]+) seconds", proc.stderr + proc.stdout)
    return wall, float(m.group(1)) if m else None


def measure(label: str, config_file: Path, site_dir: Path, catalog_uri: str, today: str) -> dict[str, float]:
    wall, inner = build(config_file, site_dir, today)
    html = [p for p in site_dir.rglob("*.html")]
    redirects = [p for p in html if p.relative_to(site_dir).parts[0] == "id"]
    pages = len(html) - len(redirects)
    index = (site_dir / "search" / "search_index.json").read_bytes()
    catalog = (site_dir / catalog_uri / "index.html").read_bytes()
    home = (site_dir / "index.html").read_bytes()
    assets = page_assets(site_dir, "")
    first = gz(home) + sum(gz(p.read_bytes()) for p in assets)
    worker = search_worker(site_dir)
    with_search = first + gz(index) + (gz(worker.read_bytes()) if worker and worker.is_file() else 0)
    total = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())
    build_s = inner if inner is not None else wall
    entries = index.count(b'"location"')

    print(f"\n== {label}")
    print(f"  full build (mkdocs build --strict): {wall:6.2f} s wall" + (f", {inner:.2f} s reported by MkDocs" if inner else ""))
    print(f"  pages built:                        {pages:6d} HTML pages (+ {len(redirects)} /id/ redirect files)")
    print(f"  build time per page:                {build_s / pages * 1000:6.2f} ms (MkDocs-reported time / pages)")
    print(f"  search index:                       {kb(len(index)):>11} raw, {kb(gz(index)):>10} gzip ({entries} entries)")
    print(f"  /{catalog_uri}:{' ' * max(1, 33 - len(catalog_uri))}{kb(len(catalog)):>11} raw, {kb(gz(catalog)):>10} gzip")
    print(f"  home HTML:                          {kb(len(home)):>11} raw, {kb(gz(home)):>10} gzip")
    print(f"  first visit (home + its CSS + JS):  {kb(first):>11} gzip ({len(assets)} assets)")
    print(f"  first visit incl. search:           {kb(with_search):>11} gzip (+ search worker + search_index.json,"
          " which Material fetches on page load)")
    print(f"  whole site on disk:                 {total / 1024 / 1024:8.1f} MB, {sum(1 for p in site_dir.rglob('*') if p.is_file())} files")
    return {"build": build_s, "wall": wall, "pages": pages, "index_gz": gz(index), "catalog_gz": gz(catalog), "first": first}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the committed catalogs (skip the synthetic prefecture)")
    parser.add_argument("--counties", type=int, default=COUNTIES, help=f"synthetic counties (default {COUNTIES})")
    parser.add_argument("--today", default=TODAY, help=f"CATALOG_TODAY for the builds (default {TODAY})")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites, print where")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="site-bench-"))
    try:
        print(f"CATALOG_TODAY={args.today}; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs")
        real = measure("committed catalogs", REPO_ROOT / "mkdocs.yml", tmp / "site-real",
                       f"{TEMPLATE_COUNTY}/certificates/", args.today)
        if args.quick:
            return 0
        catalogs, slug = synthetic_catalogs(tmp / "synthetic-catalogs", args.counties)
        config = make_project(tmp / "synthetic", catalogs)
        synth = measure(f"synthetic prefecture: {args.counties} counties (copies of the 8 real ones)", config,
                        tmp / "site-synthetic", f"{slug}/certificates/", args.today)
        d_pages = synth["pages"] - real["pages"]
        print("\n== comparison (synthetic vs committed)")
        if d_pages > 0:
            print(f"  marginal build cost per extra page: {(synth['build'] - real['build']) / d_pages * 1000:6.2f} ms"
                  f" ({d_pages} more pages, {synth['build'] - real['build']:.1f} s more)")
        print(f"  pages x{synth['pages'] / real['pages']:.1f}; build time x{synth['build'] / real['build']:.1f};"
              f" search index gzip x{synth['index_gz'] / real['index_gz']:.1f};"
              f" catalog page gzip x{synth['catalog_gz'] / real['catalog_gz']:.2f};"
              f" first visit (no search) x{synth['first'] / real['first']:.2f}")
    finally:
        if args.keep:
            print(f"\nkept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
