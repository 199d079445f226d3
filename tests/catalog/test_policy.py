"""The policy in its own words (catalog/policy.py): every sentence the site quotes from 延州办发〔2023〕15号 is kept
as data and found, byte for byte, in the kept copy of the document; the copy is the seed itself.

Why a committed copy: CI checks the clone out with ../shared beside it read-only, but a clone elsewhere has no
../shared. The seed is an official document made public (此件公开发布); documents of state organs are not
protected by copyright (著作权法第五条), so the repository keeps a copy (generator/catalog/sources/) with its
sha256 in the quotes file. The quotes are tested against that copy always, and the copy against ../shared/seeds
whenever it is there."""

from __future__ import annotations

import hashlib
import re

import pytest
from conftest import REPO_ROOT

from generator.catalog import answers, policy

SHARED_SEEDS = REPO_ROOT.parent / "shared" / "seeds"
QUOTED = re.compile(r"“([^“”]+)”")


def shown_source() -> str:
    return policy.shown(policy.policy().source_text())


def test_every_quote_is_in_the_kept_copy_byte_for_byte():
    assert policy.problems() == []
    source = policy.SOURCES.joinpath(policy.policy().document.copy).read_bytes()
    for q in policy.policy().quotes:
        assert q.text.encode("utf-8") in source, q.key


def test_the_kept_copy_is_the_seed_when_the_seed_is_beside_the_clone():
    seeds = sorted(SHARED_SEEDS.glob("*.txt")) if SHARED_SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("../shared/seeds is not beside this clone: the copy's sha256 is checked instead")
    copy = policy.SOURCES.joinpath(policy.policy().document.copy).read_bytes()
    assert any(s.read_bytes() == copy for s in seeds)
    for q in policy.policy().quotes:  # and every quote against the seed itself
        assert any(q.text.encode("utf-8") in s.read_bytes() for s in seeds), q.key


def test_a_changed_copy_or_quote_is_reported(monkeypatch, tmp_path):
    p = policy.policy()
    fake = policy.Policy(p.document, (*p.quotes, policy.Quote("made-up", "二（三）10", "村级组织可以据实出具")))
    assert any("made-up" in m for m in policy.problems(fake))
    monkeypatch.setattr(policy, "SOURCES", tmp_path)
    (tmp_path / p.document.copy).write_bytes("改动过的副本".encode())
    assert any("sha256" in m for m in policy.problems(p))


def test_shown_changes_only_punctuation_and_line_breaks():
    assert not set("，（）：；") & set(policy.policy().source_text())  # the copy's punctuation is half-width
    for q in policy.policy().quotes:
        back = q.shown.translate(str.maketrans({"，": ",", "（": "(", "）": ")", "：": ":", "；": ";"}))
        assert back == q.text.replace("\n", ""), q.key


@pytest.mark.parametrize("text", [answers.UNLISTED_RULE, answers.REMOVED_RULE])
def test_every_quotation_in_the_policy_texts_is_the_document(text):
    quoted = QUOTED.findall(text)
    assert quoted
    for q in quoted:
        assert q in shown_source(), q


@pytest.mark.parametrize("text", [answers.UNLISTED_RULE, answers.UNLISTED_FOOTNOTE])
def test_unlisted_keeps_every_condition(text):
    for condition in (
        "工作、学习、生活等仍需出具证明的",
        "自身职责范围内且能够核实的事项据实出具",
        "认真调查核实情况",
        "广泛组织村民群众议事协商",
        "必要时召开村民会议、村民代表会议讨论决定",
    ):
        assert condition in text, condition
    assert answers.UNLISTED_SOURCE == "延州办发〔2023〕15号 二（三）10"


def test_removed_says_what_two_three_nine_says_not_that_the_village_may_issue():
    rule = answers.REMOVED_RULE
    assert "有关部门（党政群机构）不得再要求村里开具" in rule
    assert "网上核验、主动调查、告知承诺" in rule  # the alternative
    assert "据实出具" not in rule and "可以开" not in rule and "可以" not in rule
    assert answers.REMOVED_SOURCE == "延州办发〔2023〕15号 二（三）9"


def test_the_document_is_issued_not_put_in_force_on_its_date():
    d = policy.policy().document
    assert d.date.isoformat() == "2023-09-28" and "2023年9月28日" in policy.policy().quote("signed").text
    assert "施行" not in policy.policy().source_text()  # the 方案 has no effective-date clause
    assert hashlib.sha256(policy.SOURCES.joinpath(d.copy).read_bytes()).hexdigest() == d.sha256
