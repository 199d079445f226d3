"""The answer the public comes for: may a village in this county issue this certificate, on this date?

For a county and a certificate there is exactly one outcome:
- RETAINED  可以开具   on the county's retained list in force (who issues it, form, time limit, …);
- FORBIDDEN 不能开具   on the list villages must not issue (民发〔2020〕20号), with where to go instead;
- REMOVED   已不再保留 the county took it off its retained list (since when, why, what replaced it);
- UNLISTED  清单未列入 on neither list: the seed's rule 二(三)10 applies (may be issued if within the
  village's duties and verifiable, after investigation). "Not retained" never means "cannot be issued".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from enum import Enum

from . import policy
from .model import CatalogKind, Catalogs, CommonName, Edition, Item, Region, Status


class Outcome(Enum):
    RETAINED = "retained"
    FORBIDDEN = "forbidden"
    REMOVED = "removed"
    UNLISTED = "unlisted"

    @property
    def label(self) -> str:
        return _OUTCOMES[self][0]

    @property
    def plain(self) -> str:
        """What a villager needs to hear, in plain words."""
        return _OUTCOMES[self][1]

    @property
    def icon(self) -> str:
        """A shape that differs for each outcome (never colour alone)."""
        return _OUTCOMES[self][2]


_OUTCOMES = {
    Outcome.RETAINED: ("可以开具", "村里可以开", "✔"),
    Outcome.FORBIDDEN: ("不能开具", "村里不能开", "✖"),
    Outcome.REMOVED: ("已不再保留", "已从保留清单取消", "⊘"),
    Outcome.UNLISTED: ("清单未列入", "清单上没有，看情况", "?"),
}

# The policy texts, quoted from 延州办发〔2023〕15号 with every condition (catalog/policy.py, sources/policy-quotes.yaml).
# 清单未列入 (二（三）10): a certificate on neither list; a page prints the rule, then its source in brackets.
UNLISTED_RULE = policy.unlisted_rule()
UNLISTED_SOURCE = policy.section_source("二（三）10")
# 已不再保留 (二（三）9): the county cancelled it; no department may require it of the village any more.
REMOVED_RULE = policy.removed_rule()
REMOVED_SOURCE = policy.section_source("二（三）9")
UNLISTED_FOOTNOTE = policy.unlisted_footnote()  # a printed list's footnote, with its sources


@dataclass(frozen=True)
class Answer:
    outcome: Outcome
    county: Region
    item: Item  # the county's item; for UNLISTED the prefecture's guide item (or an upcoming one)
    item_region: str  # whose item page to link
    catalog: CatalogKind
    edition: Edition | None  # RETAINED/FORBIDDEN: the list in force; REMOVED: the edition that removed it
    since: datetime.date | None = None  # RETAINED: listed since; REMOVED: removed since
    reason: str = ""  # REMOVED: why
    replaced_by: Item | None = None  # REMOVED: the item that took its place
    exceptions: tuple[Item, ...] = ()  # FORBIDDEN: retained items a law requires despite the overlap
    upcoming: tuple[Change, ...] = ()  # published changes not yet in force, in date order
    names: tuple[CommonName, ...] = ()  # common names that mean this item

    @property
    def example(self) -> bool:
        """Illustrative data somewhere in what this answer rests on."""
        return self.item.status is Status.EXAMPLE or (
            self.edition is not None and self.edition.status is Status.EXAMPLE
        )

    @property
    def concept(self) -> str:
        """The certificate this answer is about: a county item and the guide item it adopts are one."""
        return self.item.adopts or self.item.id

    def on(self, day: datetime.date) -> Answer:
        """The answer that holds on `day` (>= the day this answer was made for)."""
        return next((c.answer for c in reversed(self.upcoming) if c.effective <= day), self)

    def same_as(self, other: Answer) -> bool:
        """Nothing a villager is told differs (the edition behind a retained item may)."""
        return (
            (self.outcome, self.item_region, self.since, self.reason, self.example)
            == (other.outcome, other.item_region, other.since, other.reason, other.example)
            and self.item.content() == other.item.content()
            and _ids(self.exceptions) == _ids(other.exceptions)
            and _ids((self.replaced_by,)) == _ids((other.replaced_by,))
        )


@dataclass(frozen=True)
class Change:
    """A published change not yet in force: from `effective` on (China time), the answer is `answer`."""

    effective: datetime.date
    answer: Answer


def _ids(items: tuple[Item | None, ...]) -> tuple[str | None, ...]:
    return tuple(i.id if i else None for i in items)


def change_days(catalogs: Catalogs, county: str, today: datetime.date) -> tuple[datetime.date, ...]:
    """The days after `today` on which a published edition behind `county`'s answers takes effect:
    its own certificates and forbidden lists, and the prefecture's (the guide and its forbidden list)."""
    prefecture = catalogs.prefecture()
    regions = {county, prefecture.slug if prefecture else county}
    return tuple(
        sorted(
            {
                e.effective
                for r in regions
                for k in (CatalogKind.CERTIFICATES, CatalogKind.FORBIDDEN)
                for e in catalogs.upcoming(r, k, today)
            }
        )
    )


def county_answers(catalogs: Catalogs, county: str, today: datetime.date) -> list[Answer]:
    """Every certificate a villager of `county` may ask about, with its one outcome on `today` and
    each published change of that outcome still to come (`Answer.upcoming`, with its date).

    A certificate only a later edition lists is on no list today: 清单未列入 until that date."""
    now = _answers_on(catalogs, county, today)
    later = [
        (day, {a.concept: a for a in _answers_on(catalogs, county, day)})
        for day in change_days(catalogs, county, today)
    ]
    known = {a.concept for a in now}
    for _day, found in later:  # first listed by an upcoming edition: on no list until then
        for concept, a in found.items():
            if concept not in known:
                known.add(concept)
                now.append(
                    Answer(
                        Outcome.UNLISTED, a.county, a.item, a.item_region, CatalogKind.CERTIFICATES, None, names=a.names
                    )
                )
    out = []
    for answer in now:
        changes, last = [], answer
        for day, found in later:
            nxt = found.get(answer.concept)
            if nxt is not None and not nxt.same_as(last):
                changes.append(Change(day, nxt))
                last = nxt
        out.append(replace(answer, upcoming=tuple(changes)) if changes else answer)
    return out


def _answers_on(catalogs: Catalogs, county: str, today: datetime.date) -> list[Answer]:
    """The outcomes on `today` alone."""
    region = catalogs.regions[county]
    prefecture = catalogs.prefecture()
    guide_slug = prefecture.slug if prefecture else county
    history = catalogs.history(county, CatalogKind.CERTIFICATES)
    current = catalogs.in_force(county, CatalogKind.CERTIFICATES, today)
    out: list[Answer] = []
    forbidden = catalogs.in_force(county, CatalogKind.FORBIDDEN, today) or catalogs.in_force(
        guide_slug, CatalogKind.FORBIDDEN, today
    )
    forbidden_region = county if catalogs.in_force(county, CatalogKind.FORBIDDEN, today) else guide_slug
    retained = current.items if current else ()
    for item in forbidden.items if forbidden else ():
        exceptions = tuple(i for i in retained if any(o.seq == item.national_seq for o in i.overlaps_forbidden))
        out.append(
            Answer(
                Outcome.FORBIDDEN,
                region,
                item,
                forbidden_region,
                CatalogKind.FORBIDDEN,
                forbidden,
                forbidden.effective,
                exceptions=exceptions,
                names=_names(catalogs, item),
            )
        )
    for item in retained:
        out.append(
            Answer(
                Outcome.RETAINED,
                region,
                item,
                county,
                CatalogKind.CERTIFICATES,
                current,
                _listed_since(history, item.id, current),
                names=_names(catalogs, item),
            )
        )
    out += _removed(catalogs, region, history, current)
    adopted = {i.adopts for e in history for i in e.items if i.adopts}
    guide = catalogs.in_force(guide_slug, CatalogKind.CERTIFICATES, today) if guide_slug != county else None
    for item in guide.items if guide else ():
        if item.id not in adopted:  # the prefecture's guide lists it, this county does not
            out.append(
                Answer(
                    Outcome.UNLISTED,
                    region,
                    item,
                    guide_slug,
                    CatalogKind.CERTIFICATES,
                    None,
                    names=_names(catalogs, item),
                )
            )
    return out


def _names(catalogs: Catalogs, item: Item) -> tuple[CommonName, ...]:
    keys = {item.id, item.adopts}
    return tuple(n for n in catalogs.names if n.means in keys)


def _listed_since(history: tuple[Edition, ...], item_id: str, current: Edition | None) -> datetime.date | None:
    """The start of the unbroken run of editions, up to the current one, that list the item."""
    since = None
    for edition in history:
        since = (since or edition.effective) if edition.item(item_id) else None
        if edition is current:
            break
    return since


def _removed(catalogs: Catalogs, region: Region, history: tuple[Edition, ...], current: Edition | None) -> list[Answer]:
    if current is None:
        return []
    past = history[: history.index(current) + 1]
    last_seen: dict[str, tuple[Item, int]] = {}
    for n, edition in enumerate(past):
        last_seen.update({i.id: (i, n) for i in edition.items})
    out = []
    for item_id, (item, n) in last_seen.items():
        if current.item(item_id):
            continue
        removal = past[n + 1]
        change = next((c for c in removal.changes if c.item == item_id), None)
        replaced = removal.item(change.replaced_by) if change and change.replaced_by else None
        out.append(
            Answer(
                Outcome.REMOVED,
                region,
                item,
                region.slug,
                CatalogKind.CERTIFICATES,
                removal,
                removal.effective,
                reason=change.reason if change else "",
                replaced_by=replaced,
                names=_names(catalogs, item),
            )
        )
    return out


def answers_by_item(catalogs: Catalogs, today: datetime.date) -> dict[tuple[str, str], Answer]:
    """(region, item id) -> the answer its item page states, for every county's listed items."""
    out: dict[tuple[str, str], Answer] = {}
    for county in catalogs.counties():
        for answer in county_answers(catalogs, county.slug, today):
            # an item only an upcoming edition lists: 清单未列入 until its date, then its outcome
            if answer.item_region == county.slug and (answer.outcome is not Outcome.UNLISTED or answer.upcoming):
                out[(county.slug, answer.item.id)] = answer
    return out
