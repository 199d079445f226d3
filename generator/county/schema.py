"""Export the structural specs of `fields.py` as JSON Schema files for editors."""

from __future__ import annotations

import json
from pathlib import Path

from ..catalog.fields import MILESTONES, NAMES, REGION, edition_spec
from ..catalog.model import CatalogKind

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def region_schema() -> dict:
    return {"$schema": SCHEMA_URI, "$id": "region.schema.json", **REGION.schema()}


def edition_schema() -> dict:
    """One schema for every edition file; the item shape is chosen by the `catalog` field."""
    branches = []
    for kind in CatalogKind:
        spec = edition_spec(kind).schema()
        spec["properties"]["catalog"] = {"title": "目录类别", "const": kind.value}
        branches.append(spec)
    return {"$schema": SCHEMA_URI, "$id": "edition.schema.json", "title": "目录版本", "oneOf": branches}


def names_schema() -> dict:
    return {"$schema": SCHEMA_URI, "$id": "certificate-names.schema.json", **NAMES.schema()}


def milestones_schema() -> dict:
    return {"$schema": SCHEMA_URI, "$id": "milestones.schema.json", **MILESTONES.schema()}


def render_schemas() -> dict[str, str]:
    schemas = {
        "region.schema.json": region_schema(),
        "edition.schema.json": edition_schema(),
        "certificate-names.schema.json": names_schema(),
        "milestones.schema.json": milestones_schema(),
    }
    return {
        name: json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        for name, schema in schemas.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in render_schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        out.append(folder / name)
    return out
