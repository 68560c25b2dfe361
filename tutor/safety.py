"""Two guards at the boundary where outside text enters tutor: bounded reads and harmless characters.

Instructors' content, learners' exports, metric files and settings are written by someone else:
- `read_input` reads a file only if it is a regular file (a FIFO would block forever, `/dev/zero` never
  ends) and no larger than a stated limit, so no input can hang tutor or exhaust memory;
- `clean_text` replaces every control character a terminal would obey (C0 except newline and tab,
  DEL, C1, and the bidirectional overrides that reorder what is shown) by a visible `U+FFFD`, so no text
  can write the clipboard (OSC 52), set a title, clear the screen or disguise itself.
  `find_controls` lists them with their positions for `tutor validate`.
Kept light (no third-party import): the command-line parser and the loaders use it.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

__all__ = [
    "CONTROL_PATTERN", "InputRefused", "REPLACEMENT", "clean_text", "find_controls", "read_input",
]

#: Shown in place of a refused control character (visible, so the author sees something is wrong).
REPLACEMENT = "\ufffd"

# C0 controls except TAB (09) and LF (0A); CR alone is kept out too (it rewinds the line).
# DEL, C1 (80-9F), and the bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) that
# make a terminal show text in another order than it is stored (the "Trojan source" trick).
CONTROL_PATTERN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """`text` with every terminal control replaced by U+FFFD (newlines and tabs kept; CRLF → LF)."""
    if text.isprintable():  # the common case, checked at C speed
        return text
    text = text.replace("\r\n", "\n")
    return CONTROL_PATTERN.sub(REPLACEMENT, text)


def find_controls(text: str) -> list[tuple[int, int, str]]:
    """Every control character `clean_text` would replace: (line, column, `U+XXXX`), 1-based."""
    found: list[tuple[int, int, str]] = []
    if text.isprintable():
        return found
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        for match in CONTROL_PATTERN.finditer(line):
            found.append((number, match.start() + 1, f"U+{ord(match.group()):04X}"))
    return found


class InputRefused(OSError):
    """An input file tutor will not read: `key` names why in the catalogue (`input.not_regular`,
    `input.too_large`), `limit` is the byte limit; `str()` is the English reason, `reason(lang)` any."""

    def __init__(self, path: Path, key: str, limit: int) -> None:
        self.path = path
        self.key = key
        self.limit = limit
        super().__init__(self.reason("en"))
        self.strerror = self.reason("en")

    def reason(self, lang: str) -> str:
        """Why the file was refused, in `lang`."""
        from tutor.i18n.catalogue import t

        return t(self.key, lang, megabytes=self.limit // 1_000_000)


def read_input(path: Path, limit: int) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes, else `InputRefused`.

    The file is opened without blocking (a FIFO would otherwise wait for a writer forever) and checked
    through its open descriptor, so a path swapped after the check cannot slip through; at most
    `limit + 1` bytes are ever read. Other `OSError`s (missing, permission denied) pass through.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused(path, "input.not_regular", limit)
        if info.st_size > limit:
            raise InputRefused(path, "input.too_large", limit)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(descriptor)
    if len(data) > limit:  # the file grew while being read
        raise InputRefused(path, "input.too_large", limit)
    return data
