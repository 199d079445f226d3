"""The answer box on a weak signal and with none (issue 26), in Chromium on a phone: the site's scripts
come first and deferred, a county page fetches its answers with the page, and after one visit the
service worker (content/sw.js, assets/offline.js) answers with no network — served `Cache-Control:
no-store`, so nothing else could — saying so with the data's date; a new build replaces the kept copy
whole, and a build published while the copy is being made is never mixed into it."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

from conftest import PHONE, REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "scripts"))

from bench import weaknet  # noqa: E402

QUERY = "无犯罪"
CACHES = """async () => { const out = {}; for (const n of await caches.keys()) {
  const c = await caches.open(n); out[n] = {};
  for (const r of await c.keys()) out[n][r.url] = await (await c.match(r)).text(); } return out; }"""


def test_site_scripts_are_deferred_before_the_bundle_and_county_pages_preload_their_answers(real_site):
    county = (real_site / "yanji" / "index.html").read_text(encoding="utf-8")
    head, body = county.split("</head>")
    ours = re.findall(r'<script src="\.\./assets/(\w+)\.js" defer fetchpriority="high"></script>', head)
    assert ours == ["site", "answer", "search", "offline", "wechat"]
    assert len(re.findall(r"bundle\.[0-9a-f]+\.min\.js", county)) == 1
    assert re.search(
        r'<script defer fetchpriority="low" src="\.\./assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>', body
    )
    assert '<link rel="preload" as="fetch" crossorigin href="../search/answers/yanji.json">' in head
    assert '<link rel="preload" as="fetch" crossorigin href="../search/index/manifest.json">' in head
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert 'rel="preload"' not in home  # no county: nothing fetched for the box before it is used
    assert (real_site / "sw.js").is_file()  # at the root: its scope is the whole site


def _keep(context, url: str):
    page = context.new_page()
    visit = weaknet.visit(page, url, QUERY)
    page.wait_for_function("() => window.vcOffline && window.vcOffline.kept()", timeout=60000, polling=50)
    return page, visit


def _current(page) -> dict:
    caches = page.evaluate(CACHES)
    meta = caches.pop("vc-meta")
    return {"state": json.loads(next(iter(meta.values()))), "caches": caches}


def test_offline_repeat_visit_gives_the_same_answer_with_the_offline_note(browser, real_site):
    with weaknet.serve(real_site) as server:
        first, repeat = weaknet.offline_repeat(browser, server, server.base + "yanji/", QUERY, PHONE)
    assert first.outcome == repeat.outcome == "vc-o-forbidden"
    assert first.offline_note == ""
    assert repeat.offline_note.startswith("离线：数据更新于 2026年11月28日")


def _new_build(site: Path, dest: Path, build: str, marker: str) -> Path:
    """A copy of `site` as another build: every index file names `build`, the county page carries `marker`."""
    shutil.copytree(site, dest, symlinks=True)
    for f in (dest / "search" / "index").rglob("*.json"):
        data = json.loads(f.read_text(encoding="utf-8"))
        data["build" if f.name == "manifest.json" and f.parent.name == "index" else "b"] = build
        f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    page = dest / "yanji" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</h1>", f"<span class=vc-build>{marker}</span></h1>", 1),
        encoding="utf-8",
    )
    return dest


def _publish(live: Path, target: Path) -> None:
    tmp = live.with_name(live.name + ".new")
    tmp.symlink_to(target, target_is_directory=True)
    os.replace(tmp, live)  # one rename, as the site is published


def test_a_new_build_replaces_the_kept_copy_whole_and_is_never_mixed(browser, real_site, tmp_path):
    a = _new_build(real_site, tmp_path / "a", "aaaaaaaaaaaa", "版本A")
    b = _new_build(real_site, tmp_path / "b", "bbbbbbbbbbbb", "版本B")
    c = _new_build(real_site, tmp_path / "c", "cccccccccccc", "版本C")
    live = tmp_path / "live"
    _publish(live, a)
    context = browser.new_context(**PHONE)
    try:
        with weaknet.serve(live) as server:
            url = server.base + "yanji/"
            page, _ = _keep(context, url)
            kept = _current(page)
            assert kept["state"]["build"] == "aaaaaaaaaaaa" and list(kept["caches"]) == ["vc-aaaaaaaaaaaa"]
            page.close()

            # C is published while B is being kept: B's copy is dropped, A stays whole
            def midway(path: str) -> None:
                if path.endswith("/search/answers/yanji.json") and live.resolve() == b.resolve():
                    _publish(live, c)

            _publish(live, b)
            server.hook = midway
            page = context.new_page()
            weaknet.visit(page, url, QUERY)
            page.wait_for_function("() => navigator.serviceWorker.controller", timeout=60000)
            page.wait_for_timeout(0)
            page.wait_for_function(
                """async () => { const r = await (await caches.open('vc-meta')).match(new URL('../vc-offline/current', location).href);
                return (await caches.keys()).length === 2 && r && JSON.parse(await r.text()).build; }""",
                timeout=60000,
                polling=100,
            )
            state = _current(page)
            assert set(state["caches"]) <= {"vc-aaaaaaaaaaaa", "vc-cccccccccccc"}
            for name, files in state["caches"].items():
                build = name[3:]
                assert ("版本" + build[0].upper()) in files[url]  # the page of the cache's own build
                for u, text in files.items():
                    if "/search/index/" in u:
                        assert json.loads(text).get("b", json.loads(text).get("build")) == build, u
            page.close()
            server.hook = None

            # online again with C live: the copy becomes C's, whole, and A's is gone
            page, _ = _keep(context, url)
            page.wait_for_function(
                """async () => (await caches.keys()).includes('vc-cccccccccccc') && (await caches.keys()).length === 2""",
                timeout=60000,
                polling=100,
            )
            kept = _current(page)
            assert kept["state"]["build"] == "cccccccccccc" and list(kept["caches"]) == ["vc-cccccccccccc"]
            files = kept["caches"]["vc-cccccccccccc"]
            assert "版本C" in files[url]
            assert all(
                json.loads(t).get("b", json.loads(t).get("build")) == "cccccccccccc"
                for u, t in files.items()
                if "/search/index/" in u
            )
            page.close()

            server.online = False
            context.set_offline(True)
            page = context.new_page()
            repeat = weaknet.visit(page, url, QUERY)
            assert repeat.outcome == "vc-o-forbidden" and repeat.offline_note
            assert page.inner_text(".vc-build") == "版本C"
    finally:
        context.close()


def test_forget_unregisters_and_deletes_the_kept_copy(browser, real_site):
    context = browser.new_context(**PHONE)
    try:
        with weaknet.serve(real_site) as server:
            page, _ = _keep(context, server.base + "yanji/")
            assert page.evaluate("() => window.vcOffline.forget()") is True
            assert page.evaluate("async () => (await caches.keys()).filter(n => n.startsWith('vc-')).length") == 0
            assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
    finally:
        context.close()


def test_wechat_says_how_to_open_downloads_in_the_phone_browser(browser, real_site):
    ua = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47"
    with weaknet.serve(real_site) as server:
        for agent, shown in ((ua, True), (None, False)):
            context = browser.new_context(**PHONE, **({"user_agent": agent} if agent else {}))
            try:
                page = context.new_page()
                page.goto(server.base + "yanji/certificates/")
                page.wait_for_load_state("load")
                hints = page.locator(".vc-wechat-top")
                assert hints.count() == (1 if shown else 0)
                if shown:
                    assert "右上角“…”" in hints.inner_text() and "在浏览器打开" in hints.inner_text()
                page.goto(server.base + "yanji/")
                page.wait_for_load_state("load")
                assert page.locator(".vc-wechat-hint").count() == 0  # no downloads on this page
            finally:
                context.close()
