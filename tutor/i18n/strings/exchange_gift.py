"""Words of `tutor bank import|export`: what reading and writing GIFT reports."""

from __future__ import annotations

EXCHANGE_GIFT_STRINGS: dict[str, dict[str, str]] = {
}
