"""How a county edition relates to the guiding edition it is based on (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from .diff import FIELD_LABELS
from .model import CatalogKind, Catalogs, Edition, Item, Level


@dataclass(frozen=True)
class Conformance:
    guide: Edition | None
    adopted: tuple[tuple[Item, Item], ...]  # (guide item, county item), unchanged
    changed: tuple[tuple[Item, Item, tuple[str, ...]], ...]  # with the labels of overridden fields
    not_adopted: tuple[Item, ...]
    local: tuple[Item, ...]


def conformance(catalogs: Catalogs, edition: Edition) -> Conformance:
    guide = catalogs.edition(edition.based_on) if edition.based_on else None
    guide_items = {i.id: i for i in guide.items} if guide else {}
    adopted, changed, local = [], [], []
    for item in edition.items:
        g = guide_items.get(item.adopts or "")
        if g is None:
            local.append(item)
        elif item.overrides:
            changed.append((g, item, tuple(FIELD_LABELS.get(f, f) for f in item.overrides)))
        else:
            adopted.append((g, item))
    taken = {i.adopts for i in edition.items}
    not_adopted = tuple(g for g in (guide.items if guide else ()) if g.id not in taken)
    return Conformance(guide, tuple(adopted), tuple(changed), not_adopted, tuple(local))


@dataclass(frozen=True)
class MatrixRow:
    key: str  # guide item id, or the local item's id
    name: str
    guide_item: Item | None
    cells: tuple[tuple[str, Item | None], ...]  # per county: ("adopted"|"changed"|"local"|"no", item)


def certificate_matrix(catalogs: Catalogs, today) -> tuple[list[str], list[MatrixRow]]:
    """Per certificate (guiding items first, then local ones), which counties retain it today."""
    counties = [r.slug for r in catalogs.regions_in_order() if r.level is not Level.PREFECTURE]
    current = {c: catalogs.in_force(c, CatalogKind.CERTIFICATES, today) for c in counties}
    guide_keys: list[tuple[str, str, Item | None]] = []
    seen = set()
    for c in counties:
        e = current[c]
        guide = catalogs.edition(e.based_on) if e and e.based_on else None
        for g in guide.items if guide else ():
            if g.id not in seen:
                seen.add(g.id)
                guide_keys.append((g.id, g.name, g))
    rows = []
    for key, name, g in guide_keys:
        cells = []
        for c in counties:
            item = next((i for i in current[c].items if i.adopts == key), None) if current[c] else None
            cells.append(("no", None) if item is None else ("changed" if item.overrides else "adopted", item))
        rows.append(MatrixRow(key, name, g, tuple(cells)))
    for c in counties:
        for item in current[c].items if current[c] else ():
            if item.adopts is None:
                rows.append(
                    MatrixRow(
                        item.id, item.name, None, tuple(("local", item) if x == c else ("no", None) for x in counties)
                    )
                )
    return counties, rows
