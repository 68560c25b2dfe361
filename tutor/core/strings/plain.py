"""The plain (line-by-line) mode and generated questions."""

from __future__ import annotations

PLAIN_STRINGS: dict[str, dict[str, object]] = {
}
