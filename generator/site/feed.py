"""The Atom feed of adjustments (ElementTree does the XML escaping; corrections are left out)."""
from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

from . import urls
from ..catalog.model import Catalogs, EditionKind

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def atom_feed(catalogs: Catalogs, rows: list[dict], site_url: str, today: datetime.date, limit: int = 50) -> str:
    """Newest adjustments first; only editions already announced (any date) that are not corrections."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    entries = [r for r in rows if r["edition"].kind is not EditionKind.CORRECTION][:limit]
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "延边州村级组织目录调整"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = site_url + urls.SITE_CHANGES
    ET.SubElement(feed, f"{{{ATOM}}}link", href=site_url + urls.FEED, rel="self")
    ET.SubElement(feed, f"{{{ATOM}}}link", href=site_url + urls.SITE_CHANGES)
    newest = max((r["edition"].document.date if r["edition"].document else r["edition"].effective for r in entries), default=today)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "延边州村级组织目录公开查询"
    for row in entries:
        e = row["edition"]
        region = catalogs.regions[e.region]
        link = site_url + urls.edition_uri(e.region, e.catalog, e.effective)
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        example = "（示例）" if e.has_example_content else ""
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{example}{region.name}{e.catalog.label}：{e.effective} 起生效（{e.kind.label}）"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = link
        ET.SubElement(entry, f"{{{ATOM}}}link", href=link)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(e.document.date if e.document else e.effective)
        counts = "，".join(f"{label} {n} 项" for label, n in row["counts"]) or f"首版 {len(e.items)} 项"
        doc = e.document.number if e.document else ""
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = f"{doc}：{counts}。"
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
