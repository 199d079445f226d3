"""parallel.Batch: jobs made by forked workers in the background give what a plain loop gives, in
order, handed to `then` here once; nothing forks while other threads run; a first build that forks
makes the same site as one that does not (tests/site/test_site.py); and its workers end with it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.site import parallel


@pytest.fixture
def forkable(monkeypatch):
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)  # as under `mkdocs build` (tests run servers)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _: {0, 1})


def test_a_batch_gives_the_plain_loop_s_results_made_elsewhere(forkable):
    offset = 7  # a closure over local state: workers inherit it, nothing is pickled but the results
    items = list(range(parallel.MIN_ITEMS * 2 + 3))  # not a whole number of chunks
    seen = []
    batch = parallel.Batch()
    assert batch.forks and parallel.workers(len(items)) == 2 and parallel.workers(parallel.MIN_ITEMS - 1) == 0
    made = [batch.add(lambda i: (i + offset) * b"x", i, then=lambda r: seen.append(len(r)) or r) for i in items]
    pids = [batch.add(lambda _: (os.getpid(), os.nice(0)), i) for i in range(4)]
    batch.start()
    try:
        assert [m.get() for m in reversed(made)] == [(i + offset) * b"x" for i in reversed(items)]  # any order of asking
        assert [m.get() for m in made] == [(i + offset) * b"x" for i in items]
        assert sorted(seen) == sorted(i + offset for i in items)  # `then` ran once per job, here
        for pid, niceness in (p.get() for p in pids):
            assert pid != os.getpid() and niceness >= os.nice(0) + parallel.NICE  # other processes, yielding to this one
        assert made[3].part(1)() == made[3].get()[1]
    finally:
        batch.close()


def test_a_small_batch_is_made_here_when_asked_for(forkable):
    made = []
    batch = parallel.Batch()
    later = [batch.add(lambda i: made.append(i) or (i, os.getpid()), i) for i in range(parallel.MIN_ITEMS - 1)]
    batch.start()
    assert made == []  # nothing yet: a job is made when its file is written
    assert later[5].get() == (5, os.getpid()) and later[5].get() == (5, os.getpid()) and made == [5]  # here, once
    batch.close()


def test_no_fork_while_other_threads_run(monkeypatch):
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 3)  # `mkdocs serve`: server and watcher
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _: {0, 1})
    assert parallel.workers(1000) == 0
    assert not parallel.Batch().forks


def test_one_core_does_not_fork(monkeypatch):
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _: {0})
    assert not parallel.Batch().forks


# --- workers end with their build -------------------------------------------------------------------

BUILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from generator.site import parallel
parallel.workers = lambda count: 2  # as on two free cores
batch = parallel.Batch()
for _ in range(parallel.MIN_ITEMS):
    batch.add(time.sleep, 30)  # workers busy long after the build is killed
batch.start()
print(*batch._pool._processes, flush=True)
time.sleep(60)
"""


def _started(pid: int) -> str | None:
    """The start time of process `pid` while it runs (not a zombie), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return None if fields[0] in "ZXx" else fields[19]


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs /proc (Linux)")
def test_a_killed_build_leaves_no_worker_behind():
    root = str(Path(__file__).parents[2])
    orphans: dict[int, str] = {}
    try:
        for trial in range(10):
            build = subprocess.Popen([sys.executable, "-c", BUILD, root], stdout=subprocess.PIPE, text=True)
            pids = [int(p) for p in build.stdout.readline().split()]
            assert len(pids) == 2, f"trial {trial}: the build forked no workers"
            started = {pid: _started(pid) for pid in pids}
            time.sleep((trial % 3) * 0.05)  # killed right after the fork, or once the workers are at work
            build.send_signal(signal.SIGKILL)
            build.wait()
            build.stdout.close()
            deadline = time.monotonic() + 5
            while (alive := {p: s for p, s in started.items() if s is not None and _started(p) == s}) and time.monotonic() < deadline:
                time.sleep(0.02)
            orphans.update(alive)
            assert not alive, f"trial {trial}: workers {sorted(alive)} outlived their build"
    finally:
        for pid, start in orphans.items():  # a failure leaves nothing running
            if _started(pid) == start:
                os.kill(pid, signal.SIGKILL)


def test_a_worker_whose_build_ended_before_it_asked_ends(monkeypatch):
    monkeypatch.setattr(parallel.os, "nice", lambda _: 0)
    child = os.fork()
    if child == 0:  # as a worker forked by a build that is gone by the time it starts
        try:
            parallel._start_worker(parent=os.getppid() + 1_000_000)
        finally:
            os._exit(0)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 1


def test_without_prctl_a_worker_still_starts(monkeypatch):
    niceness = []
    monkeypatch.setattr(parallel.os, "nice", niceness.append)

    def no_libc(*args, **kwargs):
        raise OSError("no C library here")

    monkeypatch.setattr(parallel.ctypes, "CDLL", no_libc)
    parallel._start_worker(os.getpid())
    assert niceness == [parallel.NICE]
