"""Packaging hygiene: every import declared and capped, one version, our own distribution name, a
licence and py.typed shipped, the install hint and the README's test command kept in step.

Read from the files (pyproject.toml, README.md, .ci/run) and from the import statements of the code,
so a new direct import without its declaration fails here instead of working by accident through
another package's dependencies.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

import tutor
from tutor.cli.serve import INSTALL_HINT

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def requirement_name(requirement: str) -> str:
    """The normalised distribution name of a requirement string ("markdown-it-py[linkify]>=3" → markdown-it-py)."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name is not None, requirement
    return re.sub(r"[-_.]+", "-", name.group()).lower()


def declared(*extras: str) -> dict[str, str]:
    """Distribution name → requirement, for the runtime dependencies and the given extras."""
    requirements = list(PROJECT["dependencies"])
    for extra in extras:
        requirements += PROJECT["optional-dependencies"][extra]
    return {requirement_name(r): r for r in requirements}


def imported_distributions(folder: str) -> dict[str, str]:
    """Distribution name → a file importing it, for every third-party top-level import under `folder`."""
    owners = importlib.metadata.packages_distributions()
    found: dict[str, str] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top in ("tutor", "tests", "__future__"):
                    continue
                for distribution in owners.get(top, [top]):
                    found.setdefault(requirement_name(distribution), str(path.relative_to(ROOT)))
    return found


def test_every_package_the_code_imports_is_declared() -> None:
    runtime = declared("web", "postgres")  # tutor/serve.py and tutor/store/postgres*.py import their extras lazily
    missing = {name: where for name, where in imported_distributions("tutor").items() if name not in runtime}
    assert missing == {}


def test_every_package_the_tests_import_is_declared() -> None:
    everything = declared("test", "hf")
    missing = {name: where for name, where in imported_distributions("tests").items() if name not in everything}
    assert missing == {}
    assert "nltk" in declared("test")  # the Porter-stemmer equality tests must never skip silently


@pytest.mark.parametrize("extra", [None, "test", "web", "hf", "postgres"])
def test_every_requirement_has_a_lower_bound_and_a_major_cap(extra: str | None) -> None:
    requirements = PROJECT["dependencies"] if extra is None else PROJECT["optional-dependencies"][extra]
    for requirement in requirements:
        assert ">=" in requirement and "<" in requirement.replace("<=", ""), requirement


def test_the_version_lives_in_one_place() -> None:
    assert "version" not in PROJECT and PROJECT["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "tutor/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+", tutor.__version__)
    try:
        installed = importlib.metadata.version(PROJECT["name"])
    except importlib.metadata.PackageNotFoundError:
        pytest.skip(f"{PROJECT['name']} is not installed (tests run from a checkout)")
    assert installed == tutor.__version__


def test_the_distribution_is_ours_and_the_command_is_tutor() -> None:
    # `tutor` on the package index is Open edX's distribution: never ask pip for it.
    assert PROJECT["name"] == "nlp-tutor"
    assert PROJECT["scripts"]["tutor"].startswith("tutor.")
    hint_requirements = re.findall(r"'([^']+)'", INSTALL_HINT)
    assert hint_requirements and all(r in PROJECT["optional-dependencies"]["web"] for r in hint_requirements)
    texts = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "tutor").rglob("*.py"))]
    for path in texts:
        assert "install 'tutor[" not in path.read_text(encoding="utf-8"), path


def test_a_licence_and_py_typed_ship() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PROJECT["license"] == "MIT" and licence.startswith("MIT License")
    assert (ROOT / "tutor" / "py.typed").exists()


def test_the_readme_and_ci_run_the_same_constrained_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^python3 -m venv \.venv && (.+)$", readme, flags=re.MULTILINE)
    assert len(commands) == 2, "the README starts with the two set-up commands"
    test_command = commands[1]
    assert "-c constraints.txt" in test_command
    assert test_command.replace(".venv/bin/", "") in (ROOT / ".ci" / "run").read_text(encoding="utf-8").replace(
        ".venv/bin/", "")
    pinned = {requirement_name(line.split("==")[0]) for line in
              (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
              if "==" in line and not line.startswith("#")}
    wanted = set(declared("test", "hf")) - {"nlp-tutor"}
    assert wanted <= pinned, sorted(wanted - pinned)
