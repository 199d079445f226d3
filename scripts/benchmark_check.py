"""How long `check_catalogs` takes: the real catalogs/ and a synthetic 60-county prefecture.

Prints figures and asserts nothing (target: under 1 s for the real catalogs). Run with
`.venv/bin/python scripts/benchmark_check.py`. The synthetic tree is made by copying the real
counties under new folder names, id prefixes and codes, so every rule runs on valid data.
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from generator.catalog.validate import check_catalogs  # noqa: E402

RUNS = 5
COUNTIES = 60


def median_seconds(root: Path) -> tuple[float, int, int]:
    """Median wall time of RUNS checks of `root` (a catalogs/ folder), and what the last one found."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        catalogs, problems = check_catalogs(root, root.parent)
        times.append(time.perf_counter() - start)
    editions = sum(len(h) for h in catalogs.editions.values())
    return statistics.median(times), editions, sum(p.is_error for p in problems)


def _prefix(n: int) -> str:
    """A unique id prefix for synthetic county n: XAA, XAB, …"""
    return "X" + chr(ord("A") + n // 26) + chr(ord("A") + n % 26)


def synthetic_tree(target: Path, counties: int = COUNTIES) -> Path:
    """catalogs/ with the real prefecture and `counties` copies of the real counties; returns it."""
    source = REPO_ROOT / "catalogs"
    dest = target / "catalogs"
    real = sorted(
        p.name
        for p in source.iterdir()
        if (p / "region.yaml").is_file() and "level: county" in (p / "region.yaml").read_text(encoding="utf-8")
    )
    for p in source.iterdir():
        if p.is_dir() and p.name not in real:
            shutil.copytree(p, dest / p.name)
    for n in range(counties):
        original = real[n % len(real)]
        slug, prefix = f"{original}-{n:02d}", _prefix(n)
        old_prefix = re.search(
            r"^id_prefix: (\w+)$", (source / original / "region.yaml").read_text(encoding="utf-8"), re.M
        ).group(1)
        own_id = re.compile(rf"\b{old_prefix}-(SW|PZ|ZM|QX)-")
        for file in (source / original).rglob("*.yaml"):
            text = own_id.sub(lambda m, prefix=prefix: f"{prefix}-{m.group(1)}-", file.read_text(encoding="utf-8"))
            if file.name == "region.yaml":
                text = re.sub(r"^slug: .*$", f"slug: {slug}", text, count=1, flags=re.M)
                text = re.sub(r"^id_prefix: .*$", f"id_prefix: {prefix}", text, count=1, flags=re.M)
                text = re.sub(r"^code: .*$", f'code: "{229000 + n}"', text, count=1, flags=re.M)
            out = dest / slug / file.relative_to(source / original)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
    return dest


def main() -> None:
    seconds, editions, errors = median_seconds(REPO_ROOT / "catalogs")
    print(
        f"real catalogs/: {seconds * 1000:.0f} ms (median of {RUNS}; {editions} editions, {errors} errors; target < 1000 ms)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = synthetic_tree(Path(tmp))
        seconds, editions, errors = median_seconds(root)
        print(
            f"synthetic {COUNTIES} counties: {seconds * 1000:.0f} ms (median of {RUNS}; {editions} editions, {errors} errors)"
        )


if __name__ == "__main__":
    main()
