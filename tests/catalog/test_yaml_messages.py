"""The YAML slips county staff make, each answered in Chinese at its own line with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_minimal
from test_load import ENGLISH

from generator.catalog.validate import check_catalogs

CERT2 = "catalogs/yanji/certificates/2024-06-30.yaml"


def problems_after(tmp_path: Path, old: str, new: str) -> list[str]:
    root = copy_minimal(tmp_path / "repo")
    path = root / CERT2
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return [str(e) for e in check_catalogs(root / "catalogs", root)[1]]


def line_of(tmp_path: Path, old: str) -> int:
    text = (copy_minimal(tmp_path / "orig") / CERT2).read_text(encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    "old, new, says",
    [
        ("    purpose: 申请农业补贴", "\tpurpose: 申请农业补贴", "制表符（Tab）"),  # a tab
        ("    purpose: 申请农业补贴", "    purpose：申请农业补贴", "用了中文冒号“：”"),  # full-width colon
        ("    purpose: 申请农业补贴", "    purpose:申请农业补贴", "冒号后面缺少空格"),  # no space after the colon
        (
            "    form: 土地经营权流转备案情况证明（统一式样）",
            '    form: "土地经营权流转备案情况证明（统一式样）',
            "没有对应的结尾",
        ),  # unclosed quote
        ("    purpose: 申请农业补贴", "      purpose: 申请农业补贴", "缩进不对"),  # bad indentation
    ],
)
def test_slip_is_named_in_chinese_at_its_line(tmp_path, old, new, says):
    found = problems_after(tmp_path, old, new)
    line = line_of(tmp_path, old)
    assert found and found[0].startswith(f"{CERT2}:{line}: YAML 格式错误，"), (found, line)
    assert says in found[0], found[0]
    assert not any(ENGLISH.search(p.split(": ", 1)[1]) for p in found), found
