"""Dated answers in the data: each answer file entry carries every published change still to come,
with its date and the whole answer from that day on (generator/site/answerfiles.py, dated.py)."""

from __future__ import annotations

import datetime
import json

from conftest import REPO_ROOT

from generator.catalog.answers import county_answers
from generator.catalog.validate import check_catalogs
from generator.site.answerfiles import answer_files, county_payload
from generator.site.dated import Window, timeline, windows

CATALOGS, _ = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)
TODAY = datetime.date(2026, 11, 28)
DAY = datetime.date(2027, 1, 1)


def entries(county: str, today: datetime.date = TODAY) -> dict[str, dict]:
    return {e["id"]: e for e in county_payload(CATALOGS, CATALOGS.regions[county], today)["entries"]}


def test_removal_entry_carries_its_date_and_the_answer_from_then_on():
    e = entries("dunhua")["DH-ZM-003"]
    assert e["outcome"] == "retained" and e["when"] == "至2026年12月31日" and e["until"] == "2027-01-01"
    assert e["timeline"] == "至2026年12月31日：可以开具；2027年1月1日起：已不再保留"
    [later] = e["upcoming"]
    assert later["from"] == "2027-01-01" and later["until"] == "" and later["when"] == "2027年1月1日起"
    assert later["outcome"] == "removed" and later["url"] == e["url"]
    assert (
        later["details"]["since"] == "2027年1月1日" and later["details"]["document"] == "（示例）敦市办发〔2026〕25号"
    )
    assert "党员管理信息系统" in later["details"]["reason"]


def test_each_upcoming_state_is_what_a_build_on_that_day_says():
    before, after = entries("dunhua"), entries("dunhua", DAY)
    for item_id, e in before.items():
        for u in e["upcoming"]:
            now = after[item_id]
            assert {k: u[k] for k in ("outcome", "url", "example", "details", "name", "id")} == {
                k: now[k] for k in ("outcome", "url", "example", "details", "name", "id")
            }, item_id


def test_an_unchanging_answer_states_no_window():
    e = entries("dunhua")["DH-ZM-001"]
    assert e["upcoming"] == [] and e["when"] == "" and e["until"] == "" and e["timeline"] == ""


def test_a_change_that_keeps_the_outcome_names_what_changes():
    e = entries("dunhua")["DH-ZM-007"]
    assert e["timeline"] == "至2026年12月31日：可以开具；2027年1月1日起：可以开具（设定依据、备注有调整）"
    assert "农村集体经济组织法" in " ".join(e["upcoming"][0]["details"]["basis"])


def test_all_counties_file_carries_the_change_too():
    files = dict(answer_files(CATALOGS, TODAY))
    packed = json.loads(files["search/answers-all.json"])
    own = json.loads(files["search/answers/dunhua.json"])
    row = packed["c"]["dunhua"][[e["id"] for e in own["entries"]].index("DH-ZM-003")]
    assert row[1] == "retained" and row[4] == [["2027-01-01", "removed", row[2], row[3]]]
    assert all(len(r) == 4 for c, rows in packed["c"].items() if c != "dunhua" for r in rows)


def test_windows_in_words():
    found = windows("a", [(datetime.date(2027, 1, 1), "b"), (datetime.date(2027, 7, 1), "c")])
    assert [w.when for w in found] == ["至2026年12月31日", "2027年1月1日至2027年6月30日", "2027年7月1日起"]
    assert [str(w.attrs) for w in found] == [
        ' data-until="2027-01-01"',
        ' data-from="2027-01-01" data-until="2027-07-01"',
        ' data-from="2027-07-01"',
    ]
    assert Window(None, None, "x").when == "" and not Window(None, None, "x").dated


def test_timeline_of_answers_follows_the_outcomes():
    [a] = [a for a in county_answers(CATALOGS, "dunhua", TODAY) if a.item.id == "DH-ZM-003"]
    assert (
        timeline(windows(a, [(c.effective, c.answer) for c in a.upcoming]))
        == "至2026年12月31日：可以开具；2027年1月1日起：已不再保留"
    )
