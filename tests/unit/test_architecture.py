"""The shape of the package (docs/architecture.md): layers, no import circle, a pure core.

- the import-linter contracts of pyproject.toml ([tool.importlinter]) are kept: the command line
  above the interfaces, the interfaces above the core, nothing importing upward, and only the
  full-screen interface importing Textual;
- the import graph has no circle at all, between modules or between the sub-packages of any
  package (lazy imports and imports under TYPE_CHECKING count);
- the core, plain mode and the command line import without loading Textual (a fresh interpreter);
- the interfaces that stand between layers are kept by what implements them.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from itertools import pairwise
from pathlib import Path

import pytest

import tutor

ROOT = Path(__file__).resolve().parents[2]
UI_PACKAGES = ("tutor.ui",)


def pure_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(tutor.__path__, prefix="tutor."):
        if not info.name.startswith(UI_PACKAGES) and info.name != "tutor.__main__":
            names.append(info.name)
    return names


def test_the_pure_core_does_not_import_textual() -> None:
    modules = pure_modules()
    for expected in ("tutor.content.lessons", "tutor.store.sqlite", "tutor.i18n.catalogue", "tutor.loader",
                     "tutor.quiz.session", "tutor.plain", "tutor.cli.app", "tutor.settings",
                     "tutor.classroom.model", "tutor.classroom.publish", "tutor.cli.classroom"):
        assert expected in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"textual imported by the core: {result.stdout}"


def test_the_command_line_parser_is_light() -> None:
    """Building the parser (every `tutor` call does) must not pull in the UI or heavy libraries."""
    code = (
        "import sys\nfrom tutor.cli import build_parser\nbuild_parser()\n"
        "heavy = [m for m in ('textual', 'numpy', 'yaml', 'sqlite3') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


# -- the layers ------------------------------------------------------------------------------------


def test_the_import_contracts_are_kept() -> None:
    """`lint-imports` on this checkout: every contract of [tool.importlinter] kept."""
    try:
        import importlinter  # noqa: F401
    except ImportError:
        pytest.fail("import-linter is missing: it is in the test extra (pip install -e '.[test]')")
    code = ("import sys\nfrom importlinter.cli import lint_imports_command\n"
            "sys.argv[0] = 'lint-imports'\nsys.exit(lint_imports_command())")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, "-c", code, "--no-cache"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"import contracts broken:\n{result.stdout}\n{result.stderr}"
    assert "broken" in result.stdout and "0 broken" in result.stdout


# -- no circle -------------------------------------------------------------------------------------


def strongly_connected(nodes: Iterable[str], edges: Mapping[str, set[str]]) -> list[list[str]]:
    """The groups of nodes that reach each other (Tarjan), each of more than one node."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return groups


def shortest_cycle(group: list[str], edges: Mapping[str, set[str]]) -> list[str]:
    """A shortest path from the group's first node back to itself, inside the group."""
    start, members = group[0], set(group)
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in sorted(edges.get(node, set()) & members):
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [start, *reversed(path[:-1]), start]
            if target not in came_from:
                came_from[target] = node
                queue.append(target)
    return group


def describe(cycle: list[str], line_of: Callable[[str, str], str]) -> str:
    return " -> ".join(f"{a} ({line_of(a, b)})" for a, b in pairwise(cycle)) + f" -> {cycle[-1]}"


def test_the_import_graph_has_no_circle() -> None:
    grimp = pytest.importorskip("grimp", reason="grimp comes with import-linter (the test extra)")
    graph = grimp.build_graph("tutor", cache_dir=None)  # every import, TYPE_CHECKING ones included
    modules = set(graph.modules)
    imports = {m: {i for i in graph.find_modules_directly_imported_by(m) if i in modules} for m in modules}

    def line_of(importer: str, imported: str) -> str:
        details = graph.get_import_details(importer=importer, imported=imported)
        return ", ".join(f"line {d['line_number']}: {d['line_contents'].strip()}" for d in details) or "?"

    found = [describe(shortest_cycle(group, imports), line_of) for group in strongly_connected(modules, imports)]

    # Between packages too: inside each package, its sub-packages and modules must not import each
    # other both ways through any of their descendants (tutor.ui.screens <-> tutor.ui.panels, say).
    packages = {m for m in modules if any(other.startswith(m + ".") for other in modules)}
    for package in sorted(packages):
        def child(module: str, package: str = package) -> str | None:
            if not module.startswith(package + "."):
                return None
            return f"{package}.{module[len(package) + 1:].split('.')[0]}"

        between: dict[str, set[str]] = {}
        witness: dict[tuple[str, str], tuple[str, str]] = {}
        for module in modules:
            source = child(module)
            if source is None:
                continue
            for imported in imports[module]:
                target = child(imported)
                if target is not None and target != source:
                    between.setdefault(source, set()).add(target)
                    witness.setdefault((source, target), (module, imported))
        for group in strongly_connected(set(between), between):
            if not packages & set(group):
                continue  # modules only: the circle is already listed above, line by line
            cycle = shortest_cycle(group, between)
            # Called at once, but bound all the same: `witness` is this package's, not the last one's.
            found.append(describe(cycle, lambda a, b, witness=witness: "{} imports {}".format(*witness[(a, b)])))
    assert found == [], "import circles:\n" + "\n".join(found)


def test_the_circle_finder_finds_a_circle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    groups = strongly_connected(edges, edges)
    assert groups == [["a", "b", "c"]]
    assert shortest_cycle(groups[0], edges) == ["a", "b", "c", "a"]


# -- the interfaces between layers -----------------------------------------------------------------


def protocol_members(protocol: type) -> set[str]:
    names = set(getattr(protocol, "__annotations__", {}))
    names |= {name for name, value in vars(protocol).items()
              if not name.startswith("_") and (callable(value) or isinstance(value, property))}
    return names


def test_the_sqlite_store_implements_the_store_interface(tmp_path: Path) -> None:
    from tutor.store import open_store
    from tutor.store.interface import Store
    from tutor.store.sqlite import SQLiteStore

    store, _ = open_store(tmp_path / "kim.sqlite3")
    try:
        assert isinstance(store, SQLiteStore) and isinstance(store, Store)
        missing = [name for name in protocol_members(Store) if not callable(getattr(store, name, None))]
        assert missing == []
    finally:
        store.close()


def test_the_app_is_what_screens_expect(make_app: Callable[..., object]) -> None:
    from tutor.ui.app_protocol import TutorAppProtocol

    app = make_app(lang="en")
    missing = [name for name in sorted(protocol_members(TutorAppProtocol)) if not hasattr(app, name)]
    assert missing == []
