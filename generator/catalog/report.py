"""What validation collects while it reads the files: errors with lines, and the raw editions.

Shared by `validate.py` (which fills it) and the rules (which report through it), so neither
imports the other.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from .errors import CatalogError, Severity, format_path
from .load import DataPath, Document
from .model import CatalogKind
from .spec import Obj


@dataclass
class Report:
    """Collects errors; knows each file's loaded document so it can name lines."""

    errors: list[CatalogError] = field(default_factory=list)
    docs: dict[str, Document] = field(default_factory=dict)
    # What exists but could not be built (its own errors are reported): rules that depend on it are
    # skipped rather than reporting misleading follow-on errors.
    broken_regions: set[str] = field(default_factory=set)  # region folders
    broken: set[str] = field(default_factory=set)  # edition keys, region/catalog/date (from the file name)
    partial: set[str] = field(default_factory=set)  # edition keys built without items whose adopts did not resolve
    names_uri: str = ""  # the common-names table, once loaded
    scans: dict[str, str] = field(default_factory=dict)  # scan of a notice beside its edition: uri -> file path

    def add(self, uri: str, parts: DataPath, message: str, severity: Severity = Severity.ERROR) -> None:
        doc = self.docs.get(uri)
        line = doc.line_of(parts) if doc else 0
        self.errors.append(CatalogError(uri, line, format_path(parts), message, severity))

    def warn(self, uri: str, parts: DataPath, message: str) -> None:
        self.add(uri, parts, message, Severity.WARNING)

    def structure(self, doc: Document, spec: Obj) -> bool:
        problems = spec.check(doc.data, ())
        for p in problems:
            self.add(doc.uri, p.parts, p.message)
        return not problems


@dataclass(frozen=True)
class RawEdition:
    """An edition file that passed the structural check, before adoption is resolved."""

    uri: str
    region: str
    catalog: CatalogKind
    data: dict[str, Any]

    @property
    def effective(self) -> datetime.date:
        return datetime.date.fromisoformat(self.data["effective"])
