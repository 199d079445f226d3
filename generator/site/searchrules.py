"""The search rules, defined once: how text is normalised and cut into keys, what each kind of key
weighs, how the index is cut into files. searchindex.py indexes with them; the browser gets them in
the index manifest (`browser_rules`) and the character table in small files (`char_files`), so
assets/search.js — which serves both the header's search and the answer box — has none of its own.

Normalising (`CharTable.normal`), the same on both sides: Unicode NFKC (full-width letters and
digits, the ideographic space), lower case, then traditional → simplified character by character with
OpenCC's table (`opencc` on PyPI, pinned), then SAME_WORDS: words that say no more than the shorter
one a name uses (证明书 is a 证明; 증명서 a 증명), so their extra character does not leave a query with a
unit no name meets. Spaces and punctuation separate runs and are otherwise ignored.

Keys (`keys` for a record's text, `query_units` for a query):
- a run of Chinese characters (or of Hangul) gives every character and every pair of neighbours; a
  query gives the pairs that cover it (出生证明 → 出生, 证明) or its one character;
- in titles and names, each pair of Chinese characters also gives its sound: `~` + the pinyin of both
  without tones (证明 → ~zheng-ming), so a query typed with a character that sounds the same (居住正明)
  still finds the name; a query's pair is one *unit* that either its characters or its sound satisfy,
  and characters weigh more than sound, so exact names rank above sound-alikes;
- a pair of Hangul syllables (Korean names and common names) likewise gives its sound, worked out from
  the syllables' letters (`hangul_sound`, no table): initial ㄹ read as ㄴ, and ㄴ as ㅇ before ㅣ ㅑ ㅕ ㅛ
  ㅠ ㅖ (Yanbian writes 룡정 리혼 녀성, a South Korean keyboard habit 용정 이혼 여성: both find the name);
  ㅐ/ㅔ, ㅒ/ㅖ and ㅙ/ㅚ/ㅞ, which sound alike and are often mistyped, are one; a final consonant is read
  as the one of seven it sounds as (증멍 is not 증명: a different vowel is a different word);
- a run of letters and digits (pinyin, initials, IDs) gives every prefix of two characters or more; a
  query gives the run itself;
- a whole name gives `=` + its runs joined: a query equal to a name scores highest; and, if it is all
  Chinese characters or Hangul, `=~` + their sounds: a query that sounds like a whole name comes next.

Precision: a record must satisfy every unit of the query, and at least one by its own characters
(sound alone finds nothing: 正明 is not 证明, 용정 alone is not 룡정); sound is only matched for pairs (a
single character that sounds alike matches nothing), and only in titles and names, never page text. The
answer box takes only records whose every unit is met in a name (weight above page text's).

The character table holds the characters of the site's titles and names plus the COMMON_CHARS most
frequent characters of jieba's dictionary, each with its pinyin, and every traditional character that
OpenCC turns into one of them. It is cut into CHAR_FILES files by code point; a query fetches only the
files of its own characters.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SHARDS_PER_COUNTY = 16  # a shard holds about 1 KB gzip of postings, at 8 counties and at 60
LATIN_MAX = 24  # longest prefix indexed for a run of letters and digits
RECORDS_PER_FILE = 8
CHAR_FILES = 32  # the character table, cut by code point
COMMON_CHARS = 3000  # the most frequent characters, beside the site's own
EXACT = "="
SOUND = "~"
SOUND_JOIN = "-"
WEIGHT = {
    "title": 10,
    "names": 8,
    "korean": 6,
    "spelling": 5,
    "pinyin": 4,
    "text": 1,
}  # spelling: the name's own pinyin
KOREAN_OTHER = (
    5  # Hangul in other names (Korean common names): below the item's own Korean name, as names are below titles
)
WHOLE_PINYIN = 1  # added for a whole pinyin word, more than a prefix
SOUND_WEIGHT = 3  # a pair that sounds like the query's, in a title or name
EXACT_WEIGHT = 30  # the whole name
EXACT_SOUND_WEIGHT = 20  # the whole name, by its sound (婚姻壮况证明 for 婚姻状况证明)
SOUNDED = ("title", "names", "korean")
# (written, as names write it): what villagers add to a certificate's name ("无犯罪证明书", "출생증명서")
SAME_WORDS = (("证明书", "证明"), ("증명서", "증명"))
# Hangul syllables by their letters (Unicode: 0xAC00 + (initial × 21 + vowel) × 28 + final), each letter
# read as the class it sounds as (see the module's docstring); the browser gets the same lists.
HANGUL_FIRST = 0xAC00
JAMO_INITIAL = tuple("ㄱㄲㄴㄷㄸㄴㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")  # ㄹ read as ㄴ
JAMO_VOWEL = tuple("ㅏㅔㅑㅖㅓㅔㅕㅖㅗㅘㅚㅚㅛㅜㅝㅚㅟㅠㅡㅢㅣ")  # ㅐ=ㅔ, ㅒ=ㅖ, ㅙ=ㅚ=ㅞ
JAMO_FINAL = (
    "",
    "ㄱ",
    "ㄱ",
    "ㄱ",
    "ㄴ",
    "ㄴ",
    "ㄴ",
    "ㄷ",
    "ㄹ",
    "ㄱ",
    "ㅁ",
    "ㄹ",
    "ㄹ",
    "ㄹ",
    "ㅂ",
    "ㄹ",
    "ㅁ",
    "ㅂ",
    "ㅂ",
    "ㄷ",
    "ㄷ",
    "ㅇ",
    "ㄷ",
    "ㄷ",
    "ㄱ",
    "ㄷ",
    "ㅂ",
    "ㄷ",
)  # the seven final sounds
JAMO_NASAL, JAMO_SILENT = "ㄴ", "ㅇ"
JAMO_IOTIZED = "ㅑㅖㅕㅛㅠㅣ"  # before these, ㄴ (and ㄹ) is read as ㅇ

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
RUNS = re.compile(f"([{HAN}]+)|([{HANGUL}]+)|([a-z0-9]+)")
HAN_CHAR = re.compile(f"[{HAN}]")


def shard_count(counties: int) -> int:
    """The number of shards for a site of `counties` counties (the manifest tells the browser)."""
    n = 1
    while n < SHARDS_PER_COUNTY * (counties + 1):
        n *= 2
    return n


def hangul_sound(ch: str) -> str | None:
    """The sound of one Hangul syllable as its letters' classes (룡 and 용 → ㅇㅛㅇ), or None."""
    code = ord(ch) - HANGUL_FIRST
    vowels, finals = len(JAMO_VOWEL), len(JAMO_FINAL)
    if not 0 <= code < len(JAMO_INITIAL) * vowels * finals:
        return None
    first, vowel = JAMO_INITIAL[code // (vowels * finals)], JAMO_VOWEL[code // finals % vowels]
    if first == JAMO_NASAL and vowel in JAMO_IOTIZED:
        first = JAMO_SILENT
    return first + vowel + JAMO_FINAL[code % finals]


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over the key's code points (assets/search.js computes the same)."""
    h = 0x811C9DC5
    for ch in key:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h


@dataclass(frozen=True)
class CharTable:
    simple: dict[str, str]  # traditional -> simplified
    sound: dict[str, str]  # simplified character -> pinyin without tone

    def normal(self, text: str) -> str:
        text = unicodedata.normalize("NFKC", text).lower()
        text = "".join(self.simple.get(ch, ch) for ch in text)
        for written, name in SAME_WORDS:
            text = text.replace(written, name)
        return text

    def sound_of(self, ch: str) -> str | None:
        """A Chinese character's pinyin (from the table) or a Hangul syllable's letters."""
        return self.sound.get(ch) or hangul_sound(ch)

    def sounds(self, pair: str) -> str | None:
        found = [self.sound_of(ch) for ch in pair]
        return SOUND + SOUND_JOIN.join(found) if all(found) else None  # type: ignore[arg-type]


def keys(text: str, table: CharTable, sounded: bool = False) -> Iterable[tuple[str, bool]]:
    """(key, whole) for indexing `text`; `whole` marks a key that is a complete run of letters/digits."""
    for han, hangul, latin in RUNS.findall(table.normal(text)):
        run = han or hangul
        if run:
            yield from ((ch, False) for ch in run)
            pairs = [run[i : i + 2] for i in range(len(run) - 1)]
            yield from ((p, False) for p in pairs)
            if sounded:
                yield from ((s, False) for s in map(table.sounds, pairs) if s)
        else:
            yield from ((latin[:n], n == len(latin)) for n in range(min(2, len(latin)), min(len(latin), LATIN_MAX) + 1))


def query_units(query: str, table: CharTable) -> list[list[str]]:
    """The units a record must all satisfy to match `query`, each the keys that satisfy it (a pair of
    Chinese characters: itself or its sound); a single letter or digit after other words (still being
    typed) is left out."""
    out: list[list[str]] = []
    for han, hangul, latin in RUNS.findall(table.normal(query)):
        run = han or hangul
        if not run:
            out.append([latin[:LATIN_MAX]])
        elif len(run) == 1:
            out.append([run])
        else:
            pairs = [run[i : i + 2] for i in range(0, len(run) - 1, 2)] + ([run[-2:]] if len(run) % 2 else [])
            out.extend([p, *([s] if (s := table.sounds(p)) else [])] for p in pairs)
    seen: set[str] = set()
    out = [u for u in out if not (u[0] in seen or seen.add(u[0]))]
    longer = [u for u in out if not re.fullmatch(r"[a-z0-9]", u[0])]
    return longer or out


def exact_key(name: str, table: CharTable) -> str:
    return EXACT + "".join("".join(run) for run in RUNS.findall(table.normal(name)))


def exact_sound_key(name: str, table: CharTable) -> str | None:
    """`=~` + the sounds of a name of Chinese characters and Hangul only (None for any other name)."""
    runs = RUNS.findall(table.normal(name))
    if not runs or any(latin for _, _, latin in runs):
        return None
    found = [table.sound_of(ch) for han, hangul, _ in runs for ch in han + hangul]
    return EXACT + SOUND + SOUND_JOIN.join(found) if all(found) else None  # type: ignore[arg-type]


def browser_rules() -> dict[str, object]:
    """What assets/search.js needs to cut a query as `query_units` does, in the manifest."""
    return {
        "han": HAN,
        "hangul": HANGUL,
        "latin_max": LATIN_MAX,
        "exact": EXACT,
        "sound": SOUND,
        "sound_join": SOUND_JOIN,
        "same_words": [list(pair) for pair in SAME_WORDS],
        "records_per_file": RECORDS_PER_FILE,
        "char_files": CHAR_FILES,
        "shards_per_county": SHARDS_PER_COUNTY,
        "jamo": {
            "first": HANGUL_FIRST,
            "initial": list(JAMO_INITIAL),
            "vowel": list(JAMO_VOWEL),
            "final": list(JAMO_FINAL),
            "nasal": JAMO_NASAL,
            "silent": JAMO_SILENT,
            "iotized": JAMO_IOTIZED,
        },
        "weights": {
            **WEIGHT,
            "korean_other": KOREAN_OTHER,
            "whole_pinyin": WHOLE_PINYIN,
            "sound": SOUND_WEIGHT,
            "exact": EXACT_WEIGHT,
            "exact_sound": EXACT_SOUND_WEIGHT,
        },
    }


@functools.lru_cache(maxsize=1)
def _traditional() -> dict[str, str]:
    """Every traditional character OpenCC's t2s table changes, with its simplified form."""
    import opencc

    chars = [chr(c) for c in range(0x4E00, 0xA000)] + [chr(c) for c in range(0x3400, 0x4DC0)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    return {t: s for t, s in zip(chars, converted) if t != s and len(s) == 1}


@functools.lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    """The COMMON_CHARS most frequent characters of jieba's dictionary (word frequencies summed)."""
    import jieba

    counts: dict[str, int] = {}
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        for ch in HAN_CHAR.findall(word):
            counts[ch] = counts.get(ch, 0) + int(freq)
    return frozenset(sorted(counts, key=lambda c: (-counts[c], c))[:COMMON_CHARS])


@functools.lru_cache(maxsize=65536)
def _sound(ch: str) -> str:
    from pypinyin import Style, pinyin

    found = pinyin(ch, style=Style.NORMAL, heteronym=False, errors="ignore")
    return found[0][0] if found and found[0] and found[0][0].isascii() else ""


def char_table(texts: Iterable[str]) -> CharTable:
    """The table for a site whose titles and names are `texts`."""
    trad = _traditional()
    own = {trad.get(ch, ch) for text in texts for ch in HAN_CHAR.findall(unicodedata.normalize("NFKC", text))}
    wanted = own | _common()
    sound = {ch: s for ch in sorted(wanted) if (s := _sound(ch))}
    return CharTable({t: s for t, s in trad.items() if s in sound}, sound)


def char_files(table: CharTable) -> list[dict[str, object]]:
    """The table cut into CHAR_FILES parts by code point: {"t": {traditional: simplified}, "p": {pinyin:
    characters}}; a traditional character is listed under the pinyin of its simplified form."""
    parts: list[dict[str, object]] = [{"t": {}, "p": {}} for _ in range(CHAR_FILES)]
    for ch, syllable in [*table.sound.items(), *((t, table.sound[s]) for t, s in table.simple.items())]:
        part = parts[ord(ch) % CHAR_FILES]
        part["p"][syllable] = part["p"].get(syllable, "") + ch  # type: ignore[index]
    for t, s in table.simple.items():
        parts[ord(t) % CHAR_FILES]["t"][t] = s  # type: ignore[index]
    return parts


def read_table(parts: Iterable[dict[str, object]]) -> CharTable:
    """The table back from its files (as the browser reads them)."""
    simple: dict[str, str] = {}
    sound: dict[str, str] = {}
    for part in parts:
        simple.update(part["t"])  # type: ignore[arg-type]
        for syllable, chars in part["p"].items():  # type: ignore[union-attr]
            sound.update((ch, syllable) for ch in chars)
    return CharTable(simple, {ch: s for ch, s in sound.items() if ch not in simple})
