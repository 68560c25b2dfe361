"""Words for inputs tutor refuses to read (shared by content, metrics, report and settings readers)."""

from __future__ import annotations

SAFETY_STRINGS: dict[str, dict[str, object]] = {
    "input.not_regular": {"fr": "ce n'est pas un fichier ordinaire (tube, périphérique ou dossier)",
                          "en": "not a regular file (a pipe, a device or a directory)"},
    "input.too_large": {"fr": "fichier plus gros que la limite de {megabytes} Mo",
                        "en": "the file is larger than the limit of {megabytes} MB"},
}
