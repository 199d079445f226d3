"""Slow, independent pieces of a first build (QR codes, workbooks, plaques) made on every core, in the
background.

The page builders add to a `Batch` what they will need (`add` gives a `Later`); `start` forks the
workers, and the build goes on making and rendering pages while they work. A file's bytes are asked
for (`Later.get`) only when it is written, after every page (plugin.py). The workers run at a lower
priority: the build's own steps, which no other process can take over, keep a core to themselves,
and the workers have both cores once the build waits for them.

The workers inherit the jobs (function and item) from this process's memory: nothing but a range of
indexes and the results' bytes crosses between processes, so a job's function may be a closure and
its item anything. Only a process with no other thread forks (`mkdocs build`): a fork copies other
threads' locks mid-step (`mkdocs serve` runs a server and a watcher), and spawned workers would start
the calling program's main module again. Otherwise, on one core, a batch adds nothing and each
piece is made when it is asked for; a batch of fewer than MIN_ITEMS jobs (a build after a small
change) starts no worker, and each job is made here when its file is written. The results are the
same bytes either way (tests/site/test_parallel.py, tests/site/test_site.py).

The workers end with the build: on Linux each asks the kernel for SIGKILL when the thread that forked
it (this process's main thread) ends, however it ends (`prctl(PR_SET_PDEATHSIG)`), then checks that
its parent is still the process that forked it, in case the build died before the request. Where
prctl is missing, a build killed outright leaves its workers to finish their tasks.

How many workers is decided from the machine (`decide`: free cores, no other thread, fork available)
unless a caller sets it (`configure`, or `configured` for a block): tests that run a server thread
force the forking path that way, and a one-core run can be tried on a two-core machine.
"""
from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS = 32     # fewer than this: starting workers costs more than it saves
MAX_WORKERS = 8
CHUNK = 16         # jobs per task: fewer results for this process to take in while it renders
NICE = 10          # the workers yield to this process
PR_SET_PDEATHSIG = 1

_jobs: list[tuple[Callable, object]] = []  # what a batch's forked workers read (inherited, never pickled)


@dataclass(frozen=True)
class Setting:
    """How many workers a batch starts, when a caller decides it rather than the machine."""

    workers: int | None = None
    """Workers for a batch of at least `min_items` jobs, whatever the cores and threads, where the system
    can fork (0: never fork);
    None: as `decide` finds the machine. Forcing a fork while other threads run is for callers that know
    those threads hold no lock a worker needs (tests, whose Chromium server is one such thread)."""
    min_items: int = MIN_ITEMS
    """Fewer jobs than this: no worker, each job made here when it is asked for."""


_setting = Setting()


def configure(workers: int | None = None, min_items: int = MIN_ITEMS) -> Setting:
    """Set how many workers the batches made from now on start (see `Setting`); returns the setting it replaces."""
    global _setting
    if workers is not None and not 0 <= workers <= MAX_WORKERS:
        raise ValueError(f"workers: expected 0 to {MAX_WORKERS} (or None: as the machine allows), got {workers!r}")
    if min_items < 1:
        raise ValueError(f"min_items: expected at least 1, got {min_items!r}")
    previous, _setting = _setting, Setting(workers, min_items)
    return previous


@contextlib.contextmanager
def configured(workers: int | None = None, min_items: int = MIN_ITEMS) -> Iterator[Setting]:
    """`configure` for the length of a `with` block, then the setting before it again."""
    previous = configure(workers, min_items)
    try:
        yield _setting
    finally:
        configure(previous.workers, previous.min_items)


def decide(count: int, *, cores: int, threads: int, fork: bool, min_items: int = MIN_ITEMS) -> int:
    """Workers for `count` jobs on a machine with `cores` free cores, `threads` threads in this process and
    (`fork`) the fork start method: every core (up to MAX_WORKERS), or none where forking is unsafe
    (another thread), useless (one core) or not worth it (a small batch)."""
    cores = min(cores, MAX_WORKERS)
    return cores if count >= min_items and cores > 1 and fork and threads == 1 else 0


def workers(count: int) -> int:
    """How many worker processes a batch of `count` jobs would start (0: none, each made here when asked)."""
    fork = "fork" in multiprocessing.get_all_start_methods()
    if _setting.workers is not None:
        return _setting.workers if count >= _setting.min_items and fork else 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return decide(count, cores=cores, threads=threading.active_count(), fork=fork, min_items=_setting.min_items)


class Later(Generic[R]):
    """What a `Batch` makes in the background; `get()` waits for it (once) and hands it to `then`."""

    def __init__(self, then: Callable[[R], R]) -> None:
        self._then = then
        self._task: Future | None = None  # the task (a chunk of jobs) that makes it, and where in its results
        self._at = 0
        self._here: tuple[Callable, object] | None = None  # or the job, made here when asked for (a small batch)
        self._value: R | None = None
        self._done = False

    def get(self) -> R:
        if not self._done:
            if self._here is not None:
                fn, item = self._here
                made = fn(item)
            else:
                assert self._task is not None, "a batch's results are there once it has started"
                made = self._task.result()[self._at]
            self._value, self._done = self._then(made), True
            self._task = self._here = None
        return self._value  # type: ignore[return-value]

    def part(self, index: int) -> Callable[[], object]:
        """A maker of one part of the result (a tuple): what a page builder gives the site for a file."""
        return functools.partial(_part, self, index)


def _part(later: Later, index: int) -> object:
    return later.get()[index]


def _start_worker(parent: int) -> None:
    """In a new worker: yield to the build, and end with it (see the module's text)."""
    os.nice(NICE)
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux: no way to ask
        return
    if prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0 and os.getppid() != parent:
        os._exit(1)  # the build ended before the request was made: nobody will ask for the results


def _run(start: int, stop: int) -> list:
    return [fn(item) for fn, item in _jobs[start:stop]]


class Batch:
    """Independent jobs made by forked workers while this process goes on (see the module's text).
    `forks` says whether it will (never if not `wanted`); where it will not, add nothing: make each
    piece when it is asked for."""

    def __init__(self, wanted: bool = True) -> None:
        self.forks = wanted and workers(_setting.min_items) > 0
        self._jobs: list[tuple[Callable, object]] = []
        self._laters: list[Later] = []
        self._pool: ProcessPoolExecutor | None = None

    def add(self, fn: Callable[[T], R], item: T, then: Callable[[R], R] = lambda r: r) -> Later[R]:
        """`fn(item)`, made by a worker once the batch starts (here, in a small batch, when asked for);
        `then` runs here on the result when it is first asked for."""
        assert self.forks and self._pool is None
        later: Later[R] = Later(then)
        self._jobs.append((fn, item))
        self._laters.append(later)
        return later

    def __len__(self) -> int:
        return len(self._jobs)

    def start(self) -> None:
        global _jobs
        if not workers(len(self._jobs)):  # a few (a build that changed little): each made here when asked for
            for job, later in zip(self._jobs, self._laters):
                later._here = job
            return
        _jobs = self._jobs
        gc.freeze()  # the workers' collector leaves what they inherit alone: no copying the whole heap on write
        try:
            self._pool = ProcessPoolExecutor(workers(len(self._jobs)), mp_context=multiprocessing.get_context("fork"),
                                             initializer=_start_worker, initargs=(os.getpid(),))
            for start in range(0, len(self._jobs), CHUNK):  # all workers are forked at the first submit
                task = self._pool.submit(_run, start, min(start + CHUNK, len(self._jobs)))
                for at, later in enumerate(self._laters[start:start + CHUNK]):
                    later._task, later._at = task, at
        finally:
            gc.unfreeze()  # here, collect as before
            _jobs = []  # the workers have their copy

    def close(self, cancel: bool = False) -> None:
        """Wait for the workers to end (`cancel`: after dropping what they have not begun)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)
            self._pool = None
