"""The apps depend on each other in one direction only: no cycle between apps in their module-level imports.

An import inside a function is deferred on purpose (it runs after every app has loaded) and is not counted;
migrations are left out. Imports under ``if TYPE_CHECKING:`` count: a cycle there is a cycle in the design.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = sorted(name for name in settings.INSTALLED_APPS if "." not in name and (ROOT / name / "apps.py").exists())


def module_level_imports(tree: ast.AST) -> Iterator[str]:
    """The absolute modules a file imports outside function bodies."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        else:
            yield from module_level_imports(node)


def app_graph() -> dict[str, dict[str, set[str]]]:
    """For each app, the other apps it imports and, for each, the files that do."""
    graph: dict[str, dict[str, set[str]]] = {app: {} for app in APPS}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for module in module_level_imports(ast.parse(path.read_text(), filename=str(path))):
                target = module.split(".")[0]
                if target in graph and target != app:
                    graph[app].setdefault(target, set()).add(str(path.relative_to(ROOT)))
    return graph


def find_cycle(graph: dict[str, dict[str, set[str]]]) -> list[str]:
    """One cycle of apps (first app repeated at the end), or [] when there is none."""
    done: set[str] = set()
    path: list[str] = []

    def visit(app: str) -> list[str]:
        if app in path:
            return [*path[path.index(app) :], app]
        if app in done:
            return []
        path.append(app)
        for target in sorted(graph[app]):
            cycle = visit(target)
            if cycle:
                return cycle
        path.pop()
        done.add(app)
        return []

    for app in sorted(graph):
        cycle = visit(app)
        if cycle:
            return cycle
    return []


def test_the_apps_are_found():
    assert {"core", "accounts", "teams", "phases", "governance"} <= set(APPS)


def test_no_cycle_between_apps():
    graph = app_graph()
    cycle = find_cycle(graph)
    where = [f"{a} -> {b}: {', '.join(sorted(graph[a][b]))}" for a, b in pairwise(cycle)]
    assert not cycle, "Import cycle between apps:\n" + "\n".join(where)


def test_core_imports_no_domain_app():
    """core serves every app, so it may import none of them."""
    assert app_graph()["core"] == {}


def test_a_cycle_is_found_when_there_is_one():
    graph: dict[str, dict[str, set[str]]] = {"a": {"b": {"a/x.py"}}, "b": {"c": {"b/y.py"}}, "c": {"a": {"c/z.py"}}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": set()}, "b": {}}) == []
