"""One page of every page type of a built site, found on disk (uris relative to the site root)."""

from __future__ import annotations

import re
from pathlib import Path

DATED = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ITEM = re.compile(r"^[A-Z]{2,4}-ZM-\d+$")


def page_types(site_path: Path, county: str, prefecture: str) -> list[tuple[str, str]]:
    """(page type, uri) for `county` (a county slug) and `prefecture`; types missing on disk are left out."""
    catalog = site_path / county / "certificates"
    dated = sorted(p.name for p in catalog.iterdir() if p.is_dir() and DATED.match(p.name))
    items = sorted(p.name for p in catalog.iterdir() if p.is_dir() and ITEM.match(p.name))
    types = [
        ("home", ""),
        ("prefecture page", f"{prefecture}/"),
        ("county page", f"{county}/"),
        ("catalog (edition in force)", f"{county}/certificates/"),
        ("catalog edition (dated)", f"{county}/certificates/{dated[-1]}/" if dated else ""),
        ("item page", f"{county}/certificates/{items[-1]}/" if items else ""),
        ("forbidden list (prefecture)", f"{prefecture}/forbidden-certificates/"),
        ("forbidden list (county)", f"{county}/forbidden-certificates/"),
        ("signboards catalog", f"{county}/signboards/"),
        ("matrix (certificates by county)", "certificates/"),
        ("status", "status/"),
        ("open data", "data/"),
        ("signboard gallery", "signboards/"),
        ("signboard gallery (county)", f"signboards/{county}/"),
        ("compare two editions", f"{county}/certificates/compare/"),
        ("changes (prefecture-wide)", "changes/"),
        ("changes (one catalog)", f"{county}/certificates/changes/"),
        ("guide page", "guide/reading/"),
        ("about", "about/"),
    ]
    return [
        (name, uri) for name, uri in types if (name == "home" or uri) and (site_path / uri / "index.html").is_file()
    ]
