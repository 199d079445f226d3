"""Going live in the built site (issue 21): a county's certificates list, then the prefecture's
guiding list, get their first official edition (a test fixture with an invented 文号, dated before
the example editions); the example editions retire.

Its current page, answer file, search, feeds, open-data index and /status/ come from the official
edition with no 示例 mark; every URL the example editions had still resolves, to a notice that links
the official edition; the retired example items no longer answer for that county.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, MINIMAL
from test_site import html_uris, page_file, read

GOLIVE = FIXTURES / "golive"
NUMBER = "测虚办发〔2023〕99号"


def _build(tmp: Path, site_project, site_build, overlay: str | None) -> Path:
    catalogs = tmp / "catalogs-src"
    shutil.copytree(MINIMAL / "catalogs", catalogs)
    if overlay:
        shutil.copytree(GOLIVE / overlay / "catalogs", catalogs, dirs_exist_ok=True)
    return site_build(site_project(tmp / "project", catalogs), tmp / "site")


@pytest.fixture(scope="module")
def before(tmp_path_factory, site_project, site_build) -> Path:
    return _build(tmp_path_factory.mktemp("before"), site_project, site_build, None)


@pytest.fixture(scope="module")
def county_live(tmp_path_factory, site_project, site_build) -> Path:
    return _build(tmp_path_factory.mktemp("county-live"), site_project, site_build, "county")


@pytest.fixture(scope="module")
def guide_live(tmp_path_factory, site_project, site_build) -> Path:
    return _build(tmp_path_factory.mktemp("guide-live"), site_project, site_build, "prefecture")


def search_records(site: Path) -> list[list[str]]:
    return [
        r for f in sorted((site / "search" / "index" / "r").glob("*.json")) for r in json.loads(f.read_bytes())["r"]
    ]


# --- a county goes live -------------------------------------------------------------------------------


def test_the_current_page_is_the_official_edition_without_an_example_mark(county_live):
    page = read(county_live, "yanji/certificates/")
    assert NUMBER in page and "林木采伐情况证明" in page
    assert "示例数据" not in page and "vc-badge vc-ex" not in page
    assert "收养人婚姻状况" not in page  # the retired example items are gone from the current view
    region = read(county_live, "yanji/")
    assert NUMBER in region


def test_every_former_example_url_resolves_to_the_retired_notice(before, county_live):
    broken = sorted(uri for uri in html_uris(before) if not page_file(county_live, uri).is_file())
    assert not broken, f"published URLs that no longer resolve: {broken[:20]}"
    for uri in (
        "yanji/certificates/2023-10-27/",
        "yanji/certificates/2024-06-30/",
        "yanji/certificates/YJ-ZM-001/",
        "yanji/certificates/YJ-ZM-002/",
        "yanji/certificates/compare/",
    ):
        page = read(county_live, uri)
        assert "示例数据，已停用" in page, uri
        assert NUMBER in page and "2023年10月12日" in page, uri  # the official edition: 文号 and date
        assert 'href="../2023-10-15/"' in page, uri  # and links it
    for name in ("qr.svg", "qr.png"):
        assert (county_live / "yanji/certificates/2024-06-30" / name).is_file()
    redirect = read(county_live, "id/YJ-ZM-001/")
    assert "yanji/certificates/YJ-ZM-001/" in redirect and "已停用" in redirect
    # an id the official edition also lists keeps its item page (the official item)
    item = read(county_live, "yanji/certificates/YJ-ZM-101/")
    assert "已停用" not in item and NUMBER in item


def test_the_retired_notices_korean_twins_are_korean(county_live):
    """Each notice's Korean twin says the same in Korean; the names and the 文号 stay Chinese, marked so."""
    from kotext import han_outside_zh

    for uri in ("yanji/certificates/2024-06-30/", "yanji/certificates/YJ-ZM-001/", "yanji/certificates/compare/"):
        page = read(county_live, "ko/" + uri)
        assert "례시자료, 사용 중지" in page and "示例数据，已停用" not in page, uri
        assert f'<span lang="zh">{NUMBER}</span>' in page, uri
        body = page.split("</title>", 1)[1]
        assert han_outside_zh(body) == [], uri


def test_the_retired_example_items_no_longer_answer_for_the_county(county_live):
    data = json.loads((county_live / "search/answers/yanji.json").read_bytes())
    ids = {e["id"] for e in data["entries"]}
    assert {"YJ-ZM-101", "YJ-ZM-201"} <= ids
    assert not ids & {"YJ-ZM-001", "YJ-ZM-002", "YJ-ZM-003"}
    mine = [e for e in data["entries"] if e["id"].startswith("YJ-ZM-")]
    assert mine and not any(e["example"] for e in mine)
    assert not any(e["outcome"] == "removed" for e in mine)  # invented removals are not the county's history


def test_search_comes_from_the_official_edition(county_live):
    records = [r for r in search_records(county_live) if r[1].startswith("yanji/certificates/")]
    titles = {r[1]: r[0] for r in records}
    assert "yanji/certificates/YJ-ZM-201/" in titles and "示例" not in titles["yanji/certificates/YJ-ZM-201/"]
    assert "yanji/certificates/YJ-ZM-001/" not in titles


def test_the_feed_says_once_that_the_official_list_replaced_the_examples(county_live):
    feed = read(county_live, "yanji/certificates/feed.xml")
    assert feed.count("<entry>") == 1
    assert "公布正式的村级组织证明事项目录" in feed and "取代此前的示例数据" in feed and "2024-06-30" in feed
    assert "（示例）" not in feed
    assert "（示例）" not in read(county_live, "yanji/feed.xml").split("证明事项目录，共")[0].rsplit("<entry>", 1)[-1]


def test_the_open_data_index_marks_the_example_editions_retired(county_live):
    index = json.loads((county_live / "data/index.json").read_bytes())
    yanji = next(r for r in index["regions"] if r["slug"] == "yanji")
    certs = next(c for c in yanji["catalogs"] if c["catalog"] == "certificates")
    assert certs["status"] == "official" and certs["went_live"] == "2023-10-15"
    states = {e["effective"]: (e["state"], e["status"]) for e in certs["editions"]}
    assert states == {
        "2023-10-15": ("in_force", "official"),
        "2023-10-27": ("retired", "example"),
        "2024-06-30": ("retired", "example"),
    }
    old = json.loads((county_live / "data/yanji/certificates/2024-06-30.json").read_bytes())
    assert old["state"] == "retired"  # its files stay (links never break)
    work = next(c for c in yanji["catalogs"] if c["catalog"] == "work-affairs")
    assert work["status"] == "example" and work["went_live"] is None


def test_status_shows_official_and_example_per_county_and_catalog(county_live):
    page = read(county_live, "status/")
    assert "正式目录与示例数据" in page and "2023年10月15日起" in page and NUMBER in page
    data = json.loads((county_live / "status/status.json").read_bytes())
    live = {(r["region"], r["catalog"]): r for r in data["live"]}
    assert live[("yanji", "certificates")]["status"] == "official"
    assert live[("yanji", "certificates")]["went_live"] == "2023-10-15"
    assert live[("yanji", "work-affairs")]["status"] == "example"
    row = next(r for r in data["rows"] if (r["region"], r["catalog"]) == ("yanji", "certificates"))
    assert row["example"] is False and row["in_force"]["document"] == NUMBER
    assert not any(e["key"].startswith("yanji/certificates/2024") for e in data["editions"])


# --- the prefecture's guiding list goes live, the counties stay example ---------------------------------


def test_the_guiding_list_goes_live_while_counties_stay_example(before, guide_live):
    page = read(guide_live, "yanbian/certificates/")
    assert "测虚州办发〔2023〕98号" in page and "示例数据" not in page
    retired = read(guide_live, "yanbian/certificates/2023-09-28/")
    assert "示例数据，已停用" in retired and "测虚州办发〔2023〕98号" in retired
    assert "示例数据，已停用" in read(
        guide_live, "yanbian/certificates/YB-ZM-002/"
    )  # an id the official list does not have
    county = read(guide_live, "yanji/certificates/")
    assert "示例数据" in county  # the county's own list is still example data
    broken = sorted(uri for uri in html_uris(before) if not page_file(guide_live, uri).is_file())
    assert not broken, broken[:20]
    data = json.loads((guide_live / "status/status.json").read_bytes())
    live = {(r["region"], r["catalog"]): r["status"] for r in data["live"]}
    assert live[("yanbian", "certificates")] == "official" and live[("yanji", "certificates")] == "example"


# --- official items keep their unverified parts flagged, field by field ------------------------------------


def test_unverified_korean_names_of_official_items_are_flagged_on_pages_and_in_open_data(county_live):
    import csv
    import io

    from openpyxl import load_workbook

    assert "译名待核" in read(county_live, "yanji/certificates/YJ-ZM-201/")
    data = json.loads((county_live / "data/yanji/certificates/2023-10-15.json").read_bytes())
    assert data["status"] == "official"
    assert {i["id"]: i["unverified"] for i in data["items"]} == {
        "YJ-ZM-101": ["朝鲜文名称"],
        "YJ-ZM-201": ["朝鲜文名称"],
    }
    rows = list(
        csv.DictReader(
            io.StringIO((county_live / "data/yanji/certificates/2023-10-15.csv").read_text(encoding="utf-8-sig"))
        )
    )
    assert [r["译名核实情况"] for r in rows] == ["否", "否"]  # said, not left empty
    book = load_workbook(county_live / "data/yanji/certificates/2023-10-15.xlsx")
    how_to = "\n".join(str(c.value) for c in book["填写说明"]["A"])
    assert "「译名核实情况」「替代途径核实情况」：是 = 已对照公开文件核实；否 = 未经核实" in how_to
    forbidden = json.loads((county_live / "data/yanbian/forbidden-certificates/2023-09-28.json").read_bytes())
    assert any(
        "替代途径" in i["unverified"] for i in forbidden["items"]
    )  # the official national list: alternatives unverified


def test_a_scan_of_a_notice_not_online_is_published_beside_its_edition(tmp_path, site_project, site_build):
    catalogs = tmp_path / "catalogs-src"
    shutil.copytree(MINIMAL / "catalogs", catalogs)
    shutil.copytree(GOLIVE / "county" / "catalogs", catalogs, dirs_exist_ok=True)
    edition = catalogs / "yanji/certificates/2023-10-15.yaml"
    text = edition.read_text(encoding="utf-8").replace("  url: https://example.invalid/yanji/2023-10-12.html\n", "")
    edition.write_text(text.replace("based_on:", "source: {document: 2023-10-15.pdf}\nbased_on:"), encoding="utf-8")
    scan = b"%PDF-1.4\n% test scan, not a real notice\n"
    (edition.parent / "2023-10-15.pdf").write_bytes(scan)
    site = site_build(site_project(tmp_path / "project", catalogs), tmp_path / "site")
    assert (site / "yanji/certificates/2023-10-15/2023-10-15.pdf").read_bytes() == scan
    assert 'href="2023-10-15.pdf"' in read(site, "yanji/certificates/2023-10-15/")
    assert 'href="../2023-10-15/2023-10-15.pdf"' in read(
        site, "yanji/certificates/2024-06-30/"
    )  # the retired notice too
