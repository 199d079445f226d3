"""Shared helpers for the catalog tests: the fixture trees and how invalid cases are applied.

A case under `fixtures/catalogs/invalid/<case>/` is an overlay on the minimal valid tree:
- `overlay/` files copied over the tree (paths relative to the tree root, e.g. overlay/catalogs/…);
- `delete.txt` (optional) paths to remove, one per line;
- `oversize.txt` (optional) paths to pad past the 1 MB limit (generated, so no 1 MB file is committed);
- `expected.txt` the exact `str(CatalogError)` lines, in the order `check_catalogs` returns them.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "catalogs"
MINIMAL = FIXTURES / "valid" / "minimal"
INVALID = FIXTURES / "invalid"
REPO_ROOT = Path(__file__).parent.parent

INVALID_CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir()) if INVALID.is_dir() else []

OVERSIZE_BYTES = 1_200_000


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def copy_minimal(dest: Path) -> Path:
    """A writable copy of the minimal valid tree at `dest` (the repository root); returns `dest`."""
    shutil.copytree(MINIMAL, dest, dirs_exist_ok=True)
    return dest


def apply_case(case: str, dest: Path) -> Path:
    """The minimal tree with invalid case `case` applied, at `dest`; returns `dest`."""
    case_dir = INVALID / case
    copy_minimal(dest)
    overlay = case_dir / "overlay"
    if overlay.is_dir():
        shutil.copytree(overlay, dest, dirs_exist_ok=True)
    for uri in _lines(case_dir / "delete.txt"):
        target = dest / uri
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for uri in _lines(case_dir / "oversize.txt"):
        target = dest / uri
        padding = OVERSIZE_BYTES - target.stat().st_size
        line = ("# " + "填充" * 40 + "\n").encode("utf-8")  # YAML comments: valid YAML, only too big
        rest = padding % len(line)
        with target.open("ab") as fh:
            fh.write(line * (padding // len(line)) + (b"#" * (rest - 1) + b"\n" if rest else b""))
    return dest


def expected_lines(case: str) -> list[str]:
    return _lines(INVALID / case / "expected.txt")


def case_overlay_files(case: str) -> list[str]:
    """Repository-relative paths (`catalogs/…`) of the files a case overlays."""
    overlay = INVALID / case / "overlay"
    return (
        sorted(p.relative_to(overlay).as_posix() for p in overlay.rglob("*") if p.is_file()) if overlay.is_dir() else []
    )


@pytest.fixture(scope="session", autouse=True)
def build_cache_home(tmp_path_factory):
    """Builds in tests keep their build cache (generator/build/filecache.py) and its key in tmp: they
    neither read nor fill the developer's ~/.cache and ~/.local/state."""
    home = tmp_path_factory.mktemp("xdg")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(home / "cache"))
        mp.setenv("XDG_STATE_HOME", str(home / "state"))
        mp.delenv("VC_BUILD_CACHE_KEY", raising=False)
        yield home


@pytest.fixture
def minimal_tree(tmp_path: Path) -> Path:
    """A temporary copy of the minimal valid tree; the returned path is the repository root."""
    return copy_minimal(tmp_path / "repo")


# --- Built sites (tests/test_site.py, tests/test_browser.py) -------------------------------------
# Full builds take ~7 s each, so they are session-scoped and shared. Builds run programmatically
# (mkdocs.commands.build.build) with strict=True and a fixed CATALOG_TODAY so results do not depend
# on the calendar. A "project" is a temporary folder with copies of mkdocs.yml, content/, overrides/
# and a catalogs/ tree: the plugin reads the catalogs relative to mkdocs.yml.

SITE_TODAY = "2026-11-28"
SITE_URL = "https://catalogs.example.invalid/"  # a publishing build needs the public address
SITE_PROJECT_PARTS = ("mkdocs.yml", "content", "overrides")
XSS_OVERLAY = Path(__file__).parent / "fixtures" / "xss"


def _site_make_project(dest: Path, catalogs: Path | None = None) -> Path:
    """A buildable copy of the site project at `dest` (catalogs from `catalogs`, default the repo's)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in SITE_PROJECT_PARTS:
        src = REPO_ROOT / part
        shutil.copytree(src, dest / part) if src.is_dir() else shutil.copy2(src, dest / part)
    shutil.copytree(catalogs or REPO_ROOT / "catalogs", dest / "catalogs")
    # mkdocs.yml watches generator/site/templates (only used by `mkdocs serve`), and config validation
    # requires the path to exist: point it at the real templates.
    (dest / "generator" / "site").mkdir(parents=True)
    (dest / "generator" / "site" / "templates").symlink_to(
        REPO_ROOT / "generator" / "site" / "templates", target_is_directory=True
    )
    return dest


def _site_build(config_file: Path, site_dir: Path, today: str = SITE_TODAY) -> Path:
    """Build the project of `config_file` into `site_dir` (strict, as published on `today`); raises on any failure."""
    import os

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    saved = {k: os.environ.get(k) for k in ("CATALOG_TODAY", "SITE_URL")}
    os.environ["CATALOG_TODAY"] = today
    os.environ["SITE_URL"] = SITE_URL
    try:
        cfg = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        build(cfg)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return site_dir


def build_with_env(site_project, tmp_path: Path, env: dict[str, str], monkeypatch) -> Path:
    """A strict build of a project copy with exactly these of SITE_URL/SITE_PREVIEW set (published on
    2026-11-28); returns its site folder. Raises what the build raises."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for key in ("SITE_URL", "SITE_PREVIEW"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("CATALOG_TODAY", "2026-11-28")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    config = site_project(tmp_path / "project")
    build(load_config(str(config), site_dir=str(tmp_path / "site"), strict=True))
    return tmp_path / "site"


@pytest.fixture(scope="session")
def site_project():
    """`site_project(dest, catalogs=None)` → a buildable project folder (returns its mkdocs.yml)."""
    return lambda dest, catalogs=None: _site_make_project(Path(dest), catalogs) / "mkdocs.yml"


@pytest.fixture(scope="session")
def site_build():
    """`site_build(mkdocs_yml, site_dir, today=SITE_TODAY)` → strict build with CATALOG_TODAY fixed; returns site_dir."""
    return lambda config_file, site_dir, today=SITE_TODAY: _site_build(Path(config_file), Path(site_dir), today)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The site built from the repository's own mkdocs.yml and catalogs (into a temporary folder)."""
    return _site_build(REPO_ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real") / "site")


@pytest.fixture(scope="session")
def xss_project(tmp_path_factory) -> Path:
    """A project copy whose catalogs carry the tests/fixtures/xss overlay (an extra yanji edition
    with HTML/Markdown/script text in its data); returns the project's mkdocs.yml."""
    project = _site_make_project(tmp_path_factory.mktemp("xss") / "project")
    shutil.copytree(XSS_OVERLAY / "catalogs", project / "catalogs", dirs_exist_ok=True)
    return project / "mkdocs.yml"


@pytest.fixture(scope="session")
def xss_site(xss_project, tmp_path_factory) -> Path:
    """The xss_project built (the overlay passes validation: see test_site.py)."""
    return _site_build(xss_project, tmp_path_factory.mktemp("xss-site") / "site")


# --- Chromium and a server for built sites (tests/site/test_*browser*.py) ----------------------------
# Chromium comes from Debian (/usr/bin/chromium, `make setup`); Playwright never downloads a browser.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - keep test output clean
        pass


@functools.lru_cache(maxsize=None)
def _serve(root: str) -> str:
    """Serve `root` on 127.0.0.1 (free port) for the rest of the session; returns the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=root))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def browser():
    from playwright import sync_api

    if not Path(CHROMIUM).is_file() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"{CHROMIUM} not installed (make setup installs it)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def base(real_site) -> str:
    return _serve(str(real_site))


@pytest.fixture(scope="session")
def xss_base(xss_site) -> str:
    return _serve(str(xss_site))


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}


@pytest.fixture
def phone(browser):
    """A page in a 390×844 phone context; the test fails if the page throws a JavaScript error."""
    ctx = browser.new_context(**PHONE)
    errors: list[str] = []
    page = ctx.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    assert not errors, f"JavaScript errors: {errors}"
    ctx.close()
