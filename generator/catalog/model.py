"""The catalog model: frozen value objects, no I/O.

Everything past validation travels as these objects; plain dicts stop at `validate.py`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields
from enum import Enum


class CatalogKind(Enum):
    WORK_AFFAIRS = "work-affairs"
    SIGNBOARDS = "signboards"
    CERTIFICATES = "certificates"
    FORBIDDEN = "forbidden-certificates"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self][0]

    @property
    def short_label(self) -> str:
        return _KIND_LABELS[self][1]

    @property
    def code(self) -> str:
        """Two-letter code in item ids (YJ-ZM-101)."""
        return _KIND_LABELS[self][2]


_KIND_LABELS = {
    CatalogKind.WORK_AFFAIRS: ("村级组织工作事务目录", "工作事务", "SW"),
    CatalogKind.SIGNBOARDS: ("村级组织机制牌子目录", "机制牌子", "PZ"),
    CatalogKind.CERTIFICATES: ("村级组织证明事项目录", "证明事项", "ZM"),
    CatalogKind.FORBIDDEN: ("不应由基层群众性自治组织出具证明事项清单", "不应出具的证明", "QX"),
}

ASSIST_ROLES = ("联系村民", "引导入户", "组织动员", "宣传教育", "说服劝导", "发现报告")


class Status(Enum):
    OFFICIAL = "official"
    EXAMPLE = "example"


class EditionKind(Enum):
    INITIAL = "initial"
    AMENDMENT = "amendment"
    CORRECTION = "correction"

    @property
    def label(self) -> str:
        return {"initial": "首版", "amendment": "调整", "correction": "勘误"}[self.value]


class Action(Enum):
    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"
    RENAMED = "renamed"

    @property
    def label(self) -> str:
        return {"added": "新增", "removed": "取消", "modified": "修改", "renamed": "更名"}[self.value]


class Level(Enum):
    PREFECTURE = "prefecture"
    COUNTY = "county"


@dataclass(frozen=True)
class Source:
    document: str | None = None
    section: str | None = None
    annex: str | None = None
    number: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Basis:
    law: str
    article: str | None = None
    version: str | None = None


@dataclass(frozen=True)
class Overlap:
    """A retained certificate that a law requires although it touches a forbidden one (declared, never silent)."""

    seq: int  # the forbidden item's number in 民发〔2020〕20号
    basis: str  # the law that requires the village to certify
    explanation: str  # why this is not the forbidden certificate, in words for the public


@dataclass(frozen=True)
class Place:
    """A town or village listed by a county (for filled-in signboards)."""

    slug: str
    name: str
    name_ko: str
    name_ko_verified: bool = False
    retired: bool = False  # merged or renamed away: kept (pages stay), marked, never deleted


@dataclass(frozen=True)
class Town(Place):
    status: Status = Status.EXAMPLE
    villages: tuple[Place, ...] = ()


@dataclass(frozen=True)
class Region:
    slug: str
    name: str
    name_ko: str
    code: str
    level: Level
    id_prefix: str
    parent: str | None = None
    name_ko_verified: bool = False
    source: str | None = None
    towns: tuple[Town, ...] = ()
    uri: str = ""


@dataclass(frozen=True)
class Item:
    """One catalog item as the public sees it (adoption already resolved)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    name_ko: str | None = None
    basis: tuple[Basis, ...] = ()
    notes: str | None = None
    source: Source | None = None
    # certificates
    issuer: str | None = None
    requester: tuple[str, ...] = ()
    purpose: str | None = None
    procedure: tuple[str, ...] = ()
    deadline: str | int | None = None
    form: str | None = None
    category: str | None = None
    overlaps_forbidden: tuple[Overlap, ...] = ()
    # forbidden certificates
    national_seq: int | None = None
    variants: tuple[str, ...] = ()
    variants_open_ended: bool = False
    alternative: str | None = None
    alternative_verified: bool = False
    # work affairs
    org: str | None = None
    department: str | None = None
    role: tuple[str, ...] = ()
    funding: str | None = None
    keywords: tuple[str, ...] = ()
    # signboards
    name_ko_verified: bool = False
    org_type: str | None = None
    placement: str | None = None
    orientation: str | None = None
    colour: str | None = None
    size_mm: tuple[int, int] | None = None
    pattern: str | None = None
    pattern_ko: str | None = None
    # bookkeeping, not content
    status: Status = Status.EXAMPLE
    adopts: str | None = None
    overrides: tuple[str, ...] = field(default=(), compare=False)
    line: int = field(default=0, compare=False)

    def content(self) -> dict[str, object]:
        """The fields that make up what the public sees, for diffing."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in CONTENT_FIELDS}


CONTENT_FIELDS = frozenset(
    f.name for f in fields(Item) if f.name not in {"id", "status", "adopts", "overrides", "line"}
)


@dataclass(frozen=True)
class Document:
    number: str
    title: str
    issuer: str
    date: datetime.date
    url: str | None = None


@dataclass(frozen=True)
class Filing:
    to: tuple[str, ...]
    date: datetime.date


@dataclass(frozen=True)
class Change:
    item: str
    action: Action
    reason: str
    replaced_by: str | None = None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class BilingualRule:
    """How Chinese and Korean are arranged on a plaque, with where the rule comes from."""

    horizontal: str  # zh_first | ko_first
    vertical: str  # zh_right | zh_left
    document: str
    verified: str  # verified | secondary | inferred
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Edition:
    region: str
    catalog: CatalogKind
    effective: datetime.date
    kind: EditionKind
    title: str
    status: Status
    items: tuple[Item, ...]
    document: Document | None = None
    filing: Filing | None = None
    based_on: str | None = None
    source: Source | None = None
    notes: str | None = None
    changes: tuple[Change, ...] = ()
    bilingual_rule: BilingualRule | None = None
    uri: str = ""
    scan: str | None = None  # the file name of the notice's scan beside the edition (source.document names it)
    scan_path: str | None = field(default=None, compare=False, repr=False)  # where the build reads it

    @property
    def key(self) -> str:
        return edition_key(self.region, self.catalog, self.effective)

    @property
    def has_example_content(self) -> bool:
        return self.status is Status.EXAMPLE or any(i.status is Status.EXAMPLE for i in self.items)

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)


def edition_key(region: str, catalog: CatalogKind, effective: datetime.date) -> str:
    return f"{region}/{catalog.value}/{effective.isoformat()}"


@dataclass(frozen=True)
class CommonName:
    """A name people use for a certificate (单身证明), and the listed item it means (prefecture id)."""

    name: str
    means: str
    verified: bool
    source: Source | None = None
    note: str | None = None
    line: int = field(default=0, compare=False)
    counterpart: str | None = None  # a Korean phrasing (ko) beside this Chinese name; `verified`: its ko_verified
    where: tuple[str | int, ...] = field(
        default=(), compare=False
    )  # its place in the file: ("names", 3) or ("names", 3, "ko", 0)


@dataclass(frozen=True)
class Milestone:
    """A deadline the prefecture set (seed 三、时间安排); `check` says how counties are measured."""

    key: str
    name: str
    due: datetime.date
    check: str  # none | first-edition (first catalog issued by then) | adjustment (adjusted by then)
    section: str


@dataclass(frozen=True)
class Milestones:
    title: str
    source: Source
    items: tuple[Milestone, ...]


@dataclass(frozen=True)
class Catalogs:
    """Every region and edition, validated. Editions of one catalog are sorted by date."""

    regions: dict[str, Region]
    editions: dict[tuple[str, CatalogKind], tuple[Edition, ...]]  # the live history (golive.py)
    names: tuple[CommonName, ...] = ()  # the prefecture's table of common names
    milestones: Milestones | None = None  # the prefecture's deadlines
    retired: dict[tuple[str, CatalogKind], tuple[Edition, ...]] = field(
        default_factory=dict
    )  # example editions an official one replaced

    def history(self, region: str, catalog: CatalogKind) -> tuple[Edition, ...]:
        return self.editions.get((region, catalog), ())

    def edition(self, key: str) -> Edition | None:
        region, _, rest = key.partition("/")
        kind, _, date = rest.partition("/")
        try:
            catalog, effective = CatalogKind(kind), datetime.date.fromisoformat(date)
        except ValueError:
            return None
        return next(
            (
                e
                for e in (*self.history(region, catalog), *self.retired.get((region, catalog), ()))
                if e.effective == effective
            ),
            None,
        )

    def went_live(self, region: str, catalog: CatalogKind) -> Edition | None:
        """The first official edition of a catalog whose example editions it retired (None: still example)."""
        return next((e for e in self.history(region, catalog) if e.status is Status.OFFICIAL), None)

    def in_force(self, region: str, catalog: CatalogKind, today: datetime.date) -> Edition | None:
        """The edition in force on `today` (None if the first one starts later)."""
        current = None
        for edition in self.history(region, catalog):
            if edition.effective <= today:
                current = edition
        return current

    def upcoming(self, region: str, catalog: CatalogKind, today: datetime.date) -> tuple[Edition, ...]:
        return tuple(e for e in self.history(region, catalog) if e.effective > today)

    def regions_in_order(self) -> list[Region]:
        """The prefecture first, then counties by division code (the order of official lists)."""
        return sorted(self.regions.values(), key=lambda r: (r.level is not Level.PREFECTURE, r.code))

    def prefecture(self) -> Region | None:
        return next((r for r in self.regions_in_order() if r.level is Level.PREFECTURE), None)

    def counties(self) -> list[Region]:
        return [r for r in self.regions_in_order() if r.level is Level.COUNTY]

    def all_editions(self) -> list[Edition]:
        return [e for key in sorted(self.editions, key=lambda k: (k[0], k[1].value)) for e in self.editions[key]]
