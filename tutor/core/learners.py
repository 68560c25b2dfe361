"""Who the learner is and where their files live, light enough for the command-line parser.

The store (SQLite), the settings and the command line all name the learner's files from here, so
the parser can find a learner's settings without importing sqlite3.
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Mapping
from pathlib import Path

from tutor.locations import data_dir

__all__ = ["database_path", "learner_name"]


def learner_name(cli_value: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """`--learner`, else `TUTOR_LEARNER`, else the login name."""
    env = os.environ if environ is None else environ
    for candidate in (cli_value, env.get("TUTOR_LEARNER")):
        if candidate and candidate.strip():
            return candidate.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return "learner"


def database_path(learner: str) -> Path:
    """Where the learner's database lives; the name is made safe for any file system."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", learner).strip("._") or "learner"
    return data_dir() / "learners" / f"{safe}.sqlite3"
