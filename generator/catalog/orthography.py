"""Yanbian Korean orthography hints (warnings, a person decides).

Korean in Yanbian follows the Chinese Korean standard, which keeps initial ㄹ/ㄴ (no 두음법칙):
룡정 not 용정, 로동 not 노동. Each pair is (South Korean form to flag, Yanbian form).
"""

from __future__ import annotations

HINTS = (
    ("용정", "룡정"),
    ("노동", "로동"),
    ("여성", "녀성"),
    ("역사", "력사"),
    ("양식", "량식"),
    ("이용", "리용"),
    ("예절", "례절"),
    ("노인", "로인"),
    ("이론", "리론"),
    # words of certificate names and the phrasings villagers use for them
    ("이혼", "리혼"),
    ("연령", "년령"),
    ("연락", "련락"),
    ("연합", "련합"),
    ("여권", "려권"),
    ("이력", "리력"),
    ("요양", "료양"),
    ("유학", "류학"),
    ("영수증", "령수증"),
    ("이장", "리장"),
    ("노령", "로령"),
    ("임업", "림업"),
)


def hints(text: str) -> list[tuple[str, str]]:
    return [(wrong, right) for wrong, right in HINTS if wrong in text]


def message(wrong: str, right: str) -> str:
    return f"“{wrong}”按延边朝鲜语规范应写作“{right}”（延边不用头音规则；请核对）"
