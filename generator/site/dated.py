"""What a page states, window by window: a site built on one day is read on later days.

A page built before a published change states each version with its window ("至2026年12月31日",
"2027年1月1日起"): without script the reader sees both, dated; with script (assets/site.js) the
reader sees the one for their day in China (Asia/Shanghai), whatever the device's zone. A window
is marked by `data-from` (shown from that day on) and `data-until` (shown before that day), ISO
dates; elements with neither are the same on every day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Generic, TypeVar

from markupsafe import Markup

from ..catalog.answers import Answer
from ..catalog.diff import FIELD_LABELS
from ..catalog.model import CatalogKind, Catalogs, Edition
from .pagetext import date_text

T = TypeVar("T")
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Window(Generic[T]):
    """`value` holds from `start` (None: already on the build day) until the day before `end` (None: open)."""

    start: datetime.date | None
    end: datetime.date | None
    value: T

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def when(self) -> str:
        """The window in words: 至2026年12月31日 · 2027年1月1日起 · 2027年1月1日至2027年6月30日 ("" for always)."""
        if self.start and self.end:
            return f"{date_text(self.start)}至{date_text(self.end - ONE_DAY)}"
        if self.end:
            return f"至{date_text(self.end - ONE_DAY)}"
        return f"{date_text(self.start)}起" if self.start else ""

    @property
    def attrs(self) -> Markup:
        """The element's window for assets/site.js (ISO dates; nothing from the data but dates)."""
        parts = [
            f' data-from="{self.start.isoformat()}"' if self.start else "",
            f' data-until="{self.end.isoformat()}"' if self.end else "",
        ]
        return Markup("".join(parts))

    @property
    def start_iso(self) -> str:
        return self.start.isoformat() if self.start else ""

    @property
    def end_iso(self) -> str:
        return self.end.isoformat() if self.end else ""


def windows(now: T, changes: list[tuple[datetime.date, T]]) -> list[Window[T]]:
    """`now` until the first change, each change until the next (changes in date order)."""
    starts = [None, *(day for day, _ in changes)]
    values = [now, *(value for _, value in changes)]
    ends = [*(day for day, _ in changes), None]
    return [Window(s, e, v) for s, e, v in zip(starts, ends, values)]


def answer_windows(answer: Answer) -> list[Window[Answer]]:
    """The answer today and after each published change, each with its window."""
    return windows(answer, [(c.effective, c.answer) for c in answer.upcoming])


def changed_fields(before: Answer, after: Answer) -> list[str]:
    """What differs in the item when the outcome stays (e.g. 设定依据), as labels."""
    if before.outcome is not after.outcome:
        return []
    a, b = before.item.content(), after.item.content()
    return [FIELD_LABELS.get(k, k) for k in a if a[k] != b.get(k)]


def timeline(found: list[Window[Answer]]) -> str:
    """至2026年12月31日：可以开具；2027年1月1日起：已不再保留 — every window and its outcome, in one line."""
    parts = []
    for prev, w in zip([None, *found], found):
        fields = changed_fields(prev.value, w.value) if prev else []
        note = f"（{'、'.join(fields)}有调整）" if fields else ""
        parts.append(f"{w.when}：{w.value.outcome.label}{note}")
    return "；".join(parts)


@dataclass(frozen=True)
class EditionState:
    """An edition page's standing on a day: its mode ("current": the catalog's index page showing the
    edition in force; "in_force", "upcoming", "superseded"), the edition that replaced it, and the
    edition in force that day."""

    mode: str
    successor: Edition | None = None
    current: Edition | None = None


def edition_windows(
    catalogs: Catalogs, today: datetime.date, edition: Edition, history: tuple[Edition, ...], index: bool
) -> list[Window[EditionState]]:
    """The page's standing on the build day and from each later edition's date on, while it changes."""

    def on(day: datetime.date) -> EditionState:
        current = catalogs.in_force(edition.region, edition.catalog, day)
        if edition.effective > day:
            return EditionState("upcoming", current=current)
        if edition is current:
            return EditionState("current" if index else "in_force", current=current)
        successor = next(e for e in history if edition.effective < e.effective <= day)
        return EditionState("superseded", successor, current)

    return changing(on, today, [e.effective for e in history if e.effective > today])


def changing(on, today: datetime.date, days: list[datetime.date]) -> list[Window]:  # noqa: ANN001 (on: day -> state)
    """`on(today)`, then `on(day)` from each of `days` on where it differs from the day before."""
    changes, last = [], on(today)
    for day in days:
        state = on(day)
        if state != last:
            changes.append((day, state))
            last = state
    return windows(on(today), changes)


@dataclass(frozen=True)
class CatalogState:
    """A region's catalog on a day: the edition in force and the editions still to come."""

    current: Edition | None
    upcoming: tuple[Edition, ...]


def catalog_windows(
    catalogs: Catalogs, today: datetime.date, region: str, kind: CatalogKind
) -> list[Window[CatalogState]]:
    """The county page's row for a catalog on the build day and from each upcoming edition's date on."""

    def on(day: datetime.date) -> CatalogState:
        return CatalogState(catalogs.in_force(region, kind, day), catalogs.upcoming(region, kind, day))

    return changing(on, today, [e.effective for e in catalogs.upcoming(region, kind, today)])
