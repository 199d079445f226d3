"""Search on the benchmark's synthetic 60-county prefecture, in Chromium: the visitor's county first
(a county-filtered query), and a query across every county. Sizes and times are the benchmark's job
(`make bench`); here only what the visitor is shown."""

from __future__ import annotations

import re
import sys

import pytest
from conftest import REPO_ROOT, _serve, _site_build, _site_make_project

sys.path.insert(0, str(REPO_ROOT / "scripts"))

from bench.projects import synthetic_catalogs  # noqa: E402

COUNTIES = 60
RESULT = ".md-search-result__item"
DONE = ".md-search-result__list:not([aria-busy])"  # results arrive one by one; the list is busy until all are in


@pytest.fixture(scope="module")
def wide_base(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("sixty")
    synthetic = synthetic_catalogs(tmp / "catalogs", COUNTIES)
    project = _site_make_project(tmp / "project", synthetic.catalogs_path)
    return _serve(str(_site_build(project / "mkdocs.yml", tmp / "site")))


def _search(page, base: str, uri: str, query: str) -> list[str]:
    page.goto(base + uri)
    button = page.locator("label.md-header__button[for=__search]")
    if button.is_visible():
        button.click()
    page.fill("input.md-search__input", query)
    page.wait_for_selector(RESULT, timeout=30_000)
    page.wait_for_selector(DONE, state="attached", timeout=30_000)
    return page.locator(RESULT + " h1").all_inner_texts()


def test_county_page_search_lists_that_county_first_and_others_when_asked(phone, wide_base):
    titles = _search(phone, wide_base, "shili37/", "出生证明")
    assert titles[0].startswith("出生证明 · 示例县37"), titles
    counties = set(re.findall(r"示例县\d\d", " ".join(titles)))
    assert counties == {"示例县37"}, f"other counties' results before they were asked for: {titles}"
    meta = phone.inner_text(".md-search-result__meta")
    assert (
        re.search(r"其他县（市）(\d+) 条", meta)
        and int(re.search(r"其他县（市）(\d+) 条", meta).group(1)) >= COUNTIES - 1
    ), meta
    before = phone.locator(RESULT).count()
    phone.click("text=看其他县（市）的结果")
    phone.wait_for_function(f"document.querySelectorAll('{RESULT}').length > {before}", timeout=30_000)
    phone.wait_for_selector(DONE, state="attached", timeout=30_000)
    shown = set(re.findall(r"示例县\d\d", " ".join(phone.locator(RESULT + " h1").all_inner_texts())))
    assert len(shown) > 5, shown


def test_home_search_finds_the_certificate_in_every_county(phone, wide_base):
    titles = _search(phone, wide_base, "", "cszm")
    meta = phone.inner_text(".md-search-result__meta")
    found = int(re.search(r"找到 (\d+) 条结果", meta).group(1))
    assert found >= COUNTIES, meta  # one per county, plus the prefecture's
    assert all("出生证明" in t for t in titles[:10]), titles
    assert len(set(re.findall(r"示例县\d\d", " ".join(titles)))) >= 5, titles
    while phone.locator(".vc-search-more button").count():  # page through everything
        phone.click(".vc-search-more button")
        phone.wait_for_selector(DONE, state="attached", timeout=30_000)
    all_titles = " ".join(phone.locator(RESULT + " h1").all_inner_texts())
    assert len(set(re.findall(r"示例县\d\d", all_titles))) == COUNTIES
