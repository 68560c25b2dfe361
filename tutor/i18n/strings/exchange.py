"""Words of `tutor bank import|export`: the report, the errors shared by both formats."""

from __future__ import annotations

EXCHANGE_STRINGS: dict[str, dict[str, str]] = {
    "exchange.error.at": {"fr": "{path}:{line}", "en": "{path}:{line}"},
}
