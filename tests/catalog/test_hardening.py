"""`check` is the whole gate: each hole found by the hardening probe (issue 12) is now a clean
Chinese rejection with file and line."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import copy_minimal

from generator.catalog.validate import check_catalogs

REGION = "catalogs/yanji/region.yaml"
CERT2 = "catalogs/yanji/certificates/2024-06-30.yaml"


def problems(root: Path) -> list[str]:
    return [str(e) for e in check_catalogs(root / "catalogs", root)[1]]


def edit(root: Path, uri: str, old: str, new: str) -> None:
    path = root / uri
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def tree(tmp_path) -> Path:
    return copy_minimal(tmp_path / "repo")


# 1. nothing to publish -------------------------------------------------------------------------------


def test_empty_catalogs_folder_is_rejected(tree):
    for child in (tree / "catalogs").iterdir():
        shutil.rmtree(child)
    assert problems(tree) == [
        "catalogs: 没有州级地区（期望 catalogs/ 下有一个 level: prefecture 的地区文件夹，如 yanbian/，"
        "其中有 region.yaml 和各类州级目录；网站的每一页都依据它）"
    ]


def test_prefecture_without_forbidden_list_is_rejected(tree):
    for child in (tree / "catalogs").iterdir():
        if child.name != "yanbian":
            shutil.rmtree(child)
    for child in (tree / "catalogs" / "yanbian").iterdir():
        if child.is_dir():
            shutil.rmtree(child)
    (found,) = problems(tree)
    assert found.startswith("catalogs/yanbian/region.yaml:") and "缺少不应出具的证明事项清单" in found


# 3. what a plaque cannot draw ------------------------------------------------------------------------


def test_character_no_plaque_font_draws_is_rejected_with_its_line(tree):
    edit(tree, REGION, "name: 新兴村", 'name: "新\U00030000村"')
    (found,) = problems(tree)
    assert (
        found.startswith(f"{REGION}:16: towns第1项.villages第1项.name: ")
        and "U+30000" in found
        and "牌子字体无法显示" in found
    )


def test_zero_width_space_in_a_korean_town_name_is_rejected(tree):
    edit(tree, REGION, "name_ko: 의란진", 'name_ko: "의란\\u200b진"')
    (found,) = problems(tree)
    assert found.startswith(f"{REGION}:13: towns第1项.name_ko: ") and "U+200B" in found


# 4. control and text-direction characters --------------------------------------------------------------


@pytest.mark.parametrize(
    "value, code",
    [
        ('"土地\\x00经营权流转备案情况证明"', "U+0000"),
        ('"土地经营权\\u202e流转备案情况证明"', "U+202E"),
        ('"土地经营权流转备案情况证明\\x1b[31m"', "U+001B"),
        ('"土地经营权流转备案情况证明\\u2066"', "U+2066"),
    ],
)
def test_invisible_characters_are_rejected_at_load(tree, value, code):
    edit(tree, CERT2, "name: 土地经营权流转备案情况证明", f"name: {value}")
    (found,) = problems(tree)
    assert found.startswith(f"{CERT2}:21: items第3项.name: 文字中第") and code in found


def test_an_alias_of_only_a_zero_width_space_is_not_text(tree):
    edit(tree, CERT2, "aliases: [土地流转证明]", 'aliases: ["\\u200b"]')
    (found,) = problems(tree)
    assert found.startswith(f"{CERT2}:22: items第3项.aliases第1项: ") and "U+200B" in found


# 5. YAML 1.1 numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, read_as", [("010", "8"), ("1:30", "90"), ("0x10", "16"), ("0017", "15"), ("1_0", "10")]
)
def test_numbers_yaml_would_misread_are_rejected(tree, written, read_as):
    edit(tree, CERT2, "deadline: 3\n", f"deadline: {written}\n")
    (found,) = problems(tree)
    assert found.startswith(f"{CERT2}:") and f"数字“{written}”的写法会被误读（YAML 会把它读成 {read_as}" in found


# 6 (in part). an amendment must change something ---------------------------------------------------------


def test_amendment_without_any_change_is_rejected(tree):
    latest = (tree / CERT2).read_text(encoding="utf-8")
    copy = latest.replace('effective: "2024-06-30"', 'effective: "2025-01-01"').split("\nchanges:")[0]
    (tree / "catalogs/yanji/certificates/2025-01-01.yaml").write_text(copy + "\nchanges: []\n", encoding="utf-8")
    found = problems(tree)
    assert any("2025-01-01.yaml" in p and "kind: 与上一版 2024-06-30 相比没有任何变化" in p for p in found), found


# 9. symbolic links --------------------------------------------------------------------------------------


def test_symlinks_are_refused_and_never_read(tree, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("catalog: certificates\n# 机密内容\n", encoding="utf-8")
    os.symlink(secret, tree / "catalogs/yanji/certificates/2030-01-01.yaml")
    found = problems(tree)
    assert found == [
        "catalogs/yanji/certificates/2030-01-01.yaml: 不允许使用符号链接（期望普通文件或文件夹；符号链接可能指向仓库以外的文件，请换成文件本身）"
    ]
    assert not any("机密" in p for p in found)


def test_symlinked_region_yaml_is_refused(tree, tmp_path):
    target = tree / REGION
    moved = tmp_path / "region.yaml"
    shutil.move(target, moved)
    os.symlink(moved, target)
    assert any(p.startswith(f"{REGION}: 不允许使用符号链接") for p in problems(tree))


def test_an_id_cannot_be_given_to_a_different_guide_item(tree):
    """Keeping YJ-ZM-001 but pointing it at another prefecture item is a different certificate."""
    edit(tree, CERT2, "{id: YJ-ZM-001, adopts: YB-ZM-001}", "{id: YJ-ZM-001, adopts: YB-ZM-002}")
    found = [p for p in problems(tree) if "一个编号只能指同一个事项" in p]
    assert len(found) == 1 and found[0].startswith(f"{CERT2}:") and "YB-ZM-001" in found[0] and "YB-ZM-002" in found[0]
