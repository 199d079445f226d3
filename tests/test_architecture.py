"""The package's layers, read from the code's own imports (every import, also those inside functions).

catalog (the data), build (plumbing: cache, workers, serve memory, publishing; knows no catalog) →
signboards (images: plaques and QR codes) → site (pages) → the MkDocs adapter (site.plugin, which only
routes events, and its collaborators: the only modules that import MkDocs; private framework hooks only
in site.compat);
county (tools for the people who maintain the data) may use catalog and the site's URL scheme only,
and only `python -m generator` uses county. No module imports another in a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "generator"
PLUGIN = "generator.site.plugin"
# the MkDocs adapter: the plugin and what it delegates to
ADAPTER = {
    PLUGIN,
    "generator.site.compat",
    "generator.site.generated",
    "generator.site.settings",
    "generator.site.searchwrite",
}
COMPAT = PACKAGE / "site" / "compat.py"
PRIVATE_HOOKS = ("_timeout", "search_index_prev", "is_modified", ".render =", "search_index.json", "CountHandler")
PLUGIN_MAX_LINES = 200
MAX_LINES = 350  # modules stay small: one job each (style.md: under ~350 lines)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(node: ast.ImportFrom, here: str, is_package: bool, known: set[str]) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        parts = here.split(".")
        if not is_package:
            parts = parts[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join(parts + ([node.module] if node.module else []))
    # `from pkg import mod` names a module; `from mod import name` names the module itself
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]


def import_graph(root: Path) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, Path]]:
    """(internal imports, external top-level packages, file) for every module under `root`."""
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    internal: dict[str, set[str]] = {m: set() for m in files}
    external: dict[str, set[str]] = {m: set() for m in files}
    top = root.name
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                targets = _resolve(node, name, path.name == "__init__.py", set(files))
            else:
                continue
            for target in targets:
                if target == top or target.startswith(top + "."):
                    while target not in files and "." in target:
                        target = target.rsplit(".", 1)[0]
                    if target != name:
                        internal[name].add(target)
                elif target != "__future__":
                    external[name].add(target.split(".")[0])
    return internal, external, files


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def rank(module: str) -> int | None:
    """Layer height; None for the county tools and the entry point (checked separately)."""
    if module in ADAPTER:
        return 4
    for prefix, height in (
        ("generator.catalog", 0),
        ("generator.build", 1),
        ("generator.signboards", 2),
        ("generator.site", 3),
    ):
        if module == prefix or module.startswith(prefix + "."):
            return height
    return None


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    out = []
    for a, targets in sorted(graph.items()):
        for b in sorted(targets):
            ra, rb = rank(a), rank(b)
            county_a, county_b = a.startswith("generator.county"), b.startswith("generator.county")
            if county_b and not (county_a or a == "generator.__main__"):
                out.append(f"{a} -> {b}: only `python -m generator` uses the county tools")
            elif county_a and not (county_b or rb == 0 or b == "generator.site.urls"):
                out.append(f"{a} -> {b}: county tools may use catalog and site.urls only")
            elif ra is not None and rb is not None and rb > ra:
                out.append(f"{a} -> {b}: a lower layer imports a higher one")
    return out


GRAPH, EXTERNAL, FILES = import_graph(PACKAGE)


def test_the_package_is_read():
    # the graph really sees the imports it judges (a broken reader would pass every test below)
    assert "generator.catalog.validate" in GRAPH["generator.site.plugin"]
    assert "generator.catalog.rules" in GRAPH["generator.catalog.validate"]
    assert "generator.site.pages" in GRAPH["generator.site.plugin"]  # imported inside a function
    assert "mkdocs" in EXTERNAL[PLUGIN]


def test_no_circular_imports():
    assert cycles(GRAPH) == []


def test_lower_layers_never_import_higher_ones():
    assert layer_violations(GRAPH) == []


def test_only_the_adapter_imports_mkdocs():
    importers = {m for m, ext in EXTERNAL.items() if "mkdocs" in ext}
    assert PLUGIN in importers and importers <= ADAPTER, sorted(importers - ADAPTER)


def test_private_framework_hooks_live_in_compat_only():
    found = [
        f"{path.relative_to(PACKAGE)}: {hook}"
        for path in PACKAGE.rglob("*.py")
        if path != COMPAT
        for hook in PRIVATE_HOOKS
        if hook in path.read_text(encoding="utf-8")
    ]
    assert found == []
    assert all(
        hook in COMPAT.read_text(encoding="utf-8") for hook in PRIVATE_HOOKS
    )  # the grep sees them where they are


def test_the_plugin_only_routes_events():
    assert len(FILES[PLUGIN].read_text(encoding="utf-8").splitlines()) <= PLUGIN_MAX_LINES


def test_the_data_layer_has_no_templates_and_writes_no_files():
    for module, ext in EXTERNAL.items():
        if rank(module) == 0:
            assert not ext & {"mkdocs", "jinja2", "markupsafe"}, module
            tree = ast.parse(FILES[module].read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    assert node.func.attr not in {"write_text", "write_bytes", "mkdir", "unlink"}, (module, node.lineno)


@pytest.mark.parametrize("module", sorted(FILES))
def test_modules_stay_small(module):
    lines = len(FILES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module}: {lines} lines; split it by job"


# --- the checker itself catches what it is for ------------------------------------------------------


def _package(tmp_path: Path, modules: dict[str, str]) -> Path:
    root = tmp_path / "generator"
    for name, source in modules.items():
        path = root / (name.replace(".", "/") + ".py")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


def test_checker_finds_a_circle_through_a_lazy_import(tmp_path):
    root = _package(
        tmp_path,
        {
            "__init__": "",
            "catalog/__init__": "",
            "catalog/validate": "from .report import Report\ndef run():\n    from .rules import go\n",
            "catalog/rules": "from .validate import run\n",
            "catalog/report": "Report = 1\n",
        },
    )
    graph = import_graph(root)[0]
    assert cycles(graph) == [["generator.catalog.rules", "generator.catalog.validate"]]


def test_checker_finds_layer_violations(tmp_path):
    root = _package(
        tmp_path,
        {
            "__init__": "",
            "catalog/__init__": "",
            "site/__init__": "",
            "county/__init__": "",
            "catalog/rules": "from ..county.draft import PLACEHOLDER\nfrom ..site import urls\n",
            "county/draft": "from ..site.pages import build\nfrom ..site import urls\nPLACEHOLDER = 1\n",
            "site/pages": "from . import plugin\n",
            "site/urls": "",
            "site/plugin": "import mkdocs\n",
        },
    )
    graph, external, _ = import_graph(root)
    assert layer_violations(graph) == [
        "generator.catalog.rules -> generator.county.draft: only `python -m generator` uses the county tools",
        "generator.catalog.rules -> generator.site.urls: a lower layer imports a higher one",
        "generator.county.draft -> generator.site.pages: county tools may use catalog and site.urls only",
        "generator.site.pages -> generator.site.plugin: a lower layer imports a higher one",
    ]
    assert external["generator.site.plugin"] == {"mkdocs"}


def test_build_plumbing_knows_no_catalog_and_no_page():
    for module, targets in GRAPH.items():
        if module.startswith("generator.build"):
            assert not {t for t in targets if t.startswith("generator.") and not t.startswith("generator.build")}, (
                module
            )


def test_module_names_are_unique_across_rooms():
    names: dict[str, list[str]] = {}
    for module in FILES:
        if not module.endswith("__init__") and module.count(".") >= 2:
            names.setdefault(module.rsplit(".", 1)[1], []).append(module)
    assert {n: m for n, m in names.items() if len(m) > 1} == {}
