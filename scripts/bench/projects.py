"""Buildable copies of the site project, synthetic catalogs, and timed `mkdocs build` runs.

A synthetic catalog tree keeps a prefecture and replaces the eight real counties by N copies of them:
new folder/slug, name, Korean name, 6-digit code and id prefix rewritten into every item id of the
copied files, so the copy is valid data and every generator path runs. With a `Province`, the
prefecture itself is renamed too (slug, name, id prefix, code, and every `yanbian/…` and `YB-…`
reference in the counties), so several such trees can be published as independent sites whose
search results can be told apart.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PROJECT_PARTS = ("mkdocs.yml", "content", "overrides")
TEMPLATE_COUNTY = "yanji"  # its certificates are the "catalog page" measured and the file edited
REAL_PREFECTURE, REAL_PREFECTURE_PREFIX = "yanbian", "YB"
CATALOG_CODES = "SW|PZ|ZM|QX"


@dataclass(frozen=True)
class Province:
    """A synthetic prefecture published as its own site (the multi-province simulation)."""

    letter: str  # one capital: county id prefixes are <letter>AA, <letter>AB, …; slugs <letter>xian01 …
    name: str  # e.g. 示例州Q

    @property
    def slug(self) -> str:
        return f"sheng{self.letter.lower()}"

    @property
    def id_prefix(self) -> str:
        return "P" + self.letter

    @property
    def code_base(self) -> int:
        return 300000 + (ord(self.letter) - ord("A")) * 1000


@dataclass(frozen=True)
class Synthetic:
    """What a benchmark needs to know about a synthetic tree."""

    catalogs_path: Path
    counties: tuple[str, ...]  # slugs
    prefecture: str  # slug
    measured: str  # slug of the first copy of TEMPLATE_COUNTY
    measured_prefix: str  # its id prefix


def env(today: str) -> dict[str, str]:
    """Environment of every mkdocs process: this checkout's `generator`, a fixed CATALOG_TODAY."""
    return dict(
        os.environ,
        PYTHONPATH=str(REPO_ROOT),
        CATALOG_TODAY=today,
        NO_MKDOCS_2_WARNING="1",
        SITE_URL=os.environ.get("SITE_URL", "https://catalogs.example.invalid/"),
    )


def make_project(dest: Path, catalogs_path: Path, site_name: str | None = None) -> Path:
    """A buildable copy of the site project at `dest` with `catalogs_path` as its catalogs/; returns mkdocs.yml."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = REPO_ROOT / part
        shutil.copytree(src, dest / part) if src.is_dir() else shutil.copy2(src, dest / part)
    if catalogs_path != dest / "catalogs":
        shutil.copytree(catalogs_path, dest / "catalogs")
    # mkdocs.yml `watch:`es generator/site/templates; the path must exist for the config to load.
    (dest / "generator" / "site").mkdir(parents=True)
    (dest / "generator" / "site" / "templates").symlink_to(
        REPO_ROOT / "generator" / "site" / "templates", target_is_directory=True
    )
    config = dest / "mkdocs.yml"
    if site_name:
        text = re.sub(
            r"^site_name:.*$", f"site_name: {site_name}", config.read_text(encoding="utf-8"), count=1, flags=re.M
        )
        config.write_text(text, encoding="utf-8")
    return config


def region_field(text: str, key: str) -> str:
    return re.search(rf"^{key}:\s*\"?([^\"\n#]+?)\"?\s*(?:#.*)?$", text, re.M).group(1).strip()


def county_prefix(n: int, letter: str = "C") -> str:
    return letter + chr(ord("A") + n // 26) + chr(ord("A") + n % 26)  # CAA, CAB, … (3 capitals)


def _set(text: str, key: str, value: str) -> str:
    return re.sub(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)


def _copy_prefecture(source: Path, dest: Path, province: Province | None) -> None:
    if province is None:
        shutil.copytree(source, dest / source.name)
        return
    ids = re.compile(rf"\b{REAL_PREFECTURE_PREFIX}-({CATALOG_CODES})-")
    old_name = region_field((source / "region.yaml").read_text(encoding="utf-8"), "name")
    for file in sorted(source.rglob("*.yaml")):
        text = ids.sub(lambda m: f"{province.id_prefix}-{m.group(1)}-", file.read_text(encoding="utf-8"))
        text = text.replace(old_name, province.name)
        if file.name == "region.yaml" and file.parent == source:
            for key, value in (
                ("slug", province.slug),
                ("id_prefix", province.id_prefix),
                ("name_ko", f"시범주{province.letter}"),
                ("code", f'"{province.code_base}"'),
            ):
                text = _set(text, key, value)
        out = dest / province.slug / file.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")


def synthetic_catalogs(dest: Path, counties: int, province: Province | None = None) -> Synthetic:
    """catalogs/ at `dest` with a prefecture and `counties` synthetic counties copied from the real ones."""
    source = REPO_ROOT / "catalogs"
    levels = {
        p.name: region_field((p / "region.yaml").read_text(encoding="utf-8"), "level")
        for p in source.iterdir()
        if (p / "region.yaml").is_file()
    }
    real = sorted(name for name, level in levels.items() if level == "county")
    for p in sorted(source.iterdir()):
        if p.is_dir() and p.name not in real:
            _copy_prefecture(p, dest, province if levels.get(p.name) == "prefecture" else None)
    prefecture = province.slug if province else next(n for n, level in levels.items() if level == "prefecture")
    letter, stem = (province.letter, f"{province.letter.lower()}xian") if province else ("C", "shili")
    code_base = province.code_base if province else 229000
    short = f"{province.name}·" if province else ""
    slugs, measured, measured_prefix = [], "", ""
    for n in range(counties):
        original = real[n % len(real)]
        region_text = (source / original / "region.yaml").read_text(encoding="utf-8")
        old_prefix, old_name = region_field(region_text, "id_prefix"), region_field(region_text, "name")
        slug, prefix, name = f"{stem}{n + 1:02d}", county_prefix(n, letter), f"{short}示例县{n + 1:02d}"
        own_id = re.compile(rf"\b{old_prefix}-({CATALOG_CODES})-")
        prefecture_id = re.compile(rf"\b{REAL_PREFECTURE_PREFIX}-({CATALOG_CODES})-")
        for file in sorted((source / original).rglob("*.yaml")):
            text = own_id.sub(lambda m, prefix=prefix: f"{prefix}-{m.group(1)}-", file.read_text(encoding="utf-8"))
            text = text.replace(old_name, name)
            if province:
                text = prefecture_id.sub(lambda m: f"{province.id_prefix}-{m.group(1)}-", text)
                text = re.sub(rf"\b{REAL_PREFECTURE}/", f"{province.slug}/", text)
                text = re.sub(rf"^parent: {REAL_PREFECTURE}\b", f"parent: {province.slug}", text, flags=re.M)
            if file.name == "region.yaml":
                for key, value in (
                    ("slug", slug),
                    ("id_prefix", prefix),
                    ("name_ko", f"시범현{n + 1:02d}"),
                    ("code", f'"{code_base + n + 1}"'),
                ):
                    text = _set(text, key, value)
            out = dest / slug / file.relative_to(source / original)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        slugs.append(slug)
        if original == TEMPLATE_COUNTY and not measured:
            measured, measured_prefix = slug, prefix
    return Synthetic(dest, tuple(slugs), prefecture, measured, measured_prefix)


@dataclass(frozen=True)
class Build:
    wall: float  # seconds, the whole `mkdocs build` process
    reported: float | None  # seconds MkDocs reports for the build itself
    pages: int  # HTML pages, without the /id/ redirect files
    redirects: int
    site_path: Path

    @property
    def seconds(self) -> float:
        return self.reported if self.reported is not None else self.wall


def build(config_file: Path, site_path: Path, today: str) -> Build:
    """Run a fresh `mkdocs build --strict` process (Python start-up and jieba's dictionary included)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_path)],
        env=env(today),
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
        raise SystemExit(f"build failed: {config_file}")
    m = re.search(r"Documentation built in ([\d.]+) seconds", proc.stderr + proc.stdout)
    html = list(site_path.rglob("*.html"))
    redirects = sum(1 for p in html if p.relative_to(site_path).parts[0] == "id")
    return Build(wall, float(m.group(1)) if m else None, len(html) - redirects, redirects, site_path)
