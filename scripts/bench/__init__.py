"""Helpers of scripts/benchmark.py, one job per module: projects (copies, synthetic catalogs, builds),
serving (local HTTP), chromium (a CPU-limited browser), browser (bytes and search timing), editloop
(`mkdocs serve`), provinces (the multi-site simulation) and report (the goals table)."""
