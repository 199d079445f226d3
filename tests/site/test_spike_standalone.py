"""scripts/spike_standalone.py (issue 24, generator/EXIT-PLAN.md): the generated site made without MkDocs
stays honest — run on the minimal fixture catalogs in a process of its own, it writes the item and
edition pages in its own shell, their files and a search index, and never imports MkDocs or Material."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import MINIMAL, REPO_ROOT, SITE_TODAY

RUN = """
import json, runpy, sys
sys.argv = [{script!r}, *sys.argv[1:]]
runpy.run_path(sys.argv[0], run_name="__main__")
framework = sorted(m for m in sys.modules if m.split(".")[0] in ("mkdocs", "material"))
print(json.dumps({{"framework": framework}}))
"""


def test_the_spike_writes_item_and_edition_pages_without_mkdocs(tmp_path):
    out = tmp_path / "site"
    script = REPO_ROOT / "scripts" / "spike_standalone.py"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            RUN.format(script=str(script)),
            "--catalogs",
            str(MINIMAL / "catalogs"),
            "--out",
            str(out),
            "--today",
            SITE_TODAY,
            "--no-workers",
            "--no-cache",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report_text, _, modules = done.stdout.rstrip("\n").rpartition("\n")
    report = json.loads(report_text)
    assert json.loads(modules) == {"framework": []}, "the spike imported MkDocs or Material"

    item = (out / "yanji" / "certificates" / "YJ-ZM-003" / "index.html").read_text(encoding="utf-8")
    assert "<h1>村集体经济组织成员确认证明</h1>" in item
    assert '<link rel="stylesheet" href="../../../assets/site.css">' in item  # relative: any base path, a plain folder
    for effective in ("2023-10-27", "2024-06-30"):  # every edition, each with its QR code
        edition = out / "yanji" / "certificates" / effective
        assert "<h1>" in (edition / "index.html").read_text(encoding="utf-8")
        assert (edition / "qr.svg").read_text(encoding="utf-8").startswith("<?xml") and (
            edition / "qr.png"
        ).stat().st_size
    assert "<h1>" in (out / "yanji" / "certificates" / "index.html").read_text(encoding="utf-8")  # the edition in force
    assert (out / "index.html").is_file() and (out / "changes" / "feed.xml").is_file()
    assert (out / "search" / "index" / "manifest.json").is_file() and (out / "assets" / "site.css").is_file()

    pages = [p for p in out.rglob("index.html") if not p.relative_to(out).as_posix().startswith(("id/", "ko/id/"))]
    assert report["pages"] == len(pages) > 20  # /id/ redirects are files written as made, not pages in the shell
    assert report["files"] > 0 and report["search_records"] > 0 and set(report["seconds"]) >= {"build_pages", "total"}
