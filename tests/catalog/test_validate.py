"""generator/catalog/validate.py (with catalog/rules/): fixture trees in, exact error lines out.

The valid minimal tree must pass without a single line; each invalid case is an overlay on it and
must produce exactly the lines in its `expected.txt` (see conftest.py for the case layout).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import INVALID, INVALID_CASES, MINIMAL, REPO_ROOT, apply_case, expected_lines

from generator.catalog.errors import CatalogError, Severity
from generator.catalog.model import CatalogKind, Level
from generator.catalog.validate import check_catalogs

LINE = re.compile(r"^catalogs/[^:\n]+(?::[1-9]\d*)?:(?: [^\s:]+:)? (?:警告：)?\S.*$")
CJK = re.compile(r"[\u4e00-\u9fff]")


def check(root: Path) -> list[str]:
    _, problems = check_catalogs(root / "catalogs", root)
    return [str(p) for p in problems]


# --- the valid tree ---------------------------------------------------------------------------


def test_minimal_tree_passes_without_errors_or_warnings():
    assert check(MINIMAL) == []


def test_minimal_tree_model_resolves_adoption():
    catalogs, _ = check_catalogs(MINIMAL / "catalogs", MINIMAL)
    assert catalogs.regions["yanji"].level is Level.COUNTY
    assert catalogs.regions["yanji"].towns[0].villages[0].name_ko == "신흥촌"
    first, second = catalogs.history("yanji", CatalogKind.CERTIFICATES)
    adopted = first.item("YJ-ZM-001")
    assert adopted.name == "收养人婚姻状况和抚养教育能力证明"  # inherited from the guide
    assert adopted.name_ko == "입양인 혼인상황 및 부양교육능력 증명"
    assert adopted.overrides == ()
    renamed = second.item("YJ-ZM-003")
    assert renamed.name == "村集体经济组织成员确认证明" and renamed.overrides == ("name",)
    assert renamed.deadline == "当场办结"  # everything else still comes from the guide
    assert [c.action.value for c in second.changes] == ["removed", "renamed", "modified", "added"]
    assert second.changes[0].line == 45


def test_real_catalogs_pass():
    problems = check_catalogs(REPO_ROOT / "catalogs", REPO_ROOT)[1]
    assert [str(p) for p in problems if p.is_error] == []


# --- the invalid cases ------------------------------------------------------------------------


def test_every_case_has_expected_lines():
    assert len(INVALID_CASES) >= 25
    for case in INVALID_CASES:
        assert expected_lines(case), f"{case}: expected.txt is empty"
        assert (INVALID / case / "overlay").is_dir() or (INVALID / case / "oversize.txt").is_file(), case


@pytest.mark.parametrize("case", INVALID_CASES)
def test_invalid_case_gives_exactly_the_expected_lines(case: str, tmp_path: Path):
    assert check(apply_case(case, tmp_path / "repo")) == expected_lines(case)


@pytest.mark.parametrize("case", INVALID_CASES)
def test_expected_lines_are_well_formed(case: str):
    """`path:line: field: message`, in Chinese, saying what was expected or found."""
    for line in expected_lines(case):
        assert LINE.match(line), line
        message = line.split(": ", 2)[-1]
        assert CJK.search(message), line
        assert "（" in message and "）" in message, f"no explanation in parentheses: {line}"
        assert "None" not in line and "Traceback" not in line, line


def test_cases_name_the_line_and_field():
    """The rule-level cases point at the item's own line and field, not at the file."""
    wants = {
        "retained-forbidden-by-name": ":44: items第5项.name:",
        "retained-forbidden-variant": ":44: items第5项.name:",
        "retained-forbidden-alias": ":45: items第5项.aliases:",
        "ledger-wrong-action": ":49: changes第2项.action:",
        "missing-basis-county-local": ":32: items第4项.basis:",
        "adopts-missing-guide-item": ":21: items第4项.adopts:",
        "duty-zhaoshang-yinzi": ":31: items第5项.category:",
        "id-wrong-prefix": ":32: items第4项.id:",
        "yaml-unquoted-date": ":3: effective:",
        "unknown-field-typo": ":33: items第4项.nmae:",
        "yaml-duplicate-key": ":6: name:",
        "yaml-python-tag": ":28:",
        "signboard-name-ko-without-hangul": ":22: items第3项.name_ko:",
    }
    for case, where in wants.items():
        assert any(where in line for line in expected_lines(case)), (case, where)


@pytest.mark.parametrize(
    "case,seq,found",
    [
        ("retained-forbidden-by-name", 5, "无犯罪记录证明"),
        ("retained-forbidden-variant", 2, "户籍证明"),
        ("retained-forbidden-alias", 9, "出生证明"),
        ("retained-forbidden-alias-behind-near-name", 5, "无犯罪记录证明"),
    ],
)
def test_forbidden_certificate_cites_the_national_list(case: str, seq: int, found: str):
    (line,) = [x for x in expected_lines(case) if f"第 {seq} 项" in x]  # once, not once per forbidden list
    assert f"第 {seq} 项" in line and "民发〔2020〕20号" in line and f"“{found}”" in line
    assert "警告" not in line


def test_variant_names_the_listed_item_and_the_variant():
    (line,) = expected_lines("retained-forbidden-variant")
    assert "第 2 项“居民身份信息证明（户籍证明）”中的“户籍证明”" in line


def test_a_near_name_is_an_error_now_not_a_warning():
    """户籍证明材料补办情况说明 contains the variant 户籍证明: the same concept, not a hint to check."""
    lines = expected_lines("retained-forbidden-alias-behind-near-name")
    assert any(
        "items第5项.name: “户籍证明材料补办情况说明”与不应出具的证明事项第 2 项" in x and "警告" not in x for x in lines
    ), lines


def test_warnings_are_marked_and_do_not_fail():
    (line,) = expected_lines("orthography-yongjeong-warning")
    assert "警告：" in line and "룡정" in line and "용정" in line


def test_invalid_guide_does_not_cascade_into_counties():
    lines = expected_lines("cascade-invalid-guide") + expected_lines("yaml-duplicate-key")
    assert all(not line.startswith("catalogs/yanji/") for line in lines), lines


# --- rules not covered by a case --------------------------------------------------------------


def _edit(root: Path, uri: str, old: str, new: str) -> None:
    path = root / uri
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


CERT2 = "catalogs/yanji/certificates/2024-06-30.yaml"


def test_full_width_digits_are_not_ascii_digits(minimal_tree: Path):
    _edit(minimal_tree, CERT2, "  - id: YJ-ZM-102\n", "  - id: YJ-ZM-１０２\n")
    _edit(minimal_tree, "catalogs/yanji/region.yaml", 'code: "222401"', 'code: "２２２４０１"')
    lines = check(minimal_tree)
    assert any(":32: items第4项.id: 格式不对" in line and "YJ-ZM-１０２" in line for line in lines), lines
    assert any("region.yaml:6: code: 格式不对" in line for line in lines), lines


def test_impossible_date_is_reported(minimal_tree: Path):
    _edit(minimal_tree, CERT2, 'date: "2024-06-20"', 'date: "2024-02-30"')
    assert check(minimal_tree) == [
        f'{CERT2}:11: document.date: 日期不存在（期望真实的日期，如 "2024-06-30"，实际为“2024-02-30”）'
    ]


def test_unquoted_impossible_date_is_a_load_error(minimal_tree: Path):
    _edit(minimal_tree, CERT2, 'date: "2024-06-20"', "date: 2024-02-30")
    (line,) = check(minimal_tree)
    assert line.startswith(f"{CERT2}:11: document.date: 无法识别的值“2024-02-30”（")


def test_edition_that_is_not_a_mapping(minimal_tree: Path):
    (minimal_tree / CERT2).write_text("- 收养证明\n- 居住证明\n", encoding="utf-8")
    assert check(minimal_tree) == [
        f"{CERT2}:1: 应为一组字段（映射），实际为列表（2 项）（文件应以“catalog: …”等字段开头）"
    ]


def test_region_folder_and_slug_must_agree(minimal_tree: Path):
    _edit(minimal_tree, "catalogs/yanji/region.yaml", "slug: yanji", "slug: yanjii")
    assert check(minimal_tree) == [
        "catalogs/yanji/region.yaml:2: slug: 与文件夹名不一致（期望“yanji”，实际为“yanjii”；slug 必须等于所在文件夹名）"
    ]


def test_stray_files_and_folders_are_reported(minimal_tree: Path):
    (minimal_tree / "catalogs/notes.txt").write_text("备注", encoding="utf-8")
    (minimal_tree / "catalogs/yanji/certificate").mkdir()
    (minimal_tree / "catalogs/yanji/certificates/2024-6-30.yaml").write_text(
        "catalog: certificates\n", encoding="utf-8"
    )
    lines = check(minimal_tree)
    assert len(lines) == 3, lines
    assert any(line.startswith("catalogs/notes.txt: 多余的文件") for line in lines)
    assert any(line.startswith("catalogs/yanji/certificate: 无法识别的文件夹或文件") for line in lines)
    assert any("实际为“2024-6-30.yaml”" in line for line in lines)


def test_missing_catalogs_folder(tmp_path: Path):
    _, problems = check_catalogs(tmp_path / "catalogs", tmp_path)
    assert [str(p) for p in problems] == ["catalogs: 找不到目录文件夹（期望 catalogs/ 存在）"]


def test_reusing_a_removed_id_is_reported(minimal_tree: Path):
    third = (minimal_tree / CERT2).read_text(encoding="utf-8")
    third = third.replace('effective: "2024-06-30"', 'effective: "2025-01-01"')
    third = third[: third.index("changes:")] + (
        "  - {id: YJ-ZM-002, adopts: YB-ZM-002}\n\nchanges:\n"
        "  - item: YJ-ZM-002\n    action: added\n    reason: 恢复居住情况证明\n"
    )
    (minimal_tree / "catalogs/yanji/certificates/2025-01-01.yaml").write_text(third, encoding="utf-8")
    lines = check(minimal_tree)
    assert len(lines) == 1 and "items第5项.id: 编号“YJ-ZM-002”已在 2024-06-30 版本中取消，不得再次使用" in lines[0], (
        lines
    )


def test_ids_are_unique_across_regions(minimal_tree: Path):
    _edit(minimal_tree, CERT2, "  - id: YJ-ZM-102\n", "  - id: YJ-ZM-101\n")
    lines = check(minimal_tree)
    assert any("items第4项.id: 编号“YJ-ZM-101”在本版本中重复" in line for line in lines), lines


def test_results_do_not_depend_on_hash_seed(tmp_path: Path):
    """Sets of strings iterate in a per-process order: the output must not."""
    root = apply_case("retained-forbidden-by-name", tmp_path / "repo")
    outputs = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-m", "generator", "check"],
            cwd=root,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO_ROOT)},
            check=False,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_catalog_error_format():
    assert (
        str(CatalogError("catalogs/a/b.yaml", 3, "items第1项.name", "不对"))
        == "catalogs/a/b.yaml:3: items第1项.name: 不对"
    )
    assert str(CatalogError("catalogs/a/b.yaml", 0, "", "太大")) == "catalogs/a/b.yaml: 太大"
    assert str(CatalogError("c.yaml", 1, "", "注意", Severity.WARNING)) == "c.yaml:1: 警告：注意"
