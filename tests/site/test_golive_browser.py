"""After a county goes live (issue 21), on a 390×844 phone in Chromium: the county's page and the
answer box speak from the official edition with no 示例 mark, a retired example URL shows its notice,
and axe-core finds no serious or critical violation. The official edition is a test fixture
(tests/fixtures/catalogs/golive/, invented 文号), never committed catalog data.
"""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import FIXTURES, MINIMAL, _serve
from test_answers_browser import _axe, ask, choose_county

SCREENSHOT = os.environ.get("GOLIVE_SCREENSHOT")  # a path: also keep a picture of the county page


@pytest.fixture(scope="module")
def live_base(tmp_path_factory, site_project, site_build) -> str:
    tmp = tmp_path_factory.mktemp("golive-browser")
    catalogs = tmp / "catalogs-src"
    shutil.copytree(MINIMAL / "catalogs", catalogs)
    shutil.copytree(FIXTURES / "golive" / "county" / "catalogs", catalogs, dirs_exist_ok=True)
    return _serve(str(site_build(site_project(tmp / "project", catalogs), tmp / "site")))


def test_county_page_after_going_live_reads_on_a_phone(phone, live_base):
    phone.goto(live_base + "yanji/certificates/", wait_until="networkidle")
    text = phone.inner_text("article")
    assert "测虚办发〔2023〕99号" in text and "林木采伐情况证明" in text
    assert "示例数据" not in text and phone.locator("article .vc-badge.vc-ex").count() == 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways on a phone"
    if SCREENSHOT:
        phone.screenshot(path=SCREENSHOT, full_page=False)
    assert _axe(phone) == []


def test_answer_box_after_going_live_answers_from_the_official_list(phone, live_base):
    choose_county(phone, live_base)
    cards = ask(phone, "林木采伐")
    assert cards[0]["outcome"] == "retained" and "林木采伐情况证明" in cards[0]["name"], cards
    assert "示例" not in cards[0]["text"]
    assert _axe(phone) == []
    cards = ask(phone, "收养")  # the retired example item YJ-ZM-001 no longer answers for 延吉
    assert not any(c["outcome"] in ("retained", "removed") for c in cards), cards


def test_a_retired_example_url_shows_its_notice_on_a_phone(phone, live_base):
    phone.goto(live_base + "yanji/certificates/2024-06-30/", wait_until="networkidle")
    banner = phone.inner_text(".vc-retired")
    assert "示例数据，已停用" in banner
    phone.click("text=2023年10月15日 起生效的版本")
    phone.wait_for_load_state("networkidle")
    assert phone.url.endswith("yanji/certificates/2023-10-15/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
