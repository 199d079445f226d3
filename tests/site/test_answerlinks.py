"""What a county's answer file takes from the search index it is written with (generator/site/
answerlinks.py, issue 26): each answer's record numbers are exactly the records of its pages, its
characters' table entries are the index's own, and in Chromium the box's first answer then waits for
the index's shards only — no part of the character table before them, no record after them — while a
query with other characters still fetches their part, and an answer file written with another index
still answers, by the records' addresses."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import _serve
from test_answers_browser import ask

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _records(site: Path) -> list[str]:
    folder = site / "search" / "index" / "r"
    return [r[1] for n in range(len(list(folder.glob("*.json")))) for r in _read(folder / f"{n}.json")["r"]]


def _counties(site: Path) -> list[Path]:
    return sorted((site / "search" / "answers").glob("*.json"))


def test_each_answer_names_exactly_the_records_of_its_pages(real_site):
    build = _read(real_site / "search" / "index" / "manifest.json")["build"]
    hrefs = _records(real_site)
    for path in _counties(real_site):
        data = _read(path)
        assert data["index"] == build, path.name
        for e in data["entries"]:
            pages = {e["url"], *(u["url"] for u in e["upcoming"])}
            assert e["r"] == [n for n, href in enumerate(hrefs) if href in pages], (path.name, e["id"])
            assert any(hrefs[n] == e["url"] for n in e["r"]), (path.name, e["id"])  # its page is in the search


def test_the_characters_are_the_index_tables_own_for_the_countys_names(real_site):
    parts = [_read(real_site / "search" / "index" / "c" / f"{n}.json") for n in range(32)]
    sound = {ch: s for p in parts for s, chars in p["p"].items() for ch in chars}
    for path in _counties(real_site):
        data = _read(path)
        names = "".join(n for e in data["entries"] for n in (e["name"], *e["other"], *e["common"], *e["former"]))
        listed = {ch: s for s, chars in data["chars"]["p"].items() for ch in chars}
        assert set(listed) == set(HAN.findall(names)) & set(sound), path.name
        assert all(sound[ch] == s for ch, s in listed.items())
        assert all(parts[ord(t) % 32]["t"].get(t) == s for t, s in data["chars"]["t"].items())


def _index_requests(page) -> list[str]:
    return page.evaluate("""performance.getEntriesByType('resource').map(r => r.name)
        .filter(u => u.includes('/search/index/')).map(u => u.split('/search/index/').pop())""")


def test_the_first_answer_waits_for_the_shards_only(phone, base, real_site):
    phone.goto(base + "yanji/")
    first = ask(phone, "无犯罪")[0]
    assert first["label"] == "不能开具" and first["name"].startswith("无犯罪记录证明"), first
    fetched = _index_requests(phone)
    assert "manifest.json" in fetched and any(u.startswith("s/") for u in fetched), fetched
    assert not [u for u in fetched if u.startswith(("c/", "r/"))], fetched  # no table part before, no record after
    # a character none of the county's names has: its part of the table is fetched, the answer is the same
    names = (real_site / "search" / "answers" / "yanji.json").read_text(encoding="utf-8")
    assert "最" not in names
    assert ask(phone, "无犯最记录证明")[0]["name"].startswith("无犯罪记录证明")
    assert any(u.startswith("c/") for u in _index_requests(phone))


def test_an_answer_file_of_another_index_still_answers_by_the_records_addresses(phone, real_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    path = site / "search" / "answers" / "yanji.json"
    data = _read(path)
    data["index"] = "0" * 12  # written with an index this site no longer has
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    phone.goto(_serve(str(site)) + "yanji/")
    first = ask(phone, "无犯罪")[0]
    assert first["label"] == "不能开具" and first["name"].startswith("无犯罪记录证明"), first
    fetched = _index_requests(phone)
    assert any(u.startswith("r/") for u in fetched) and any(u.startswith("c/") for u in fetched), fetched
