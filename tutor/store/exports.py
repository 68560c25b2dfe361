"""Files the learner asks `tutor` to write: exported simulator configurations."""

from __future__ import annotations

import re
import time
from pathlib import Path

from tutor.locations import data_dir, make_private_dir


def write_export(stem: str, suffix: str, text: str) -> Path:
    """Write `text` to `<data dir>/exports/<stem>-<timestamp><suffix>` (owner-only) and return the path."""
    folder = data_dir() / "exports"
    make_private_dir(folder)  # parents 0700 too, whatever the umask
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") or "config"
    path = folder / f"{safe}-{time.strftime('%Y%m%d-%H%M%S')}{suffix}"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path
