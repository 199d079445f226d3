"""The bilingual signboard gallery: every plaque of a county's current signboard catalog, filled in
with the county's (and each listed village's) names, rendered to SVG and PDF at true size.

The Chinese/Korean arrangement comes from the guiding catalog's `bilingual_rule` (data with its
source), never from a constant here, so a rule change in the data flips every plaque.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import signboards
from ..build import filecache, parallel
from ..catalog.model import BilingualRule, CatalogKind, Catalogs, Edition, Item, Level, Place, Region, Status, Town
from ..signboards import BilingualLayout, PlaqueSpec, plaque_key, render_pdf, render_preview_svg, render_svg
from . import urls
from .builder import PlaqueRenderError

GENERIC_TOWN = Place("", "○○镇", "○○진")
GENERIC_VILLAGE = Place("", "○○村", "○○촌")


@dataclass(frozen=True)
class Plaque:
    item: Item
    zh: str
    ko: str
    svg_uri: str
    pdf_uri: str
    preview_uri: str  # the light SVG the gallery shows (the downloads are the full ones)
    korean_verified: bool
    example: bool  # its files are named 示例-… and say 示例 in their metadata and below the trim
    #: The names an example plaque's files had before they said 示例 (the same bytes: URLs never break).
    former_uris: tuple[str, ...] = ()

    @property
    def uris(self) -> tuple[str, str, str]:
        return self.svg_uri, self.pdf_uri, self.preview_uri


@dataclass(frozen=True)
class PlaqueSet:
    """The plaques of one county (generic names) or of one listed village."""

    uri: str
    region: Region
    town: Town | None
    village: Place | None
    edition: Edition
    rule: BilingualRule
    plaques: tuple[Plaque, ...]
    withdrawn: tuple[Plaque, ...] = ()  # plaques of earlier editions: their files stay (URLs never break)

    @property
    def retired(self) -> bool:
        return bool(self.town and (self.town.retired or (self.village is not None and self.village.retired)))

    @property
    def title(self) -> str:
        where = f"{self.town.name}{self.village.name}" if self.town and self.village else "（通用样式）"
        return f"{self.region.name}{where}机制牌子样式"


def rule_for(catalogs: Catalogs, edition: Edition) -> BilingualRule | None:
    guide = catalogs.edition(edition.based_on) if edition.based_on else edition
    return guide.bilingual_rule if guide else None


def _fill(pattern: str, region: Region, town: Place, village: Place, korean: bool) -> str:
    pick = (lambda p: p.name_ko) if korean else (lambda p: p.name)
    county = region.name_ko if korean else region.name
    return pattern.replace("{county}", county).replace("{town}", pick(town)).replace("{village}", pick(village))


def plaque_set(
    catalogs: Catalogs,
    region: Region,
    edition: Edition,
    town: Town | None,
    village: Place | None,
    withdrawn: tuple[Item, ...] = (),
) -> PlaqueSet:
    rule = rule_for(catalogs, edition)
    if rule is None:
        raise ValueError(f"{edition.key}: 找不到双语排列规则（州级机制牌子目录的 bilingual_rule）")
    base = urls.SIGNBOARDS + region.slug + "/" + (f"{town.slug}/{village.slug}/" if town and village else "")
    t, v = town or GENERIC_TOWN, village or GENERIC_VILLAGE
    places_verified = region.name_ko_verified and (town is None or (t.name_ko_verified and v.name_ko_verified))

    def plaque(item: Item) -> Plaque:
        example = (
            edition.status is Status.EXAMPLE
            or item.status is Status.EXAMPLE
            or (town is not None and town.status is Status.EXAMPLE)
        )
        names = plaque_names(item.id, example)
        return Plaque(
            item=item,
            zh=_fill(item.pattern or item.name, region, t, v, korean=False),
            ko=_fill(item.pattern_ko or item.name_ko or "", region, t, v, korean=True),
            svg_uri=base + names[0],
            pdf_uri=base + names[1],
            preview_uri=base + names[2],
            korean_verified=item.name_ko_verified and places_verified,
            example=example,
            former_uris=tuple(base + n for n in plaque_names(item.id, False)) if example else (),
        )

    return PlaqueSet(
        base, region, town, village, edition, rule, tuple(map(plaque, edition.items)), tuple(map(plaque, withdrawn))
    )


#: Before the file names of an example plaque, so the name says what the file is wherever it is saved.
EXAMPLE_PREFIX = "示例-"


def plaque_names(item_id: str, example: bool) -> tuple[str, str, str]:
    """The file names of a plaque's SVG, PDF and preview SVG; an example plaque's start with 示例-."""
    stem = (EXAMPLE_PREFIX if example else "") + item_id
    return f"{stem}.svg", f"{stem}.pdf", f"{stem}.preview.svg"


def spec(plaque: Plaque, rule: BilingualRule) -> PlaqueSpec:
    item = plaque.item
    assert item.size_mm and item.orientation and item.colour
    return PlaqueSpec(
        zh=plaque.zh,
        ko=plaque.ko,
        orientation=item.orientation,
        colour=item.colour,
        width_mm=item.size_mm[0],
        height_mm=item.size_mm[1],
        layout=BilingualLayout(horizontal=rule.horizontal, vertical=rule.vertical),
        example=plaque.example,
    )


def plaque_sets(catalogs: Catalogs, today: datetime.date) -> list[PlaqueSet]:
    """One generic set per county with a signboard catalog in force, plus one per listed village."""
    out = []
    for region in catalogs.regions.values():
        if region.level is not Level.COUNTY:
            continue
        edition = catalogs.in_force(region.slug, CatalogKind.SIGNBOARDS, today)
        if edition is None:
            continue
        withdrawn = _withdrawn(catalogs, region, edition)
        out.append(plaque_set(catalogs, region, edition, None, None, withdrawn))
        for town in region.towns:
            for village in town.villages:
                out.append(plaque_set(catalogs, region, edition, town, village, withdrawn))
    return out


def _withdrawn(catalogs: Catalogs, region: Region, current: Edition) -> tuple[Item, ...]:
    """Plaques earlier editions in force had and the current one dropped (their last content)."""
    last: dict[str, Item] = {}
    for edition in catalogs.history(region.slug, CatalogKind.SIGNBOARDS):
        if edition.effective > current.effective:
            break
        last.update({i.id: i for i in edition.items})
    return tuple(item for item_id, item in last.items() if current.item(item_id) is None)


def render_files(s: PlaqueSet) -> list[tuple[str, str | bytes | Callable[[], bytes]]]:
    """(uri, content) of every SVG, PDF and preview SVG of a set (makers of them while a batch of
    workers makes them, parallel.py); an example plaque's files also under the names they had before
    they said 示例, with the same bytes. Raises MissingGlyphError for unknown characters."""
    files: list[tuple[str, str | bytes | Callable[[], bytes]]] = []
    for plaque in (*s.plaques, *s.withdrawn):  # a withdrawn plaque keeps every URL it had
        ps = spec(plaque, s.rule)
        key = repr(plaque_key(ps))  # the spec and the fonts' files
        if key in _pending:
            later = _pending[key]
            made: list = [later.part(0), later.part(1), later.part(2)]
        else:
            made = [
                _on_disk("plaque-svg", key, lambda ps=ps: render_svg(ps).encode("utf-8")).decode("utf-8"),
                _on_disk("plaque-pdf", key, lambda ps=ps: render_pdf(ps)),
                _on_disk("plaque-preview", key, lambda ps=ps: render_preview_svg(ps).encode("utf-8")).decode("utf-8"),
            ]
        for uris in (plaque.uris, plaque.former_uris):
            files += zip(uris, made)
    return files


PLAQUE_FILES = ("plaque-svg", "plaque-pdf", "plaque-preview")


def _all_three(ps: PlaqueSpec) -> tuple[bytes, bytes, bytes] | None:
    try:
        return render_svg(ps).encode("utf-8"), render_pdf(ps), render_preview_svg(ps).encode("utf-8")
    except Exception:  # noqa: BLE001 - _arrived makes it again and reports it in Chinese
        return None


def prefetch(sets: list[PlaqueSet], batch: parallel.Batch) -> int:
    """Have `batch` make the plaque files of `sets` that the build cache does not hold yet
    (parallel.py); returns how many plaques. Without other cores, nothing."""
    _pending.clear()  # an earlier build's
    if not batch.forks:  # `mkdocs serve`: no scan
        return 0
    for s in sets:
        for plaque in (*s.plaques, *s.withdrawn):
            ps = spec(plaque, s.rule)
            key = repr(plaque_key(ps))
            if key not in _pending and any(
                filecache.lookup(kind, key, sources=_SIGNBOARD_SOURCES, packages=("fonttools",)) is None
                for kind in PLAQUE_FILES
            ):
                _pending[key] = batch.add(_all_three, ps, then=functools.partial(_arrived, key, ps, s.title))
    return len(_pending)


def _arrived(
    key: str, ps: PlaqueSpec, title: str, made: tuple[bytes, bytes, bytes] | None
) -> tuple[bytes, bytes, bytes]:
    if made is None:  # the worker could not draw it: draw it here, for the reason in Chinese
        try:
            made = render_svg(ps).encode("utf-8"), render_pdf(ps), render_preview_svg(ps).encode("utf-8")
        except (signboards.MissingGlyphError, signboards.FontNotFoundError, ValueError) as exc:
            raise PlaqueRenderError(f"机制牌子样式生成失败（{title}）：{exc}") from None
    for kind, data in zip(PLAQUE_FILES, made):
        filecache.store(kind, key, data, sources=_SIGNBOARD_SOURCES, packages=("fonttools",))
    return made


_pending: dict[str, parallel.Later] = {}  # plaque key -> its three files, being made by a batch's workers


_SIGNBOARD_SOURCES = tuple(str(p) for p in sorted(Path(signboards.__file__).parent.glob("*.py")))


def _on_disk(kind: str, key: str, make) -> bytes:  # noqa: ANN001 (a zero-argument maker)
    """A plaque file from the build cache, under its plaque_key."""
    return filecache.cached(kind, key, make, sources=_SIGNBOARD_SOURCES, packages=("fonttools",))
