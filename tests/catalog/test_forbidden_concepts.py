"""Policy as code that can't be sidestepped: a forbidden certificate never gets onto a retained list
under another name (variant, colloquial name, qualifier, word order), a real legal overlap must be
declared, unrelated certificates pass, and the prefecture's common-names table is checked too."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_minimal

from generator.catalog.concepts import core, same_concept
from generator.catalog.validate import check_catalogs

EDITION = "catalogs/yanji/certificates/2024-06-30.yaml"
NAMES = "catalogs/yanbian/certificate-names.yaml"
NAMES_TABLE = """title: 证明事项常用叫法对照表
names:
  - {name: 单身证明, means: YB-QX-08, verified: false}
  - {name: 良民证, means: YB-QX-05, verified: false}
  - {name: 社员证明, means: YB-ZM-003, verified: false}
"""


def add_certificate(root: Path, name: str, aliases: tuple[str, ...] = (), extra: str = "") -> None:
    """Add YJ-ZM-109 `name` to the second yanji edition (with its ledger entry)."""
    path = root / EDITION
    text = path.read_text(encoding="utf-8")
    item = (
        f'  - id: YJ-ZM-109\n    name: "{name}"\n'
        + (f"    aliases: [{', '.join(aliases)}]\n" if aliases else "")
        + "    category: 测试类\n    issuer: 村民委员会\n    requester: [乡镇人民政府]\n    purpose: 测试用途\n"
        "    procedure: [申请人提出申请, 村民委员会核实, 据实出具]\n    deadline: 3\n    form: 统一式样\n"
        "    basis: [{law: 某某条例, article: 第一条}]\n" + extra
    )
    text = text.replace("\nchanges:\n", "\n" + item + "\nchanges:\n")
    text += "  - item: YJ-ZM-109\n    action: added\n    reason: 测试新增\n"
    path.write_text(text, encoding="utf-8")


def problems(root: Path) -> list[str]:
    return [str(e) for e in check_catalogs(root / "catalogs", root)[1]]


@pytest.fixture
def tree(tmp_path) -> Path:
    root = copy_minimal(tmp_path / "repo")
    (root / NAMES).write_text(NAMES_TABLE, encoding="utf-8")
    assert problems(root) == []
    return root


# --- the matcher -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "candidate, known",
    [
        ("出生证明（户口登记用）", "出生证明"),  # a qualifier in brackets
        ("证明婚姻状况", "婚姻状况证明"),  # word order
        ("关于婚姻状况的证明", "婚姻状况证明"),
        ("村民婚姻情况证明", "婚姻状况证明"),  # 情况 / 状况, a leading 村民
        ("户口证明", "户籍证明"),  # 户口 / 户籍
        ("有无犯罪记录证明", "无犯罪记录证明"),  # a wider name containing the concept
        ("无犯罪证明", "无犯罪记录证明"),  # a shorter name for it
        ("收养人婚姻状况和抚养教育能力证明", "婚姻状况证明"),
    ],
)
def test_same_concept(candidate, known):
    assert same_concept(candidate, known), (core(candidate), core(known))


@pytest.mark.parametrize(
    "candidate, known",
    [
        ("居住情况证明", "居民身份信息证明"),
        ("村集体经济组织成员身份证明", "身份证明"),  # 身份 alone is too general to match inside a name
        ("土地经营权流转备案情况证明", "经营场所证明"),
        ("农村宅基地和房屋权属来源证明", "房产证明"),
        ("种植养殖情况证明", "居民养犬证明"),
        ("学生参加社会实践活动证明", "社区戒毒社区康复人员情况证明"),
        ("在校表现证明", "表现证明"),  # a generic word matches only as the whole name
        ("情况证明", "婚姻状况证明"),
    ],
)
def test_not_same_concept(candidate, known):
    assert not same_concept(candidate, known), (core(candidate), core(known))


# --- the rule ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, aliases, seq, forbidden",
    [
        ("单身证明", (), 8, "婚姻状况证明"),  # only the common-names table knows this one
        ("村民良民证", (), 5, "无犯罪记录证明"),  # a table name inside a longer name
        ("无犯罪证明", (), 5, "无犯罪记录证明"),
        ("出生证明（户口登记用）", (), 9, "出生证明"),  # used to be only a warning
        ("证明婚姻状况（收养以外用途）", (), 8, "婚姻状况证明"),
        ("家庭情况说明", ("户口证明",), 2, "居民身份信息证明"),  # through an alias
        ("分居情况证明", (), 8, "婚姻状况证明"),  # a bracketed variant on the list
    ],
)
def test_forbidden_concept_added_as_retained_is_rejected(tree, name, aliases, seq, forbidden):
    add_certificate(tree, name, aliases)
    found = problems(tree)
    assert len(found) == 1, found
    assert found[0].startswith(f"{EDITION}:")
    assert f"第 {seq} 项“{forbidden}" in found[0] and "是同一类证明" in found[0], found[0]
    assert f"overlaps_forbidden（item: {seq}" in found[0]  # says how a real legal overlap is declared


@pytest.mark.parametrize(
    "name",
    [
        "林权流转情况证明",
        "种植养殖情况证明",
        "宅基地使用情况证明",
        "农民专业合作社成员证明",
        "村集体经济组织成员身份证明",
        "学生假期社会实践情况反馈",
    ],
)
def test_unrelated_new_certificates_pass(tree, name):
    add_certificate(tree, name)
    assert problems(tree) == []


OVERLAP = (
    "    overlaps_forbidden:\n      - item: {seq}\n        basis: 中国公民收养子女登记办法第六条\n"
    "        explanation: 只用于办理收养登记。\n"
)


def test_legal_overlap_passes_only_when_declared(tree):
    add_certificate(tree, "送养人婚姻状况证明")
    assert any("第 8 项“婚姻状况证明" in p for p in problems(tree))


def test_declared_overlap_passes(tree):
    add_certificate(tree, "送养人婚姻状况证明", extra=OVERLAP.format(seq=8))
    assert problems(tree) == []


def test_declaring_the_wrong_item_helps_nothing(tree):
    add_certificate(tree, "送养人婚姻状况证明", extra=OVERLAP.format(seq=5))
    found = problems(tree)
    assert any("第 8 项“婚姻状况证明" in p for p in found), found
    assert any("overlaps_forbidden第1项.item: 声明与第 5 项重叠，但事项名称和其他叫法与该项无关" in p for p in found), (
        found
    )


def test_declaring_an_item_not_on_the_list(tree):
    add_certificate(tree, "林权流转情况证明", extra=OVERLAP.format(seq=77))
    assert any("不应出具清单中没有第 77 项" in p for p in problems(tree))


# --- the common-names table ------------------------------------------------------------------------


def test_names_table_errors_name_file_and_line(tree):
    (tree / NAMES).write_text(
        NAMES_TABLE
        + """  - {name: 单身证明, means: YB-QX-08, verified: false}
  - {name: 户口本证明, means: YB-QX-99, verified: false}
  - {name: 未婚证明, means: YB-ZM-001, verified: false}
  - {name: 亲属证明, means: YB-QX-02, verified: true}
""",
        encoding="utf-8",
    )
    assert problems(tree) == [
        f"{NAMES}:6: names第4项.name: “单身证明”与前面的“单身证明”是同一个叫法（每个叫法只写一次）",
        f"{NAMES}:7: names第5项.means: 找不到州级事项“YB-QX-99”（期望州级证明事项或不应出具清单中的编号，如 YB-QX-02、YB-QX-05、YB-QX-08 等）",
        f"{NAMES}:9: names第7项.source: 已核实的对应关系必须写明依据（期望 source: {{document: …}} 或 {{url: …}}，实际没有）",
    ]


def test_names_table_cannot_lead_a_forbidden_name_to_a_retained_item(tree):
    (tree / NAMES).write_text(
        NAMES_TABLE + "  - {name: 户籍情况证明, means: YB-ZM-003, verified: false}\n", encoding="utf-8"
    )
    found = problems(tree)
    assert (
        len(found) == 1
        and "是不应出具的证明事项第 2 项" in found[0]
        and "不能对应到保留的证明事项 YB-ZM-003" in found[0]
    ), found


def test_names_table_belongs_to_the_prefecture(tree):
    (tree / "catalogs/yanji/certificate-names.yaml").write_text(NAMES_TABLE, encoding="utf-8")
    assert problems(tree) == [
        "catalogs/yanji/certificate-names.yaml:1: 常用叫法对照表由州级维护（期望放在州级地区文件夹中，实际在 yanji/；请删除此文件，需要补充或修改请报州民政局）"
    ]
