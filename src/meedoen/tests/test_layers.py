"""Layers point one way: a module imports only from its own app or a layer below.

Every import statement counts, also one inside a function, and test modules too (a test of
an app lives with that app, or at the top when it spans apps). Apps in the same layer know
nothing of each other. `docs/architecture.md` draws the same layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import meedoen

#: Lowest first. A module belongs to the first entry whose prefix it starts with.
LAYERS: list[tuple[str, ...]] = [
    # The kernel: settings, permissions, one domain-error base, one notifier, shared form
    # fields and API pieces (problems, paging, the scoped viewset).
    (
        "meedoen.env",
        "meedoen.settings",
        "meedoen.apps",
        "meedoen.permissions",
        "meedoen.errors",
        "meedoen.transitions",
        "meedoen.jobs",
        "meedoen.models",
        "meedoen.migrations",
        "meedoen.notify",
        "meedoen.notifications",
        "meedoen.forms",
        "meedoen.availability",
        "meedoen.i18n",
        "meedoen.notation",
        "meedoen.formats",
        "meedoen.templatetags",
        "meedoen.middleware",
        "meedoen.addresses",
        "meedoen.limits",
        "meedoen.durability",
        "meedoen.personal_data",
        "meedoen.translations_extra",
        "meedoen.admin_names",
        "meedoen.api.problems",
        "meedoen.api.pagination",
        "meedoen.api.views",
        "meedoen.api.serializers",
        "meedoen.api.contract",
        "meedoen.api.schema",
        "meedoen.api.middleware",
        "meedoen.api.throttles",
    ),
    ("meedoen.catalogue",),
    ("meedoen.organisations",),
    ("meedoen.accounts",),
    ("meedoen.volunteers", "meedoen.requests"),
    ("meedoen.matching",),
    ("meedoen.engagements",),
    # The agenda reads engagements and volunteers: above them.
    ("meedoen.agenda",),
    ("meedoen.cooperation",),
    ("meedoen.insights",),
    # On top: start pages, the API router, the site's URLs, the demo, cross-app tests.
    (
        "meedoen.start",
        "meedoen.api",
        "meedoen.urls",
        "meedoen.wsgi",
        "meedoen.demo",
        "meedoen.imports",
        "meedoen.management",
        "meedoen.conftest",
        "meedoen.tests",
    ),
]

SOURCE = Path(meedoen.__file__).parent
#: The kernel and the top are one unit each; in the layers between, each app is its own.
WHOLE = {0, len(LAYERS) - 1}


def _place(module: str) -> tuple[int, str] | None:
    """(layer, unit) of a module."""
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                return index, (str(index) if index in WHOLE else prefix)
    return None


def _modules():
    for path in sorted(SOURCE.rglob("*.py")):
        parts = path.relative_to(SOURCE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def _imports(module: str, path: Path):
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


def test_every_module_has_a_layer():
    assert [m for m, _ in _modules() if m != "meedoen" and _place(m) is None] == []


def test_no_module_imports_from_a_layer_above_or_beside_it():
    wrong = []
    for module, path in _modules():
        place = _place(module)
        if place is None:
            continue
        for imported, line in _imports(module, path):
            if not imported.startswith("meedoen."):
                continue
            target = _place(imported)
            if target is None:
                continue
            same_unit = target[1] == place[1]
            if target[0] > place[0] or (target[0] == place[0] and not same_unit):
                wrong.append(f"{path.relative_to(SOURCE.parent)}:{line} imports {imported}")
    assert wrong == []


def _module_graph() -> dict[str, set[str]]:
    """Which module imports which, every import statement counted (packages resolve to their
    __init__, a name imported from a module to that module)."""
    known = {module for module, _ in _modules()}
    graph: dict[str, set[str]] = {}
    for module, path in _modules():
        targets = set()
        for imported, _line in _imports(module, path):
            while imported and imported not in known:
                imported = imported.rpartition(".")[0]
            if imported and imported != module and not module.startswith(imported + "."):
                targets.add(imported)
        graph[module] = targets
    return graph


def test_no_modules_import_each_other_in_a_circle():
    graph = _module_graph()
    circles = []
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                circles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert circles == []
