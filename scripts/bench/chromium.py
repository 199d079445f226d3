"""Debian's Chromium, started by us inside a CPU-limited cgroup, driven by Playwright over CDP.

Why not Playwright's own throttling: CDP's `Emulation.setCPUThrottlingRate` slows the page's main
thread only, not web workers (Pagefind, used before, searched in one) nor the compositor. A cgroup limits
every thread of every process in it. So:

1. make a cgroup and give it a quota of a quarter core:
   - cgroup v1 (`/sys/fs/cgroup/cpu` writable): mkdir /sys/fs/cgroup/cpu/<name>, cpu.cfs_period_us
     100000, cpu.cfs_quota_us 25000;
   - cgroup v2 (`/sys/fs/cgroup/cgroup.controllers` lists cpu): mkdir /sys/fs/cgroup/<name>,
     cpu.max "25000 100000" (after enabling +cpu in the root's cgroup.subtree_control);
2. start Chromium through `sh -c 'echo $$ > <cgroup>/cgroup.procs; exec chromium …'`: the shell moves
   itself into the cgroup and becomes Chromium, so the browser process and every child it forks
   (renderers, GPU and network utility processes, and the worker threads inside them) are limited;
3. Chromium listens on `--remote-debugging-port`; Playwright attaches with `connect_over_cdp`. The
   Playwright driver and the http.server stay outside the cgroup (they stand for the network);
4. afterwards cpu.stat's nr_throttled shows the limit actually bit, and the cgroup is removed.

If no cgroup can be written, the browser runs unlimited and `limit` says so in plain words.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PERIOD_US = 100_000
V1 = Path("/sys/fs/cgroup/cpu")
V2 = Path("/sys/fs/cgroup")


def _make_cgroup(name: str, quota_us: int) -> tuple[Path | None, str]:
    """(cgroup folder, how the limit is applied) or (None, why not)."""
    reasons = []
    if (V1 / "cpu.cfs_quota_us").exists():
        group = V1 / name
        try:
            group.mkdir(exist_ok=True)
            (group / "cpu.cfs_period_us").write_text(str(PERIOD_US))
            (group / "cpu.cfs_quota_us").write_text(str(quota_us))
            return group, f"cgroup v1 {group}: cpu.cfs_quota_us={quota_us} per cpu.cfs_period_us={PERIOD_US}"
        except OSError as e:
            reasons.append(f"cgroup v1: {e}")
    if "cpu" in (V2 / "cgroup.controllers").read_text().split() if (V2 / "cgroup.controllers").exists() else False:
        group = V2 / name
        try:
            if "cpu" not in (V2 / "cgroup.subtree_control").read_text().split():
                (V2 / "cgroup.subtree_control").write_text("+cpu")
            group.mkdir(exist_ok=True)
            (group / "cpu.max").write_text(f"{quota_us} {PERIOD_US}")
            return group, f"cgroup v2 {group}: cpu.max={quota_us} {PERIOD_US}"
        except OSError as e:
            reasons.append(f"cgroup v2: {e}")
    return None, "; ".join(
        reasons
    ) or "no writable cpu cgroup controller (neither v1 /sys/fs/cgroup/cpu nor v2 cpu.max)"


def _throttled(group: Path) -> str:
    try:
        stat = dict(line.split() for line in (group / "cpu.stat").read_text().splitlines())
    except OSError:
        return "?"
    if "nr_throttled" in stat:
        secs = (
            int(stat.get("throttled_time", 0)) / 1e9
            if "throttled_time" in stat
            else int(stat.get("throttled_usec", 0)) / 1e6
        )
        return f"throttled in {stat['nr_throttled']} of {stat.get('nr_periods', '?')} periods, {secs:.1f} s held back"
    return "?"


class Chromium:
    """`with Chromium(playwright, cpu=0.25) as c:` → c.browser (Playwright Browser), c.limit (text)."""

    def __init__(self, playwright, cpu: float | None = 0.25) -> None:
        self.playwright, self.cpu = playwright, cpu
        self.group: Path | None = None
        self.limit = "unlimited (no CPU limit asked for)"
        self.proc: subprocess.Popen | None = None
        self.profile = Path(tempfile.mkdtemp(prefix="vc-bench-chromium-"))

    def __enter__(self) -> "Chromium":
        if self.cpu:
            self.group, how = _make_cgroup(f"vc-bench-{os.getpid()}", int(PERIOD_US * self.cpu))
            self.limit = (
                how
                if self.group
                else f"NOT LIMITED — the {self.cpu:g}-core limit could not be applied ({how}); figures are unthrottled"
            )
        args = [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--mute-audio",
            "--remote-debugging-port=0",
            f"--user-data-dir={self.profile}",
            "about:blank",
        ]
        if self.group:
            procs = self.group / "cgroup.procs"
            args = ["sh", "-c", f'echo $$ > "{procs}" && exec "$@"', "sh", *args]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        endpoint = self._endpoint()
        self.browser = self.playwright.chromium.connect_over_cdp(endpoint)
        return self

    def _endpoint(self) -> str:
        deadline = time.monotonic() + 60
        port_file = self.profile / "DevToolsActivePort"
        while time.monotonic() < deadline:
            if port_file.is_file() and port_file.read_text().strip():
                return f"http://127.0.0.1:{port_file.read_text().split()[0]}"
            if self.proc.poll() is not None:
                raise RuntimeError("Chromium exited: " + (self.proc.stderr.read() or "")[-2000:])
            time.sleep(0.1)
        raise RuntimeError("Chromium did not open its DevTools port within 60 s")

    def in_limit(self) -> bool:
        """Whether the browser process really is in the cgroup (read back from /proc)."""
        if not self.group or not self.proc:
            return False
        text = Path(f"/proc/{self.proc.pid}/cgroup").read_text()
        return bool(re.search(rf":/{re.escape(self.group.name)}$", text, re.M))

    def report(self) -> str:
        return self.limit + (f"; {_throttled(self.group)}" if self.group else "")

    def __exit__(self, *exc) -> None:
        self.summary = self.report()
        try:
            self.browser.close()
        except Exception:  # noqa: BLE001 - the process is ended below anyway
            pass
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.group:
            for _ in range(50):  # children leave the cgroup a moment after the browser exits
                try:
                    self.group.rmdir()
                    break
                except OSError:
                    time.sleep(0.1)
        shutil.rmtree(self.profile, ignore_errors=True)
