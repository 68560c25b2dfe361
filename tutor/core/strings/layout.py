"""Screen layout words: dialogs, the too-small notice, home and results."""

from __future__ import annotations

LAYOUT_STRINGS: dict[str, dict[str, object]] = {
}
