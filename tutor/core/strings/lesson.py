"""The lesson screen: paging, its table of contents, entering and leaving simulators."""

from __future__ import annotations

LESSON_STRINGS: dict[str, dict[str, object]] = {
}
