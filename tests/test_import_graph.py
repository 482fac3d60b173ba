"""The house has no import circle: no module of ours imports, at load time, one that imports it.

The graph is built from the source (ast), not by importing: an edge is a module-level import
(also inside a module-level ``if``/``try`` or a class body, which run at load time), never one
inside a function (which runs later) or under ``if TYPE_CHECKING:`` (which never runs). Importing
``a.b.c`` loads the packages ``a`` and ``a.b`` too, so they are edges as well.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "accounts",
    "background",
    "benchmarks",
    "cms",
    "market",
    "matching",
    "portal",
    "search",
    "taxonomy",
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            modules[module_name(path)] = path
    return modules


def is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def load_time_imports(body: list[ast.stmt]):
    """Import statements that run when the module is loaded."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            if not is_type_checking(node.test):
                yield from load_time_imports(node.body)
            yield from load_time_imports(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from load_time_imports(block)
            for handler in node.handlers:
                yield from load_time_imports(handler.body)
        elif isinstance(node, ast.With | ast.ClassDef):
            yield from load_time_imports(node.body)


def with_parents(name: str, modules: dict[str, Path]) -> set[str]:
    """The module and every package above it that is ours."""
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)} & modules.keys()


def all_imports(body: list[ast.stmt]):
    """Every import statement, also those inside functions that run later."""
    for node in ast.walk(ast.Module(body=body, type_ignores=[])):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def imported_modules(
    name: str, path: Path, modules: dict[str, Path], imports=load_time_imports
) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    targets = set()
    for node in imports(tree.body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                targets |= with_parents(alias.name, modules)
            continue
        if node.level:
            base = name.split(".")
            if not is_package:
                base = base[:-1]
            base = base[: len(base) - (node.level - 1)]
            if node.module:
                base += node.module.split(".")
            source = ".".join(base)
        else:
            source = node.module
        targets |= with_parents(source, modules)
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            if submodule in modules:
                targets |= with_parents(submodule, modules)
    targets.discard(name)
    return targets


def import_graph(imports=load_time_imports) -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imported_modules(name, path, modules, imports) for name, path in modules.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each as a path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return [cycle_path(graph, component) for component in components]


def cycle_path(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One circle through the component's first module, found breadth-first."""
    members = set(component)
    start = component[0]
    previous = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & members):
            if child == start:
                path = [node]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return [start, *reversed(path[:-1]), start] if len(path) > 1 else [start, start]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return component


def test_the_graph_sees_load_time_imports_only():
    graph = import_graph()
    assert "market.history" in graph["matching.models"]
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle():
    found = circles(import_graph())
    assert not found, "import circles:\n" + "\n".join(" -> ".join(path) for path in found)


def test_no_circle_hidden_by_an_import_inside_a_function():
    """An import moved into a function hides a circle from Python, not from the reader."""
    found = circles(import_graph(all_imports))
    assert not found, "import circles:\n" + "\n".join(" -> ".join(path) for path in found)


def test_no_permissions_module_imports_a_services_module():
    """The services ask the permissions; a permissions module that imported a service would
    make the gate depend on what it guards."""
    graph = import_graph(all_imports)
    found = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if module.rsplit(".", 1)[-1] == "permissions"
        for target in targets
        if target.rsplit(".", 1)[-1] == "services"
    )
    assert not found, "\n".join(found)
