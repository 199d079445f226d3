"""The policy in its own words: the sentences of 延州办发〔2023〕15号 the site relies on, kept as data
(`sources/policy-quotes.yaml`) beside a byte-for-byte copy of the document (`sources/yanzhou-banfa-2023-15.txt`).

Every quote's `text` is a substring of that copy, exactly as it is there (the copy is a text extraction:
its commas, brackets, colons and semicolons are half-width, and a heading may break across lines).
`shown` gives the form a page prints: full-width punctuation, no line breaks, the words unchanged.
The policy texts the answers use (清单未列入, 已不再保留) are built here from the quotes, so a page
can state the rule only with every condition the document attaches to it.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .load import load_bytes

SOURCES = Path(__file__).parent / "sources"
QUOTES_FILE = SOURCES / "policy-quotes.yaml"
_SHOWN = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "\n": None})


@dataclass(frozen=True)
class PolicyDocument:
    number: str
    title: str  # the 方案's own title
    notice: str  # the title of the notice that issued it
    issuer: str
    date: datetime.date  # 印发 (the document has no effective-date clause)
    url: str
    copy: str  # file name of the kept copy under sources/
    sha256: str


@dataclass(frozen=True)
class Quote:
    key: str
    section: str  # where in the document, e.g. 二（三）10
    text: str  # exactly as in the kept copy

    @property
    def shown(self) -> str:
        return shown(self.text)


@dataclass(frozen=True)
class Policy:
    document: PolicyDocument
    quotes: tuple[Quote, ...]

    def quote(self, key: str) -> Quote:
        for q in self.quotes:
            if q.key == key:
                return q
        raise KeyError(f"policy-quotes.yaml 没有 key 为“{key}”的引文")

    def cite(self, *keys: str) -> str:
        """“quoted text”（延州办发〔2023〕15号 二（三）10）: the sentences of `keys`, in one quotation, with their sections."""
        quotes = [self.quote(k) for k in keys]
        sections = "、".join(dict.fromkeys(q.section for q in quotes))
        return f"“{''.join(q.shown for q in quotes)}”（{self.document.number} {sections}）"

    def source_text(self) -> str:
        return (SOURCES / self.document.copy).read_text(encoding="utf-8")


def shown(text: str) -> str:
    """The quote as a page prints it: full-width , ( ) : ; and no line breaks; every character else unchanged."""
    return text.translate(_SHOWN)


@functools.cache
def policy() -> Policy:
    """The quotes file, loaded once (the project's strict YAML loader: duplicate keys, stray types refused)."""
    doc, errors = load_bytes(QUOTES_FILE.read_bytes(), "generator/catalog/sources/policy-quotes.yaml")
    if errors or doc is None:
        raise ValueError("\n".join(map(str, errors)))
    d = doc.data["document"]
    document = PolicyDocument(
        d["number"],
        d["title"],
        d["notice"],
        d["issuer"],
        datetime.date.fromisoformat(d["date"]),
        d["url"],
        d["copy"],
        d["sha256"],
    )
    return Policy(document, tuple(Quote(q["key"], q["section"], q["text"]) for q in doc.data["quotes"]))


def problems(p: Policy | None = None) -> list[str]:
    """What is wrong with the quotes: a text not in the kept copy, a copy that changed, a key used twice."""
    p = p or policy()
    uri = "generator/catalog/sources/policy-quotes.yaml"
    raw = (SOURCES / p.document.copy).read_bytes()
    out = []
    if hashlib.sha256(raw).hexdigest() != p.document.sha256:
        out.append(f"{uri}: document.sha256: 原文副本 {p.document.copy} 已被改动（期望 sha256 {p.document.sha256}）")
    source = raw.decode("utf-8")
    seen: set[str] = set()
    for q in p.quotes:
        if q.key in seen:
            out.append(f"{uri}: quotes[{q.key}]: key 重复")
        seen.add(q.key)
        if q.text not in source:
            out.append(f"{uri}: quotes[{q.key}].text: 不是原文副本中的原句（期望逐字相同，包括标点）：{q.text}")
    return out


# The answers' policy texts (catalog/answers.py takes them from here): quoted, with every condition. A page
# prints each rule followed by its source in brackets, so the last quotation's section is that source.
def section_source(section: str) -> str:
    return f"{policy().document.number} {section}"


def unlisted_rule() -> str:
    """清单未列入: on neither list. Quotes 二（三）10 whole (need, duties, verifiable, 据实; legal risk →
    调查核实, 议事协商, 村民会议/村民代表会议) and 二（三）9's other ways of verifying; source: 二（三）10."""
    p = policy()
    return (
        "不在保留清单上、也不在不应出具清单上的证明，村里不是一律不能开。办事前可先问要求证明的单位能否用网上核验、"
        f"主动调查、告知承诺等方式代替（{p.cite('verify-otherwise')}）。方案对这类证明的规定是："
        f"“{p.quote('unlisted').shown}{p.quote('legal-risk').shown}”"
    )


def removed_rule() -> str:
    """已不再保留: the county cancelled it (its 取消清单, 二（三）10); 二（三）9: not to be required of the village.
    Source: 二（三）9."""
    p = policy()
    return (
        "县（市）已按规定程序取消这项证明，列入取消清单：有关部门（党政群机构）不得再要求村里开具，"
        "应改用网上核验、主动调查、告知承诺等方式核实。方案的规定："
        f"“{p.quote('county-cancel').shown}{p.quote('verify-otherwise').shown}”"
    )


def unlisted_footnote() -> str:
    """The printed list's footnote: what holds for a certificate not on this list, every condition of 二（三）9、10
    kept (need; duties; verifiable; 据实; legal risk → 调查核实, 议事协商, 村民会议/村民代表会议), for the foot of a printed list
    (not yet printed: at this length the 敦化 list no longer fits one A4 page; see the report of issue 22)."""
    p = policy()
    return (
        "本清单以外的证明：不应出具清单上的，村里不能开；取消清单上的，有关部门不得再要求村里开具；两份清单都没有、涉及村民"
        "群众工作、学习、生活等仍需出具证明的，村级组织对属于自身职责范围内且能够核实的事项据实出具；可能涉及法律风险的，要认真"
        f"调查核实情况，广泛组织村民群众议事协商，必要时召开村民会议、村民代表会议讨论决定（{p.document.number} 二（三）9、10）。"
    )
