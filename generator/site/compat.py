"""Every use of MkDocs', Material's and watchdog's private internals, in one place.

The plugin leans on a few things these frameworks do not promise to keep: the watcher's polling
interval, `Page.render`, the theme's search index file and its merge under `--dirty`, `File.is_modified`
and the strict-mode warning counter. Each is wrapped here, and `check_versions()` refuses to build
with a release none of them was checked against: an upgrade then fails with a clear message instead
of a subtly wrong site (tests/site/test_compat.py greps the rest of the package for these names).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from mkdocs.utils import CountHandler

# package -> the release prefixes whose internals this module was checked against
CHECKED = {"mkdocs": ("1.6.",), "mkdocs-material": ("9.8.",), "watchdog": ("7.",)}


def check_versions() -> str | None:
    """A Chinese message naming each installed framework release this module was not checked against."""
    unknown = []
    for package, prefixes in CHECKED.items():
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue  # watchdog is only needed by `mkdocs serve`
        if not version.startswith(prefixes):
            unknown.append(f"{package} {version}（已核对：{'、'.join(p + 'x' for p in prefixes)}）")
    if not unknown:
        return None
    return (
        "generator/site/compat.py 使用了这些框架的内部接口，但没有针对已安装的版本核对过："
        + "；".join(unknown)
        + "。请安装 requirements.lock 中锁定的版本，或核对 compat.py 的每一处后更新 CHECKED。"
    )


def poll_every(server, seconds: float) -> None:  # noqa: ANN001 (MkDocs' LiveReloadServer)
    """Make `mkdocs serve` look for changed files every `seconds` (watchdog's polling observer)."""
    observer = server.observer
    if hasattr(observer, "_timeout"):
        observer._timeout = seconds
        for emitter in observer.emitters:
            if hasattr(emitter, "_timeout"):
                emitter._timeout = seconds


def replace_render(page, render: Callable) -> None:  # noqa: ANN001 (MkDocs' Page)
    """Have MkDocs call `render(config, files)` instead of converting the page's Markdown."""
    page.render = render


def forget_previous_search(config) -> None:  # noqa: ANN001 (MkDocs' config)
    """Stop the theme's search plugin from merging its previous index into this build's (under --dirty)."""
    search = config.plugins.get("material/search")
    if search is not None and hasattr(search, "search_index_prev"):
        search.search_index_prev = None


def take_theme_search_index(site_dir: Path) -> list[dict]:
    """The pages' text as the theme's search plugin wrote it, and the file removed (the site has its own index)."""
    path = site_dir / "search" / "search_index.json"
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"] if path.is_file() else []
    path.unlink(missing_ok=True)
    return docs


def clear_modified(file) -> None:  # noqa: ANN001 (MkDocs' File)
    """Let MkDocs decide again whether `file` changed (undo `set_modified`)."""
    vars(file).pop("is_modified", None)


def set_modified(file, modified: bool) -> None:  # noqa: ANN001 (MkDocs' File)
    """Tell MkDocs' dirty mode whether `file` changed since the last build."""
    file.is_modified = _MODIFIED if modified else _NOT_MODIFIED


def strict_warnings_logged() -> bool:
    """Whether MkDocs counted a warning in this build (with --strict it aborts right after the build)."""
    return any(h.get_counts() for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler))


def _NOT_MODIFIED() -> bool:
    return False


def _MODIFIED() -> bool:
    return True
