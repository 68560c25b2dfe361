"""Words of `tutor report` and `tutor export`: skipped exports, refused scores."""

from __future__ import annotations

REPORT_STRINGS: dict[str, dict[str, object]] = {
}
