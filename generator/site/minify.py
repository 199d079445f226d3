"""The site's own scripts and style sheet (content/assets/*.js, *.css, content/sw.js), minified as they
are written to the site: comments and indentation are for the people who read content/, not for a
phone on a weak signal (a county page loads three scripts and the sheet: about 8 KB less gzipped).

Scripts: rjsmin takes out comments and white space only, and keeps a line break wherever JavaScript's
automatic semicolons could need one; names and code stay as written. The style sheet: comments go and
white space becomes one space, none around { } ; and , — never around anything else, so a descendant
combinator (`:not(.a) :is(td)`), `and (` in a media query and every string stay as written (rcssmin,
tried first, joined `:not(…) :is(…)` into one selector). The theme's files are minified already."""

from __future__ import annotations

import re

import rjsmin

#: Files of the site's own (src URIs under docs_dir): the scripts and style sheet under assets/, and the
#: service worker at the root. The theme's assets sit in folders below assets/.
OWN = re.compile(r"(?:assets/[^/]+\.(?:js|css)|sw\.js)")
_GAP = r"(?:\s|/\*[^*]*\*+(?:[^/*][^*]*\*+)*/)"  # white space or a comment (which ends at its first */)
CSS = re.compile(rf"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|{_GAP}*([{{}};,]){_GAP}*|{_GAP}+""", re.DOTALL)


def is_own(src_uri: str) -> bool:
    return OWN.fullmatch(src_uri) is not None


def minify(src_uri: str, text: str) -> str:
    """`text` of the file `src_uri` without comments and needless white space."""
    if src_uri.endswith(".css"):
        return css(text)
    return rjsmin.jsmin(text) + "\n"


def css(text: str) -> str:
    return CSS.sub(lambda m: m.group(1) or m.group(2) or " ", text).strip() + "\n"
