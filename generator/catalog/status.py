"""The prefecture's view: for each county and catalog, what is in force, whether it was filed (备案),
whether the deadlines of the seed were met, and how long since the last adjustment.

Deadlines come from the prefecture's milestones file (data with its source), never from code. A
missing filing does not stop publication (an edition is in force once issued; filing follows it):
it is a problem shown here, not an error. Where the data cannot say - example data with invented
dates, no document date - the finding says so instead of guessing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import Enum

from .model import CatalogKind, Catalogs, Edition, EditionKind, Milestone, Region, Status


class Verdict(Enum):
    MET = "met"  # 按时
    LATE = "late"  # 逾期
    MISSING = "missing"  # 没有
    INFO = "info"  # a fact, no judgement

    @property
    def icon(self) -> str:
        return {"met": "✔", "late": "✖", "missing": "✖", "info": "·"}[self.value]


@dataclass(frozen=True)
class Finding:
    what: str  # 备案 / the milestone's name
    verdict: Verdict
    text: str  # what the data says, in plain words (with the reason when it is a problem)

    @property
    def problem(self) -> bool:
        return self.verdict in (Verdict.LATE, Verdict.MISSING)


@dataclass(frozen=True)
class CatalogStatus:
    region: Region
    kind: CatalogKind
    current: Edition | None
    upcoming: tuple[Edition, ...]
    history: tuple[Edition, ...]
    filing: Finding
    deadlines: tuple[tuple[Milestone, Finding], ...]
    last_adjusted: datetime.date | None  # effective date of the newest edition in force
    days_since: int | None

    @property
    def example(self) -> bool:
        return any(e.status is Status.EXAMPLE for e in self.history)

    @property
    def problems(self) -> tuple[Finding, ...]:
        return tuple(f for f in (self.filing, *(f for _, f in self.deadlines)) if f.problem)


def _days(a: datetime.date, b: datetime.date) -> int:
    return (b - a).days


def _filing(edition: Edition | None) -> Finding:
    if edition is None:
        return Finding("备案", Verdict.INFO, "尚无生效的版本")
    if edition.filing is None:
        if edition.kind is EditionKind.CORRECTION:
            return Finding("备案", Verdict.INFO, "勘误版，不需另行备案")
        return Finding(
            "备案", Verdict.MISSING, "没有备案信息：目录应向州民政局、州委组织部、州委农办备案，备案后请补充 filing"
        )
    f = edition.filing
    late = _days(edition.effective, f.date)
    when = f"{f.date.isoformat()} 向{'、'.join(f.to)}备案"
    # the seed asks for timely filing (及时备案) but sets no number of days: state the days, judge nothing
    return Finding("备案", Verdict.MET, when + (f"（生效后第 {late} 天）" if late > 0 else ""))


def _issued(edition: Edition) -> datetime.date:
    return edition.document.date if edition.document else edition.effective


def _deadline(m: Milestone, history: tuple[Edition, ...], today: datetime.date) -> Finding:
    if m.check == "first-edition":
        if not history:
            return Finding(m.name, Verdict.MISSING if today > m.due else Verdict.INFO, "尚未公布目录")
        first = history[0]
        late = _days(m.due, _issued(first))
        if late <= 0:
            return Finding(m.name, Verdict.MET, f"{_issued(first).isoformat()} 印发第一版，按时")
        return Finding(m.name, Verdict.LATE, f"{_issued(first).isoformat()} 印发第一版，晚于期限 {late} 天")
    later = [e for e in history[1:] if e.effective <= today]
    before = [e for e in later if e.effective <= m.due]
    if before:
        return Finding(m.name, Verdict.INFO, f"期限前已调整（{'、'.join(e.effective.isoformat() for e in before)} 版）")
    if later:
        return Finding(m.name, Verdict.INFO, f"期限前未调整，之后于 {later[0].effective.isoformat()} 调整")
    return Finding(m.name, Verdict.INFO, "至今未调整")


def catalog_status(catalogs: Catalogs, region: Region, kind: CatalogKind, today: datetime.date) -> CatalogStatus:
    history = catalogs.history(region.slug, kind)
    current = catalogs.in_force(region.slug, kind, today)
    milestones = catalogs.milestones.items if catalogs.milestones else ()
    deadlines = tuple((m, _deadline(m, history, today)) for m in milestones if m.check != "none")
    return CatalogStatus(
        region=region,
        kind=kind,
        current=current,
        upcoming=catalogs.upcoming(region.slug, kind, today),
        history=history,
        filing=_filing(current),
        deadlines=deadlines,
        last_adjusted=current.effective if current else None,
        days_since=_days(current.effective, today) if current else None,
    )


def county_statuses(catalogs: Catalogs, today: datetime.date) -> list[CatalogStatus]:
    """County × catalog, counties in the order of official lists."""
    return [catalog_status(catalogs, county, kind, today) for county in catalogs.counties() for kind in CatalogKind]
