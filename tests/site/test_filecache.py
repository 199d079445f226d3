"""The build cache on disk (generator/site/filecache.py): same inputs, same bytes, made once."""
from __future__ import annotations

import pytest

from generator.site import filecache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.delenv("VC_BUILD_CACHE", raising=False)
    monkeypatch.setattr(filecache, "_versions", {})
    filecache.configure(tmp_path)
    yield tmp_path
    filecache.configure(None)


def test_an_entry_is_made_once_and_read_back(cache):
    calls = []
    make = lambda: calls.append(1) or b"\x00bytes"  # noqa: E731
    assert filecache.cached("k", "input", make) == b"\x00bytes"
    assert filecache.cached("k", "input", make) == b"\x00bytes"
    assert len(calls) == 1
    filecache.flush()
    filecache.configure(cache)  # a later build
    assert filecache.cached("k", "input", make) == b"\x00bytes" and len(calls) == 1
    assert (cache / filecache.FILE).is_file()


def test_other_inputs_kinds_or_code_make_other_entries(cache, tmp_path):
    source = tmp_path / "maker.py"
    source.write_text("v1", encoding="utf-8")
    assert filecache.cached("k", "a", lambda: b"a", sources=(str(source),)) == b"a"
    assert filecache.cached("k", "b", lambda: b"b", sources=(str(source),)) == b"b"
    assert filecache.cached("other", "a", lambda: b"other") == b"other"
    source.write_text("v2", encoding="utf-8")  # the code that makes the entries changed
    filecache._versions.clear()  # a new process
    assert filecache.cached("k", "a", lambda: b"new", sources=(str(source),)) == b"new"


def test_switched_off_or_unwritable_the_build_still_gets_its_bytes(cache, monkeypatch, tmp_path):
    monkeypatch.setenv("VC_BUILD_CACHE", "0")
    filecache.configure(cache)
    assert filecache.cached("k", "x", lambda: b"1") == b"1"
    assert filecache.cached("k", "x", lambda: b"2") == b"2"
    monkeypatch.delenv("VC_BUILD_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    filecache.configure(blocker)  # .cache cannot be created under a file
    assert filecache.cached("k", "x", lambda: b"3") == b"3"
