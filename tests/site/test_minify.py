"""The site's own style sheet and scripts, minified as written (generator/site/minify.py): Chromium reads
the same rules from the minified sheet as from content/assets/site.css, and the scripts keep working
(every browser test runs the minified files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.minify import css, is_own, minify

ASSETS = Path(__file__).parents[2] / "content" / "assets"
RULES = """css => {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.appendChild(style);
  const out = [];
  const walk = rules => { for (const r of rules) { out.push(r.cssText); if (r.cssRules) walk(r.cssRules); } };
  walk(style.sheet.cssRules);
  style.remove();
  return out;
}"""


def test_chromium_reads_the_same_rules_from_the_minified_sheet(phone):
    source = (ASSETS / "site.css").read_text(encoding="utf-8")
    phone.set_content("<!doctype html><html><head></head><body></body></html>")
    written, minified = phone.evaluate(RULES, source), phone.evaluate(RULES, css(source))
    assert len(written) > 100 and minified == written
    assert len(css(source)) < 0.8 * len(source)


@pytest.mark.parametrize(
    "text, expected",
    [
        (".a:not(.b) :is(td, th) { x: y; }", ".a:not(.b) :is(td,th){x: y;}"),  # a descendant stays one
        ('a::before { content: "/* kept */ ; { }"; }', 'a::before{content: "/* kept */ ; { }";}'),
        ("@media screen and (max-width: 1px) { a { b: c } }", "@media screen and (max-width: 1px){a{b: c}}"),
        ("/* a **/ a /* b */ b { }", "a b{}"),
    ],
)
def test_the_sheet_loses_comments_and_white_space_only(text, expected):
    assert css(text) == expected + "\n" and css(css(text)) == css(text)


def test_only_the_sites_own_files_are_minified():
    assert is_own("assets/site.css") and is_own("assets/answer.js") and is_own("sw.js")
    assert not is_own("assets/javascripts/bundle.min.js") and not is_own("assets/stylesheets/main.css")
    assert minify("assets/x.js", "var a = 1; // note\n") == "var a=1;\n"
