"""Words about the progress store: damaged, read-only or full databases, learner names."""

from __future__ import annotations

STORE_STRINGS: dict[str, dict[str, object]] = {
}
