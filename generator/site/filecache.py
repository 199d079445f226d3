"""A cache on disk for the files that are slow to make and depend only on their inputs: QR codes,
plaque SVG/PDF, workbooks. A rebuild (the daily publish, a county's preview, `make build`) then makes
only what changed; the first build in a fresh clone makes everything.

Each entry is named by a digest of what it depends on: its inputs, the versions of the libraries
that write it and the source code of the modules that produce it. So a changed input, a library
upgrade or a code change makes a new entry, and the same inputs always give the same bytes as
making them again would. Entries live in one SQLite file, `.cache/village-catalogs.sqlite3` beside
mkdocs.yml (ignored by git): thousands of small files cost more to create than to make on some disks,
and SQLite writes whole transactions or nothing. Delete it at any time, or build with
VC_BUILD_CACHE=0 to bypass it. Without a folder (tests calling the page builders directly) nothing is
kept, and a cache that cannot be opened or written only costs speed, never the build.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

FILE = Path(".cache") / "village-catalogs.sqlite3"
COMMIT_EVERY = 500

_db: sqlite3.Connection | None = None
_pending = 0
_versions: dict[str, str] = {}


def configure(project_root: Path | None) -> None:
    """Keep entries in `project_root`/.cache/village-catalogs.sqlite3 (None, or VC_BUILD_CACHE=0: keep nothing)."""
    global _db, _pending
    flush()
    if _db is not None:
        _db.close()
    _db, _pending = None, 0
    if project_root is None or os.environ.get("VC_BUILD_CACHE") == "0":
        return
    try:
        path = project_root / FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        _db = sqlite3.connect(path, timeout=0.1)  # another build holds it: go on without, never wait
        _db.execute("CREATE TABLE IF NOT EXISTS entry (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
    except (OSError, sqlite3.Error):
        _db = None


def enabled() -> bool:
    """Whether entries are kept (a build with a project folder and without VC_BUILD_CACHE=0)."""
    return _db is not None


def flush() -> None:
    """Write what this build added (called at the end of a build; also every COMMIT_EVERY entries)."""
    global _pending
    if _db is not None and _pending:
        try:
            _db.commit()
        except sqlite3.Error:
            pass
        _pending = 0


def _fingerprint(kind: str, sources: tuple[str, ...], packages: tuple[str, ...]) -> str:
    """What every entry of `kind` depends on besides its own inputs: code and library versions."""
    if kind not in _versions:
        h = hashlib.sha256(kind.encode())
        for source in sources:
            h.update(Path(source).read_bytes())
        for package in packages:
            h.update(f"{package}={metadata.version(package)}".encode())
        _versions[kind] = h.hexdigest()
    return _versions[kind]


def _key(kind: str, inputs: str, sources: tuple[str, ...], packages: tuple[str, ...]) -> str:
    return hashlib.sha256((_fingerprint(kind, sources, packages) + "\0" + inputs).encode()).hexdigest()


def lookup(kind: str, inputs: str, *, sources: tuple[str, ...] = (), packages: tuple[str, ...] = ()) -> bytes | None:
    """The bytes an earlier build kept for `inputs`, or None."""
    if _db is None:
        return None
    try:
        row = _db.execute("SELECT data FROM entry WHERE key = ?", (_key(kind, inputs, sources, packages),)).fetchone()
    except sqlite3.Error:
        return None
    return None if row is None else bytes(row[0])


def store(kind: str, inputs: str, data: bytes, *, sources: tuple[str, ...] = (), packages: tuple[str, ...] = ()) -> None:
    """Keep `data` for `inputs` (nothing happens without a cache)."""
    global _pending
    if _db is None:
        return
    try:
        _db.execute("INSERT OR REPLACE INTO entry (key, data) VALUES (?, ?)", (_key(kind, inputs, sources, packages), data))
        _pending += 1
        if _pending >= COMMIT_EVERY:
            flush()
    except sqlite3.Error:
        _stop()  # locked by another build, or the disk is full: build on without the cache


def cached(kind: str, inputs: str, make: Callable[[], bytes], *, sources: tuple[str, ...] = (),
           packages: tuple[str, ...] = ()) -> bytes:
    """The bytes `make()` gives for `inputs` (a text that names everything they depend on), from the
    cache when an earlier build made them; `sources` are the files of the code that makes them."""
    found = lookup(kind, inputs, sources=sources, packages=packages)
    if found is not None:
        return found
    data = make()
    store(kind, inputs, data, sources=sources, packages=packages)
    return data


def _stop() -> None:
    global _db
    try:
        if _db is not None:
            _db.close()
    except sqlite3.Error:
        pass
    _db = None
