"""What a plaque should say and look like: frozen value objects, validated on construction; no I/O.

The layout rule itself (which script goes first / on which side) is *data*: the caller passes a
:class:`BilingualLayout` read from the catalog (with its source, e.g. 延州政办发〔2022〕16号), so this
module deliberately holds no "official" layout constant.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

HORIZONTAL_ORDERS = ("zh_first", "ko_first")
VERTICAL_SIDES = ("zh_right", "zh_left")
ORIENTATIONS = ("vertical", "horizontal")

#: Text colour per ``PlaqueSpec.colour``; the background is always white.
#: Red is the usual "中国红" of party plaques (Pantone 186 C ≈ #C8102E).
COLOURS: dict[str, str] = {"red": "#C8102E", "black": "#000000"}

#: Sizes outside this range are almost certainly a unit mistake (cm or m instead of mm).
MIN_SIZE_MM = 10
MAX_SIZE_MM = 10_000


def _expect_choice(field: str, value: object, choices: tuple[str, ...]) -> None:
    if not isinstance(value, str) or value not in choices:
        expected = " 或 ".join(f'"{c}"' for c in choices)
        raise ValueError(f"{field} 应为 {expected}，实际为 {value!r}")


def _expect_text(field: str, value: object) -> None:
    if not isinstance(value, str):
        raise ValueError(f"{field} 应为字符串，实际为 {type(value).__name__} {value!r}")
    if not value.strip():
        raise ValueError(f"{field} 应为非空文字，实际为 {value!r}")
    for ch in value:
        # Control characters (newlines, tabs …) and invisible format characters (zero-width space,
        # BOM …) have no place on a plaque and usually come from copy-paste; most control characters
        # are not even allowed in XML, and lone surrogates cannot be encoded at all.
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs"):
            raise ValueError(f"{field} 含有不可见的控制或格式字符 U+{ord(ch):04X}，实际为 {value!r}")


def _expect_size(field: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{field} 应为整数（毫米），实际为 {value!r}")
    if not MIN_SIZE_MM <= value <= MAX_SIZE_MM:
        raise ValueError(f"{field} 应在 {MIN_SIZE_MM}–{MAX_SIZE_MM} 毫米之间，实际为 {value!r}")


@dataclass(frozen=True)
class BilingualLayout:
    """Where each script goes.

    ``horizontal``: ``"zh_first"`` puts the Chinese line above the Korean line, ``"ko_first"`` below.
    ``vertical``: ``"zh_right"`` puts the Chinese column right of the Korean column, ``"zh_left"`` left.
    """

    horizontal: str
    vertical: str

    def __post_init__(self) -> None:
        _expect_choice("BilingualLayout.horizontal", self.horizontal, HORIZONTAL_ORDERS)
        _expect_choice("BilingualLayout.vertical", self.vertical, VERTICAL_SIDES)


@dataclass(frozen=True)
class PlaqueSpec:
    """One bilingual plaque: texts, orientation, text colour, physical size in millimetres."""

    zh: str
    ko: str
    orientation: str
    colour: str
    width_mm: int
    height_mm: int
    layout: BilingualLayout
    #: From an example catalog: the files say 示例 in their metadata and below the trim (mark.py).
    example: bool = False

    def __post_init__(self) -> None:
        _expect_text("PlaqueSpec.zh", self.zh)
        _expect_text("PlaqueSpec.ko", self.ko)
        _expect_choice("PlaqueSpec.orientation", self.orientation, ORIENTATIONS)
        _expect_choice("PlaqueSpec.colour", self.colour, tuple(COLOURS))
        _expect_size("PlaqueSpec.width_mm", self.width_mm)
        _expect_size("PlaqueSpec.height_mm", self.height_mm)
        if not isinstance(self.layout, BilingualLayout):
            raise ValueError(f"PlaqueSpec.layout 应为 BilingualLayout，实际为 {self.layout!r}")
        if not isinstance(self.example, bool):
            raise ValueError(f"PlaqueSpec.example 应为 true 或 false，实际为 {self.example!r}")

    @property
    def colour_hex(self) -> str:
        """The text colour as ``#RRGGBB``."""
        return COLOURS[self.colour]

    @property
    def label(self) -> str:
        """The text for screen readers and search: ``zh + " / " + ko``."""
        return f"{self.zh} / {self.ko}"
