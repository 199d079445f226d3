"""mark_korean (generator/site/korean.py): Hangul outside a lang="ko" element gets <span lang="ko">."""

from __future__ import annotations

import pytest

from generator.site.korean import mark_korean

K = '<span lang="ko">{}</span>'


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>延吉 연길시</p>", "<p>延吉 " + K.format("연길시") + "</p>"),
        ('<p lang="ko">연길시</p>', '<p lang="ko">연길시</p>'),
        ('<div lang="ko"><b>연길</b></div>', '<div lang="ko"><b>연길</b></div>'),  # inherited
        ('<div lang="ko"><b lang="">연길</b></div>', '<div lang="ko"><b lang="">연길</b></div>'),  # empty lang inherits
        ('<abbr title="A>연길">룡정</abbr>', '<abbr title="A>연길">' + K.format("룡정") + "</abbr>"),  # ">" in a value
        ('<span title="x lang=ko">룡정</span>', '<span title="x lang=ko">' + K.format("룡정") + "</span>"),
        ('<P LANG="KO">연길</P><p>룡정</p>', '<P LANG="KO">연길</P><p>' + K.format("룡정") + "</p>"),
        ("<p>a<br/>연길</p>", "<p>a<br/>" + K.format("연길") + "</p>"),
        (
            "<script>var a = '연길';</script><p>1 < 2 연길</p>",
            "<script>var a = '연길';</script><p>1 < 2 " + K.format("연길") + "</p>",
        ),
        ("<!-- 연길 --><p>x</p>", "<!-- 연길 --><p>x</p>"),
        ("<p>无朝鲜文</p>", "<p>无朝鲜文</p>"),
    ],
)
def test_marks_hangul_outside_korean_elements_only(html, expected):
    assert mark_korean(html) == expected
