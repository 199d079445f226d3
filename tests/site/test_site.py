"""The built site (no browser): URLs, banners, URL stability, determinism, atomic publishing,
no third-party loads, escaping of untrusted catalog text.

Builds are session fixtures from conftest.py (`real_site`, `xss_site`, …), strict, with
CATALOG_TODAY fixed to SITE_TODAY. Pages are checked as files: `<site>/<uri>index.html`.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import shutil
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import REPO_ROOT, SITE_TODAY, XSS_OVERLAY
from mkdocs.exceptions import Abort, PluginError

from generator.catalog.model import CatalogKind, Status
from generator.catalog.validate import check_catalogs

ATOM = "{http://www.w3.org/2005/Atom}"
BANNER = "<strong>示例数据</strong>"
KO_BANNER = "<strong>례시자료</strong>"  # the Korean twin's
EXPECTED_URLS = [
    "",
    "yanji/",
    "yanji/certificates/",
    "yanji/certificates/2023-10-27/",
    "yanji/certificates/2024-06-30/",
    "yanji/certificates/changes/",
    "yanji/certificates/YJ-ZM-005/",
    "id/YJ-ZM-005/",
    "changes/",
    "changes/feed.xml",
    "certificates/",
    "dunhua/certificates/2027-01-01/",
]
HAND_WRITTEN = ("about/", "guide/")  # Markdown pages under content/: they explain the data, show none


# --- helpers ---------------------------------------------------------------------------------------


def page_file(site: Path, uri: str) -> Path:
    """The file serving site-relative `uri` ("" = home; "x/" = x/index.html; else the file)."""
    return site / uri / "index.html" if uri == "" or uri.endswith("/") else site / uri


def read(site: Path, uri: str) -> str:
    path = page_file(site, uri)
    assert path.is_file(), f"/{uri} is missing (no {path.relative_to(site)})"
    return path.read_text(encoding="utf-8")


def article(html: str) -> str:
    """The page body MkDocs rendered (inside <article>), without theme chrome."""
    match = re.search(r"<article\b.*?</article>", html, re.S)
    assert match, "no <article> in page"
    return match.group(0)


def text(html: str) -> str:
    """Visible text, tags stripped and entities decoded, whitespace collapsed."""
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def html_uris(site: Path) -> set[str]:
    """Every HTML page as a site-relative URL ("yanji/" for yanji/index.html; 404.html as is)."""
    out = set()
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        out.add(rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel)
    return out


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def resolve(from_uri: str, href: str) -> str:
    """Site-relative path that a relative `href` on the page at `from_uri` points to."""
    return urlsplit(urljoin("http://site.invalid/" + from_uri, href)).path.lstrip("/")


class Tags(HTMLParser):
    """Start tags with their attributes, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


def tags(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


# --- the real site -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def real_catalogs():
    catalogs, problems = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)
    assert not [p for p in problems if p.is_error]
    return catalogs


@pytest.mark.parametrize("uri", EXPECTED_URLS)
def test_expected_url_exists(real_site, uri):
    assert page_file(real_site, uri).is_file(), f"/{uri} was not built"


def test_removed_item_keeps_a_tombstone(real_site, real_catalogs):
    body = text(article(read(real_site, "yanji/certificates/YJ-ZM-005/")))
    assert re.search(r"已于 ?\d{4}年\d{1,2}月\d{1,2}日 ?起从目录中取消", body), body[:400]
    history = real_catalogs.history("yanji", CatalogKind.CERTIFICATES)
    reason = next(c.reason for e in history for c in e.changes if c.item == "YJ-ZM-005" and c.action.value == "removed")
    assert reason in body


def test_local_changes_to_an_adopted_item_are_named_in_chinese(real_site):
    """YJ-ZM-004 adopts YB-ZM-004 with its own deadline: the page names the field as the public reads it."""
    body = text(article(read(real_site, "yanji/certificates/YJ-ZM-004/")))
    assert "本地调整：办结时限" in body and "deadline" not in body


def test_id_resolver_redirects_to_item_page(real_site):
    html = read(real_site, "id/YJ-ZM-005/")
    refresh = next(a for t, a in tags(html) if t == "meta" and a.get("http-equiv", "").lower() == "refresh")
    target = re.search(r"url=(\S+)", refresh["content"]).group(1)
    assert resolve("id/YJ-ZM-005/", target) == "yanji/certificates/YJ-ZM-005/"
    canonical = next(a["href"] for t, a in tags(html) if t == "link" and a.get("rel") == "canonical")
    assert resolve("id/YJ-ZM-005/", canonical) == "yanji/certificates/YJ-ZM-005/"


def test_atom_feed_is_well_formed(real_site, real_catalogs):
    root = ET.parse(page_file(real_site, "changes/feed.xml")).getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("title", "id", "updated"):
        assert (root.findtext(f"{ATOM}{tag}") or "").strip(), f"feed has no <{tag}>"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(real_catalogs.all_editions())
    for entry in entries:
        for tag in ("title", "id", "updated"):
            assert (entry.findtext(f"{ATOM}{tag}") or "").strip(), f"entry without <{tag}>"
        assert entry.find(f"{ATOM}link").get("href", "").startswith(("http://", "https://"))
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids)), "entry ids must be unique"


def test_matrix_lists_every_county(real_site, real_catalogs):
    body = article(read(real_site, "certificates/"))
    for county in real_catalogs.counties():
        assert f'href="../{county.slug}/certificates/"' in body, county.slug
    assert "YB-ZM-001" in body


def test_upcoming_edition_is_marked(real_site):
    assert "即将生效" in text(article(read(real_site, "dunhua/certificates/2027-01-01/")))
    current = article(read(real_site, "dunhua/certificates/"))
    assert "即将生效" in text(current) and 'href="2027-01-01/"' in current


def test_frozen_edition_says_it_is_superseded(real_site):
    uri = "yanji/certificates/2023-10-27/"
    body = article(read(real_site, uri))
    banner = re.search(r'<div class="vc-banner vc-superseded">.*?</div>', body, re.S)
    assert banner, "the 2023-10-27 edition has no 'superseded' banner"
    assert "取代" in text(banner.group(0))
    links = [resolve(uri, a["href"]) for t, a in tags(banner.group(0)) if t == "a"]
    assert "yanji/certificates/2024-06-30/" in links


def test_pages_showing_example_data_carry_the_banner(real_site, real_catalogs):
    # Any generated page that shows an example badge or an example document number.
    missing = []
    for uri in sorted(html_uris(real_site)):
        if uri.startswith(HAND_WRITTEN) or uri.startswith("id/") or uri == "404.html":
            continue
        html = read(real_site, uri)
        if "<article" not in html:
            continue
        body = article(html)
        banners = (BANNER, KO_BANNER) if uri.startswith("ko/") else (BANNER,)  # a Korean page may show either
        if ('class="vc-badge vc-ex"' in body or "（示例）" in body) and not any(b in body for b in banners):
            missing.append(uri)
    assert not missing, f"example data without the 示例数据 banner: {missing[:20]}"
    # And from the model: every edition with example content and every example item.
    for edition in real_catalogs.all_editions():
        if edition.has_example_content:
            assert BANNER in read(real_site, f"{edition.key}/"), edition.key
        for item in edition.items:
            if item.status is Status.EXAMPLE:
                assert BANNER in read(real_site, f"{edition.region}/{edition.catalog.value}/{item.id}/"), item.id
    for uri in ("", "certificates/", "changes/"):
        assert BANNER in read(real_site, uri), f"/{uri}"


def test_official_forbidden_list_shows_its_source(real_site, real_catalogs):
    edition = real_catalogs.in_force("yanbian", CatalogKind.FORBIDDEN, datetime.date.fromisoformat(SITE_TODAY))
    assert edition.status is Status.OFFICIAL
    body = article(read(real_site, "yanbian/forbidden-certificates/"))
    assert BANNER not in body, "an official list must not carry the example banner"
    assert 'class="vc-badge vc-official"' in body
    assert "来源：" in text(body) and edition.source.document in text(body)
    for item in edition.items:
        item_body = text(article(read(real_site, f"yanbian/forbidden-certificates/{item.id}/")))
        assert "来源：民发〔2020〕20号" in item_body, item.id
        assert BANNER not in item_body


# --- URL stability -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def first_editions_site(tmp_path_factory, site_project, site_build) -> Path:
    """The site as it was when only each catalog's first edition existed."""
    tmp = tmp_path_factory.mktemp("first")
    catalogs = tmp / "catalogs-src"
    shutil.copytree(REPO_ROOT / "catalogs", catalogs)
    for folder in {p.parent for p in catalogs.glob("*/*/*.yaml")}:
        for later in sorted(folder.glob("*.yaml"))[1:]:  # file names are effective dates
            later.unlink()
    return site_build(site_project(tmp / "project", catalogs), tmp / "site")


def test_every_url_of_the_first_editions_still_exists(first_editions_site, real_site):
    old = html_uris(first_editions_site)
    assert len(old) > 500
    broken = sorted(uri for uri in old if not page_file(real_site, uri).is_file())
    assert not broken, f"published URLs that no longer resolve: {broken[:20]}"
    assert (real_site / "changes" / "feed.xml").is_file()


# --- determinism -------------------------------------------------------------------------------------


def test_same_input_builds_byte_identical_output(real_site, tmp_path, site_build, monkeypatch):
    """Also: what the build cache on disk gave the first build is what making it afresh gives."""
    monkeypatch.setenv("VC_BUILD_CACHE", "0")
    again = site_build(REPO_ROOT / "mkdocs.yml", tmp_path / "again")
    first, second = tree_digest(real_site), tree_digest(again)
    assert first.keys() == second.keys(), sorted(first.keys() ^ second.keys())[:20]
    differing = sorted(k for k in first if first[k] != second[k])
    assert not differing, f"files differ between two builds of the same input: {differing[:20]}"


def test_a_first_build_on_every_core_builds_the_same_site(real_site, tmp_path, site_project, site_build, monkeypatch):
    """A fresh project (empty build cache) makes its QR codes, workbooks and plaques in forked workers
    while the pages are rendered (parallel.py); the site is the same, file for file."""
    from generator.build import parallel
    from generator.signboards import qr

    batches = []
    monkeypatch.setattr(qr, "_made", {})  # as in a new process: no QR code made yet
    real_start = parallel.Batch.start
    monkeypatch.setattr(
        parallel.Batch, "start", lambda self: batches.append({fn.__name__ for fn, _ in self._jobs}) or real_start(self)
    )
    with parallel.configured(workers=2):  # as under `mkdocs build` on two free cores (tests run servers)
        again = site_build(site_project(tmp_path / "project"), tmp_path / "site")
    assert batches == [{"_make", "_edition_xlsx", "_all_three"}], batches  # QR codes, workbooks, plaques: one batch
    first, second = tree_digest(real_site), tree_digest(again)
    assert first.keys() == second.keys(), sorted(first.keys() ^ second.keys())[:20]
    assert not sorted(k for k in first if first[k] != second[k])


# --- a failed build leaves the published site alone -----------------------------------------------


def _break_with_typo(project: Path) -> None:
    path = project / "catalogs" / "yanji" / "certificates" / "2024-06-30.yaml"
    text_ = path.read_text(encoding="utf-8")
    path.write_text(text_.replace("  - id: YJ-ZM-101\n", "  - id: YJ-ZM-101\n    nmae: x\n", 1), encoding="utf-8")


def _break_with_strict_warning(project: Path) -> None:
    # Valid catalogs, but a hand-written page links to a page that does not exist:
    # a warning, which --strict turns into a failure after all pages were written to staging.
    (project / "content" / "broken.md").write_text("# 坏链接\n\n[不存在](missing.md)\n", encoding="utf-8")


@pytest.mark.parametrize(
    "breaker, match",
    [
        (_break_with_typo, "nmae"),  # PluginError from on_config, re-raised by MkDocs as Abort
        (_break_with_strict_warning, "strict mode"),
    ],
    ids=["invalid-catalog", "strict-warning"],
)
def test_failed_build_leaves_previous_site_untouched(breaker, match, real_site, tmp_path, site_project, site_build):
    site = tmp_path / "published"
    shutil.copytree(real_site, site)  # a previous good build, published at `site`
    before = tree_digest(site)
    config_file = site_project(tmp_path / "project")
    breaker(config_file.parent)
    with pytest.raises((PluginError, Abort)) as failure:
        site_build(config_file, site)
    assert match in f"{failure.value} {failure.value.__context__}", "the build failed for another reason"
    assert tree_digest(site) == before, "the published site changed although the build failed"
    assert not Path(str(site) + ".staging").exists(), "staging folder left behind"
    assert not Path(str(site) + ".old").exists()


# --- nothing is loaded from another origin -------------------------------------------------------

LOADING_RELS = {
    "stylesheet",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "import",
}
THIRD_PARTY_HINTS = ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "cdnjs.")


def _is_foreign(url: str) -> bool:
    url = url.strip()
    return bool(re.match(r"(?i)([a-z][a-z0-9+.-]*:)?//", url)) or url.lower().startswith(("http:", "https:"))


def test_no_page_loads_anything_from_another_origin(real_site):
    problems = []
    for path in sorted(real_site.rglob("*.html")):
        uri = path.relative_to(real_site).as_posix()
        html = path.read_text(encoding="utf-8")
        for tag, attrs in tags(html):
            rels = set(attrs.get("rel", "").lower().split())
            urls = []
            if tag in ("script", "img", "iframe", "frame", "embed", "source", "audio", "video", "track", "input"):
                urls += [attrs.get("src", "")]
            if tag in ("img", "source"):
                urls += [u.split()[0] for u in attrs.get("srcset", "").split(",") if u.strip()]
            if tag == "link" and rels & LOADING_RELS:
                urls.append(attrs.get("href", ""))
            if tag == "object":
                urls.append(attrs.get("data", ""))
            if tag == "video":
                urls.append(attrs.get("poster", ""))
            problems += [f"{uri}: <{tag}> {u}" for u in urls if u and _is_foreign(u)]
            style = attrs.get("style", "")
            problems += [
                f"{uri}: style url({u})" for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", style) if _is_foreign(u)
            ]
        for block in re.findall(r"<style\b.*?</style>", html, re.S):
            problems += [
                f"{uri}: <style> {u}"
                for u in re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])([^'\")\s;]+)", block)
                if _is_foreign(u)
            ]
        # Plain <a href> links to source documents are fine; third-party hosts anywhere else are not.
        without_links = re.sub(r"<a\b[^>]*>", "", html)
        problems += [f"{uri}: mentions {h}" for h in THIRD_PARTY_HINTS if h in without_links]
    for path in sorted(real_site.rglob("*.css")):
        css = path.read_text(encoding="utf-8")
        for u in re.findall(r"(?:url\(\s*['\"]?|@import\s+(?!url\()['\"]?)([^'\")\s;]+)", css):
            if _is_foreign(u):
                problems.append(f"{path.relative_to(real_site)}: {u}")
    assert not problems, "\n".join(problems[:30])


def test_shipped_javascript_has_no_unconditional_third_party_loads(real_site):
    # Material's bundle can load two scripts from unpkg, only on demand: a ResizeObserver polyfill
    # (browsers without ResizeObserver, i.e. older than ~2020) and mermaid (pages with diagrams).
    known = {"https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid@11/dist/mermaid.min.js"}
    found = set()
    for path in real_site.rglob("*.js"):
        js = path.read_text(encoding="utf-8", errors="replace")
        assert "fonts.googleapis" not in js and "fonts.gstatic" not in js, path
        found |= set(re.findall(r"https?://unpkg\.com[^\s\"'`)]*", js))
    assert found <= known, found - known
    mermaid_pages = [p for p in real_site.rglob("*.html") if 'class="mermaid"' in p.read_text(encoding="utf-8")]
    assert not mermaid_pages, "a mermaid diagram would load mermaid from unpkg"


def test_no_protocol_relative_links(real_site):
    """`//host/path` is another origin; a template building '{{ base_url }}/x' makes one when base_url is '/'."""
    found = []
    for path in sorted(real_site.rglob("*.html")):
        for tag, attrs in tags(path.read_text(encoding="utf-8")):
            for name in ("href", "src", "action"):
                if attrs.get(name, "").startswith("//"):
                    found.append(f"{path.relative_to(real_site)}: <{tag} {name}={attrs[name]}>")
    assert not found, "\n".join(found)


# --- untrusted text is escaped -------------------------------------------------------------------

XSS_ITEM = "yanji/certificates/YJ-ZM-102/"


def test_xss_fixture_passes_validation(xss_project):
    root = xss_project.parent
    _, problems = check_catalogs(root / "catalogs", root)
    assert not [p for p in problems if p.is_error], [str(p) for p in problems]
    assert (XSS_OVERLAY / "catalogs" / "yanji" / "certificates" / "2024-12-01.yaml").is_file()


def test_catalog_text_is_escaped_in_html(xss_site):
    pages = {p.relative_to(xss_site).as_posix(): p.read_text(encoding="utf-8") for p in xss_site.rglob("*.html")}
    item_page = pages[XSS_ITEM + "index.html"]
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in item_page
    assert "&lt;img src=x onerror=window.__xss=2&gt;" in item_page  # notes, shown as text
    assert "[x](javascript:alert(1))" in item_page  # alias, shown as text, not a link
    changes = pages["yanji/certificates/changes/index.html"]
    assert "**bold** &amp; &lt;b&gt;" in changes  # the reason: no Markdown, no HTML
    for uri, html in pages.items():
        assert "<script>window.__xss" not in html, uri
        assert not re.search(r"(?i)href\s*=\s*[\"']?\s*javascript:", html), uri
        assert not re.search(r"(?i)<img\s+src=[\"']?x\b", html), uri
        assert not re.search(r"(?i)<(iframe|svg)\b[^>]*(javascript:|onload=)", html), uri
        assert "<strong>bold</strong>" not in html, uri
        assert not re.search(r"(?i)<img\b[^>]*example\.com", html), uri  # Markdown image syntax stays text
    feed = ET.parse(xss_site / "changes" / "feed.xml").getroot()  # still well-formed XML
    assert feed.tag == f"{ATOM}feed"


def test_search_records_keep_catalog_markup_as_text(xss_site):
    """Catalog text reaches the search index as JSON strings, exactly as written (the browser inserts
    it as text), and the theme's whole-site search_index.json is not published."""
    import json

    from generator.site.search import SearchDoc, write_index

    marker = "<img src=x onerror=window.__xss=3>"
    doc = SearchDoc(
        "yanji/certificates/YJ-ZM-102/", f"{marker} · 延吉市", "<script>x</script>", (marker,), ("<b>한</b>",), "yanji"
    )
    out = xss_site.parent / "xss-index"
    write_index([doc], out, ["yanji"])
    manifest = json.loads((out / "search/index/manifest.json").read_text(encoding="utf-8"))
    record = json.loads((out / "search/index/r/0.json").read_text(encoding="utf-8"))
    assert record == {
        "b": manifest["build"],
        "r": [[f"{marker} · 延吉市", "yanji/certificates/YJ-ZM-102/", "<script>x</script>"]],
    }
    assert (xss_site / "search" / "index" / "manifest.json").is_file()
    assert not (xss_site / "search" / "search_index.json").exists()


# --- the answer ------------------------------------------------------------------------------------


def test_no_page_says_unlisted_certificates_are_generally_not_issued(real_site):
    """Seed 二(三)10: a certificate on neither list may still be issued; no page may say otherwise."""
    wrong = [
        p.relative_to(real_site).as_posix()
        for p in real_site.rglob("*.html")
        if re.search("一般不再出具|一律不再出具", p.read_text(encoding="utf-8"))
    ]
    assert not wrong, wrong


def test_every_county_has_its_answer_file(real_site, real_catalogs):
    import json

    for county in real_catalogs.counties():
        data = json.loads((real_site / "search" / "answers" / f"{county.slug}.json").read_text(encoding="utf-8"))
        assert data["county"] == county.slug and data["name"] == county.name
        assert {e["outcome"] for e in data["entries"]} >= {"retained", "forbidden"}
        for entry in data["entries"]:
            assert page_file(real_site, entry["url"]).is_file(), entry["url"]  # every answer links a real page
    yanji = json.loads((real_site / "search/answers/yanji.json").read_text(encoding="utf-8"))
    removed = next(e for e in yanji["entries"] if e["id"] == "YJ-ZM-005")
    assert removed["outcome"] == "removed" and removed["details"]["since"] == "2024年6月30日" and removed["example"]


class _Hangul(HTMLParser):
    """Hangul text inside <article> that no element marks lang="ko"."""

    VOID = {"br", "img", "input", "hr", "meta", "link", "wbr", "source", "area", "col", "embed", "track"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, inside article, Korean)
        self.unmarked: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        top = self.stack[-1] if self.stack else ("", False, False)
        lang = dict(attrs).get("lang")
        self.stack.append((tag, top[1] or tag == "article", lang.startswith("ko") if lang else top[2]))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][1] and not self.stack[-1][2] and self.stack[-1][0] not in ("script", "style"):
            if re.search("[\uac00-\ud7a3]", data):
                self.unmarked.append(data.strip()[:30])


def test_hangul_is_marked_korean_on_every_page(real_site):
    problems = {}
    for path in sorted(real_site.rglob("index.html")):
        parser = _Hangul()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.unmarked:
            problems[path.relative_to(real_site).as_posix()] = parser.unmarked[:3]
    assert not problems, dict(list(problems.items())[:5])


def test_generated_pages_skip_markdown_as_mkdocs_would_render_them(monkeypatch):
    """generated.render_generated stands in for MkDocs' Page.render on generated pages, whose Markdown is
    their front matter only: MkDocs' own render of such a page gives the same (nothing)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from generator.site.generated import FRONT_END
    from generator.site.generated import render_generated as _render_generated
    from generator.site.pagetext import page_markdown

    monkeypatch.setenv("SITE_URL", "https://catalogs.example.invalid/")
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = "village-catalogs"  # File.generated records which plugin made the file
    for search in (True, False):
        front = page_markdown("标题 <b>", "<p>正文 <a href='#x' id='y'>链接</a></p>", search=search, description="说明")
        front = front.partition(FRONT_END)[0] + FRONT_END
        pages = []
        for render in ("mkdocs", "ours"):
            file = File.generated(config, "yanji/certificates/index.md", content=front)
            page = Page(None, file, config)
            page.read_source(config)
            files = Files([file])
            page.render(config, files) if render == "mkdocs" else _render_generated(page, config, files)
            pages.append(
                (page.content, list(page.toc), page.present_anchor_ids, page.links_to_anchors or {}, page.title)
            )
        assert pages[0] == pages[1], pages


def test_theme_parts_rendered_once_are_the_ones_each_page_would_render(real_site, tmp_path, site_build, monkeypatch):
    """theme.SidebarMemo renders the sidebars of generated pages off the navigation once per folder they
    are seen from, theme.ConfigMemo the theme's configuration script once per depth, and theme.FrameMemo
    the whole page around such a page's own words once per folder; rendering them for every page
    instead builds the same site, file for file (both languages: the real site has the Korean twin)."""
    from generator.site import theme

    keys: dict[str, list] = {"sidebars": [], "config": [], "frames": []}
    memos = (("sidebars", theme.SidebarMemo), ("config", theme.ConfigMemo), ("frames", theme.FrameMemo))
    for name, memo in memos:
        monkeypatch.setattr(
            memo, "key", lambda self, page, real=memo.key, seen=keys[name]: seen.append(real(self, page)) and None
        )
    again = site_build(REPO_ROOT / "mkdocs.yml", tmp_path / "site")
    for name, seen in keys.items():
        shared = [k for k in seen if k is not None]
        assert len(shared) > 2 * len(set(shared)) > 0, f"the {name} memo would hardly be used"
    assert None in keys["sidebars"]  # pages in the navigation and hand-written ones render their own
    assert None in keys["frames"]  # so do pages less than three folders deep (their feed links)
    assert any(k[1] for k in keys["frames"] if k) and any(not k[1] for k in keys["frames"] if k)  # Hangul titles or not
    first, second = tree_digest(real_site), tree_digest(again)
    assert first.keys() == second.keys(), sorted(first.keys() ^ second.keys())[:20]
    assert not sorted(k for k in first if first[k] != second[k])
