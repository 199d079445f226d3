"""A cache on disk for the files that are slow to make and depend only on their inputs: QR codes,
plaque SVG/PDF, workbooks. A rebuild (the daily publish, a county's preview, `make build`) then makes
only what changed; the first build in a fresh clone makes everything.

Each entry is named by a digest of what it depends on: its inputs, the versions of the libraries
that write it and the source code of the modules that produce it. So a changed input, a library
upgrade or a code change makes a new entry, and the same inputs always give the same bytes as
making them again would. Entries live in one SQLite file per project, outside it:
`${XDG_CACHE_HOME:-~/.cache}/village-catalogs/<digest of the project's path>.sqlite3` (thousands of
small files cost more to create than to make on some disks, and SQLite writes whole transactions or
nothing). Nothing is ever read from the project's own tree: a cache file committed in a pull request
is not used, and a location that resolves inside the project (XDG_CACHE_HOME=., a symbolic link)
means no cache.

Every entry carries an HMAC-SHA256 of its name and bytes under a secret kept apart from the cache:
$VC_BUILD_CACHE_KEY (in CI, a repository secret), or else a random key made on first use in
`${XDG_STATE_HOME:-~/.local/state}/village-catalogs/build-cache.key` (mode 0600; never beside the
cache, which CI restores from actions/cache). An entry is checked on every read; one whose bytes were
changed, or that someone without the key wrote, is made again and the build log says how many (an
INFO line: the output is correct either way, and `mkdocs build --strict` fails on warnings, so a
poisoned cache could otherwise stop a publish). A cache written under another key (another machine,
a cache restored in CI without the secret) is emptied when opened.

Delete the cache at any time, or build with VC_BUILD_CACHE=0 to bypass it (the plugin's `build_cache`
setting, generator/site/settings.py: it then passes no project folder). Without a project folder
(tests calling the page builders directly) nothing is kept, and a cache that cannot be opened or
written only costs speed, never the build.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import sqlite3
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

FOLDER = "village-catalogs"      # under $XDG_CACHE_HOME (entries) and $XDG_STATE_HOME (the key)
KEY_FILE = "build-cache.key"
KEY_BYTES = 32
COMMIT_EVERY = 500

log = logging.getLogger("mkdocs.plugins." + __name__)  # shown by MkDocs like its plugins' lines

_db: sqlite3.Connection | None = None
_secret = b""
_pending = 0
_mismatched: set[str] = set()  # entries of this build that failed their check (reported by flush)
_versions: dict[str, str] = {}


def _base(variable: str, default: str) -> Path:
    """$`variable` if it is an absolute path (as the XDG spec says), else ~/`default`."""
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else Path.home() / default


def location(project_root: Path) -> Path:
    """The cache file of the project at `project_root` (it may not exist yet)."""
    name = hashlib.sha256(os.fsencode(project_root.resolve())).hexdigest()[:16]
    return _base("XDG_CACHE_HOME", ".cache") / FOLDER / f"{name}.sqlite3"


def key_location() -> Path:
    """The file of this machine's key, where $VC_BUILD_CACHE_KEY is not set."""
    return _base("XDG_STATE_HOME", ".local/state") / FOLDER / KEY_FILE


def _inside(path: Path, project_root: Path) -> bool:
    return path.resolve().is_relative_to(project_root.resolve())


def _machine_key() -> bytes:
    """This machine's key, made (atomically, readable by its owner only) on first use."""
    path = key_location()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        made = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(made, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(secrets.token_bytes(KEY_BYTES))
            os.link(made, path)  # whole or not at all; another build may have made it first
        except FileExistsError:
            pass
        finally:
            made.unlink(missing_ok=True)
    key = path.read_bytes()
    if len(key) != KEY_BYTES:
        raise OSError(f"{path}: 应为 {KEY_BYTES} 字节的密钥，实际为 {len(key)} 字节")
    return key


def configure(project_root: Path | None) -> None:
    """Keep the entries of the project at `project_root` in its cache file (see `location`); None (no
    project, or the cache switched off) or a cache or key location inside the project: keep nothing."""
    global _db, _secret, _pending
    flush()
    _stop()
    _pending = 0
    _mismatched.clear()
    if project_root is None:
        return
    try:
        path = location(project_root)
        env_key = os.environ.get("VC_BUILD_CACHE_KEY", "")
        if _inside(path, project_root) or (not env_key and _inside(key_location(), project_root)):
            log.info(f"构建缓存的位置 {path.parent} 在项目目录 {project_root} 内，本次不使用构建缓存"
                     "（请把 XDG_CACHE_HOME、XDG_STATE_HOME 设在项目之外）")
            return
        _secret = env_key.encode() or _machine_key()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _db = sqlite3.connect(path, timeout=0.1)  # another build holds it: go on without, never wait
        _open(path)
    except (OSError, RuntimeError, sqlite3.Error):  # RuntimeError: no home folder
        _stop()


def _open(path: Path) -> None:
    """Use the entries in `path` if they were written under this key; else start it afresh."""
    assert _db is not None
    key_id = hmac.new(_secret, b"village-catalogs build cache", hashlib.sha256).hexdigest()
    _db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    row = _db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
    if row is not None and row[0] == key_id:
        return
    if row is not None:
        log.info(f"构建缓存 {path} 由另一把密钥写入（别的机器，或 CI 恢复的缓存），无法校验，已清空")
    _db.execute("DROP TABLE IF EXISTS entry")
    _db.execute("CREATE TABLE entry (key TEXT PRIMARY KEY, data BLOB NOT NULL, mac BLOB NOT NULL)")
    _db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('key', ?)", (key_id,))
    _db.commit()


def enabled() -> bool:
    """Whether entries are kept (a build with a project folder and the cache switched on)."""
    return _db is not None


def flush() -> None:
    """Write what this build added and report the entries that failed their check (called at the
    end of a build)."""
    _commit()
    if _mismatched:
        log.info(f"构建缓存中的 {len(_mismatched)} 个条目校验不符（被改动，或不是本机写入的），已重新生成")
        _mismatched.clear()


def _commit() -> None:
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


def _mac(key: str, data: bytes) -> bytes:
    """The entry's check: its name and bytes under the secret (an entry cannot be moved to another name)."""
    return hmac.new(_secret, key.encode() + b"\0" + data, hashlib.sha256).digest()


def lookup(kind: str, inputs: str, *, sources: tuple[str, ...] = (), packages: tuple[str, ...] = ()) -> bytes | None:
    """The bytes an earlier build kept for `inputs`, or None (also for an entry that fails its check:
    it is dropped, to be made again)."""
    global _pending
    if _db is None:
        return None
    key = _key(kind, inputs, sources, packages)
    try:
        row = _db.execute("SELECT data, mac FROM entry WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        data, mac = bytes(row[0]), bytes(row[1])
        if hmac.compare_digest(mac, _mac(key, data)):
            return data
        _mismatched.add(key)
        _db.execute("DELETE FROM entry WHERE key = ?", (key,))
        _pending += 1
    except (sqlite3.Error, TypeError):  # TypeError: a value of another type than a writer of this module stores
        _mismatched.add(key)
    return None


def store(kind: str, inputs: str, data: bytes, *, sources: tuple[str, ...] = (), packages: tuple[str, ...] = ()) -> None:
    """Keep `data` for `inputs` (nothing happens without a cache)."""
    global _pending
    if _db is None:
        return
    key = _key(kind, inputs, sources, packages)
    try:
        _db.execute("INSERT OR REPLACE INTO entry (key, data, mac) VALUES (?, ?, ?)", (key, data, _mac(key, data)))
        _pending += 1
        if _pending >= COMMIT_EVERY:
            _commit()
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
    global _db, _secret
    try:
        if _db is not None:
            _db.close()
    except sqlite3.Error:
        pass
    _db, _secret = None, b""
