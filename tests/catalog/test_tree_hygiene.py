"""generator/catalog/discover.py, the walk of catalogs/: every entry is a region, a catalog kind or an edition file, or it is
reported with its path. What git cannot hold (a FIFO, a name that is not UTF-8) or a Windows checkout
could not (a folder named `con`) is made here in tmp at test time."""

from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path

import pytest
from conftest import copy_minimal

from generator.catalog.load import load_file
from generator.catalog.validate import SYMLINK, check_catalogs

CERTS = "catalogs/yanji/certificates"


def problems(root: Path) -> list[str]:
    return [str(e) for e in check_catalogs(root / "catalogs", root)[1]]


@pytest.fixture
def tree(tmp_path) -> Path:
    return copy_minimal(tmp_path / "repo")


def _with_timeout(fn, seconds: float = 20):
    """Run `fn` in a thread; fail (instead of hanging the suite) if it blocks, as opening a FIFO would."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(fn()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked: the FIFO was opened"
    return result[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize(
    "uri",
    [f"{CERTS}/2030-01-01.yaml", "catalogs/yanji/region.yaml", "catalogs/yanbian/milestones.yaml", "catalogs/fifo"],
)
def test_a_fifo_is_reported_and_never_opened(tree, uri):
    path = tree / uri
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    found = _with_timeout(lambda: problems(tree))
    assert (
        f"{uri}: 不是普通文件或文件夹（实际是命名管道（FIFO）；目录中只能有文件夹和 YAML 文本文件，网站不会打开它；请删除它）"
        in found
    )
    assert not any("Traceback" in p or "缺少 region.yaml" in p for p in found)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_load_file_refuses_a_fifo_without_blocking(tmp_path):
    fifo = tmp_path / "2030-01-01.yaml"
    os.mkfifo(fifo)
    doc, errors = _with_timeout(lambda: load_file(fifo, "x.yaml"))
    assert doc is None and [str(e) for e in errors] == [
        "x.yaml: 不是普通文件（期望 YAML 文本文件，实际是管道、设备或文件夹；请换成文件本身）"
    ]


def test_load_file_does_not_follow_a_symlink(tmp_path):
    target = tmp_path / "secret.yaml"
    target.write_text("catalog: certificates\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    doc, errors = load_file(link, "link.yaml")
    assert doc is None and errors[0].message.startswith("无法读取文件（")


def test_catalogs_itself_a_symlink_is_refused_and_not_followed(tmp_path):
    real = copy_minimal(tmp_path / "elsewhere")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "catalogs").symlink_to(real / "catalogs", target_is_directory=True)
    assert problems(repo) == [f"catalogs: {SYMLINK}"]


def test_a_symlinked_region_folder_is_refused(tree, tmp_path):
    shutil.move(tree / "catalogs/yanji", tmp_path / "yanji")
    (tree / "catalogs/yanji").symlink_to(tmp_path / "yanji", target_is_directory=True)
    assert f"catalogs/yanji: {SYMLINK}" in problems(tree)


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_reported_without_traceback(tree):
    name = "2030-01-01\xb1.yaml".encode("latin-1")  # "±" in Latin-1: not UTF-8
    with open(os.path.join(os.fsencode(tree / CERTS), name), "wb") as fh:
        fh.write((tree / CERTS / "2024-06-30.yaml").read_bytes())
    found = problems(tree)
    assert found == [
        f"{CERTS}/2030-01-01\\xb1.yaml: 文件名不是 UTF-8 编码（期望英文字母、数字和“-”组成的名字；"
        "其中的字节无法按 UTF-8 解读，可能是在 GBK 系统中命名的；请重新命名）"
    ]
    for line in found:
        line.encode("utf-8")  # printable: no lone surrogate reaches the output


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses names that are not UTF-8")
def test_a_region_folder_name_that_is_not_utf8_is_reported(tree):
    os.mkdir(os.path.join(os.fsencode(tree / "catalogs"), "安图".encode("gbk")))
    (found,) = problems(tree)
    assert found.startswith("catalogs/\\xb0\\xb2\\xcd\\xbc: 文件名不是 UTF-8 编码")


@pytest.mark.parametrize("name", ["con", "CON", "Aux", "nul", "com1", "lpt9"])
def test_a_region_folder_named_like_a_windows_device_is_refused(tree, name):
    shutil.copytree(tree / "catalogs/yanji", tree / "catalogs" / name)
    found = problems(tree)
    assert (
        f"catalogs/{name}: “{name}”是 Windows 的保留设备名（con、prn、aux、nul、com1–com9、lpt1–lpt9，不分大小写，"
        "带扩展名也一样；在 Windows 上无法建立这样的文件夹、文件或网页；请换一个名字）" in found
    )
    assert len(found) == 1, found


@pytest.mark.parametrize("name", ["nul.yaml", "Con.yaml", "prn"])
def test_a_file_named_like_a_windows_device_is_refused(tree, name):
    (tree / CERTS / name).write_text("x: 1\n", encoding="utf-8")
    (found,) = problems(tree)
    assert found.startswith(f"{CERTS}/{name}: “{name}”是 Windows 的保留设备名")


@pytest.mark.parametrize("name", [".hidden", "..%2fantu", "...", ".yanji"])
def test_hidden_folders_are_reported_not_skipped(tree, name):
    shutil.copytree(tree / "catalogs/yanji", tree / "catalogs" / name)
    (found,) = problems(tree)
    assert found.startswith(f"catalogs/{name}: 隐藏的文件或文件夹“{name}”")


def test_a_hidden_edition_file_is_reported(tree):
    shutil.copy(tree / CERTS / "2024-06-30.yaml", tree / CERTS / ".2025-01-01.yaml")
    (found,) = problems(tree)
    assert found.startswith(f"{CERTS}/.2025-01-01.yaml: 隐藏的文件或文件夹")


def test_a_macos_ds_store_file_is_passed_over(tree):
    (tree / CERTS / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    assert problems(tree) == []


def test_a_folder_where_an_edition_file_belongs_is_reported(tree):
    (tree / CERTS / "2030-01-01.yaml").mkdir()
    (found,) = problems(tree)
    assert found.startswith(f"{CERTS}/2030-01-01.yaml: 文件名不对")


def test_a_region_yaml_folder_is_reported_once(tree):
    (tree / "catalogs/yanji/region.yaml").unlink()
    (tree / "catalogs/yanji/region.yaml").mkdir()
    found = problems(tree)
    assert any(p.startswith("catalogs/yanji/region.yaml: 无法识别的文件夹或文件") for p in found), found
