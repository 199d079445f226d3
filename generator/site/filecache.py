"""A cache on disk for the files that are slow to make and depend only on their inputs: QR codes,
plaque SVG/PDF, workbooks. A rebuild (the daily publish, a county's preview, `make build`) then makes
only what changed; the first build in a fresh clone makes everything.

Each entry is named by a digest of what it depends on: its inputs, the versions of the libraries
that write it and the source code of the modules that produce it. So a changed input, a library
upgrade or a code change makes a new entry, and the same inputs always give the same bytes as
making them again would. Entries are written to a temporary name and renamed (no half-written
entry is ever read). The folder is `.cache/village-catalogs/` beside mkdocs.yml (ignored by git);
delete it at any time, or build with VC_BUILD_CACHE=0 to bypass it. Without a folder (tests calling the page builders directly) nothing is kept.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

FOLDER = Path(".cache") / "village-catalogs"

_root: Path | None = None
_versions: dict[str, str] = {}


def configure(project_root: Path | None) -> None:
    """Keep entries under `project_root`/.cache/village-catalogs (None, or VC_BUILD_CACHE=0: keep nothing)."""
    global _root
    _root = project_root / FOLDER if project_root is not None and os.environ.get("VC_BUILD_CACHE") != "0" else None


def _fingerprint(kind: str, sources: tuple[str, ...], packages: tuple[str, ...]) -> str:
    """What every entry of `kind` depends on besides its own inputs: code and library versions."""
    if kind not in _versions:
        h = hashlib.sha256(kind.encode())
        for source in sources:
            h.update(Path(source).read_bytes())
        for package in packages:
            h.update(f"{package}={metadata.version(package)}".encode())
        _versions[kind] = h.hexdigest()
    return _versions[kind]


def cached(kind: str, inputs: str, make: Callable[[], bytes], *, sources: tuple[str, ...] = (),
           packages: tuple[str, ...] = ()) -> bytes:
    """The bytes `make()` gives for `inputs` (a text that names everything they depend on), from the
    cache when an earlier build made them; `sources` are the files of the code that makes them."""
    if _root is None:
        return make()
    key = hashlib.sha256((_fingerprint(kind, sources, packages) + "\0" + inputs).encode()).hexdigest()
    path = _root / kind / key[:2] / key
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only or full disk costs speed, never the build
    return data
