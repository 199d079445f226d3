"""The `mkdocs serve` edit loop: change one catalog file, time until the served page shows the change.

`mkdocs serve --strict --dirty` (as `make serve` runs it) runs on a copy of the project in a temporary folder (never the repository),
with CATALOG_TODAY fixed. Once it serves the page, each edit rewrites one line of one catalog file
(an item's `purpose:` in a county's certificates edition in force) with a new marker, and the page of
that item is polled (urllib, every 50 ms) until the marker is in it — what a browser reloaded by
livereload would then show. Each edit waits for the previous one to be served.
"""

from __future__ import annotations

import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .projects import env

POLL_S = 0.05
START_TIMEOUT_S = 600
EDIT_TIMEOUT_S = 300


@dataclass(frozen=True)
class EditLoop:
    startup: float  # seconds from starting `mkdocs serve` until the page is served
    edits: tuple[float, ...]  # seconds from each file write until the changed page is served

    @property
    def median(self) -> float:
        return statistics.median(self.edits)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return ""


def _wait_for(url: str, text: str, timeout: float, proc: subprocess.Popen, log: Path) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _get(url):
            return time.perf_counter() - start
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited ({proc.returncode}): " + log.read_text(errors="replace")[-3000:])
        time.sleep(POLL_S)
    raise RuntimeError(
        f"{url} did not show {text!r} within {timeout:.0f} s; serve log: " + log.read_text(errors="replace")[-2000:]
    )


def edit_loop(config_file: Path, edition_file: Path, item_uri: str, today: str, edits: int = 3) -> EditLoop:
    """Serve `config_file`'s project, then edit `edition_file` `edits` times (see the module docstring)."""
    original = edition_file.read_text(encoding="utf-8")
    line = re.search(r"^(\s+purpose: )(.+)$", original, re.M)
    if not line:
        raise RuntimeError(f"{edition_file}: no `purpose:` line to edit")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{item_uri}"
    start = time.perf_counter()
    log = config_file.parent / "serve.log"  # a file, not a pipe: an unread pipe would block the server
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--strict",
                "--dirty",
                "-f",
                str(config_file),
                "-a",
                f"127.0.0.1:{port}",
            ],
            env=env(today),
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=config_file.parent,
        )
    try:
        _wait_for(url, line.group(2)[:6], START_TIMEOUT_S, proc, log)
        startup = time.perf_counter() - start
        times = []
        for n in range(1, edits + 1):
            marker = f"基准测试改动{n}号"
            time.sleep(1.0)  # let the watcher settle after the previous build
            text = original[: line.start(2)] + line.group(2) + marker + original[line.end(2) :]
            written = time.perf_counter()
            edition_file.write_text(text, encoding="utf-8")
            _wait_for(url, marker, EDIT_TIMEOUT_S, proc, log)
            times.append(time.perf_counter() - written)
        return EditLoop(startup, tuple(times))
    finally:
        edition_file.write_text(original, encoding="utf-8")
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
