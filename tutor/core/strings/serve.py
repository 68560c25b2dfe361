"""Words of `tutor serve`: its token, its refusals and its warnings (see tutor.core.strings)."""

from __future__ import annotations

SERVE_STRINGS: dict[str, dict[str, object]] = {
}
