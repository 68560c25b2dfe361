"""The pure core never imports textual (checked in a fresh interpreter)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tutor

UI_PACKAGES = ("tutor.ui",)


def pure_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(tutor.__path__, prefix="tutor."):
        if not info.name.startswith(UI_PACKAGES) and info.name != "tutor.__main__":
            names.append(info.name)
    return names


def test_the_pure_core_does_not_import_textual() -> None:
    modules = pure_modules()
    assert "tutor.content.lessons" in modules and "tutor.store.sqlite" in modules
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
