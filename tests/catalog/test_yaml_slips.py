"""What YAML would drop or join without a word is refused with its line (issue 21, item 6): ` #` after an
unquoted value (the rest of the line becomes a comment) and `[甲，乙]` (one entry, not two). Comments
written as comments (two spaces, `# `) and Chinese commas inside one of several entries stay fine."""

from __future__ import annotations

import pytest

from generator.catalog.load import load_bytes


def _load(text: str):
    doc, errors = load_bytes(text.encode("utf-8"), "x.yaml")
    return (doc.data if doc else None), [str(e) for e in errors]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "name: 居住证明 #2\n",
            "x.yaml:1: name: “居住证明 #2”中“#”以后的“2”被 YAML 当作注释丢掉了，读到的只是“居住证明”（期望：“#”是内容的一部分时请把整个值加引号，"
            '写成 "居住证明 #2"；是注释的，请在“#”前空两格、后空一格，如 “  # 注释”）',
        ),
        (
            "items:\n  - 居住证明 #2\n",
            "x.yaml:2: items第1项: “居住证明 #2”中“#”以后的“2”被 YAML 当作注释丢掉了，读到的只是“居住证明”（期望：“#”是内容的一部分时请把整个值加引号，"
            '写成 "居住证明 #2"；是注释的，请在“#”前空两格、后空一格，如 “  # 注释”）',
        ),
        (
            "deadline: 5 #个工作日\r\n",
            "x.yaml:1: deadline: “5 #个工作日”中“#”以后的“个工作日”被 YAML 当作注释丢掉了，读到的只是“5”（期望：“#”是内容的一部分时请把整个值加引号，"
            '写成 "5 #个工作日"；是注释的，请在“#”前空两格、后空一格，如 “  # 注释”）',
        ),
        (
            "aliases: [户口证明，户籍证明]\n",
            "x.yaml:1: aliases: 列表 [户口证明，户籍证明] 里用了中文逗号“，”，YAML 只认英文逗号，读成了一项“户口证明，户籍证明”"
            '（期望分开的几项用英文逗号加空格，如 [户口证明, 户籍证明]；这一项本身含有逗号的，请加引号：["户口证明，户籍证明"]）',
        ),
    ],
    ids=["one-space-comment", "comment-in-a-list", "number-comment-crlf", "chinese-comma-in-flow-list"],
)
def test_what_yaml_would_drop_or_join_is_refused(text: str, expected: str):
    data, errors = _load(text)
    assert data is None and errors == [expected]


@pytest.mark.parametrize(
    "text, data",
    [
        ("name_ko: 거주정황증명  # 译名待核\n", {"name_ko": "거주정황증명"}),  # a comment, written as one
        ('name: "居住证明 #2"\n', {"name": "居住证明 #2"}),
        ("name: 居住证明#2\n", {"name": "居住证明#2"}),  # no space before #: part of the value
        ("procedure: [申请, 核实，必要时讨论, 出具]\n", {"procedure": ["申请", "核实，必要时讨论", "出具"]}),
        ('aliases: ["户口证明，户籍证明"]\n', {"aliases": ["户口证明，户籍证明"]}),
        ("notes: |\n  第一行 #1\n", {"notes": "第一行 #1\n"}),
    ],
)
def test_comments_and_commas_that_mean_what_they_say_stay_fine(text: str, data):
    assert _load(text) == (data, [])
