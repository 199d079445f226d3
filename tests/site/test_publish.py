"""publish.clean_stale: what a killed build left beside `site/` is gone when the next build starts;
the published build stays, and a publish killed between its two renames leaves a site again.
(Publishing itself: tests/site/test_hardening_site.py.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build import publish as publishing
from generator.build.publish import clean_stale, publish


def _build(root: Path, text: str) -> Path:
    d = root / f"staging-{text}"
    d.mkdir()
    (d / "index.html").write_text(text, encoding="utf-8")
    return d


def _beside(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(site.name))


def test_stale_folders_of_a_killed_build_are_removed(tmp_path, monkeypatch):
    site = tmp_path / "site"
    current = publish(_build(tmp_path, "已发布"), site)
    (tmp_path / "site.staging" / "村").mkdir(parents=True)  # killed while rendering
    (tmp_path / "site.old").mkdir()  # killed mid-way through a first publish without renameat2
    (tmp_path / "site.builds" / "20990101T000000000000Z-1" / "x").mkdir(parents=True)  # killed after staging moved

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # as if the process died right before the switch

    with monkeypatch.context() as m:
        m.setattr(os, "replace", killed)
        with pytest.raises(KeyboardInterrupt):
            publish(_build(tmp_path, "killed"), site)  # leaves site.next and its build
    assert "site.next" in _beside(site) and len(list((tmp_path / "site.builds").iterdir())) == 3

    clean_stale(site)
    assert _beside(site) == ["site", "site.builds"]
    assert list((tmp_path / "site.builds").iterdir()) == [current]
    assert (site / "index.html").read_text(encoding="utf-8") == "已发布"
    clean_stale(site)  # nothing left over: nothing happens
    assert (site / "index.html").read_text(encoding="utf-8") == "已发布"


def test_a_plain_site_folder_stays_and_every_build_folder_is_stale(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("旧的文件夹", encoding="utf-8")
    (tmp_path / "site.builds" / "a").mkdir(parents=True)
    (tmp_path / "site.next").symlink_to("site.builds/a", target_is_directory=True)
    clean_stale(site)
    assert _beside(site) == ["site", "site.builds"] and not any((tmp_path / "site.builds").iterdir())
    assert (site / "index.html").read_text(encoding="utf-8") == "旧的文件夹"


def test_a_publish_killed_between_its_renames_leaves_a_site_again(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("旧的文件夹", encoding="utf-8")
    monkeypatch.setattr(publishing, "_exchange", lambda a, b: False)  # no renameat2

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(os, "replace", killed)  # site.old made, site not yet replaced by site.next
        with pytest.raises(KeyboardInterrupt):
            publish(_build(tmp_path, "新"), site)
    assert not site.exists()
    clean_stale(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "新"  # the finished build it was publishing
    assert _beside(site) == ["site", "site.builds"] and len(list((tmp_path / "site.builds").iterdir())) == 1

    site.unlink()  # killed after moving the old site away, before the link was made
    (tmp_path / "site.old").mkdir()
    (tmp_path / "site.old" / "index.html").write_text("旧的", encoding="utf-8")
    clean_stale(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "旧的" and not any((tmp_path / "site.builds").iterdir())
