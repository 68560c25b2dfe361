"""Finding content files, without reading them (light: no YAML here)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def yaml_files(paths: Iterable[Path], unreadable: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Every YAML file named by `paths`: files as given, directories searched recursively.

    Symbolic links to directories are not followed (no loops). A directory that cannot be listed is
    added to `unreadable` with the reason, when a list is given, instead of being skipped in silence.
    """
    def refused(error: OSError) -> None:
        if unreadable is not None:
            unreadable.append((Path(error.filename), error.strerror or str(error)))

    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            candidates: list[Path] = []
            for root, _dirs, names in os.walk(path, onerror=refused):
                candidates += [Path(root, name) for name in names if os.path.splitext(name)[1] in YAML_SUFFIXES]
            for candidate in sorted(candidates):
                if candidate.is_file():  # a symlink to a device or a FIFO is skipped too
                    found.setdefault(candidate.resolve(), None)
        else:
            found.setdefault(path.resolve(), None)
    return list(found)
