"""Command-line output: reports, samples, metrics, help and errors."""

from __future__ import annotations

CLI_STRINGS: dict[str, dict[str, object]] = {
}
