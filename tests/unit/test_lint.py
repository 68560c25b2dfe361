"""The checks CI runs after the tests, run by the tests too: no finding from ruff or mypy.

`ruff check tutor tests bench` and `mypy tutor`, configured in pyproject.toml ([tool.ruff],
[tool.mypy]), are also run by .ci/run and by the pre-commit hooks (.pre-commit-config.yaml). Here
they run with the interpreter running the tests (`python -m ruff`, `python -m mypy`), so with the
versions of constraints.txt: the README's test command alone proves the tree is clean. A missing
tool skips its test and says which extra brings it.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_tool(module: str, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    """`python -m module args` from the repository root (where pyproject.toml configures it)."""
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed: it is in the test extra "
                    "(pip install -c constraints.txt '.[test]')")
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, check=False)


def test_ruff_finds_nothing() -> None:
    result = run_tool("ruff", "check", "tutor", "tests", "bench", timeout=120)
    assert result.returncode == 0, f"ruff check tutor tests bench:\n{result.stdout}{result.stderr}"


def test_mypy_finds_nothing() -> None:
    try:  # without PyYAML's types mypy reports tutor.content's YAML calls, not a fault of the tree
        importlib.metadata.distribution("types-PyYAML")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("types-PyYAML is not installed: it is in the test extra "
                    "(pip install -c constraints.txt '.[test]')")
    # A cold run (no .mypy_cache yet) reads Textual's and numpy's types too: up to a minute.
    result = run_tool("mypy", "tutor", timeout=540)
    assert result.returncode == 0, f"mypy tutor:\n{result.stdout}{result.stderr}"


def test_every_type_ignore_names_its_code_and_says_why() -> None:
    """`# type: ignore[code]  # why` on every line that silences mypy, so none hides a real fault unexplained."""
    silenced = re.compile(r"#\s*type:\s*ignore")
    explained = re.compile(r"#\s*type:\s*ignore\[[a-z-]+(?:,\s*[a-z-]+)*\]\s+#\s*\S")
    bare = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
            for path in sorted((ROOT / "tutor").rglob("*.py"))
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if silenced.search(line) and not explained.search(line)]
    assert not bare, "a type: ignore without its code or its reason:\n" + "\n".join(bare)
