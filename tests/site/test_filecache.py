"""The build cache on disk (generator/build/filecache.py): same inputs, same bytes, made once; kept
outside the project; every entry checked against a key kept apart from the cache."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from generator.build import filecache

MESSAGES = "mkdocs.plugins.generator.build.filecache"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder; the cache and the key under their own folders in tmp (as tests/conftest.py sets)."""
    monkeypatch.delenv("VC_BUILD_CACHE", raising=False)
    monkeypatch.delenv("VC_BUILD_CACHE_KEY", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache home"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state home"))
    monkeypatch.setattr(filecache, "_versions", {})
    root = tmp_path / "项目"
    root.mkdir()
    filecache.configure(root)
    yield root
    filecache.configure(None)


def _rows(path: Path) -> dict[str, tuple[bytes, bytes]]:
    with sqlite3.connect(path) as db:
        return {k: (bytes(d), bytes(m)) for k, d, m in db.execute("SELECT key, data, mac FROM entry")}


def test_an_entry_is_made_once_and_read_back(project, tmp_path):
    calls = []
    make = lambda: calls.append(1) or b"\x00bytes"  # noqa: E731
    assert filecache.cached("k", "input", make) == b"\x00bytes"
    assert filecache.cached("k", "input", make) == b"\x00bytes"
    assert len(calls) == 1
    filecache.flush()
    filecache.configure(project)  # a later build
    assert filecache.cached("k", "input", make) == b"\x00bytes" and len(calls) == 1
    path = filecache.location(project)
    assert path.is_file() and path.parent == tmp_path / "cache home" / "village-catalogs"
    assert list(project.iterdir()) == []  # nothing in the project's tree
    key = tmp_path / "state home" / "village-catalogs" / "build-cache.key"
    assert len(key.read_bytes()) == filecache.KEY_BYTES and key.stat().st_mode & 0o077 == 0


def test_other_inputs_kinds_or_code_make_other_entries(project, tmp_path):
    source = tmp_path / "maker.py"
    source.write_text("v1", encoding="utf-8")
    assert filecache.cached("k", "a", lambda: b"a", sources=(str(source),)) == b"a"
    assert filecache.cached("k", "b", lambda: b"b", sources=(str(source),)) == b"b"
    assert filecache.cached("other", "a", lambda: b"other") == b"other"
    source.write_text("v2", encoding="utf-8")  # the code that makes the entries changed
    filecache._versions.clear()  # a new process
    assert filecache.cached("k", "a", lambda: b"new", sources=(str(source),)) == b"new"


def test_an_overwritten_entry_is_made_again_and_reported(project, caplog):
    made = {"二维码": b"<svg>good</svg>", "牌子": b"%PDF good"}
    for inputs, data in made.items():
        filecache.cached("k", inputs, lambda data=data: data)
    filecache.flush()
    filecache.configure(None)
    path = filecache.location(project)
    rows = _rows(path)
    with sqlite3.connect(path) as db:  # an attacker rewrites both entries' bytes (one also gets a plain sha256)
        for (key, (_, _mac)), evil in zip(rows.items(), (b"<svg>evil</svg>", b"%PDF evil")):
            db.execute("UPDATE entry SET data = ? WHERE key = ?", (evil, key))
    filecache.configure(project)  # the next build
    with caplog.at_level(logging.INFO, logger=MESSAGES):
        remade = {inputs: filecache.cached("k", inputs, lambda data=data: data) for inputs, data in made.items()}
        filecache.cached("k", "二维码", lambda: b"not asked again")  # remade once, read back verified
        filecache.flush()
    assert remade == made
    assert [r.getMessage() for r in caplog.records] == [
        "构建缓存中的 2 个条目校验不符（被改动，或不是本机写入的），已重新生成"
    ]
    assert all(
        r.levelno == logging.INFO for r in caplog.records
    )  # `mkdocs build --strict` goes on: the output is right
    assert {d for d, _ in _rows(path).values()} == set(made.values())


def test_an_entry_moved_to_another_name_fails_its_check(project):
    filecache.cached("k", "a", lambda: b"A")
    filecache.cached("k", "b", lambda: b"B")
    filecache.flush()
    path = filecache.location(project)
    (ka, (da, ma)), (kb, _) = sorted(_rows(path).items(), key=lambda kv: kv[1][0])
    with sqlite3.connect(path) as db:  # a genuine entry (bytes and check) copied under another name
        db.execute("UPDATE entry SET data = ?, mac = ? WHERE key = ?", (da, ma, kb))
    assert filecache.cached("k", "b", lambda: b"B") == b"B"


def test_entries_written_under_another_key_are_not_used(project, monkeypatch, caplog):
    filecache.cached("k", "a", lambda: b"from this machine")
    filecache.flush()
    monkeypatch.setenv("VC_BUILD_CACHE_KEY", "CI 的仓库密钥")  # as in CI, with a restored cache
    with caplog.at_level(logging.INFO, logger=MESSAGES):
        filecache.configure(project)
    assert "由另一把密钥写入" in caplog.text
    assert filecache.cached("k", "a", lambda: b"made again") == b"made again"
    filecache.flush()
    filecache.configure(project)  # the same secret again: its entries are used
    assert filecache.cached("k", "a", lambda: b"not made") == b"made again"


def test_a_cache_file_in_the_project_tree_is_never_read(project, monkeypatch, caplog):
    planted = project / ".cache" / "village-catalogs.sqlite3"  # committed in a pull request, or the old location
    planted.parent.mkdir()
    with sqlite3.connect(planted) as db:
        db.execute("CREATE TABLE entry (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        db.execute("INSERT INTO entry VALUES (?, ?)", (filecache._key("k", "a", (), ()), b"evil"))
    before = planted.read_bytes()
    filecache.configure(project)
    assert filecache.cached("k", "a", lambda: b"good") == b"good"
    filecache.flush()
    assert planted.read_bytes() == before
    # a cache location that resolves inside the project: no cache at all
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / ".cache"))
    with caplog.at_level(logging.INFO, logger=MESSAGES):
        filecache.configure(project)
    assert not filecache.enabled() and "在项目目录" in caplog.text
    assert filecache.cached("k", "a", lambda: b"good") == b"good"
    assert planted.read_bytes() == before and not (project / ".cache" / "village-catalogs").exists()
    outside = project.parent / "elsewhere"
    outside.symlink_to(project / ".cache", target_is_directory=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(outside))  # by a symbolic link
    filecache.configure(project)
    assert not filecache.enabled()


def test_a_cache_file_linked_into_the_project_is_refused(project):
    path = filecache.location(project)
    filecache.configure(None)
    path.unlink()
    path.symlink_to(project / "planted.sqlite3")
    filecache.configure(project)
    assert not filecache.enabled() and not (project / "planted.sqlite3").exists()


def test_a_key_inside_the_project_is_refused(project, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(project))
    filecache.configure(project)
    assert not filecache.enabled() and list(project.iterdir()) == []
    monkeypatch.setenv("VC_BUILD_CACHE_KEY", "密钥")  # a key from the environment: no file needed
    filecache.configure(project)
    assert filecache.enabled()


def test_switched_off_or_unwritable_the_build_still_gets_its_bytes(project, monkeypatch, tmp_path):
    filecache.configure(None)  # switched off (VC_BUILD_CACHE=0: settings.build_cache)
    assert not filecache.enabled()
    assert filecache.cached("k", "x", lambda: b"1") == b"1"
    assert filecache.cached("k", "x", lambda: b"2") == b"2"
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # the cache folder cannot be created under a file
    filecache.configure(project)
    assert not filecache.enabled()
    assert filecache.cached("k", "x", lambda: b"3") == b"3"
