"""Slow, independent pieces of a first build (QR codes, workbooks, plaques) made on every core.

`fork_map(fn, items)` is `[fn(item) for item in items]`, computed by forked worker processes when that
is safe and worth it: the workers inherit `fn` and `items` from this process's memory (nothing but
an index and the result's bytes crosses between processes), so `fn` may be a closure and the items
anything. Only a process with no other thread forks (`mkdocs build`): a fork copies other threads'
locks mid-step (`mkdocs serve` runs a server and a watcher), and spawned workers would start the
calling program's main module again. Otherwise, on one core, and for a few items, this process does
the work itself. The results are the same bytes either way (tests/site/test_parallel.py).
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS = 32     # fewer than this: starting workers costs more than it saves
MAX_WORKERS = 8

_job: tuple[Callable, list] | None = None  # what the forked workers read (inherited, never pickled)


def _run(index: int):  # noqa: ANN202 (whatever the job's function returns)
    assert _job is not None
    fn, items = _job
    return fn(items[index])


def workers(count: int) -> int:
    """How many worker processes `fork_map` would start for `count` items (0: none, done here)."""
    cores = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, MAX_WORKERS)
    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    return cores if count >= MIN_ITEMS and cores > 1 and forkable else 0


def fork_map(fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
    global _job
    items = list(items)
    n = workers(len(items))
    if not n:
        return [fn(item) for item in items]
    outer, _job = _job, (fn, items)
    try:
        with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, range(len(items)), chunksize=max(1, len(items) // (n * 8))))
    finally:
        _job = outer
