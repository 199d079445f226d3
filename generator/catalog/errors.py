"""Error values shared by loading, validation and the command line.

Every problem found in the catalogs becomes one `CatalogError`; checks collect them all and
report once, so county staff see every mistake in one run.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

# Characters that change how a line is laid out or read rather than being read themselves: control
# characters (line breaks, escape sequences of terminals), line/paragraph separators, format
# characters (bidi overrides, zero-width marks), private use, surrogates and unassigned code points.
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})
_ODD = re.compile(r"[^\u0020-\u007e\u00a0-\u02ff\u3000-\u303f\u4e00-\u9fff\uac00-\ud7a3\uff00-\uffef]")


def inert(text: str) -> str:
    """`text` as one line that shows every invisible or layout-changing character as ⟨U+XXXX⟩.

    Messages quote untrusted data (IDs, names, file names from a pull request): a line break or a
    bidi override inside a quoted value must not start a new line in the terminal, the PR comment or
    a log, nor reorder what a reviewer reads."""
    if not _ODD.search(text):  # the common case: nothing to look at
        return text
    return "".join(f"⟨U+{ord(ch):04X}⟩" if unicodedata.category(ch) in _INVISIBLE else ch for ch in text)


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class CatalogError:
    """One problem in one file: `path:line: field: message`.

    `path` is relative to the repository root with `/` separators; `line` is 1-based
    (0 when the problem concerns the file as a whole); `field` is a dotted path such as
    `items第4项.basis` (empty for the whole file).
    """

    path: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "" if self.severity is Severity.ERROR else "警告："
        field = f" {self.field}:" if self.field else ""
        return inert(f"{where}:{field} {label}{self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def format_path(parts: tuple[str | int, ...]) -> str:
    """Render a data path such as ('items', 3, 'basis') as `items第4项.basis`: positions count from 1,
    as people count (the 4th item is 第4项, not [3])."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"第{part + 1}项"
        else:
            out += f".{part}" if out else part
    return out


class CatalogCheckFailed(Exception):
    """Raised by the build when the catalogs have errors; carries all of them."""

    def __init__(self, errors: list[CatalogError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
