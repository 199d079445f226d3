"""Screenshots for the contributor guide (content/guide/img/), taken from a built site at phone size.

    SITE_URL=https://catalogs.example.invalid/ .venv/bin/mkdocs build --strict -d /tmp/guide-site
    .venv/bin/python scripts/guide_screenshots.py /tmp/guide-site

Re-run after a change to the pages they show; the PNGs are committed (the guide must not need a build
tool to read). Chromium is Debian's (make setup).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench.serving import serve  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "content" / "guide" / "img"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "locale": "zh-CN"}
MARK = "el => { el.style.outline = '3px solid #d32f2f'; el.style.outlineOffset = '3px'; }"


def download_excel(page, base: str) -> None:
    """Where a county's edition in force offers its workbook (做法三, step 1)."""
    page.goto(base + "yanji/certificates/", wait_until="networkidle")
    note = page.locator("p.vc-note", has_text="数据：").first
    note.scroll_into_view_if_needed()
    note.locator("a", has_text="Excel").evaluate(MARK)
    box = note.bounding_box()
    top = max(0, box["y"] - 140)
    page.screenshot(
        path=OUT / "download-excel.png", clip={"x": 0, "y": top, "width": 390, "height": min(300, 844 - top)}
    )


def main(site: str) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p, serve(Path(site)) as base:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-background-networking"]
        )
        page = browser.new_context(**PHONE).new_page()
        download_excel(page, base)
        browser.close()
    print(f"written: {sorted(q.name for q in OUT.glob('*.png'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
