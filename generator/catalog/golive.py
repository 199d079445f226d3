"""Going live: the first official edition of a catalog retires its example editions.

Every catalog starts as example data (status: example) written to show the format. When a region
publishes its real catalog, the clerk adds one official edition - dated whenever the real notice
took effect, before the invented editions too. From then on, per region and catalog, the live
history is the official editions only; the example editions leave the current view, the answers,
search, feeds, status and open data, and their pages say they were demonstration data replaced
by the official edition (site/retired.py). No file is deleted or edited: links never break.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Edition, Status
from .report import Report

SCAN_FILE = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})(-[0-9a-z]+)?\.(pdf|png|jpg|jpeg)"
)  # a notice not online, beside its edition


def split_history(history: tuple[Edition, ...]) -> tuple[tuple[Edition, ...], tuple[Edition, ...]]:
    """(live, retired) of one catalog's editions, sorted by date: once any edition is official, the
    example editions retire; a catalog with no official edition stays example as a whole."""
    if not any(e.status is Status.OFFICIAL for e in history):
        return history, ()
    return (
        tuple(e for e in history if e.status is Status.OFFICIAL),
        tuple(e for e in history if e.status is not Status.OFFICIAL),
    )


def note_scan(file: Path, uri: str, report: Report) -> bool:
    """A scan of a notice that is not online (`2023-10-20.pdf` beside `2023-10-20.yaml`, named by that
    edition's `source.document`): remembered for the build; False if `file` is not one."""
    scan = SCAN_FILE.fullmatch(file.name)
    if not scan:
        return False
    if not (file.parent / f"{scan.group(1)}.yaml").is_file():
        report.add(
            uri,
            (),
            f"扫描件没有对应的版本文件（期望同一文件夹中有 {scan.group(1)}.yaml，"
            f"并在其 source.document 中写明“{file.name}”）",
        )
    report.scans[uri] = str(file)
    return True
