"""The lab panel, its plots and the lab command line."""

from __future__ import annotations

LAB_STRINGS: dict[str, dict[str, object]] = {
}
