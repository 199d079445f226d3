"""Errors raised while rendering plaques; messages in Chinese for county staff, naming what is wrong."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def describe_char(ch: str) -> str:
    """``“村”(U+6751)`` — the character and its code point, so invisible ones can be found too."""
    return f"“{ch}”(U+{ord(ch):04X})"


class MissingGlyphError(ValueError):
    """Some characters of a plaque text have no glyph in the font chosen for their script.

    ``missing`` holds ``(font_name, character)`` pairs in text order, each character once per font.
    """

    def __init__(self, missing: Sequence[tuple[str, str]]) -> None:
        self.missing: tuple[tuple[str, str], ...] = tuple(missing)
        by_font: dict[str, list[str]] = {}
        for font_name, ch in self.missing:
            by_font.setdefault(font_name, []).append(describe_char(ch))
        parts = [f"字体 {font} 中没有字符{'、'.join(chars)}" for font, chars in by_font.items()]
        super().__init__("；".join(parts) + "，无法生成牌子：请改用规范字或补充字体")


class FontNotFoundError(LookupError):
    """No installed font file contains the face a script needs."""

    def __init__(self, family: str, weights: Sequence[str], searched: Sequence[Path], package: str) -> None:
        self.family = family
        self.searched = tuple(searched)
        self.package = package
        where = "、".join(str(p) for p in searched) or "（无候选文件）"
        super().__init__(
            f"找不到字体 {family}（字重 {' / '.join(weights)}），已查找 {where}："
            f"请安装 Debian 软件包 {package}（apt-get install {package}）"
        )
