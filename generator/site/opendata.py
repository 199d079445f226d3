"""Open data beside the pages: every edition as JSON, CSV (UTF-8 with BOM, so Excel/WPS open the
Chinese correctly) and XLSX (made in editionxlsx.py), an index of regions, catalogs and editions, and the JSON Schema of the
JSON. URLs are stable like the page URLs: /data/<region>/<catalog>/<YYYY-MM-DD>.json|csv|xlsx.

Every file is deterministic (the XLSX is re-zipped with fixed timestamps), so identical catalogs
build identical bytes.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
from collections.abc import Callable

from ..catalog import table
from ..catalog.diff import item_texts
from ..catalog.model import CatalogKind, Catalogs, Edition, Region
from . import urls
from .editionxlsx import edition_columns, workbook
from .escape import json_text

DATA = "data/"
INDEX = "data/index.json"
SCHEMA = "data/schema/edition-data.schema.json"
RETIRED = "retired"  # an example edition an official one replaced (catalog/golive.py)


def data_uri(edition: Edition, ext: str) -> str:
    return f"{DATA}{edition.region}/{edition.catalog.value}/{edition.effective.isoformat()}.{ext}"


def _state(catalogs: Catalogs, e: Edition, today: datetime.date) -> str:
    current = catalogs.in_force(e.region, e.catalog, today)
    return "upcoming" if e.effective > today else ("in_force" if e is current else "superseded")


def edition_json(catalogs: Catalogs, e: Edition, today: datetime.date, site_url: str) -> dict:
    return _edition_json(catalogs.regions[e.region], e, _state(catalogs, e, today), site_url)


def _edition_json(region: Region, e: Edition, state: str, site_url: str) -> dict:
    return {
        "region": {"slug": region.slug, "name": region.name, "name_ko": region.name_ko, "code": region.code},
        "catalog": e.catalog.value,
        "catalog_label": e.catalog.label,
        "effective": e.effective.isoformat(),
        "kind": e.kind.value,
        "title": e.title,
        "status": e.status.value,
        "state": state,
        "document": {
            "number": e.document.number,
            "title": e.document.title,
            "issuer": e.document.issuer,
            "date": e.document.date.isoformat(),
            "url": e.document.url,
        }
        if e.document
        else None,
        "filing": {"to": list(e.filing.to), "date": e.filing.date.isoformat()} if e.filing else None,
        "based_on": e.based_on,
        "url": site_url + urls.edition_uri(e.region, e.catalog, e.effective),
        "items": [
            {
                "id": i.id,
                "status": i.status.value,
                "adopts": i.adopts,
                "fields": item_texts(i),
                "unverified": table.unverified(i),
            }
            for i in e.items
        ],
        "changes": [
            {"item": c.item, "action": c.action.value, "reason": c.reason, "replaced_by": c.replaced_by}
            for c in e.changes
        ],
    }


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """CSV text that a spreadsheet will not run as a formula (catalog text is untrusted)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def edition_csv(e: Edition) -> bytes:
    """One row per item, the columns of the import (see catalog/table.py), UTF-8 with BOM."""
    out = io.StringIO()
    columns = edition_columns(e)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in columns])
    for i in e.items:
        writer.writerow([_cell(text) for text in table.row_texts(i, columns)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM tells Excel and WPS it is UTF-8


def data_schema() -> dict:
    text = {"type": "string"}
    nullable = {"type": ["string", "null"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "edition-data.schema.json",
        "title": "目录版本开放数据（JSON）",
        "type": "object",
        "additionalProperties": False,
        "required": [
            "region",
            "catalog",
            "catalog_label",
            "effective",
            "kind",
            "title",
            "status",
            "state",
            "url",
            "items",
            "changes",
        ],
        "properties": {
            "region": {
                "type": "object",
                "required": ["slug", "name", "name_ko", "code"],
                "additionalProperties": False,
                "properties": {k: text for k in ("slug", "name", "name_ko", "code")},
            },
            "catalog": {"enum": [k.value for k in CatalogKind]},
            "catalog_label": text,
            "effective": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "kind": {"enum": ["initial", "amendment", "correction"]},
            "title": text,
            "status": {"enum": ["official", "example"]},
            "state": {"enum": ["in_force", "upcoming", "superseded", RETIRED]},
            "document": {
                "type": ["object", "null"],
                "required": ["number", "title", "issuer", "date"],
                "properties": {"number": text, "title": text, "issuer": text, "date": text, "url": nullable},
            },
            "filing": {
                "type": ["object", "null"],
                "properties": {"to": {"type": "array", "items": text}, "date": text},
            },
            "based_on": nullable,
            "url": {"type": "string", "pattern": "^https?://"},
            "preview": {"type": "string", "description": "只在本地预览生成的文件中出现：网址指向本机，不能引用或发布"},
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "status", "fields", "unverified"],
                    "additionalProperties": False,
                    "properties": {
                        "id": text,
                        "status": {"enum": ["official", "example"]},
                        "adopts": nullable,
                        "unverified": {
                            "type": "array",
                            "items": text,
                            "description": "已填写但未经核实的字段（如 朝鲜文名称、替代途径），正式目录也逐项标出",
                        },
                        "fields": {"type": "object", "additionalProperties": text, "required": ["名称"]},
                    },
                },
            },
            "changes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["item", "action", "reason"],
                    "properties": {
                        "item": text,
                        "action": {"enum": ["added", "removed", "modified", "renamed"]},
                        "reason": text,
                        "replaced_by": nullable,
                    },
                },
            },
        },
    }


def open_data_files(
    catalogs: Catalogs, today: datetime.date, site_url: str
) -> list[tuple[str, bytes | Callable[[], bytes]]]:
    """(site path, bytes) of every data file, the index and the schema."""
    files: list[tuple[str, bytes | Callable[[], bytes]]] = []
    index = {"asof": today.isoformat(), "schema": SCHEMA, "regions": []}
    for region in catalogs.regions_in_order():
        entry = {"slug": region.slug, "name": region.name, "level": region.level.value, "catalogs": []}
        for kind in CatalogKind:
            history = catalogs.history(region.slug, kind)
            if not history:
                continue
            editions = []
            retired = catalogs.retired.get((region.slug, kind), ())
            for e in history + retired:  # retired example editions keep their files (links never break), marked
                state = RETIRED if e in retired else _state(catalogs, e, today)
                json_bytes, csv_bytes = _edition_files(region, e, state, site_url)
                files.append((data_uri(e, "json"), json_bytes))
                files.append((data_uri(e, "csv"), csv_bytes))
                files.append((data_uri(e, "xlsx"), workbook(e)))
                editions.append(
                    {
                        "effective": e.effective.isoformat(),
                        "state": state,
                        "status": e.status.value,
                        "json": data_uri(e, "json"),
                        "csv": data_uri(e, "csv"),
                        "xlsx": data_uri(e, "xlsx"),
                    }
                )
            went_live = catalogs.went_live(region.slug, kind)
            entry["catalogs"].append(
                {
                    "catalog": kind.value,
                    "label": kind.label,
                    "editions": editions,
                    "status": "official" if went_live else "example",
                    "went_live": went_live.effective.isoformat() if went_live and retired else None,
                }
            )
        index["regions"].append(entry)
    files.append((INDEX, _json(index)))
    files.append((SCHEMA, _json(data_schema())))
    return files


@functools.lru_cache(maxsize=4096)  # values in, bytes out: a rebuild under `mkdocs serve` reuses them
def _edition_files(region: Region, e: Edition, state: str, site_url: str) -> tuple[bytes, bytes]:
    return _json(_edition_json(region, e, state, site_url)), edition_csv(e)


def _json(data: object) -> bytes:
    return json_text(data, sort_keys=True, indent=1).encode("utf-8")
