"""/status/: filing, deadlines and the pace of adjustment across counties; its timeline picture
(SVG made here with ElementTree, so every text is escaped) and status.json for monitoring."""

from __future__ import annotations

import dataclasses
import datetime
import xml.etree.ElementTree as ET

from ..catalog.model import CatalogKind, Catalogs, Edition, Level, Region
from ..catalog.status import CatalogStatus
from . import urls
from .escape import json_text

SVG = "http://www.w3.org/2000/svg"
KIND_MARKS = {  # shape and colour per catalog (never colour alone: the shape differs too)
    CatalogKind.WORK_AFFAIRS: ("circle", "#1864ab"),
    CatalogKind.SIGNBOARDS: ("square", "#7048e8"),
    CatalogKind.CERTIFICATES: ("triangle", "#1e7b34"),
    CatalogKind.FORBIDDEN: ("diamond", "#b3261e"),
}
KIND_OFFSET = {
    CatalogKind.WORK_AFFAIRS: -15,
    CatalogKind.SIGNBOARDS: -5,
    CatalogKind.CERTIFICATES: 5,
    CatalogKind.FORBIDDEN: 15,
}
LEFT, RIGHT, TOP, ROW, WIDTH = 80, 16, 44, 44, 720


def live_rows(catalogs: Catalogs) -> list[tuple[Region, list[tuple[CatalogKind, Edition | None, bool]]]]:
    """Per region (the prefecture first) and catalog: the official edition it went live with (None:
    still example data), and whether it has any edition at all (catalog/golive.py)."""
    return [
        (r, [(k, catalogs.went_live(r.slug, k), bool(catalogs.history(r.slug, k))) for k in CatalogKind])
        for r in catalogs.regions_in_order()
    ]


def edition_label(catalogs: Catalogs, e: Edition, today: datetime.date) -> str:
    """The words for one edition, shared by the picture's marks and the text table."""
    state = "已生效" if e.effective <= today else "即将生效"
    return (
        f"{catalogs.regions[e.region].name} {e.catalog.short_label} {e.effective.isoformat()} {e.kind.label}（{state}）"
    )


def timeline_editions(catalogs: Catalogs) -> list[Edition]:
    order = {r.slug: i for i, r in enumerate(catalogs.regions_in_order())}
    return sorted(
        catalogs.all_editions(), key=lambda e: (order[e.region], e.effective, list(CatalogKind).index(e.catalog))
    )


def _shape_id(kind: CatalogKind, filled: bool) -> str:
    return f"vc-tl-{kind.value}-{'f' if filled else 'o'}"


def _defs(svg: ET.Element) -> None:
    """Each kind's mark, filled (in force) and hollow (upcoming), drawn once at 0,0; the marks use them
    (274 marks at 60 counties: a third of the picture's bytes were their repeated outlines and colours)."""
    defs = ET.SubElement(svg, f"{{{SVG}}}defs")
    r = 4.5
    for kind in CatalogKind:
        shape, colour = KIND_MARKS[kind]
        for filled in (True, False):
            style = {"fill": colour if filled else "#fff", "stroke": colour, "stroke-width": "1.6"}
            group = ET.SubElement(defs, f"{{{SVG}}}g", id=_shape_id(kind, filled), **style)
            if shape == "circle":
                ET.SubElement(group, f"{{{SVG}}}circle", r=f"{r}")
                continue
            points = {
                "square": [(-r, -r), (r, -r), (r, r), (-r, r)],
                "triangle": [(0, -r - 1), (r + 1, r), (-r - 1, r)],
                "diamond": [(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
            }[shape]
            ET.SubElement(group, f"{{{SVG}}}polygon", points=" ".join(f"{dx:g},{dy:g}" for dx, dy in points))


def _shape(parent: ET.Element, kind: CatalogKind, x: float, y: float, filled: bool) -> None:
    ET.SubElement(parent, f"{{{SVG}}}use", href="#" + _shape_id(kind, filled), x=f"{x:.1f}", y=f"{y:.1f}")


def timeline_svg(catalogs: Catalogs, today: datetime.date) -> str:
    regions = catalogs.regions_in_order()
    editions = timeline_editions(catalogs)
    dues = [m.due for m in catalogs.milestones.items] if catalogs.milestones else []
    start = min([e.effective for e in editions] + dues + [today]) - datetime.timedelta(days=45)
    end = max([e.effective for e in editions] + [today]) + datetime.timedelta(days=75)
    span = (end - start).days

    def x(day: datetime.date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - start).days / span

    height = TOP + ROW * len(regions) + 56
    ET.register_namespace("", SVG)
    svg = ET.Element(
        f"{{{SVG}}}svg",
        {
            "viewBox": f"0 0 {WIDTH} {height}",
            "width": str(WIDTH),
            "height": str(height),
            "role": "img",
            "aria-labelledby": "vc-tl-title vc-tl-desc",
            "class": "vc-timeline",
            "font-family": "sans-serif",
            "font-size": "12",
        },
    )
    ET.SubElement(svg, f"{{{SVG}}}title", id="vc-tl-title").text = "各地目录版本时间线"
    ET.SubElement(
        svg, f"{{{SVG}}}desc", id="vc-tl-desc"
    ).text = f"共 {len(editions)} 个版本，每个标记一个版本，按地区分行、按生效日期排列；虚线为文件规定的期限。文字版见下方“全部版本”表。"
    _defs(svg)
    axis = TOP + ROW * len(regions)
    for year in range(start.year + 1, end.year + 1):
        day = datetime.date(year, 1, 1)
        ET.SubElement(
            svg,
            f"{{{SVG}}}line",
            x1=f"{x(day):.1f}",
            x2=f"{x(day):.1f}",
            y1=str(TOP - 6),
            y2=str(axis),
            stroke="#ced4da",
        )
        ET.SubElement(
            svg, f"{{{SVG}}}text", x=f"{x(day):.1f}", y=str(axis + 16), fill="#343a40", **{"text-anchor": "middle"}
        ).text = str(year)
    for m in catalogs.milestones.items if catalogs.milestones else ():
        ET.SubElement(
            svg,
            f"{{{SVG}}}line",
            x1=f"{x(m.due):.1f}",
            x2=f"{x(m.due):.1f}",
            y1=str(TOP - 6),
            y2=str(axis),
            stroke="#a34f00",
            **{"stroke-dasharray": "4 3"},
        )
        ET.SubElement(
            svg,
            f"{{{SVG}}}text",
            x=f"{x(m.due):.1f}",
            y=str(TOP - 10),
            fill="#8a4b00",
            **{"text-anchor": "middle", "font-size": "10"},
        ).text = f"{m.due.year % 100}.{m.due.month}"
    ET.SubElement(
        svg,
        f"{{{SVG}}}line",
        x1=f"{x(today):.1f}",
        x2=f"{x(today):.1f}",
        y1=str(TOP - 20),
        y2=str(axis),
        stroke="#212529",
        **{"stroke-width": "1.5"},
    )
    ET.SubElement(
        svg,
        f"{{{SVG}}}text",
        x=f"{x(today):.1f}",
        y=str(TOP - 24),
        fill="#212529",
        **{"text-anchor": "middle", "font-size": "10"},
    ).text = "今天"
    row_of = {r.slug: i for i, r in enumerate(regions)}
    lines = ET.SubElement(svg, f"{{{SVG}}}g", stroke="#e9ecef")
    labels = ET.SubElement(svg, f"{{{SVG}}}g", fill="#212529", **{"text-anchor": "end"})
    for i, region in enumerate(regions):
        y = TOP + ROW * i + ROW / 2
        ET.SubElement(lines, f"{{{SVG}}}line", x1=str(LEFT), x2=str(WIDTH - RIGHT), y1=f"{y:.1f}", y2=f"{y:.1f}")
        label = "州级" if region.level is Level.PREFECTURE else region.name
        ET.SubElement(labels, f"{{{SVG}}}text", x=str(LEFT - 8), y=f"{y + 4:.1f}").text = label
    for e in editions:
        mark = ET.SubElement(svg, f"{{{SVG}}}g", {"class": "vc-mark", "data-edition": e.key})
        ET.SubElement(mark, f"{{{SVG}}}title").text = edition_label(catalogs, e, today)
        _shape(
            mark,
            e.catalog,
            x(e.effective),
            TOP + ROW * row_of[e.region] + ROW / 2 + KIND_OFFSET[e.catalog],
            e.effective <= today,
        )
    lx = LEFT
    for kind in CatalogKind:
        _shape(svg, kind, lx + 6, axis + 36, True)
        ET.SubElement(svg, f"{{{SVG}}}text", x=str(lx + 16), y=str(axis + 40), fill="#212529").text = kind.short_label
        lx += 26 + 13 * len(kind.short_label)
    _shape(svg, CatalogKind.CERTIFICATES, lx + 6, axis + 36, False)
    ET.SubElement(svg, f"{{{SVG}}}text", x=str(lx + 16), y=str(axis + 40), fill="#212529").text = "空心：即将生效"
    return ET.tostring(svg, encoding="unicode")


def status_json(catalogs: Catalogs, rows: list[CatalogStatus], today: datetime.date) -> bytes:
    ms = catalogs.milestones
    data = {
        "asof": today.isoformat(),
        "milestones": {
            "title": ms.title,
            "source": dataclasses.asdict(ms.source),
            "items": [
                {"key": m.key, "name": m.name, "due": m.due.isoformat(), "check": m.check, "section": m.section}
                for m in ms.items
            ],
        }
        if ms
        else None,
        "rows": [
            {
                "region": s.region.slug,
                "name": s.region.name,
                "catalog": s.kind.value,
                "example": s.example,
                "in_force": {
                    "effective": s.current.effective.isoformat(),
                    "document": s.current.document.number if s.current.document else None,
                    "url": urls.edition_uri(s.region.slug, s.kind, s.current.effective),
                }
                if s.current
                else None,
                "filing": {"verdict": s.filing.verdict.value, "text": s.filing.text},
                "deadlines": [{"key": m.key, "verdict": f.verdict.value, "text": f.text} for m, f in s.deadlines],
                "upcoming": [e.effective.isoformat() for e in s.upcoming],
                "days_since_adjustment": s.days_since,
            }
            for s in rows
        ],
        "live": [
            {
                "region": r.slug,
                "catalog": k.value,
                "status": "official" if live else ("example" if any_edition else None),
                "went_live": live.effective.isoformat() if live else None,
                "document": live.document.number if live and live.document else None,
            }
            for r, cells in live_rows(catalogs)
            for k, live, any_edition in cells
        ],
        "editions": [
            {
                "key": e.key,
                "region": e.region,
                "catalog": e.catalog.value,
                "effective": e.effective.isoformat(),
                "kind": e.kind.value,
                "status": e.status.value,
                "in_force_or_past": e.effective <= today,
            }
            for e in timeline_editions(catalogs)
        ],
    }
    return json_text(data, sort_keys=True, indent=1).encode("utf-8")
