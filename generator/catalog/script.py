"""Which characters a plaque can carry: the bundled Noto Sans CJK faces draw exactly these.

Text that ends up on a signboard (signboard names and patterns, region, town and village names) is
checked against these ranges at `check` time, so the plaque renderer never meets a character it
cannot draw (tests/signboards checks the ranges against the real font files).
"""

from __future__ import annotations

PLAQUE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII letters, digits, punctuation
    (0x00B7, 0x00B7),  # middle dot
    (0x2010, 0x2016),  # dashes
    (0x2018, 0x201A),  # single quotes
    (0x201C, 0x201E),  # double quotes
    (0x2020, 0x2022),  # daggers, bullet
    (0x2025, 0x2027),  # two-dot leader, ellipsis
    (0x25CB, 0x25CB),  # ○ (○○村 in generic plaques)
    (0x3000, 0x303F),  # CJK punctuation
    (0x3400, 0x4DB5),  # CJK Extension A
    (0x4E00, 0x9FEF),  # CJK Unified Ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xFF01, 0xFF5E),  # full-width forms
)


def undrawable(text: str) -> str | None:
    """The first character of `text` no plaque face can draw, or None."""
    for ch in text:
        code = ord(ch)
        if not any(lo <= code <= hi for lo, hi in PLAQUE_RANGES):
            return ch
    return None


def message(text: str, ch: str) -> str:
    return (
        f"“{text}”中的“{ch}”（U+{ord(ch):04X}）牌子字体无法显示（期望常用汉字、朝鲜文字母、数字和常用标点；"
        "请改用常用字；确需此字请联系维护人员增加字体）"
    )
