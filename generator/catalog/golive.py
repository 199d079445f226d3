"""Going live: the first official edition of a catalog retires its example editions.

Every catalog starts as example data (status: example) written to show the format. When a region
publishes its real catalog, the clerk adds one official edition - dated whenever the real notice
took effect, before the invented editions too. From then on, per region and catalog, the live
history is the official editions only; the example editions leave the current view, the answers,
search, feeds, status and open data, and their pages say they were demonstration data replaced
by the official edition (site/retired.py). No file is deleted or edited: links never break.
"""
from __future__ import annotations

from .model import Edition, Status


def split_history(history: tuple[Edition, ...]) -> tuple[tuple[Edition, ...], tuple[Edition, ...]]:
    """(live, retired) of one catalog's editions, sorted by date: once any edition is official, the
    example editions retire; a catalog with no official edition stays example as a whole."""
    if not any(e.status is Status.OFFICIAL for e in history):
        return history, ()
    return (tuple(e for e in history if e.status is Status.OFFICIAL),
            tuple(e for e in history if e.status is not Status.OFFICIAL))

