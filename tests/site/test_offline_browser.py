"""The answer box on a weak signal and with none (issue 26), in Chromium on a phone: the site's scripts
come first and deferred, a county page fetches its answers with the page, and after one visit the
service worker (content/sw.js, assets/offline.js) answers with no network — served `Cache-Control:
no-store`, so nothing else could — saying so with the data's date; a new build replaces the kept copy
whole, also when only a page changed (every page and answer file names the site's build), a build
published while the copy is being made is never mixed into it, and a page of another build never
gets the kept copy's answer file."""

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
    assert ours == ["site", "answer", "search"]  # offline.js and wechat.js: site.js loads them where needed
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


def _renewed(page, build: str) -> dict:
    """The kept copy once it is `build`'s alone (vc-meta and one cache), as _current gives it."""
    page.wait_for_function(
        "async b => (await caches.keys()).includes('vc-' + b) && (await caches.keys()).length === 2",
        arg=build,
        timeout=60000,
        polling=100,
    )
    return _current(page)


def _answers_offline_from(context, server, url: str, marker: str) -> None:  # noqa: ANN001
    """With no network, `url` answers from the kept copy, says so, and is the page that carries `marker`."""
    server.online = False
    context.set_offline(True)
    page = context.new_page()
    repeat = weaknet.visit(page, url, QUERY)
    assert repeat.outcome == "vc-o-forbidden" and repeat.offline_note
    assert page.inner_text(".vc-build") == marker


def test_offline_repeat_visit_gives_the_same_answer_with_the_offline_note(browser, real_site):
    with weaknet.serve(real_site) as server:
        first, repeat = weaknet.offline_repeat(browser, server, server.base + "yanji/", QUERY, PHONE)
    assert first.outcome == repeat.outcome == "vc-o-forbidden"
    assert first.offline_note == ""
    assert repeat.offline_note.startswith("离线：数据更新于 2026年11月28日")


def _rewrite(path: Path, change) -> None:  # noqa: ANN001 - change: dict -> None
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _new_build(site: Path, dest: Path, build: str, marker: str, index: str | None = None) -> Path:
    """A copy of `site` as another build: the county page and the answer files name the site build
    `build`, the page carries `marker`; with `index`, a new search index too: every index file and the
    answer files' "index" name it (without, the index is the same as `site`'s: only a page changed)."""
    shutil.copytree(site, dest, symlinks=True)
    if index:
        for f in (dest / "search" / "index").rglob("*.json"):
            _rewrite(
                f,
                lambda d, f=f: d.update(
                    {"build" if f.name == "manifest.json" and f.parent.name == "index" else "b": index}
                ),
            )
    for f in (dest / "search" / "answers").glob("*.json"):
        _rewrite(f, lambda d: d.update({"build": build, **({"index": index} if index and "index" in d else {})}))
    page = dest / "yanji" / "index.html"
    text, found = re.subn(
        r'<meta name="vc-build" content="[0-9a-f]+">',
        f'<meta name="vc-build" content="{build}">',
        page.read_text(encoding="utf-8"),
    )
    assert found == 1  # every page names its build
    page.write_text(text.replace("</h1>", f"<span class=vc-build>{marker}</span></h1>", 1), encoding="utf-8")
    return dest


def _index_build(text: str) -> str:
    data = json.loads(text)
    return data.get("b", data.get("build"))


def _publish(live: Path, target: Path) -> None:
    tmp = live.with_name(live.name + ".new")
    tmp.symlink_to(target, target_is_directory=True)
    os.replace(tmp, live)  # one rename, as the site is published


def test_a_new_build_replaces_the_kept_copy_whole_and_is_never_mixed(browser, real_site, tmp_path):
    a = _new_build(real_site, tmp_path / "a", "aaaaaaaaaaaa", "版本A", index="aaaaaaaaaaaa")
    b = _new_build(real_site, tmp_path / "b", "bbbbbbbbbbbb", "版本B", index="bbbbbbbbbbbb")
    c = _new_build(real_site, tmp_path / "c", "cccccccccccc", "版本C", index="cccccccccccc")
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
            page.wait_for_function(
                "() => window.vcOffline && window.vcOffline.tried() >= 1", timeout=60000, polling=100
            )  # the worker has answered
            state = _current(page)
            assert len(state["caches"]) == 1 and set(state["caches"]) <= {"vc-aaaaaaaaaaaa", "vc-cccccccccccc"}
            for name, files in state["caches"].items():
                build = name[3:]
                assert ("版本" + build[0].upper()) in files[url]  # the page of the cache's own build
                for u, text in files.items():
                    if "/search/" in u:
                        assert (
                            _index_build(text) == build if "/search/index/" in u else json.loads(text)["build"] == build
                        ), u
            page.close()
            server.hook = None

            # online again with C live: the copy becomes C's, whole, and A's is gone
            page, _ = _keep(context, url)
            kept = _renewed(page, "cccccccccccc")
            assert kept["state"]["build"] == "cccccccccccc" and list(kept["caches"]) == ["vc-cccccccccccc"]
            files = kept["caches"]["vc-cccccccccccc"]
            assert "版本C" in files[url]
            assert all(_index_build(t) == "cccccccccccc" for u, t in files.items() if "/search/index/" in u)
            page.close()

            _answers_offline_from(context, server, url, "版本C")
    finally:
        context.close()


def test_a_new_build_that_changed_only_a_page_renews_the_kept_copy(browser, real_site, tmp_path):
    """Same search index, new site build (a page changed): the worker keeps the new page, not the old one."""
    one = _new_build(real_site, tmp_path / "one", "111111111111", "版本一")
    two = _new_build(real_site, tmp_path / "two", "222222222222", "版本二")
    index = json.loads((real_site / "search" / "index" / "manifest.json").read_text(encoding="utf-8"))["build"]
    live = tmp_path / "live"
    _publish(live, one)
    context = browser.new_context(**PHONE)
    try:
        with weaknet.serve(live) as server:
            url = server.base + "yanji/"
            page, _ = _keep(context, url)
            assert _current(page)["state"]["build"] == "111111111111"
            page.close()

            _publish(live, two)
            page, _ = _keep(context, url)
            kept = _renewed(page, "222222222222")
            assert kept["state"]["build"] == "222222222222" and kept["state"]["index"] == index
            files = kept["caches"]["vc-222222222222"]
            assert "版本二" in files[url] and "版本一" not in files[url]
            assert json.loads(files[server.base + "search/answers/yanji.json"])["build"] == "222222222222"
            assert any("/search/index/s/" in u for u in files)  # the index files carried over: the same index
            assert all(_index_build(t) == index for u, t in files.items() if "/search/index/" in u)
            page.close()

            _answers_offline_from(context, server, url, "版本二")
    finally:
        context.close()


def test_a_page_of_another_build_never_gets_the_kept_answer_file(browser, real_site, tmp_path):
    """The kept copy is build one; build two's page loads from the network, then its answer file does
    not: the worker does not answer it from build one's copy (the box says the data did not come), while
    build one's page, in the same situation, gets it."""
    one = _new_build(real_site, tmp_path / "one", "111111111111", "版本一")
    two = _new_build(real_site, tmp_path / "two", "222222222222", "版本二")
    live = tmp_path / "live"
    _publish(live, one)

    def no_data(path: str) -> None:  # the page and its assets come; the answers and the index do not
        if "/search/" in path:
            raise ConnectionAbortedError(path)

    context = browser.new_context(**PHONE)
    try:
        with weaknet.serve(live) as server:
            url = server.base + "yanji/"
            _keep(context, url)[0].close()
            server.hook = no_data
            for build, marker, answered in ((two, "版本二", False), (one, "版本一", True)):
                _publish(live, build)
                page = context.new_page()
                page.goto(url)
                assert page.inner_text(".vc-build") == marker
                page.fill("#vc-ask-q", QUERY)
                page.wait_for_function(
                    "() => document.querySelector('.vc-ask-out').textContent.trim() !== ''", timeout=60000, polling=50
                )
                out = page.locator(".vc-ask-out")
                if answered:
                    assert out.locator(".vc-o-forbidden").count() >= 1
                else:
                    assert out.locator(".vc-outcome").count() == 0 and "没有取到" in out.inner_text()
                page.close()
    finally:
        context.close()


def _fetched(page, name: str) -> bool:
    return page.evaluate(
        "n => performance.getEntriesByType('resource').some(r => r.name.endsWith('/assets/' + n))", name
    )


def test_the_offline_script_is_fetched_only_where_it_is_needed(browser, real_site):
    """A first visit fetches assets/offline.js only once a county page has answered (site.js loads it);
    after that, every page the worker controls fetches it at once."""
    context = browser.new_context(**PHONE)
    try:
        with weaknet.serve(real_site) as server:
            page = context.new_page()
            for uri in ("about/", "yanji/"):
                page.goto(server.base + uri, wait_until="networkidle")
                assert not _fetched(page, "offline.js"), uri
            page.fill("#vc-ask-q", QUERY)
            page.wait_for_function("() => window.vcOffline && window.vcOffline.kept()", timeout=60000, polling=50)
            assert _fetched(page, "offline.js")
            page.goto(server.base + "about/", wait_until="networkidle")
            page.wait_for_function("() => window.vcOffline !== undefined", timeout=60000, polling=50)  # controlled now
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
                page.wait_for_function(
                    "n => document.querySelectorAll('.vc-wechat-top').length === n", arg=1 if shown else 0
                )
                hints = page.locator(".vc-wechat-top")
                loaded = page.evaluate(
                    "performance.getEntriesByType('resource').some(r => r.name.endsWith('/assets/wechat.js'))"
                )
                assert loaded == shown  # other browsers never fetch it
                if shown:
                    assert "右上角“…”" in hints.inner_text() and "在浏览器打开" in hints.inner_text()
                page.goto(server.base + "yanji/")
                page.wait_for_load_state("load")
                assert page.locator(".vc-wechat-hint").count() == 0  # no downloads on this page
            finally:
                context.close()
