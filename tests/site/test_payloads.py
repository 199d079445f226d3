"""Escaping by construction (issue 20): markup in every string field of every kind of data file —
region (with its towns and villages), editions and their items, the common-names table, the
milestones — is published as text, never as markup or script.

The committed catalogs get a payload appended to every string value (read and written back with
ruamel.yaml, so the files stay the same YAML); a value the validator refuses with the payload (an
ID, a slug, a date, an address …) is given back its own text, until `check` passes. Then the site is
built with `--strict` and every file it writes is scanned for the payload's markup, and Chromium
opens every kind of page, asks the answer box and the search, with a trap that records any script
the payload manages to run.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import xml.dom.minidom
from pathlib import Path

import pytest
from conftest import REPO_ROOT, _serve, _site_build, _site_make_project

from generator.catalog.errors import format_path
from generator.catalog.validate import check_catalogs

# Each payload calls vcPwned(n) if any part of it ever runs; the trap in the browser records n.
PAYLOAD = (
    "<img src=x onerror=vcPwned(1)>\"'</title></textarea><script>vcPwned(2)</script>"
    "<svg onload=vcPwned(3)>]]><!--{{7*7}}[vc](javascript:vcPwned(4))**vcb**&amp;"
)
SHORT = "<b onclick=vcPwned(5)>"  # for fields too short for the whole payload
RAW = (
    "<img src=x onerror=vcPwned",
    "<script>vcPwned",
    "<svg onload=vcPwned",
    "<b onclick=vcPwned",
    "'</title></textarea>",
    "<!--{{7*7}}",
)
# Every file a browser or a feed reader may read as markup or script. CSV files are data for
# spreadsheets, where text is text; what is dangerous there is a formula, which the CSV writer
# disarms (tests/site/test_opendata.py).
TEXT_SUFFIXES = {".html", ".xml", ".svg", ".json", ".js", ".txt", ".webmanifest"}
ROUNDS = 20
# Fields whose values have a form of their own, which the validator checks: they give the payload up.
CODED = {
    "id",
    "adopts",
    "based_on",
    "catalog",
    "kind",
    "status",
    "effective",
    "date",
    "url",
    "slug",
    "code",
    "id_prefix",
    "level",
    "parent",
    "source",
    "action",
    "item",
    "replaced_by",
    "means",
    "role",
    "colour",
    "orientation",
    "placement",
    "category",
    "deadline",
    "check",
    "due",
    "key",
    "horizontal",
    "vertical",
    "verified",
    "sources",
}


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: comments, order and quoting kept
    yaml.width = 10_000  # one value stays on one line
    yaml.preserve_quotes = True
    return yaml


def _strings(node, parts=()):
    """(data path, value) of every string in a loaded document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*parts, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*parts, i))
    elif isinstance(node, str):
        yield parts, node


def _set(node, parts, value) -> None:
    for part in parts[:-1]:
        node = node[part]
    old = node[parts[-1]]
    node[parts[-1]] = type(old)(value) if type(old) is not str else value  # keep ruamel's quoting style


class Injection:
    """Which string fields of which files carry which payload; written back after every change."""

    def __init__(self, catalogs: Path) -> None:
        self.catalogs = catalogs
        self.yaml = _yaml()
        self.docs = {p: self.yaml.load(p.read_text(encoding="utf-8")) for p in sorted(catalogs.rglob("*.yaml"))}
        self.original = {p: dict(_strings(d)) for p, d in self.docs.items()}
        self.carried: dict[Path, dict[tuple, str]] = {p: {k: PAYLOAD for k in v} for p, v in self.original.items()}

    def write(self) -> None:
        for path, doc in self.docs.items():
            for parts, text in self.original[path].items():
                payload = self.carried[path].get(parts, "")
                _set(doc, parts, text + payload)
            out = io.StringIO()
            self.yaml.dump(doc, out)
            # ruamel keeps an end-of-line comment one space after a value that grew; the loader takes
            # " #" for a slip (the value cut short), so comments keep their two spaces
            path.write_text(re.sub(r"(?<=\S) # ", "  # ", out.getvalue()), encoding="utf-8")

    def back_off(self, uri: str, field: str, *, enclosing: bool) -> bool:
        """The fields an error names give up their payload (the whole one for the short one, the short
        one for their own text): its field and what lies under it; with `enclosing`, else those of the
        nearest enclosing part that has any (an item, for a rule about the item as a whole), or the file's."""
        path = self.catalogs.parent / uri
        names = {parts: format_path(parts) for parts in self.carried.get(path, {})}
        while True:
            hit = [p for p, n in names.items() if not field or n == field or n.startswith((field + ".", field + "第"))]
            if hit or not field or not enclosing:
                break
            shorter = re.sub(r"(\.[^.第]+|第\d+项)$", "", field)
            field = shorter if shorter != field else ""  # a top-level key: the file's fields
        for parts in hit:
            if self.carried[path][parts] == PAYLOAD:
                self.carried[path][parts] = SHORT
            else:
                del self.carried[path][parts]
        return bool(hit)

    def back_off_overlap(self, error) -> bool:
        """A county item declared to overlap forbidden item N no longer resembles it once the
        forbidden list's names carry the payload too: those names give theirs up."""
        found = re.search(r"第 (\d+) 项", error.message)
        if "overlaps_forbidden" not in error.field or not found:
            return False
        return any(
            [
                self.back_off(
                    p.relative_to(self.catalogs.parent).as_posix(), f"items第{found.group(1)}项.{key}", enclosing=False
                )
                for p in self.docs
                if p.parent.name == "forbidden-certificates"
                for key in ("name", "variants")
            ]
        )

    def fields(self) -> set[str]:
        return {
            f"{p.relative_to(self.catalogs).as_posix()}:{format_path(k)}" for p, v in self.carried.items() for k in v
        }

    def lost(self) -> set[str]:
        """Every string field, carried or not, named as `fields` names them."""
        return {
            f"{p.relative_to(self.catalogs).as_posix()}:{format_path(k)}" for p, v in self.original.items() for k in v
        }


@pytest.fixture(scope="module")
def payload_project(tmp_path_factory):
    project = _site_make_project(tmp_path_factory.mktemp("payload") / "project")
    catalogs = project / "catalogs"
    injection = Injection(catalogs)
    for _ in range(ROUNDS):
        injection.write()
        _, problems = check_catalogs(catalogs, project)
        errors = [p for p in problems if p.is_error]
        if not errors:
            break
        # Values that are themselves refused first: errors that follow from them (an ID another file
        # refers to, say) go away with them. Only then errors about a part or another file's values.
        changed = [injection.back_off(e.path, e.field, enclosing=False) for e in errors]
        if not any(changed):
            changed = [
                injection.back_off_overlap(e) or injection.back_off(e.path, e.field, enclosing=True) for e in errors
            ]
        if not any(changed):
            pytest.fail("errors the payload caused that name no injected field:\n" + "\n".join(map(str, errors[:20])))
    else:
        pytest.fail(f"check still fails after {ROUNDS} rounds")
    return project, injection


@pytest.fixture(scope="module")
def payload_site(payload_project, tmp_path_factory) -> Path:
    project, _ = payload_project
    return _site_build(project / "mkdocs.yml", tmp_path_factory.mktemp("payload-site") / "site")


def test_the_payload_reaches_every_kind_of_data_file_and_field(payload_project):
    _, injection = payload_project
    carried = injection.fields()
    expected = [
        "yanji/region.yaml:name",  # the region's name: navigation, titles, feeds of every page
        "yanji/region.yaml:towns第1项.name",
        "yanji/region.yaml:towns第1项.villages第1项.name",
        "yanji/region.yaml:name_ko",
        "yanbian/certificate-names.yaml",  # the common-names table
        "yanbian/milestones.yaml:milestones第1项.name",
        "yanji/certificates/",  # a county's editions and their items
        "yanbian/forbidden-certificates/",
        "yanbian/signboards/",
        "yanbian/work-affairs/",
    ]
    missing = [e for e in expected if not any(f == e or f.startswith(e) for f in carried)]
    assert not missing, f"fields that do not carry the payload: {missing}"
    assert len(carried) > 900
    # what gives the payload up is what has a form of its own (IDs, slugs, dates, addresses, values
    # from a fixed list …), and the names of the forbidden items that county items declare to overlap
    lost = sorted(injection.lost() - carried)
    free_text = [f for f in lost if re.sub(r"第\d+项", "", f.rsplit(".", 1)[-1].rsplit(":", 1)[-1]) not in CODED]
    assert len(free_text) <= 4 and all("forbidden-certificates" in f for f in free_text), free_text


def _text_files(site: Path):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_no_output_file_carries_raw_markup(payload_site):
    raw, seen = [], 0
    for path, text in _text_files(payload_site):
        seen += 1
        for fragment in RAW:
            if fragment in text:
                raw.append(f"{path.relative_to(payload_site)}: {fragment}")
                break
    assert seen > 1000
    assert not raw, f"{len(raw)} files carry raw markup from the data, e.g. {raw[:10]}"


def test_the_payload_is_published_as_text(payload_site):
    """Escaped, not dropped: the region's name with its payload in the navigation, the title and the
    feeds' links of the region's page; Jinja syntax in data is never evaluated."""
    page = (payload_site / "yanji/index.html").read_text(encoding="utf-8")
    shown = (
        "延吉市&lt;img src=x onerror=vcPwned(1)&gt;&#34;&#39;&lt;/title&gt;&lt;/textarea&gt;&lt;script&gt;vcPwned(2)"
    )
    nav = page[page.index('<nav class="md-nav md-nav--primary"') : page.index('<nav class="md-nav md-nav--secondary"')]
    assert shown in nav
    assert "<title>" + shown in page
    assert 'title="' + shown in page  # the feed link in the head
    assert "{{7*7}}" in page and ">49<" not in page


def test_structured_files_stay_well_formed(payload_site):
    for path, text in _text_files(payload_site):
        if path.suffix == ".json" or path.suffix == ".webmanifest":
            json.loads(text)
        elif path.suffix in {".xml", ".svg"}:
            xml.dom.minidom.parseString(text.encode("utf-8"))


TRAP = """
window.__pwned = [];
window.vcPwned = function (n) { window.__pwned.push(n); };
"""


def _pages(site: Path) -> list[str]:
    """One page of every kind: the home page, a county, its catalogs, an edition, an item, the
    prefecture's lists, the gallery with a plaque set, the status, changes, matrix, data and compare pages."""
    wanted = [
        "",
        "yanji/",
        "yanji/certificates/",
        "yanji/certificates/changes/",
        "yanji/work-affairs/",
        "yanji/signboards/",
        "yanbian/forbidden-certificates/",
        "yanbian/certificates/",
        "status/",
        "changes/",
        "certificates/",
        "data/",
        "signboards/",
        "signboards/yanji/",
    ]
    item = next(p for p in sorted((site / "yanji/certificates").iterdir()) if p.name.startswith("YJ-ZM-"))
    edition = next(
        p for p in sorted((site / "yanji/certificates").iterdir()) if re.fullmatch(r"\d{4}-\d\d-\d\d", p.name)
    )
    wanted += [f"yanji/certificates/{item.name}/", f"yanji/certificates/{edition.name}/"]
    wanted += [p.parent.relative_to(site).as_posix() + "/" for p in site.glob("*/*/compare/index.html")][:1]
    assert all((site / w / "index.html").is_file() for w in wanted), [
        w for w in wanted if not (site / w / "index.html").is_file()
    ]
    return wanted


def test_no_payload_runs_in_chromium(browser, payload_site):
    base = _serve(str(payload_site))
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN")
    ctx.add_init_script(TRAP)
    page = ctx.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    ran: dict[str, list] = {}
    try:
        for uri in _pages(payload_site):
            page.goto(base + uri, wait_until="networkidle")
            if page.evaluate("window.__pwned.length"):
                ran[uri] = page.evaluate("window.__pwned")
            assert page.locator("a[href^='javascript:' i]").count() == 0, uri
        # the answer box and the search dialog show the data too
        page.goto(base + "yanji/", wait_until="networkidle")
        page.fill("#vc-ask-q", "证明")
        page.wait_for_function("document.querySelector('.vc-ask-out').dataset.shown.endsWith('/证明')")
        assert page.locator(".vc-ask-out .vc-result").count() > 0
        button = page.locator("label.md-header__button[for=__search]")
        if button.is_visible():
            button.click()
        page.fill("input.md-search__input", "证明")
        page.wait_for_selector(".md-search-result__list:not([aria-busy]) .md-search-result__item", timeout=20_000)
        if page.evaluate("window.__pwned.length"):
            ran["answer box and search"] = page.evaluate("window.__pwned")
    finally:
        ctx.close()
    assert not ran and not dialogs, f"payload ran: {ran} {dialogs}"


def test_payloads_never_reach_the_committed_tree():
    """The payload project is a copy: the repository's catalogs are untouched."""
    for path in (REPO_ROOT / "catalogs").rglob("*.yaml"):
        assert "vcPwned" not in path.read_text(encoding="utf-8"), path
    assert shutil.which("git")
