"""The site's own search index (generator/site/searchindex.py) and its reader in the browser
(assets/search.js): the keys both sides compute, the files, and what a query finds."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import _serve

from generator.site.search import SearchDoc, write_index
from generator.site.searchindex import Record, exact_key, fnv1a, index_files, keys, query_units, shard_count
from generator.site.searchrules import CharTable, browser_rules, exact_sound_key, read_table

RESULT = ".md-search-result__item"
DONE = ".md-search-result__list:not([aria-busy])"

QUERIES = [
    "無犯罪證明書",
    "출생증명서",
    "出生 c",
    "chusheng z",
    "出生",
    "出生证明",
    "出生医学证明",
    "证",
    "cszm",
    "ChuSheng",
    "ＣＳＺＭ",
    "출생증명",
    "출생 증명",
    "YJ-ZM-101",
    "出生 yanji",
    "收养人婚姻状况证明",
    "  ",
    "<b>x</b>",
    "遗产继承权证明·延吉",
    "𠀀证明",
    "無犯罪證明",
    "无犯最记录证明",
    "居住正明",
    "ｗｆｚ",
    "ＷＵＦＡＮＺＵＩ",
    "无犯罪 zhengming",
    "身份证丢了",
    "룡정시",
    "용정시",
    "리혼 증명",
    "무범좨증명",
    "ㄱㄴ증명",
    "거주증멩",
    "\u1100\u1161\u11a8증명",
    "ﾹﾈ호적",
]  # Hangul as letters (NFKC composes them), half-width Hangul
TABLE = CharTable({}, {"出": "chu", "生": "sheng", "证": "zheng", "明": "ming"})


def _keys(text: str) -> set[str]:
    return {u[0] for u in query_units(text, TABLE)}


def test_a_name_is_found_by_any_part_of_it():
    found = {k for k, _ in keys("出生证明", TABLE)}
    assert {"出", "明", "出生", "生证", "证明"} <= found and "出生证" not in found
    assert all(_keys(q) <= found for q in ("出生", "生证明", "出生证明", "证", "明"))
    latin = dict(keys("chushengzhengming cszm", TABLE))
    assert {"ch", "chu", "chusheng", "cs", "csz"} <= set(latin) and "c" not in latin
    assert latin["cszm"] is True and latin["csz"] is False  # a whole word is worth more than a prefix
    assert query_units("出生证明", TABLE) == [["出生", "~chu-sheng"], ["证明", "~zheng-ming"]]
    assert query_units("生证明", TABLE) == [["生证", "~sheng-zheng"], ["证明", "~zheng-ming"]]
    assert query_units("ＣＳＺＭ", TABLE) == [["cszm"]] and query_units("출생 증명", TABLE) == [
        ["출생", "~ㅊㅜㄹ-ㅅㅔㅇ"],
        ["증명", "~ㅈㅡㅇ-ㅁㅕㅇ"],
    ]


def _docs(counties: int, per_county: int = 3) -> list[SearchDoc]:
    docs = [SearchDoc("about/", "关于本站", "这些目录是什么", ())]
    for n in range(counties):
        slug, name = f"c{n:02d}", f"示例县{n:02d}"
        docs += [
            SearchDoc(
                f"{slug}/certificates/ZM-{i}/", f"出生证明{i} · {name}", f"{name}证明事项", (f"出生证明{i}",), (), slug
            )
            for i in range(per_county)
        ]
    return docs


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_records_are_numbered_county_by_county_and_every_file_names_its_build(tmp_path):
    docs = _docs(3)
    shuffled = [docs[4], docs[1], docs[0], docs[7], docs[2], docs[9], docs[3], docs[5], docs[8], docs[6]]
    write_index(shuffled, tmp_path / "a", ["c00", "c01", "c02"])
    files = {k: json.loads(v) for k, v in _files(tmp_path / "a/search/index").items()}
    build = files["manifest.json"]["build"]
    assert files["manifest.json"]["shards"] == shard_count(3) == len([k for k in files if k.startswith("s/")])
    assert {f["b"] for k, f in files.items() if k != "manifest.json"} == {build}
    assert all(f["c"] == {"all": 0, "c00": 1, "c01": 4, "c02": 7} for k, f in files.items() if k.startswith("s/"))
    records = [r for n in range(2) for r in files[f"r/{n}.json"]["r"]]  # eight to a file
    assert len(files["r/0.json"]["r"]) == 8 and len(records) == 10
    assert records[0][1] == "about/" and records[1][1].startswith("c00/") and records[9][1].startswith("c02/")
    write_index(shuffled, tmp_path / "b", ["c00", "c01", "c02"])
    assert _files(tmp_path / "a") == _files(tmp_path / "b")  # byte-identical
    write_index(shuffled[:-1], tmp_path / "c", ["c00", "c01", "c02"])
    assert json.loads((tmp_path / "c/search/index/manifest.json").read_bytes())["build"] != build


def test_each_key_is_in_the_one_shard_its_hash_names_and_shards_follow_the_counties():
    for counties in (8, 60):
        records = [
            Record(d.title, d.uri, d.text, d.county, {"title": (d.title,), "names": d.names, "text": (d.text,)})
            for d in _docs(counties, 5)
        ]
        files = index_files(records, ["all", *(f"c{n:02d}" for n in range(counties))])
        shards = {k: json.loads(v) for k, v in files.items() if k.startswith("s/")}
        assert len(shards) == shard_count(counties) >= 16 * (counties + 1)
        placed = [(key, int(name[2:-5])) for name, shard in shards.items() for key in shard["k"]]
        assert len(placed) == len({k for k, _ in placed}) and all(fnv1a(k) % len(shards) == n for k, n in placed)
        flat = shards[f"s/{fnv1a('出生') % len(shards)}.json"]["k"]["出生"]
        numbers = [sum(flat[0 : i + 1 : 2]) for i in range(0, len(flat), 2)]
        assert len(set(numbers)) == len(numbers) == counties * 5  # every record with 出生, once
        assert all(json.loads(files[f"r/{n // 8}.json"])["r"][n % 8][0].startswith("出生证明") for n in numbers)


def test_the_browser_computes_the_same_keys_and_shards(phone, base, real_site):
    """assets/search.js must cut a query into the same units with the rules and character table the
    site's manifest and c/ files carry, and hash them to the same shards; it has no rules of its own."""
    index = real_site / "search/index"
    manifest = json.loads((index / "manifest.json").read_bytes())
    assert manifest["rules"] == browser_rules() and manifest["shards"] == shard_count(8)
    table = read_table(json.loads(p.read_bytes()) for p in sorted((index / "c").glob("*.json")))
    phone.goto(base)
    got = phone.evaluate(
        """async qs => {
        const idx = window.vcSearch.index(new URL('./', location.href).href), m = await idx.manifest(), out = [];
        for (const q of qs) {
          const t = await idx.table(q, m), units = window.vcSearch.queryUnits(q, m.rules, t);
          out.push([units, units.map(u => u.map(window.vcSearch.fnv1a)), window.vcSearch.wholeKey(q, m.rules, t),
                    window.vcSearch.wholeSound(q, m.rules, t)]);
        }
        return out;
    }""",
        QUERIES,
    )
    want = [
        [
            query_units(q, table),
            [[fnv1a(k) for k in u] for u in query_units(q, table)],
            exact_key(q, table),
            exact_sound_key(q, table),
        ]
        for q in QUERIES
    ]
    assert got == want
    assert query_units("無犯罪證明", table) == query_units("无犯罪证明", table)  # traditional, as simplified
    assert ["正明", "~zheng-ming"] in query_units("居住正明", table)  # a typo that sounds the same
    assert query_units("無犯罪證明書", table) == query_units("无犯罪证明", table)  # 证明书 is a 证明
    assert query_units("출생 증명서", table) == query_units("출생증명", table)
    assert (
        query_units("용정시", table)[0][1] == query_units("룡정시", table)[0][1] == "~ㅇㅛㅇ-ㅈㅓㅇ"
    )  # Yanbian and South Korean forms
    assert (
        exact_sound_key("리혼증명", table) == exact_sound_key("이혼 증명", table) != exact_sound_key("리혼증멍", table)
    )
    whole = ["=出生证明", "=유산계승권증명", "=𠀀"]
    assert phone.evaluate("ks => ks.map(window.vcSearch.fnv1a)", whole) == [fnv1a(k) for k in whole]
    names = ["出生证明", "출생 증명", "a\u3000b", "x\u0085y", "ｃｓ ｚｍ", "證明（户籍）"]
    assert [exact_key(n, table) for n in names] == ["=出生证明", "=출생증명", "=ab", "=xy", "=cszm", "=证明户籍"]
    script = (Path(__file__).parents[2] / "content/assets/search.js").read_text(encoding="utf-8")
    assert not re.search(r"\b16\b|\b24\b|\b0x4e00\b|\\u4e00", script)  # the rules come from the manifest


@pytest.mark.parametrize(
    "query, expected",
    [
        ("生证明", "出生证明"),  # Chinese, any part of the name
        ("cszm", "出生证明"),  # initials
        ("chushengzh", "出生证明"),  # the start of the full pinyin
        ("출생", "出生证明"),  # Korean
        ("延吉 出生", "出生证明 · 延吉市"),  # two words, both required
    ],
)
def test_the_browser_finds_records_by_every_kind_of_key(phone, base, query, expected):
    phone.goto(base)
    titles = phone.evaluate(
        """async q => {
        const idx = window.vcSearch.index(new URL('./', location.href).href);  // the page's own index
        const found = await idx.search(q);
        return Promise.all(found.slice(0, 5).map(r => r.data().then(d => d.title)));
    }""",
        query,
    )
    assert titles and expected in titles[0], (query, titles)


def _rebuild_marker(site: Path, build: str) -> None:
    """Give every file of the index another build, as a new publish would (same records otherwise)."""
    for path in (site / "search/index").rglob("*.json"):
        data = json.loads(path.read_bytes())
        data["b" if "b" in data else "build"] = build
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_a_search_across_a_new_publish_starts_afresh_and_never_mixes_builds(phone, real_site, tmp_path):
    """Files of the index already in the page (build A) and new ones from the server (build B): the
    page fetches the whole index again, past the browser's cache, and shows B's results, no error."""
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    base = _serve(str(site))
    phone.goto(base + "dunhua/")
    phone.locator("label.md-header__button[for=__search]").click()
    phone.fill("input.md-search__input", "出生证明")
    phone.wait_for_selector(DONE, state="attached")
    _rebuild_marker(site, "b" * 12)  # published again while the page is open
    requests: list[str] = []
    phone.on("request", lambda r: requests.append(r.url))
    phone.click("text=看其他县（市）的结果")  # records of build B for shards of build A
    phone.wait_for_selector(DONE, state="attached")
    phone.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('其他县')")
    assert "网络不好" not in phone.inner_text(".md-search-result__meta")
    assert any(u.endswith("/search/index/manifest.json") for u in requests), requests  # it asked the index itself
    assert phone.locator(RESULT).count() >= 1
    phone.fill("input.md-search__input", "生证明")  # a shard of A still in the page, a new one of B
    phone.wait_for_selector(DONE, state="attached")
    assert "网络不好" not in phone.inner_text(".md-search-result__meta") and phone.locator(RESULT).count() >= 1


def test_equal_scores_take_turns_by_county_and_by_site(phone, base):
    phone.goto(base)
    order = phone.evaluate("""() => {
        const r = (site, id, county, score) => ({id, county, score, site});
        const one = [r(0, 1, "a", 5), r(0, 2, "a", 5), r(0, 3, "b", 5), r(0, 4, "b", 5), r(0, 9, "b", 9)];
        const two = [r(1, 1, "x", 5), r(1, 2, "x", 5)];
        return window.vcSearch.ranked([one, two]).map(x => x.site + ":" + x.id);
    }""")
    assert order == ["0:9", "0:1", "1:1", "0:3", "1:2", "0:2", "0:4"]


def test_records_of_counties_not_listed_still_come_together(tmp_path):
    docs = [
        SearchDoc("x/1/", "甲", "", (), (), "x"),
        SearchDoc("y/1/", "乙", "", (), (), "y"),
        SearchDoc("x/2/", "丙", "", (), (), "x"),
    ]
    write_index(docs, tmp_path, ["c00"])  # neither x nor y is listed: no error, each county's records in one range
    shard = json.loads(next((tmp_path / "search/index/s").glob("*.json")).read_bytes())
    assert shard["c"] == {"x": 0, "y": 2}
