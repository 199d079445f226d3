"""The site's build id (issue 26): one short digest of everything a build's pages, answer files and
assets are made from, known before the first page is rendered. Every page carries it (`<meta
name="vc-build">`, overrides/main.html) and so does every answer file (answerfiles.py), so the service
worker (content/sw.js) keeps one build's copy at a time, and renews it when only a page changed, not
only when the search index did.

What goes in: every file under the given folders (the catalogs, the hand-written pages and assets,
the theme's overrides) and under the generator's own code and templates, by its path inside its folder
and its bytes; mkdocs.yml; the versions of the packages that make the pages; and the publishing
settings (date, address, preview). The same inputs give the same id on any machine and in any
checkout folder (two builds stay byte-identical); a change to any of them gives a new id — now and
then one more than strictly needed (a comment in the code), never one too few.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

CODE = Path(__file__).resolve().parents[1]  # the generator package: its code, templates and kept sources
# what renders the pages, the answer files and the search index (pyproject.toml's, and Material's Markdown)
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "jinja2",
    "markdown",
    "pymdown-extensions",
    "pyyaml",
    "pypinyin",
    "jieba",
    "opencc",
    "segno",
    "fonttools",
    "freetype-py",
    "openpyxl",
)
SKIPPED = ("__pycache__",)
UNSEEN = ("build_cache",)  # plugin options that change nothing in the site (settings.py)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def _files(folder: Path) -> Iterable[tuple[str, Path]]:
    found = (p for p in folder.rglob("*") if p.is_file() and not set(SKIPPED) & set(p.relative_to(folder).parts))
    return sorted((p.relative_to(folder).as_posix(), p) for p in found)


def site_build(config_file: Path, folders: Iterable[Path], settings: Mapping[str, object]) -> str:
    """12 hex digits for the build of `config_file` (mkdocs.yml) from `folders` with `settings`."""
    digest = hashlib.blake2b(digest_size=6)
    parts = [
        config_file.read_bytes(),
        json.dumps(
            {"settings": settings, "packages": {p: _version(p) for p in PACKAGES}}, sort_keys=True, default=str
        ).encode("utf-8"),
    ]
    for folder in (*folders, CODE):
        parts.append(b"\0folder")
        for name, path in _files(folder) if folder.is_dir() else ():
            parts.append(name.encode("utf-8") + b"\0" + hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def of_config(config, options, today: datetime.date, preview: bool, serving: bool) -> str | None:  # noqa: ANN001
    """The build id of the site MkDocs' `config` builds with the plugin's `options` (settings.py: every
    one of them, the catalogs_dir relative to mkdocs.yml, but the build cache, which changes no byte);
    none under `mkdocs serve` (`serving`): pages change with every edit there, and nothing is kept offline."""
    if serving:
        return None
    config_file = Path(config.config_file_path)
    custom = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    folders = [config_file.parent / options.catalogs_dir, Path(config.docs_dir), *custom]
    chosen = {k: v for k, v in options.items() if k not in UNSEEN}
    return site_build(
        config_file,
        folders,
        {**chosen, "today": today.isoformat(), "site_url": config.site_url or "", "preview": preview},
    )
