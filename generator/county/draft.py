"""`new-edition`: start the next edition of a catalog from the current one."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..catalog.fields import EXAMPLE_PREFIX, PLACEHOLDER
from ..catalog.load import load_file
from ..catalog.model import CatalogKind, Catalogs, Edition, Level
from .yamlout import dump_edition

# The order of the top-level fields in the catalog files (a key not listed goes before items).
TOP_ORDER = (
    "catalog",
    "effective",
    "kind",
    "title",
    "status",
    "document",
    "filing",
    "based_on",
    "source",
    "notes",
    "bilingual_rule",
    "items",
    "changes",
)


class NewEditionError(Exception):
    """Why the edition cannot be started (Chinese, for county staff)."""


@dataclass(frozen=True)
class Draft:
    """The next edition as `new-edition` starts it: the latest edition's data with placeholders."""

    target: Path  # catalogs/<region>/<kind>/<date>.yaml (does not exist yet)
    latest: Edition  # the edition it continues
    data: dict[str, Any]  # plain data, in the order of the latest file
    header: str  # comment lines for the top of the file


def start(catalogs: Catalogs, root: Path, region: str, kind_name: str, date_text: str) -> Path:
    """Write catalogs/<region>/<kind>/<date>.yaml from the latest edition; returns its path."""
    d = draft(catalogs, root, region, kind_name, date_text)
    write_new(d.target, dump_edition(d.data, d.header))
    return d.target


def write_new(target: Path, text: str) -> None:
    """Create `target` with `text`; never overwrites (published editions are never rewritten)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise NewEditionError(f"{target} 已存在，不会覆盖") from None


def draft(catalogs: Catalogs, root: Path, region: str, kind_name: str, date_text: str) -> Draft:
    """The next edition of region/kind, effective `date_text`, from the latest one (nothing written)."""
    if region not in catalogs.regions:
        raise NewEditionError(f"找不到地区“{region}”（期望 {', '.join(catalogs.regions)} 之一）")
    try:
        kind = CatalogKind(kind_name)
    except ValueError:
        raise NewEditionError(
            f"找不到目录类别“{kind_name}”（期望 {' | '.join(k.value for k in CatalogKind)} 之一）"
        ) from None
    try:
        effective = datetime.date.fromisoformat(date_text)
    except ValueError:
        raise NewEditionError(f"日期无效（期望如 2025-01-01，实际为“{date_text}”）") from None
    history = catalogs.history(region, kind)
    if not history:
        raise NewEditionError(f"{region}/{kind.value} 还没有任何版本，请先按格式说明编写首版")
    latest = history[-1]
    if effective <= latest.effective:
        raise NewEditionError(f"新版本的生效日期必须晚于最新版本 {latest.effective}（实际为 {effective}）")
    target = root / region / kind.value / f"{effective}.yaml"
    if target.exists():
        raise NewEditionError(f"{target} 已存在，不会覆盖")
    doc, errors = load_file(root / region / kind.value / f"{latest.effective}.yaml", latest.uri)
    if doc is None:
        raise NewEditionError("；".join(str(e) for e in errors))
    data: dict[str, Any] = dict(doc.data)
    data["effective"] = effective.isoformat()
    data["kind"] = "amendment"
    data["document"] = {
        "number": (EXAMPLE_PREFIX if data.get("status") == "example" else "") + PLACEHOLDER + "文号",
        "title": PLACEHOLDER + "文件标题",
        "issuer": data.get("document", {}).get("issuer", PLACEHOLDER),
        "date": PLACEHOLDER + "印发日期",
    }
    data["title"] = re.sub(r"（\d{4}年版）", f"（{effective.year}年版）", str(data.get("title", "")))
    if catalogs.regions[region].level is Level.COUNTY:  # filed after issuing; the check insists on a real date
        data["filing"] = {
            "to": ["州民政局", "州委组织部", "州委农办"],
            "date": PLACEHOLDER + "备案日期（尚未备案的，删除整个 filing）",
        }
    else:
        data.pop("filing", None)
    if catalogs.regions[region].level is Level.COUNTY and latest.based_on:
        guides = [g for g in catalogs.history(catalogs.regions[region].parent or "", kind) if g.effective <= effective]
        if guides:
            data["based_on"] = guides[-1].key
    data["changes"] = []
    header = (
        f"# {catalogs.regions[region].name}{kind.label}：{effective} 起生效的新版本，由 {latest.effective} 版复制。\n"
        "# 请填写 document（文号、标题、日期）和备案 filing（尚未备案的删除 filing，备案后补上），修改事项，\n"
        "# 并在 changes 中逐条写明变化和理由；调整版必须至少改动一个事项。\n"
        "# 写完后运行 python -m generator check 检查。\n"
    )
    order = {key: n for n, key in enumerate(TOP_ORDER)}
    data = dict(sorted(data.items(), key=lambda kv: order.get(kv[0], len(TOP_ORDER) - 2)))
    return Draft(target, latest, data, header)
