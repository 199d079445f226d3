"""Dated answers, right on the day: a site built on 2026-11-28 (conftest SITE_TODAY) is read with the
clock half an hour either side of China midnight before 敦化's 2027-01-01 edition, in three device
zones. The outcome and every "现行" statement flip exactly at midnight in China (Asia/Shanghai),
whatever the device's zone; without script each page states both, each with its dates.

Pages: item DH-ZM-003 (retained until 2026-12-31, no longer retained from 2027-01-01), the 敦化
certificates edition pages (index, 2023-10-31, 2027-01-01), the 敦化 county page, and its answer box.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from conftest import PHONE

CHINA = timezone(timedelta(hours=8))
BEFORE = datetime(2026, 12, 31, 23, 30, tzinfo=CHINA)
AFTER = datetime(2027, 1, 1, 0, 30, tzinfo=CHINA)
ZONES = ["Asia/Shanghai", "America/New_York", "Asia/Tokyo"]  # New York: still Dec 31 at both; Tokyo: Jan 1 at both
SIDES = [pytest.param(BEFORE, False, id="2026-12-31T23:30+08"), pytest.param(AFTER, True, id="2027-01-01T00:30+08")]
ITEM = "dunhua/certificates/DH-ZM-003/"
ITEM_NAME = "在职党员到村报到服务情况反馈"


@pytest.fixture
def at(browser):
    """`at(moment, zone)` → a 390×844 page whose clock is fixed at `moment`, in device zone `zone`."""
    made = []

    def make(moment: datetime, zone: str):
        ctx = browser.new_context(**PHONE, timezone_id=zone)
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.clock.set_fixed_time(moment)
        made.append((ctx, errors))
        return page

    yield make
    for ctx, errors in made:
        ctx.close()
        assert not errors, f"JavaScript errors: {errors}"


def visible_text(page, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(f"{selector} >> visible=true").all_inner_texts()]


def first_label(page) -> str:
    return page.locator(".vc-outcome .vc-o-label >> visible=true").first.inner_text()


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("moment, after", SIDES)
def test_item_page_leads_with_the_outcome_of_the_day(at, base, moment, after, zone):
    page = at(moment, zone)
    page.goto(base + ITEM)
    assert first_label(page) == ("已不再保留" if after else "可以开具")
    labels = visible_text(page, ".vc-outcome .vc-o-label")
    assert len(labels) == 1, labels  # one outcome on screen, never both
    standing = " ".join(visible_text(page, ".vc-standing"))
    assert ("（现行）" in standing) is not after, standing
    assert ("从目录中取消" in standing) is after, standing
    assert page.locator(".vc-on-the-day").first.is_visible() is after


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("moment, after", SIDES)
@pytest.mark.parametrize(
    "uri, in_force_before",
    [
        ("dunhua/certificates/", True),
        ("dunhua/certificates/2023-10-31/", True),
        ("dunhua/certificates/2027-01-01/", False),
    ],
)
def test_edition_pages_say_which_edition_is_in_force_that_day(at, base, moment, after, zone, uri, in_force_before):
    page = at(moment, zone)
    page.goto(base + uri)
    current = " ".join(visible_text(page, ".vc-banner.vc-current"))
    in_force = in_force_before is not after
    assert ("现行有效" in current) is in_force, (uri, current)
    superseded = " ".join(visible_text(page, ".vc-banner.vc-superseded"))
    assert bool(superseded) is (in_force_before and after), (uri, superseded)
    if in_force_before and after:
        assert "2027年1月1日 起生效的版本" in superseded and page.locator(".vc-on-the-day").first.is_visible()
    upcoming = " ".join(visible_text(page, ".vc-banner.vc-upcoming"))
    assert ("即将生效" in upcoming) is not after, (uri, upcoming)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("moment, after", SIDES)
def test_county_page_states_the_edition_in_force_that_day(at, base, moment, after, zone):
    page = at(moment, zone)
    page.goto(base + "dunhua/")
    row = page.locator("table.vc-cards tr", has=page.locator("a[href='certificates/']"))
    cell = row.locator("td[data-label=现行版本] >> visible=true").inner_text()
    assert ("2027-01-01" if after else "2023-10-31") in cell and (
        "2023-10-31" if after else "2027-01-01"
    ) not in cell, cell
    assert row.locator("td[data-label=事项数] div >> visible=true").inner_text().endswith("7" if after else "8")
    said = " ".join(visible_text(page, ".vc-banner.vc-upcoming"))
    assert ("新版本已经生效" in said) is after and ("即将生效" in said) is not after, said


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("moment, after", SIDES)
def test_answer_box_answers_as_of_the_day(at, base, moment, after, zone):
    page = at(moment, zone)
    page.goto(base + "dunhua/")
    page.fill("#vc-ask-q", ITEM_NAME)
    page.wait_for_selector(".vc-ask-out .vc-result")
    card = page.locator(".vc-ask-out .vc-result").first
    assert card.locator(".vc-o-label").inner_text() == ("已不再保留" if after else "可以开具")
    text = card.inner_text()
    assert ("2027年1月1日起：" if after else "至2026年12月31日：") in text
    assert "至2026年12月31日：可以开具；2027年1月1日起：已不再保留" in text  # the whole timeline, once
    if after:
        assert "（示例）敦市办发〔2026〕25号" in text and "理由" in text


@pytest.mark.parametrize("moment, after", SIDES)
def test_other_counties_answer_as_of_the_day(at, base, moment, after):
    page = at(moment, "America/New_York")
    page.goto(base + "yanji/")
    page.fill("#vc-ask-q", ITEM_NAME)
    page.wait_for_selector(".vc-ask-out .vc-ask-others")
    page.click(".vc-ask-others")
    page.wait_for_function("() => !document.querySelector('.vc-others').innerText.includes('查询中')")
    dunhua = page.locator(".vc-others li", has_text="敦化市").inner_text()
    assert ("已不再保留" if after else "可以开具") in dunhua, dunhua


# --- without script: both, each with its dates -----------------------------------------------------------


@pytest.fixture
def no_script(browser):
    ctx = browser.new_context(**PHONE, java_script_enabled=False)
    yield ctx.new_page()
    ctx.close()


def test_without_script_item_page_states_both_with_dates(no_script, base):
    no_script.goto(base + ITEM)
    body = no_script.inner_text(".vc-page")
    assert "至2026年12月31日：可以开具；2027年1月1日起：已不再保留" in body
    heads = visible_text(no_script, ".vc-outcome .vc-o-head")
    assert [h.split("：")[0] for h in heads] == ["至2026年12月31日", "2027年1月1日起"], heads
    assert "至2026年12月31日：列入" in body and "2027年1月1日起：本事项已于" in body
    assert not no_script.locator(".vc-on-the-day").is_visible()  # "已经生效" only where the day is known


@pytest.mark.parametrize(
    "uri, before, later",
    [
        ("dunhua/certificates/", "至2026年12月31日：这是现行有效的版本", "2027年1月1日起：本版本已被"),
        ("dunhua/certificates/2023-10-31/", "至2026年12月31日：本版本即现行有效的版本", "2027年1月1日起：本版本已被"),
        ("dunhua/certificates/2027-01-01/", "至2026年12月31日：即将生效", "2027年1月1日起：本版本即现行有效的版本"),
    ],
)
def test_without_script_edition_pages_state_both_with_dates(no_script, base, uri, before, later):
    no_script.goto(base + uri)
    banners = " ".join(visible_text(no_script, ".vc-banner"))
    assert before in banners and later in banners, banners
    assert "新版本已经生效" not in banners


def test_without_script_county_page_states_both_with_dates(no_script, base):
    no_script.goto(base + "dunhua/")
    row = no_script.locator("table.vc-cards tr", has=no_script.locator("a[href='certificates/']"))
    cell = row.locator("td[data-label=现行版本]").inner_text()
    assert "至2026年12月31日：2023-10-31" in cell and "2027年1月1日起：2027-01-01" in cell, cell
