"""The site's own scripts and style sheet (content/assets/*.js, *.css, content/sw.js), minified as they
are written to the site: comments and indentation are for the people who read content/, not for a
phone on a weak signal (a county page loads three scripts and the sheet: about 7 KB less gzipped).

rjsmin and rcssmin take out comments and white space only, and keep a line break wherever JavaScript's
automatic semicolons could need one; names and code stay as written. The theme's files are minified
already and are left alone."""

from __future__ import annotations

import re

import rcssmin
import rjsmin

#: Files of the site's own (src URIs under docs_dir): the scripts and style sheet under assets/, and the
#: service worker at the root. The theme's assets sit in folders below assets/.
OWN = re.compile(r"(?:assets/[^/]+\.(?:js|css)|sw\.js)")


def is_own(src_uri: str) -> bool:
    return OWN.fullmatch(src_uri) is not None


def minify(src_uri: str, text: str) -> str:
    """`text` of the file `src_uri` without comments and needless white space."""
    if src_uri.endswith(".css"):
        return rcssmin.cssmin(text) + "\n"
    return rjsmin.jsmin(text) + "\n"
