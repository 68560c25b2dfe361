"""Words of `tutor bank import|export`: what reading and writing Moodle XML reports."""

from __future__ import annotations

EXCHANGE_XML_STRINGS: dict[str, dict[str, str]] = {
}
