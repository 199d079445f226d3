"""Find and open the CJK font faces used for plaques; deterministic, no fontconfig.

Debian's ``fonts-noto-cjk`` ships ``.ttc`` collections under ``/usr/share/fonts/opentype/noto/``
(``NotoSansCJK-Bold.ttc`` …). In a collection the Simplified Chinese face is *not* index 0, so a face is
picked by its ``name`` table (typographic family, else family), never by index. Candidate files are
tried in a fixed order — weight preference first (Bold, then Black, then Regular: heavy strokes read
better from a distance), then directory order — so the same machine always gets the same font, and a
missing one fails with the family, the files looked at and the Debian package to install.

A face is opened once per process and again only when its file changes on disk (:class:`FaceKey`);
each glyph's outline is decoded from its CFF charstring once per opened face (:meth:`Face.outline`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from fontTools.pens.basePen import AbstractPen
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.recordingPen import DecomposingRecordingPen, replayRecording
from fontTools.ttLib import TTCollection, TTFont

from .drawing import PathOps
from .plaqueerrors import FontNotFoundError

FONT_PACKAGE = "fonts-noto-cjk"
FONT_DIRS: tuple[Path, ...] = (Path("/usr/share/fonts/opentype/noto"),)
WEIGHTS: tuple[str, ...] = ("Bold", "Black", "Regular")

NAME_FAMILY, NAME_SUBFAMILY, NAME_FULL, NAME_TYPO_FAMILY, NAME_TYPO_SUBFAMILY = 1, 2, 4, 16, 17


@dataclass(frozen=True)
class FaceChoice:
    """Which face a script is set in, and which OpenType script tags to read its ``vert`` feature from."""

    family: str
    script_tags: tuple[str, ...]


#: Plaque scripts → faces. Sans (黑体-like) for legibility; swap to "Noto Serif CJK SC/KR" here.
SCRIPT_FACES: Mapping[str, FaceChoice] = {
    "zh": FaceChoice("Noto Sans CJK SC", ("hani", "DFLT")),
    "ko": FaceChoice("Noto Sans CJK KR", ("hang", "DFLT")),
}


@dataclass(frozen=True)
class FaceLocation:
    """Where a face lives: file, index inside a collection, and its full name (e.g. "Noto Sans CJK SC Bold")."""

    path: Path
    index: int
    name: str
    weight: str


@dataclass(frozen=True)
class FaceKey:
    """A face's identity for caches: its file (path, size, modification time) and collection index.

    Equal keys mean the same outlines, so anything derived from a face may be reused under its key.
    """

    path: str
    index: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, location: FaceLocation) -> FaceKey | None:
        """The key of the file as it is on disk now; ``None`` if it can no longer be read."""
        try:
            stat = location.path.stat()
        except OSError:
            return None
        return cls(str(location.path), location.index, stat.st_size, stat.st_mtime_ns)


def _file_stem(family: str) -> str:
    """``"Noto Sans CJK SC"`` → ``"NotoSansCJK"`` (the Debian/upstream collection file name)."""
    words = family.split()
    if len(words) > 1 and words[-1].isupper() and len(words[-1]) == 2:
        words = words[:-1]  # drop the region suffix SC / TC / HK / JP / KR
    return "".join(words)


def candidate_files(family: str, dirs: tuple[Path, ...] = FONT_DIRS) -> list[tuple[str, Path]]:
    """``(weight, path)`` pairs to try for ``family``, in preference order (whether they exist or not)."""
    stem = _file_stem(family)
    return [(w, d / f"{stem}-{w}.ttc") for w in WEIGHTS for d in dirs]


def _open_collection(path: Path) -> list[TTFont]:
    """The faces of a ``.ttc`` collection, tables loaded lazily (the files are 20–30 MB)."""
    return TTCollection(str(path), lazy=True).fonts


def _name(font: TTFont, *name_ids: int) -> str | None:
    table = font["name"]
    for name_id in name_ids:
        value = table.getDebugName(name_id)
        if value:
            return value
    return None


def find_face(family: str, dirs: tuple[Path, ...] = FONT_DIRS) -> FaceLocation:
    """The first installed face of ``family`` in weight preference order; :class:`FontNotFoundError` if none."""
    tried: list[Path] = []
    for weight, path in candidate_files(family, dirs):
        if not path.is_file():
            continue
        tried.append(path)
        for index, font in enumerate(_open_collection(path)):
            if _name(font, NAME_TYPO_FAMILY, NAME_FAMILY) != family:
                continue
            if _name(font, NAME_TYPO_SUBFAMILY, NAME_SUBFAMILY) != weight:
                continue
            full = _name(font, NAME_FULL) or f"{family} {weight}"
            return FaceLocation(path=path, index=index, name=full, weight=weight)
    searched = tried or [p for _, p in candidate_files(family, dirs)]
    raise FontNotFoundError(family, WEIGHTS, searched, FONT_PACKAGE)


def _single_substitutions(font: TTFont, feature: str, script_tags: tuple[str, ...]) -> dict[str, str]:
    """Glyph → glyph from the single-substitution lookups of ``feature`` (e.g. ``vert``), if simple.

    Reads the default language system of the first script tag the font has; other lookup types are
    ignored (upright glyphs are an acceptable fallback on a plaque).
    """
    if "GSUB" not in font:
        return {}
    table = font["GSUB"].table
    if not table.ScriptList or not table.FeatureList or not table.LookupList:
        return {}
    scripts = {rec.ScriptTag: rec.Script for rec in table.ScriptList.ScriptRecord}
    script = next((scripts[t] for t in script_tags if t in scripts), None)
    if script is None or script.DefaultLangSys is None:
        return {}
    lookup_indices: list[int] = []
    for feature_index in script.DefaultLangSys.FeatureIndex:
        record = table.FeatureList.FeatureRecord[feature_index]
        if record.FeatureTag == feature:
            lookup_indices.extend(record.Feature.LookupListIndex)
    mapping: dict[str, str] = {}
    for lookup_index in sorted(set(lookup_indices)):
        lookup = table.LookupList.Lookup[lookup_index]
        for sub in lookup.SubTable:
            if lookup.LookupType == 7:  # extension: unwrap
                sub = sub.ExtSubTable
            if getattr(sub, "LookupType", lookup.LookupType) != 1:
                continue
            for source, target in sub.mapping.items():
                mapping.setdefault(source, target)  # lookups apply in order: the first one wins
    return mapping


class Face:
    """An opened face: ``cmap``, metrics (``hmtx``, ``vmtx``, ``VORG``, OS/2 em box), outlines, ``vert``."""

    def __init__(self, location: FaceLocation, choice: FaceChoice) -> None:
        self.location = location
        self.name = location.name
        self.key = FaceKey.of(location)  # before reading: a file changed meanwhile gets a new Face
        font = _open_collection(location.path)[location.index]
        self._font = font
        self.units_per_em: int = font["head"].unitsPerEm
        os2 = font["OS/2"]
        self.ascender: int = os2.sTypoAscender
        self.descender: int = os2.sTypoDescender  # negative
        self._cmap: dict[int, str] = font.getBestCmap()
        self._hmtx = font["hmtx"]
        self._vmtx = font["vmtx"] if "vmtx" in font else None
        self._vorg = font["VORG"] if "VORG" in font else None
        self._glyph_set = font.getGlyphSet()
        self._vert = _single_substitutions(font, "vert", choice.script_tags)
        # Per-glyph caches, bounded by the glyphs the face has and living as long as the face does.
        self._outlines: dict[str, PathOps] = {}
        self._bounds: dict[str, tuple[float, float, float, float] | None] = {}

    def glyph_for(self, ch: str) -> str | None:
        """The glyph name for a character from the font's ``cmap``, or ``None`` if the font lacks it."""
        return self._cmap.get(ord(ch))

    def vertical_form(self, glyph: str) -> str:
        """The ``vert`` substitute of a glyph (e.g. vertical punctuation), or the glyph itself."""
        return self._vert.get(glyph, glyph)

    def advance(self, glyph: str) -> int:
        """Horizontal advance in font units (``hmtx``)."""
        return self._hmtx[glyph][0]

    def vertical_advance(self, glyph: str) -> int:
        """Vertical advance in font units (``vmtx``; the em box height if the font has none)."""
        if self._vmtx is not None:
            return self._vmtx[glyph][0]
        return self.ascender - self.descender

    def vertical_origin_y(self, glyph: str) -> int:
        """Y of the vertical origin in font units (``VORG``; the typographic ascender if absent)."""
        if self._vorg is not None:
            return self._vorg.VOriginRecords.get(glyph, self._vorg.defaultVertOriginY)
        return self.ascender

    def outline(self, glyph: str) -> PathOps:
        """A glyph's outline in font units (y up) as recording-pen operations, decoded once per face."""
        ops = self._outlines.get(glyph)
        if ops is None:
            pen = DecomposingRecordingPen(self._glyph_set)  # components (none in CFF) become plain paths
            self._glyph_set[glyph].draw(pen)
            ops = self._outlines[glyph] = tuple((op, tuple(args)) for op, args in pen.value)
        return ops

    def draw(self, glyph: str, pen: AbstractPen) -> None:
        """Draw a glyph's outline, in font units (y up), onto a fontTools pen."""
        replayRecording(self.outline(glyph), pen)

    def bounds(self, glyph: str) -> tuple[float, float, float, float] | None:
        """Exact ink bounds ``(xMin, yMin, xMax, yMax)`` in font units (curve extrema, not control points).

        ``None`` for a glyph without ink.
        """
        if glyph not in self._bounds:
            pen = BoundsPen(self._glyph_set)
            self.draw(glyph, pen)
            self._bounds[glyph] = pen.bounds
        return self._bounds[glyph]


#: Opened faces by (script, font folders): a handful at most, for the life of the process.
_faces: dict[tuple[str, tuple[Path, ...]], Face] = {}


def load_face(script: str, dirs: tuple[Path, ...] = FONT_DIRS) -> Face:
    """The face for a plaque script (``"zh"`` or ``"ko"``), opened once per process.

    Each call checks the file's size and modification time (one ``stat``): a font replaced on disk,
    e.g. by a package upgrade during ``mkdocs serve``, is looked up and opened again.
    """
    if script not in SCRIPT_FACES:
        expected = " 或 ".join(repr(s) for s in SCRIPT_FACES)
        raise ValueError(f"文字种类应为 {expected}，实际为 {script!r}")
    face = _faces.get((script, dirs))
    if face is None or face.key is None or face.key != FaceKey.of(face.location):
        choice = SCRIPT_FACES[script]
        face = _faces[(script, dirs)] = Face(find_face(choice.family, dirs), choice)
    return face
