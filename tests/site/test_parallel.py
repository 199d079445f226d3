"""parallel.Batch: jobs made by forked workers in the background give what a plain loop gives, in
order, handed to `then` here once; nothing forks while other threads run; and a first build that
forks makes the same site as one that does not (tests/site/test_site.py)."""
from __future__ import annotations

import os

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
