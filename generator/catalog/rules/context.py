"""What every rule works with: one edition in its setting (`Ctx`), and where its items stand in the file."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Catalogs, Edition, Region
from ..report import RawEdition, Report


@dataclass(frozen=True)
class Ctx:
    """What a rule needs to know about one edition."""

    catalogs: Catalogs
    edition: Edition
    raw: RawEdition
    previous: Edition | None
    region: Region
    report: Report

    @property
    def uri(self) -> str:
        return self.edition.uri

    def item_parts(self, item_id: str, *rest: str | int) -> tuple[str | int, ...]:
        return item_parts(self.raw, item_id, *rest)

    def error(self, parts: tuple[str | int, ...], message: str) -> None:
        self.report.add(self.uri, parts, message)

    def warn(self, parts: tuple[str | int, ...], message: str) -> None:
        self.report.warn(self.uri, parts, message)

    @property
    def guide(self) -> Edition | None:
        return self.catalogs.edition(self.edition.based_on) if self.edition.based_on else None


def predecessor_unknown(ctx: Ctx) -> bool:
    """An edition file dated between the previous checked edition and this one has errors of its own."""
    prefix = f"{ctx.edition.region}/{ctx.edition.catalog.value}/"
    after = ctx.previous.effective.isoformat() if ctx.previous else ""
    return any(
        k.startswith(prefix) and after < k[len(prefix) :] < ctx.edition.effective.isoformat() for k in ctx.report.broken
    )


def item_parts(raw: RawEdition, item_id: str, *rest: str | int) -> tuple[str | int, ...]:
    """Data path of an item (and optionally one of its fields) inside an edition file."""
    for i, item in enumerate(raw.data["items"]):
        if item.get("id") == item_id:
            return ("items", i, *rest)
    return ("items",)
