"""parallel.fork_map: the same results as a plain loop, in order, whether or not it forks; and a first
build that forks makes the same site as one that does not."""
from __future__ import annotations

import os

from generator.site import parallel


def test_forked_results_are_the_plain_loop_s_in_order(monkeypatch):
    offset = 7  # a closure over local state: workers inherit it, nothing is pickled but the results
    items = list(range(parallel.MIN_ITEMS * 2))
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)  # as under `mkdocs build` (tests run servers)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _: {0, 1})
    assert parallel.workers(len(items)) == 2 and parallel.workers(parallel.MIN_ITEMS - 1) == 0
    pids = parallel.fork_map(lambda _: os.getpid(), items)
    assert os.getpid() not in pids  # the work was done by other processes
    assert parallel.fork_map(lambda i: (i + offset) * b"x", items) == [(i + offset) * b"x" for i in items]


def test_no_fork_while_other_threads_run(monkeypatch):
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 3)  # `mkdocs serve`: server and watcher
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _: {0, 1})
    assert parallel.workers(1000) == 0
    assert set(parallel.fork_map(lambda _: os.getpid(), range(100))) == {os.getpid()}
