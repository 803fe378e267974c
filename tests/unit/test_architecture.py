"""The package's import graph: no circle, and no layer importing a higher one.

Every import of every module counts, wherever it stands: at module level,
inside a function (where a heavy library waits for a document that needs
it), under ``TYPE_CHECKING``. A newcomer can then read the package from the
bottom up, and a document's data flows one way.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import pelican.plugins.ath as package

PACKAGE = package.__name__
ROOT = Path(package.__file__).parent

#: The layers, lowest first. A module imports from its own layer or lower
#: ones only. A name is a subpackage or a top-level module; every top-level
#: module not named here is glue (Pelican's signals, content objects, the
#: TOC on the page, variants, the cache…).
#:
#: - ``treatment`` sits above ``netease`` (it cleans NetEase's residue) and
#:   below ``settings``, which builds its ``ArticleOptions``;
#: - ``settings``, ``i18n``, ``theme`` (and ``pelican_compat``, Pelican's
#:   internals) describe the site: read by the readers, so below them;
#: - ``importer`` reads pages as the readers do; ``cli`` runs it and the
#:   plugin (``inspect``).
GLUE = "glue"
LAYERS: tuple[tuple[str, ...], ...] = (
    ("chinese",),  # text: Han, OpenCC, punctuation, quotes
    ("html",),  # HTML, knowing nothing of NetEase
    ("netease",),  # what NetEase's pages and texts look like
    ("treatment",),  # one document: scraped or own, its route, its Result
    ("settings", "i18n", "theme", "pelican_compat"),  # the site
    ("readers",),  # files -> HTML + metadata
    (GLUE,),  # Pelican's signals -> the layers below
    ("importer", "cli"),  # the commands
)
LAYER = {name: level for level, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


MODULES = {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def imported(name: str) -> Iterator[tuple[str, int]]:
    """The package's modules that module ``name`` imports, with the line:
    every import in the file, relative ones resolved; ``from . import x``
    names module ``x`` where there is one, and the package it is taken from
    too (its ``__init__`` runs first: ``plugin`` -> ``__init__`` -> ``plugin``
    is a circle)."""
    path = MODULES[name]
    package_of = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package_of.split(".")[
                    : len(package_of.split(".")) - node.level + 1
                ]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            targets = [base] + [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            if target == PACKAGE or target.startswith(f"{PACKAGE}."):
                while target not in MODULES:  # an attribute of a module
                    target = target.rpartition(".")[0]
                if target != name:
                    yield target, node.lineno


def graph() -> dict[str, dict[str, int]]:
    """Module -> the modules it imports -> the first line that does."""
    edges: dict[str, dict[str, int]] = {}
    for name in MODULES:
        edges[name] = {}
        for target, line in imported(name):
            edges[name].setdefault(target, line)
    return edges


def layer_of(name: str) -> int:
    """The layer of a module of the package (its subpackage's, or its own
    name's for a top-level module; glue if the table does not name it)."""
    parts = name.removeprefix(f"{PACKAGE}.").split(".")
    if name == PACKAGE:
        return LAYER[GLUE]
    return LAYER.get(parts[0], LAYER[GLUE])


def short(name: str) -> str:
    return name.removeprefix(f"{PACKAGE}.")


def cycles(edges: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module
    (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(edges[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(short(member) for member in component))
    return found


def test_the_graph_is_read():
    edges = graph()
    assert len(edges) == len(MODULES) > 40
    plugin = edges[f"{PACKAGE}.plugin"]
    assert f"{PACKAGE}.content" in plugin
    assert sum(len(targets) for targets in edges.values()) > 100


def test_no_module_imports_itself_in_a_circle():
    circles = cycles(graph())
    assert not circles, "\n".join(" <-> ".join(circle) for circle in circles)


def test_no_layer_imports_a_higher_one():
    upward = [
        f"{short(name)} (line {line}) -> {short(target)}"
        for name, targets in graph().items()
        for target, line in targets.items()
        if layer_of(target) > layer_of(name)
    ]
    assert not upward, "\n".join(upward)


def test_html_knows_nothing_of_netease():
    netease = f"{PACKAGE}.netease"
    found = [
        f"{short(name)} -> {short(target)}"
        for name, targets in graph().items()
        if name.startswith(f"{PACKAGE}.html")
        for target in targets
        if target.startswith(netease)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b": 1}, "b": {"a": 1}}, [["a", "b"]]),
        ({"a": {"b": 1}, "b": {"c": 1}, "c": {}}, []),
        (
            {"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}},
            [["a", "b", "c"]],
        ),
    ],
)
def test_a_circle_is_found(edges, expected):
    assert cycles(edges) == expected
