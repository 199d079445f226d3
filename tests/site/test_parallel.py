"""parallel.Batch: jobs made by forked workers in the background give what a plain loop gives, in
order, handed to `then` here once; nothing forks while other threads run; a first build that forks
makes the same site as one that does not (tests/site/test_site.py); and its workers end with it.
Tests set the number of workers (`parallel.configured`): they run server threads, where the machine's
own decision would never fork."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import parallel


@pytest.fixture
def forkable():
    with parallel.configured(workers=2):  # as under `mkdocs build` on two free cores (tests run servers)
        yield


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
        assert [m.get() for m in reversed(made)] == [
            (i + offset) * b"x" for i in reversed(items)
        ]  # any order of asking
        assert [m.get() for m in made] == [(i + offset) * b"x" for i in items]
        assert sorted(seen) == sorted(i + offset for i in items)  # `then` ran once per job, here
        for pid, niceness in (p.get() for p in pids):
            assert (
                pid != os.getpid() and niceness >= os.nice(0) + parallel.NICE
            )  # other processes, yielding to this one
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


def test_no_fork_while_other_threads_run():
    assert parallel.decide(1000, cores=2, threads=3, fork=True) == 0  # `mkdocs serve`: server and watcher
    assert parallel.decide(1000, cores=2, threads=1, fork=True) == 2  # `mkdocs build`


def test_one_core_a_small_batch_or_no_fork_does_not_fork():
    assert parallel.decide(1000, cores=1, threads=1, fork=True) == 0
    assert parallel.decide(parallel.MIN_ITEMS - 1, cores=2, threads=1, fork=True) == 0
    assert parallel.decide(1000, cores=2, threads=1, fork=False) == 0  # e.g. Windows
    assert parallel.decide(1000, cores=64, threads=1, fork=True) == parallel.MAX_WORKERS


def test_the_machine_decides_unless_a_caller_sets_the_workers():
    import multiprocessing
    import threading

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    with parallel.configured(workers=None):
        assert parallel.workers(1000) == parallel.decide(
            1000, cores=cores, threads=threading.active_count(), fork="fork" in multiprocessing.get_all_start_methods()
        )
    with parallel.configured(workers=0):
        assert parallel.workers(1000) == 0 and not parallel.Batch().forks
        assert not parallel.Batch(wanted=False).forks
    with parallel.configured(workers=3, min_items=2):
        assert (parallel.workers(1), parallel.workers(2)) == (0, 3) and parallel.Batch().forks
        assert not parallel.Batch(wanted=False).forks  # `mkdocs serve` never asks
    assert parallel._setting == parallel.Setting()  # as before the blocks


@pytest.mark.parametrize(
    "workers, min_items, message",
    [
        (-1, 1, "workers: expected 0 to 8 (or None: as the machine allows), got -1"),
        (parallel.MAX_WORKERS + 1, 1, "workers: expected 0 to 8 (or None: as the machine allows), got 9"),
        (2, 0, "min_items: expected at least 1, got 0"),
    ],
)
def test_a_setting_out_of_range_is_refused_and_changes_nothing(workers, min_items, message):
    with pytest.raises(ValueError) as raised:
        parallel.configure(workers, min_items)
    assert str(raised.value) == message and parallel._setting == parallel.Setting()


# --- workers end with their build -------------------------------------------------------------------

BUILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from generator.build import parallel
parallel.configure(workers=2)  # as on two free cores
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
            while (
                alive := {p: s for p, s in started.items() if s is not None and _started(p) == s}
            ) and time.monotonic() < deadline:
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
