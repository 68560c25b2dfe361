"""Stylesheet paths: the app loads the few it needs at once, each screen adds its own when shown.

Parsing every stylesheet before the first frame cost tens of milliseconds of start-up; Textual
reads a screen's CSS_PATH the first time that screen is pushed.
"""

from __future__ import annotations

from pathlib import Path, PurePath

STYLES = Path(__file__).parent / "styles"


def css(*names: str) -> list[str | PurePath]:  # Textual's CSSPathType
    """The paths of the named stylesheets (`lesson` → styles/lesson.tcss)."""
    return [STYLES / f"{name}.tcss" for name in names]
