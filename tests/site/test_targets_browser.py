"""Targets and reflow on a phone (issue 23, item 5), in real Chromium at 390×844.

Target size (WCAG 2.5.5's 44×44 CSS px): every control and every standalone link on each page type.
- Controls: button, input, select, textarea, summary, [role=button], and the theme's icon labels in the
  header and the search dialog (label.md-header__button, .md-search__icon).
- A standalone link is an <a href> that is either not `display: inline` (block, flex, inline-block…),
  or the only content (no other element and no other text) of a table cell (td/th), a list item (li) or
  a value of a details grid (dd). Links inside running text are exempt, as WCAG exempts them; so are
  links sharing a cell with text or other links (e.g. "2023-10-27：JSON · CSV · Excel").
- Only what a finger can reach is measured: laid out, not visibility:hidden, and not transparent (the
  closed search dialog's icons have opacity 0; the dialog is measured open, the skip link focused).

200 % text (WCAG 1.4.4, 1.4.10): Playwright cannot set Chromium's text zoom (a browser preference), so
the test doubles the root element's computed font-size with a style rule (`html { font-size: 2× }`,
40 px: the theme's root is 20 px on a phone, so this is 200 % of the theme's text and 250 % of the
browser's 16 px default). Everything sized in rem/em follows, as with the browser's text zoom; media
queries stay at the device width, as they do with text zoom. Then the page must not scroll sideways
(document.documentElement.scrollWidth <= innerWidth) and no label or value of a details grid (dl dt/dd)
and no table cell outside a table's own horizontal scroll box (.vc-scroll, allowed for two-dimensional
tables) may be narrower than 3 characters of its own font, i.e. no one- or two-character lines.
"""

from __future__ import annotations

import pytest
from waits import settled, still

PAGES = {
    "home": "",
    "county": "yanji/",
    "list": "yanji/certificates/",
    "edition": "yanji/certificates/2023-10-27/",
    "item": "yanji/certificates/YJ-ZM-005/",
    "gallery": "signboards/yanji/",
    "gallery-index": "signboards/",
    "plaque-set": "signboards/yanji/chaoyangchuan/guangming/",
    "status": "status/",
    "compare": "certificates/",
    "data": "data/",
}

MIN_TARGET = 44  # CSS px

# [tag, class, text, width, height] of every reachable target smaller than MIN_TARGET either way.
SMALL_TARGETS = """(min) => {
  const reachable = el => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') return false;
    for (let e = el; e; e = e.parentElement) if (parseFloat(getComputedStyle(e).opacity) === 0) return false;
    return true;
  };
  const controls = document.querySelectorAll(
    'button, input:not([type=hidden]), select, textarea, summary, [role=button], label.md-header__button, .md-search__icon');
  const standalone = [...document.querySelectorAll('a[href]')].filter(a => {
    if (getComputedStyle(a).display !== 'inline') return true;
    const p = a.parentElement;
    return ['TD', 'TH', 'LI', 'DD'].includes(p.tagName) && p.children.length === 1
      && p.textContent.trim() === a.textContent.trim();
  });
  const out = [];
  for (const el of new Set([...controls, ...standalone])) {
    if (!reachable(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < min - 0.5 || r.height < min - 0.5)
      out.push([el.tagName, String(el.className.baseVal ?? el.className),
                (el.textContent.trim() || el.getAttribute('aria-label') || '').slice(0, 24),
                Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10]);
  }
  return out;
}"""

DOUBLE_TEXT = """() => {
  const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const style = document.createElement('style');
  style.textContent = `html { font-size: ${2 * root}px !important; }`;
  document.head.append(style);
  return 2 * root;
}"""

# cells of details grids and tables narrower than 3 characters of their own font
NARROW_CELLS = """() => [...document.querySelectorAll('dl dt, dl dd, td, th')].filter(el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || s.display === 'none' || el.closest('.vc-scroll, thead')) return false;
    const content = r.width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    return el.textContent.trim().length > 2 && content < 3 * parseFloat(s.fontSize);
  }).map(el => [el.tagName, el.textContent.trim().slice(0, 16), Math.round(el.getBoundingClientRect().width)])"""

SIDEWAYS = "() => [document.documentElement.scrollWidth, innerWidth]"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_control_and_standalone_link_is_44px(phone, base, name):
    phone.goto(base + PAGES[name])
    settled(phone)
    assert phone.evaluate(SMALL_TARGETS, MIN_TARGET) == []


def test_search_dialog_buttons_are_44px(phone, base):
    phone.goto(base + "yanji/")
    settled(phone)
    assert phone.evaluate(SMALL_TARGETS, MIN_TARGET) == []  # the header's menu and search buttons
    phone.click("label.md-header__button[for=__search]")
    phone.fill("input.md-search__input", "无犯罪")
    phone.wait_for_selector(".md-search-result__item")
    still(phone)
    back = phone.locator(".md-search__form label.md-search__icon").bounding_box()
    clear = phone.locator(".md-search__options button[type=reset]").bounding_box()
    field = phone.locator("input.md-search__input").bounding_box()
    for box in (back, clear):
        assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, box
        assert (
            field["y"] - 1 <= box["y"] and box["y"] + box["height"] <= field["y"] + field["height"] + 1
        )  # inside the bar
    assert back["x"] + back["width"] <= field["x"] + 72 and clear["x"] >= field["x"] + field["width"] - 72
    assert phone.evaluate(SMALL_TARGETS, MIN_TARGET) == []  # the dialog's buttons, results and "more"
    phone.click(".md-search__options button[type=reset]")  # the bigger box still clears
    assert phone.input_value("input.md-search__input") == ""


def test_skip_link_is_44px_when_it_shows(phone, base):
    phone.goto(base + "yanji/certificates/YJ-ZM-005/")
    phone.focus("a.md-skip")
    still(phone)
    box = phone.locator("a.md-skip").bounding_box()
    assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, box


@pytest.mark.parametrize("name", sorted(PAGES))
def test_200_percent_text_reflows(phone, base, name):
    phone.goto(base + PAGES[name])
    settled(phone)
    assert phone.evaluate(DOUBLE_TEXT) == 40  # the theme's 20 px root, doubled
    settled(phone)
    width, viewport = phone.evaluate(SIDEWAYS)
    assert width <= viewport, f"{width} px wide in a {viewport} px viewport"
    assert phone.evaluate(NARROW_CELLS) == []


def test_item_details_keep_two_columns_at_100_percent(phone, base):
    """The stacking is for large text only: at 100 % a phone still shows label and value side by side."""
    phone.goto(base + "yanji/certificates/YJ-ZM-005/")
    settled(phone)
    dt, dd = phone.locator(".vc-meta dt").first.bounding_box(), phone.locator(".vc-meta dd").first.bounding_box()
    assert dd["x"] > dt["x"] + dt["width"] and abs(dd["y"] - dt["y"]) < 4
    phone.evaluate(DOUBLE_TEXT)
    settled(phone)
    dt, dd = phone.locator(".vc-meta dt").first.bounding_box(), phone.locator(".vc-meta dd").first.bounding_box()
    assert dd["y"] >= dt["y"] + dt["height"] - 1  # stacked: the value under its label


def test_print_is_untouched(browser, base):
    """The screen rules stay on screen: printed, an edition's table links and buttons keep their own size and the
    page is no size container (tests/site/test_officials.py holds the printed notices themselves)."""
    ctx = browser.new_context(viewport={"width": 794, "height": 1123})
    page = ctx.new_page()
    page.emulate_media(media="print")
    page.goto(base + "yanji/certificates/2023-10-27/")
    settled(page)
    styles = page.evaluate("""() => {
      const a = document.querySelector('.vc-table td > a:only-child');
      const b = document.querySelector('.vc-button');
      return [getComputedStyle(a).display, getComputedStyle(b).minHeight,
              getComputedStyle(document.querySelector('.vc-page')).containerType]; }""")
    ctx.close()
    display, button_min_height, container = styles
    assert display == "inline" and container == "normal"
    assert button_min_height != "44px"  # the theme's 2.2em, not the screen's 44 px floor
