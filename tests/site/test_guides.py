"""The contributor guides: every YAML example parses, and code blocks inside list steps render as
code blocks (not collapsed into one line of text, which copied would be invalid YAML)."""

from __future__ import annotations

import re
import textwrap
from html import unescape

import pytest
import yaml
from conftest import REPO_ROOT

GUIDES = sorted((REPO_ROOT / "content" / "guide").glob("*.md"))
FENCE = re.compile(r"^(?P<indent>[ \t]*)```yaml\n(?P<body>.*?)^(?P=indent)```", re.S | re.M)


def examples() -> list[tuple[str, str]]:
    out = []
    for guide in GUIDES:
        for m in FENCE.finditer(guide.read_text(encoding="utf-8")):
            out.append((guide.name, textwrap.dedent(m["body"])))
    return out


def test_the_guides_have_yaml_examples():
    assert len(examples()) >= 5


@pytest.mark.parametrize("guide, example", examples(), ids=lambda x: x[:40] if isinstance(x, str) else "")
def test_every_yaml_example_parses(guide, example):
    assert yaml.safe_load(example) is not None, (guide, example)


def test_code_blocks_in_list_steps_render_as_code(real_site):
    html = (real_site / "guide/submit/index.html").read_text(encoding="utf-8")
    blocks = [unescape(re.sub(r"<[^>]+>", "", b)) for b in re.findall(r"<pre[^>]*>(.*?)</pre>", html, re.S)]
    changes = next(b for b in blocks if b.lstrip().startswith("changes:"))
    assert yaml.safe_load(changes)["changes"][0]["action"] == "added"  # copied from the page, it is valid YAML
    assert "action: added" not in re.sub(r"<pre.*?</pre>", "", html, flags=re.S)  # not also run into a paragraph
