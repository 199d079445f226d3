"""Work counted in steps, not seconds: how many functions (Python and builtin) a call makes.

A test that says "quickly" with a stopwatch fails on a busy machine and passes a slow algorithm on a
fast one. A count of calls is the same on every machine and every run. It sees loops written in
Python and the builtins they call, not the work inside one builtin call (a regex, `str.count`): a
bound on steps shows that no Python loop grows with the input, and the input must make such loops
the risk."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

R = TypeVar("R")


def counted(fn: Callable[..., R], *args: object) -> tuple[R, int]:
    """`fn(*args)` and the number of functions it called, its own callees included."""
    calls = 0

    def profile(frame, event, arg) -> None:  # noqa: ANN001 (sys.setprofile's signature)
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        result = fn(*args)
    finally:
        sys.setprofile(previous)
    return result, calls - 1  # less the call of sys.setprofile that ends the count
