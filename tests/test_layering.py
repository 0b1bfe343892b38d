"""The layers stay apart, as the folders say. Read from the source with ``ast``, never imported.

- ``core/`` is the computation: it never imports Streamlit, ``ui``, ``pages`` or ``app``.
- ``ui/`` holds the parts the pages share: it never imports ``pages`` or ``app`` (the pages
  use it, not the other way round), and its modules import each other without a cycle.
  Every import statement counts, those inside functions too: an import moved into a
  function is how a cycle hides.
- No module reaches into another: a name with one leading underscore belongs to its
  module, so ``from x import _y`` and ``x._y`` are refused. What another module needs is
  made public.

The ``ui`` modules that do not import Streamlit are pure, like the core, and every example
in their docstrings runs here as a test (new modules are picked up from their imports).
"""

from __future__ import annotations

import ast
import doctest
import functools
import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *sorted(ROOT.glob("core/**/*.py")),
    *sorted(ROOT.glob("ui/**/*.py")),
    *sorted(ROOT.glob("pages/*.py")),
    ROOT / "app.py",
]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    return module.split(".")[0]


MODULES: Mapping[str, Path] = {module_name(path): path for path in SOURCES}
"""The project's modules by dotted name (``pages.1_checklist`` too, though not importable)."""

LAYER_RULES: Mapping[str, tuple[str, ...]] = {
    "core": ("streamlit", "ui", "pages", "app"),  # the computation knows nothing of the shell
    "ui": ("pages", "app"),  # the pages use the shared parts, never the reverse
}
"""What each layer must never import (top-level names)."""


@dataclass(frozen=True)
class Import:
    """What one name in an import statement makes a module import, and the name it binds."""

    line: int
    target: str
    """The module imported: ``from ui import inputs`` imports ``ui.inputs``."""
    name: str | None
    """The name after ``from … import``."""
    local: str
    """The name bound in the importing module."""
    bound_module: str | None
    """The project module that the local name refers to, if it refers to one."""


@functools.cache
def imports(path: Path) -> tuple[Import, ...]:
    """Every import in ``path``, at any depth (in functions, ``try`` blocks, ``if`` blocks)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                root = alias.name.split(".")[0]
                local = alias.asname or root
                named = alias.name if alias.asname else root
                bound = named if named in MODULES else None
                found.append(Import(node.lineno, alias.name, None, local, bound))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # a relative import: resolved against the importing package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                submodule = full if full in MODULES else None
                local = alias.asname or alias.name
                found.append(Import(node.lineno, submodule or base, alias.name, local, submodule))
    return tuple(sorted(found, key=lambda found_import: found_import.line))


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


# --- Each layer imports only what sits below it ---------------------------------------------


@pytest.mark.parametrize(
    "path",
    [path for path in SOURCES if layer(module_name(path)) in LAYER_RULES],
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_a_layer_never_imports_the_layers_above_it(path: Path) -> None:
    forbidden = LAYER_RULES[layer(module_name(path))]
    found = [
        f"{where(path, imp.line)} imports {imp.target}"
        for imp in imports(path)
        if layer(imp.target) in forbidden
    ]
    assert not found, "\n".join(found)


# --- No import cycle among the ui modules ---------------------------------------------------


def ui_import_graph() -> dict[str, dict[str, int]]:
    """Each ``ui`` module → the ``ui`` modules it imports, with the line of the first import."""
    graph: dict[str, dict[str, int]] = {}
    for module, path in MODULES.items():
        if layer(module) != "ui":
            continue
        edges = graph.setdefault(module, {})
        for imp in imports(path):
            if layer(imp.target) == "ui" and imp.target in MODULES and imp.target != module:
                edges.setdefault(imp.target, imp.line)
    return graph


def simple_cycles(graph: Mapping[str, Mapping[str, int]]) -> list[list[str]]:
    """Every cycle that visits no module twice, once each, from its first module by name."""
    found: list[list[str]] = []

    def walk(start: str, path: list[str]) -> Iterator[list[str]]:
        for after in sorted(graph.get(path[-1], {})):
            if after == start:
                yield [*path, start]
            elif after > start and after not in path:
                yield from walk(start, [*path, after])

    for start in sorted(graph):
        found.extend(walk(start, [start]))
    return found


def describe_cycle(cycle: list[str], graph: Mapping[str, Mapping[str, int]]) -> str:
    steps = [where(MODULES[before], graph[before][after]) for before, after in pairwise(cycle)]
    return f"{' → '.join(cycle)} ({', '.join(steps)})"


def test_the_ui_modules_import_each_other_without_a_cycle() -> None:
    graph = ui_import_graph()
    cycles = simple_cycles(graph)
    assert not cycles, "import cycles among the ui modules:\n" + "\n".join(
        describe_cycle(cycle, graph) for cycle in cycles
    )


def test_the_cycle_search_finds_every_cycle_once() -> None:
    """The check above is only as good as its search: a small graph with two cycles."""
    graph = {"a": {"b": 1}, "b": {"a": 2, "c": 3}, "c": {"b": 4}, "d": {"a": 5}}
    assert simple_cycles(graph) == [["a", "b", "a"], ["b", "c", "b"]]
    assert simple_cycles({"a": {"b": 1}, "b": {}}) == []


# --- No module reaches another's private names ----------------------------------------------


def module_of(expression: ast.expr, bound: Mapping[str, str]) -> str | None:
    """The project module an expression names (``inputs``, ``core.models``), if any."""
    if isinstance(expression, ast.Name):
        return bound.get(expression.id)
    if isinstance(expression, ast.Attribute):
        base = module_of(expression.value, bound)
        if base is not None and f"{base}.{expression.attr}" in MODULES:
            return f"{base}.{expression.attr}"
    return None


def private_reaches(path: Path) -> list[str]:
    """``from x import _y`` and ``x._y`` in ``path``, where ``x`` is a project module."""
    found = [
        f"{where(path, imp.line)}: from {imp.target} import {imp.name}"
        for imp in imports(path)
        if imp.name is not None and is_private(imp.name) and imp.target in MODULES
    ]
    bound = {imp.local: imp.bound_module for imp in imports(path) if imp.bound_module}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            module = module_of(node.value, bound)
            if module is not None:
                found.append(f"{where(path, node.lineno)}: {module}.{node.attr}")
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_reaches_another_modules_private_names(path: Path) -> None:
    found = private_reaches(path)
    assert not found, "private names used from another module:\n" + "\n".join(found)


# --- The pure ui modules' docstring examples hold -------------------------------------------

PURE_UI = [
    path
    for path in SOURCES
    if layer(module_name(path)) == "ui"
    and not any(layer(imp.target) == "streamlit" for imp in imports(path))
]
"""The ``ui`` modules that import no Streamlit (at any depth of their own source)."""


@pytest.mark.parametrize("path", PURE_UI, ids=lambda path: str(path.relative_to(ROOT)))
def test_pure_ui_docstring_examples(path: Path) -> None:
    module = importlib.import_module(module_name(path))
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0
