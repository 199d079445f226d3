"""Edition data -> YAML text in the style of the catalog files people edit by hand.

Deterministic: keys in the order given, dates and other text that YAML would misread in double quotes,
short lists and records inline (`aliases: [甲, 乙]`, `- {id: YJ-ZM-001, adopts: YB-ZM-001}`,
`basis: [{law: …, article: …}]`), long ones one entry per line, a blank line before `items:` and
`changes:`, and the header comment on top. What it writes loads back unchanged (the strict loader
reads it; tests/county/test_yamlout.py).
"""

from __future__ import annotations

from typing import Any

import yaml

SHORT = 90  # characters: inline up to about this length, otherwise one entry per line
INLINE_ITEM_KEYS = {"id", "adopts", "name", "status"}


class _Flow(dict):
    pass


class _FlowList(list):
    pass


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "items:\n  - id: …", as the catalog files are written

    def choose_scalar_style(self) -> str:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style  # "2024-06-30", as the format guide asks


def _str(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def _length(value: Any) -> int:
    return len(yaml.dump(value, Dumper=_Dumper, allow_unicode=True, default_flow_style=True, width=10_000))


def _scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _styled(value: Any, inline_records: bool = False) -> Any:
    if isinstance(value, list):
        if not value:
            return _FlowList()
        # one entry with a Chinese comma would read as a slip ([甲，乙] meant as two: load.py refuses it)
        lone_comma = len(value) == 1 and "，" in str(value[0])
        if all(_scalar(v) and "\n" not in str(v) for v in value) and _length(value) <= SHORT and not lone_comma:
            return _FlowList(value)
        if inline_records and all(isinstance(v, dict) and all(map(_scalar, v.values())) for v in value):
            entries = [_Flow(v) if _length(v) <= SHORT else dict(v) for v in value]
            return _FlowList(entries) if len(value) == 1 and _length(value) <= SHORT else entries
        return [_styled(v) for v in value]
    if isinstance(value, dict):
        return {
            k: _styled(v, inline_records=k in {"basis", "sources"}) if k != "size_mm" else _Flow(v)
            for k, v in value.items()
        }
    return value


def _item(item: dict) -> dict:
    if set(item) <= INLINE_ITEM_KEYS and all(map(_scalar, item.values())) and _length(item) <= SHORT:
        return _Flow(item)
    return _styled(item)


def dump_edition(data: dict, header: str = "") -> str:
    """The text of an edition file: `header` (comment lines, each starting with "# ") and the data."""
    styled = {k: [_item(i) for i in v] if k == "items" else _styled(v) for k, v in data.items()}
    body = yaml.dump(styled, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    for key in ("items", "changes"):
        body = body.replace(f"\n{key}:", f"\n\n{key}:", 1)
    return header + body
