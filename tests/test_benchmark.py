"""The benchmark's helpers (scripts/bench/): synthetic catalogs are valid data with the asked-for
counties, the goals table marks a goal met or unmet rightly, and the answer-box measure reads the answer
shown and counts what the page fetched for it (in Chromium, on the real site). No timing is asserted here."""

from __future__ import annotations

import sys

import pytest
from conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "scripts"))

from bench.browser import answer_once, part  # noqa: E402
from bench.projects import Province, region_field, synthetic_catalogs  # noqa: E402
from bench.report import GOALS, KB, Goal, Row, format_table  # noqa: E402
from bench.serving import serve  # noqa: E402

from generator.catalog.validate import check_catalogs  # noqa: E402


@pytest.mark.parametrize("province", [None, Province("Q", "示例州Q")], ids=["prefecture kept", "province renamed"])
def test_synthetic_catalogs_are_valid_with_n_distinct_counties(tmp_path, province):
    synthetic = synthetic_catalogs(tmp_path / "catalogs", 11, province)
    catalogs, problems = check_catalogs(synthetic.catalogs_path, tmp_path)
    assert [str(p) for p in problems if p.is_error] == []
    assert len(synthetic.counties) == len(set(synthetic.counties)) == 11
    assert sorted(r.slug for r in catalogs.counties()) == sorted(synthetic.counties)
    prefixes = [
        region_field((synthetic.catalogs_path / c / "region.yaml").read_text(encoding="utf-8"), "id_prefix")
        for c in synthetic.counties
    ]
    assert len(set(prefixes)) == 11
    assert synthetic.measured in synthetic.counties
    if province:
        assert catalogs.prefecture().slug == "shengq"
        assert not (synthetic.catalogs_path / "yanbian").exists()
        assert all(p.startswith("Q") for p in prefixes)


def test_two_provinces_share_no_slug_or_prefix(tmp_path):
    a = synthetic_catalogs(tmp_path / "a", 3, Province("Q", "示例州Q"))
    b = synthetic_catalogs(tmp_path / "b", 3, Province("R", "示例州R"))
    assert not set(a.counties) & set(b.counties) and a.prefecture != b.prefecture


@pytest.mark.parametrize(
    "goal, committed, scaled, met",
    [
        (Goal("≤ 100 KB", limit=100 * KB), 90 * KB, 99 * KB, True),
        (Goal("≤ 100 KB", limit=100 * KB), 90 * KB, 101 * KB, False),
        (Goal("≤ 100 KB", limit=100 * KB), 105 * KB, None, False),  # missed already, whatever the other value
        (Goal("≤ 100 KB", limit=100 * KB), 90 * KB, None, None),  # not measured: not claimed as met
        (Goal("≤ 20 s at 60", limit=20, scaled_only=True), 99, 19.5, True),
        (Goal("≤ 150 KB, flat", limit=150 * KB, scaled_only=True, flat=0.2), 100 * KB, 119 * KB, True),
        (Goal("≤ 150 KB, flat", limit=150 * KB, scaled_only=True, flat=0.2), 100 * KB, 121 * KB, False),
        (Goal("≤ 150 KB, flat", limit=150 * KB, scaled_only=True, flat=0.2), 140 * KB, 160 * KB, False),
        (Goal("flat", flat=0.2), 25.0, 19.0, True),  # smaller at scale: does not grow
        (Goal("flat", flat=0.2), 10.0, 12.5, False),
    ],
)
def test_goal_met(goal, committed, scaled, met):
    assert goal.met(committed, scaled) is met


def test_table_marks_met_and_unmet_and_gives_ratios():
    rows = [
        Row("first result", "s", 0.8, 1.4, Goal("≤ 1 s", limit=1.0), (1.9, 5.5)),
        Row("search bytes", "KB", 100 * KB, 110 * KB, Goal("≤ 150 KB", limit=150 * KB), (38 * KB, None)),
    ]
    lines = format_table(rows, "60 counties").splitlines()
    assert lines[0].split(" | ")[:3] == ["measure     ", "committed", "60 counties"]
    first, second = ([c.strip() for c in line.split(" | ")] for line in lines[2:])
    assert first == ["first result", "0.80 s", "1.40 s", "≤ 1 s", "NO", "x0.42 / x0.25"]
    assert second == ["search bytes", "100.0 KB", "110.0 KB", "≤ 150 KB", "yes", "x2.63 / —"]


@pytest.mark.parametrize(
    "goal, committed, scaled, met",
    [
        ("answer", 0.8, 0.95, True),
        ("answer", 0.8, 1.06, False),  # one scale over the second is enough to miss it
        ("answer", 1.2, None, False),
        ("answer_bytes", 16 * KB, 14 * KB, True),  # fewer bytes at 60 counties: flat
        ("answer_bytes", 16 * KB, 20 * KB, False),  # +25 %
        ("answer_bytes", 16 * KB, None, None),  # a quick run: not claimed
    ],
)
def test_answer_goals(goal, committed, scaled, met):
    assert GOALS[goal].met(committed, scaled) is met


@pytest.mark.parametrize(
    "url, kind",
    [
        ("http://127.0.0.1:8000/search/index/c/12.json", "c"),
        ("http://127.0.0.1:8000/sub/search/index/s/230.json?x=1", "s"),
        ("http://127.0.0.1:8000/search/index/manifest.json", "manifest.json"),
        ("http://127.0.0.1:8000/search/answers/yanji.json", "yanji.json"),
        ("http://127.0.0.1:8000/yanji/", "/yanji/"),
    ],
)
def test_part_names_the_kind_of_file(url, kind):
    assert part(url) == kind


@pytest.mark.parametrize(
    "query, outcome, name",
    [
        ("無犯罪證明", "vc-o-forbidden", "无犯罪记录证明"),  # traditional characters, the current name shown
        ("火星探测许可证明", "vc-o-unlisted", ""),  # on neither list: the fallback card, no certificate
    ],
)
def test_answer_measure_reads_the_answer_and_counts_the_pages_fetches(browser, real_site, query, outcome, name):
    with serve(real_site) as base:
        run = answer_once(browser, base, real_site, "yanji/", query)
    assert (run.outcome, run.name) == (outcome, name)
    assert run.urls and all("/search/index/" in u for u in run.urls), run.urls  # not the service worker's offline copy
    assert {part(u) for u in run.urls} <= {"c", "s", "r"} and set(run.fetching) <= {"c", "s", "r"}, run.urls
    assert run.answer_bytes > 0 and run.preloaded > 0  # the county's answers and the manifest came with the page
    assert all(0 <= start <= end <= run.ms for start, end in run.fetching.values()), run.fetching
