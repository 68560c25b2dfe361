"""Finding content files, without reading them (light: no YAML here)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    """Every YAML file named by `paths`: files as given, directories searched recursively."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                if candidate.suffix in YAML_SUFFIXES and candidate.is_file():
                    found.setdefault(candidate.resolve(), None)
        else:
            found.setdefault(path.resolve(), None)
    return list(found)
