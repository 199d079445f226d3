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


KOREAN_PAGES = [
    '<p>연길시 <span lang="zh">延吉市 연길</span></p>',
    '<p lang="zh-Hans">延吉 <b>연길</b> <i lang="ko">룡정</i> 룡정</p><p>룡정</p>',
    '<script>var x = \'<span lang="zh">연길</span>\';</script><span lang="zh">연길</span>',
    '<!-- <b lang="zh">연길</b> --><b lang="zh">a</b>연길',
    '<span lang="zh"><span lang="zh">연길</span> 룡정</span> 훈춘',
    '<img lang="zh" alt="연길"><p>연길</p><br lang="zh"/>룡정',
    "<div lang=\"zh\"><p>연길<br>룡정</p></div><div lang=zh>도문</div><div lang='zh'>안도</div>",
    '<abbr title="A>연길" lang="zh">룡정</abbr>',
    '<span lang="zh">延吉</span>',
    '<p lang="zh">unclosed 연길',
    "연길 only",
]


@pytest.mark.parametrize("html", KOREAN_PAGES)
def test_a_korean_page_is_marked_as_read_from_the_start(html):
    """The Korean page's shortcut (only elements in another language are read) gives what reading every
    token does: Hangul marked inside lang="zh" elements only, never in scripts or comments."""
    from generator.site.korean import mark_korean_page

    assert mark_korean(html, korean=True) == mark_korean_page(html)


def test_a_korean_page_marks_hangul_in_chinese_elements_only():
    html = '<p>연길 <span lang="zh">延吉 연길</span></p><script>"<b lang=zh>연길</b>"</script>'
    assert mark_korean(html, korean=True) == (
        '<p>연길 <span lang="zh">延吉 ' + K.format("연길") + '</span></p><script>"<b lang=zh>연길</b>"</script>'
    )


def test_random_korean_pages_agree_with_reading_every_token():
    """Well-formed pages (as the templates write them) of random nesting, languages and text."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from generator.site.korean import mark_korean_page

    text = st.sampled_from(
        ["연길", "延吉", " ", "룡정 1·2", "a < b", "<br>", "<!-- 연길 -->", "<script>'<b lang=zh>연길'</script>"]
    )
    opening = st.sampled_from(
        ['<span lang="zh">', "<span>", '<p lang="ko">', '<i lang="">', "<b lang=zh>", '<em title="lang=zh">']
    )

    def element(children):
        return st.tuples(opening, st.lists(children, max_size=4)).map(
            lambda t: t[0] + "".join(t[1]) + "</" + t[0][1:].split(">")[0].split(" ")[0] + ">"
        )

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.recursive(text, element, max_leaves=12), max_size=5))
    def agree(pieces):
        html = "".join(pieces)
        assert mark_korean(html, korean=True) == mark_korean_page(html)

    agree()
