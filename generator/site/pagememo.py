"""Pages remembered within one process (`mkdocs serve`), made again only when their inputs changed.

A region's catalog pages depend on its own editions and on what every region shares: the
prefecture's editions (adopted items, conformance, the forbidden list behind each answer), the
regions (names in links), the names table, the milestones, the date and the address. Under
`mkdocs serve` an edit to one county's file then regenerates that county's pages only.
"""

from __future__ import annotations

from ..build.incremental import digest
from ..catalog.model import CatalogKind
from .builder import Builder
from .messages import CATALOGUE
from .pagetext import TEMPLATES

PAGES: dict[tuple, tuple[tuple, tuple]] = {}  # a region's or a catalog's pages and search entries
GALLERY_SETS: dict[tuple, tuple[str, tuple]] = {}  # a plaque set's page and files, the same way
REMEMBERED_MAX = 4096


def inputs_digest(value: object) -> str:
    return digest(repr(value))  # frozen dataclasses: repr shows every field, in order


def remember(store: dict, key: tuple, make):  # noqa: ANN001, ANN202 (make: () -> value)
    """`store[key]`, made by `make()` the first time; the store is emptied when it grows past its bound."""
    if key not in store:
        value = make()
        if len(store) >= REMEMBERED_MAX:
            store.clear()
        store[key] = value
    return store[key]


def shared_inputs(b: Builder) -> str:
    """Also the page templates (edited under `mkdocs serve`, Jinja reloads them) and the plaque fonts."""
    from ..signboards.fonts import load_face
    from ..signboards.layout import SCRIPT_LANGS

    prefecture = b.catalogs.prefecture()
    templates = sorted((p.name, p.stat().st_mtime_ns) for p in (*TEMPLATES.glob("*.html"), CATALOGUE))
    shared = (
        tuple(b.catalogs.history(prefecture.slug, k) for k in CatalogKind) if prefecture else (),
        tuple(b.catalogs.regions.values()),
        b.catalogs.names,
        b.catalogs.milestones,
        b.today,
        b.site_url,
        b.preview,
        b.korean_twin,
        templates,
        tuple(load_face(script).key for script in SCRIPT_LANGS),
    )
    return inputs_digest(shared)
