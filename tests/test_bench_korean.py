"""The Korean twin's benchmark (scripts/bench/korean.py), its pure parts: the languages setting written
into a project's mkdocs.yml, the /ko/ page types found on disk, and the goals marked rightly."""

from __future__ import annotations

import shutil
import sys

import pytest
from conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "scripts"))

from bench import korean  # noqa: E402
from bench.report import KB  # noqa: E402


def test_the_languages_setting_is_written_into_a_copy_of_mkdocs_yml(tmp_path):
    config = tmp_path / "mkdocs.yml"
    shutil.copy2(REPO_ROOT / "mkdocs.yml", config)
    korean.with_languages(config, "zh")
    lines = [line.strip() for line in config.read_text(encoding="utf-8").splitlines() if "languages:" in line]
    assert lines == ["languages: zh"]


def test_a_config_without_the_setting_stops_the_benchmark(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        korean.with_languages(config, "zh")


def test_only_page_types_with_a_korean_twin_on_disk_are_measured(tmp_path):
    for uri in ("", "ko/", "yanji/", "yanji/certificates/", "ko/yanji/certificates/"):
        (tmp_path / uri).mkdir(parents=True, exist_ok=True)
        (tmp_path / uri / "index.html").write_text("<html></html>", encoding="utf-8")
    found = korean.korean_page_types(tmp_path, "yanji", "yanbian")
    assert found == [
        ("home", "", "ko/"),
        ("catalog (edition in force)", "yanji/certificates/", "ko/yanji/certificates/"),
    ]


def _marks(rows):
    return [r.goal.met(r.committed, r.scaled) for r in rows]


@pytest.mark.parametrize(("twin", "met"), [(15.0, True), (16.5, False)])
def test_the_build_ratio_is_held_against_1_6(twin, met):
    builds = korean.Builds()
    for cache in ("cold", "warm"):
        builds.walls[("zh", cache)] = [10.0, 9.0, 11.0]
        builds.walls[("twin", cache)] = [twin, 30.0, 1.0]  # the median, not the mean
    rows = korean.goals("x", builds, {"home": (90 * KB, 95 * KB)}, {})
    assert builds.ratio("cold") == twin / 10.0
    assert _marks(rows[:2]) == [met, met]
    assert _marks(rows[2:4]) == [None, None]  # no CPU times given: not measured, not met
    assert rows[0].show(builds.ratio("cold")) == f"{twin / 10:.2f}×"


@pytest.mark.parametrize(
    ("visits", "searches", "met"),
    [
        ({"home": (90 * KB, 99 * KB)}, {("home", "出生"): (10 * KB, 12 * KB)}, [True, True]),
        ({"home": (90 * KB, 101 * KB)}, {("home", "出生"): (10 * KB, 12.5 * KB)}, [False, False]),
    ],
)
def test_korean_pages_are_held_to_100_kb_and_their_search_bytes_to_flat(visits, searches, met):
    builds = korean.Builds(walls={(lang, c): [1.0] for lang in ("zh", "twin") for c in ("cold", "warm")})
    rows = korean.goals("x", builds, visits, searches)
    assert _marks(rows[4:]) == met
