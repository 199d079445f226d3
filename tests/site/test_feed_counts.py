"""Feeds say exactly what changed (issue 22, item 4): each entry's title counts the changes by kind, and the
counts are those of the edition against the one before it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from conftest import REPO_ROOT, SITE_URL

from generator.catalog.diff import diff_items
from generator.catalog.model import Action, CatalogKind
from generator.catalog.validate import check_catalogs
from generator.site import urls

ATOM = "{http://www.w3.org/2005/Atom}"
CATALOGS, _ = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)


def _editions_by_link():
    return {SITE_URL + urls.edition_uri(e.region, e.catalog, e.effective): e for e in CATALOGS.all_editions()}


def test_every_title_counts_what_changed(real_site):
    editions = _editions_by_link()
    checked = 0
    for feed in real_site.rglob("feed.xml"):
        for entry in ET.parse(feed).getroot().findall(f"{ATOM}entry"):
            e = editions[entry.find(f"{ATOM}link").get("href")]
            title = entry.find(f"{ATOM}title").text
            history = CATALOGS.history(e.region, e.catalog)
            i = history.index(e)
            if i == 0:
                assert f"共 {len(e.items)} 项" in title, title
                continue
            diffs = diff_items(history[i - 1].items, e.items)
            said = {w: int(n) for w, n in re.findall(r"(新增|取消|移出|调整) (\d+) 项", title)}
            n = {a: sum(d.action is a for d in diffs) for a in Action}
            removed = (
                "移出" if e.catalog is CatalogKind.FORBIDDEN else "取消"
            )  # leaving the forbidden list is no cancellation
            counts = {
                "新增": n[Action.ADDED],
                removed: n[Action.REMOVED],
                "调整": n[Action.MODIFIED] + n[Action.RENAMED],
            }
            expected = {w: c for w, c in counts.items() if c}
            assert said == expected, (title, expected)
            renamed = sum(d.action is Action.RENAMED for d in diffs)
            assert (f"含更名 {renamed} 项" in title) == bool(renamed), title
            checked += 1
    assert checked >= 4


def test_the_yanji_adjustment_is_one_added_one_cancelled_two_adjusted(real_site):
    root = ET.parse(real_site / "yanji/certificates/feed.xml").getroot()
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert any("新增 1 项、取消 1 项、调整 2 项（含更名 1 项）" in t and "2024-06-30" in t for t in titles), titles
    assert not any("等 4 项" in t for t in titles)
    summaries = [e.find(f"{ATOM}summary").text for e in root.findall(f"{ATOM}entry")]
    assert any("延吉市不再保留：居住情况证明" in s for s in summaries)
