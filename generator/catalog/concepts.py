"""When two certificate names mean the same certificate.

The forbidden-list rule and the public answer both ask this, so it is answered once, here. A name is
reduced to its core: qualifiers in brackets （户口登记用）, punctuation, filler words (证明, 关于, 的),
a leading 居民/村民/本人 are dropped and near-synonyms (情况/状态 → 状况, 户口 → 户籍) are unified, so
that word-order variants such as 证明婚姻状况 and 关于婚姻状况的证明 reduce alike. Two names are the same
concept when one core contains the other (a shorter core only if it is specific enough to mean a
certificate on its own: 婚姻 does, 状况 does not). Colloquial names that share no words (单身证明 →
婚姻状况证明) are data: the prefecture's common-names table, not code.
"""

from __future__ import annotations

import functools
import re

QUALIFIER = re.compile(r"[（(【\[〔][^）)】\]〕]*[）)】\]〕]")
NOISE = re.compile(r"[\s\u00a0\u200b\u3000、，,。.；;：:“”\"'‘’《》<>·\-—_/|!！?？]+")
SYNONYMS = (("情况", "状况"), ("状态", "状况"), ("户口", "户籍"))
FILLER = re.compile(r"证明书|证明信|证明|关于|开具|出具|的")
PERSON = re.compile(r"^(居民|村民|本人)")
# Too general to stand for one certificate on their own (a core of only this word never matches).
GENERIC = frozenset(
    {
        "状况",
        "信息",
        "记录",
        "关系",
        "申请",
        "变更",
        "内容",
        "项目",
        "登记",
        "人员",
        "事项",
        "材料",
        "情况",
        "其他",
        "有关",
        "相关",
        "证件",
        "身份",
        "身份信息",
        "表现",
    }
)


@functools.lru_cache(maxsize=65536)  # every county's items are compared with the same 20 names
def core(name: str) -> str:
    """What is left of a certificate name once wording that does not change its meaning is gone."""
    text = NOISE.sub("", QUALIFIER.sub("", name))
    for variant, canonical in SYNONYMS:
        text = text.replace(variant, canonical)
    return PERSON.sub("", FILLER.sub("", text))


@functools.lru_cache(maxsize=262144)
def same_concept(candidate: str, known: str) -> bool:
    """Does `candidate` name the same certificate as `known` (or a narrower case of it)?"""
    c, k = core(candidate), core(known)
    if not c or not k:
        return False
    if c == k:
        return True
    if len(k) >= 2 and k not in GENERIC and k in c:
        return True  # 收养人婚姻状况和抚养教育能力 contains 婚姻状况
    return len(c) >= 2 and c not in GENERIC and c in k  # 无犯罪 is a shorter 无犯罪记录
