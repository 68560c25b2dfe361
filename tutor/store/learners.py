"""Who the learner is and where their files live, light enough for the command-line parser.

The store (SQLite), the settings and the command line all name the learner's files from here, so
the parser can find a learner's settings without importing sqlite3.

Two learners must never share a file. A name that is already a plain file name (ASCII letters,
digits, `.`, `_`, `-`, not starting or ending with `.` or `_`) is its own file name, as in every
earlier version, so existing learners keep their progress. Any other name (`Zoé`, `王伟`,
`.alice`) gets a readable ASCII stem, a `+` and 12 hex digits of the SHA-256 of the name:
`Zoe+1f0c…`. A plain name never holds `+`, so the two kinds cannot collide, and two other names
collide only if both their stems and 48 bits of their hashes match.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import NoReturn

from tutor.locations import data_dir
from tutor.safety import CONTROL_PATTERN

__all__ = ["MAX_NAME_LENGTH", "check_learner", "database_path", "learner_name", "learner_stem"]

#: Longer names are refused: with the suffixes tutor adds they would pass the 255-byte file-name limit.
MAX_NAME_LENGTH = 64
HASH_DIGITS = 12
STEM_LENGTH = 32
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9._-]+")
# Line breaks and tabs too: a name is one line, and it is printed in headers and exports.
_CONTROL = re.compile(f"{CONTROL_PATTERN.pattern}|[\t\n]")


def learner_name(cli_value: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """`--learner`, else `TUTOR_LEARNER`, else the login name (checked by `check_learner`)."""
    env = os.environ if environ is None else environ
    for candidate in (cli_value, env.get("TUTOR_LEARNER")):
        if candidate and candidate.strip():
            return check_learner(candidate.strip())
    try:
        return check_learner(getpass.getuser())
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return "learner"


def check_learner(name: str) -> str:
    """`name` in Unicode NFC form; a usage error (exit 2) when it is too long or holds a control.

    NFC: `é` typed as one character or as `e` plus an accent (macOS, some input methods) is the
    same name on screen, so it must be the same learner and the same file.
    """
    name = unicodedata.normalize("NFC", name)
    controls = _CONTROL.findall(name)
    if controls:
        _refuse("store.learner.control", codes=", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in controls)))
    if len(name) > MAX_NAME_LENGTH:
        _refuse("store.learner.too_long", count=len(name), limit=MAX_NAME_LENGTH)
    return name


def learner_stem(learner: str) -> str:
    """The learner's file name without its suffix: the name itself when plain, else stem+hash."""
    name = check_learner(learner)
    if name and _NOT_PLAIN.sub("_", name).strip("._") == name:
        return name  # what every earlier version used: existing progress stays where it is
    ascii_only = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    readable = _NOT_PLAIN.sub("_", ascii_only).strip("._-")[:STEM_LENGTH].strip("._-") or "learner"
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:HASH_DIGITS]
    return f"{readable}+{digest}"


def database_path(learner: str) -> Path:
    """Where the learner's database lives (settings sit beside it, named from the same stem)."""
    return data_dir() / "learners" / f"{learner_stem(learner)}.sqlite3"


def _refuse(key: str, **values: object) -> NoReturn:
    # A usage error (tutor.errors): one line in the learner's language and exit code 2 wherever
    # the name is first used (imported here only when refusing: the core stays light).
    from tutor.errors import UsageError

    raise UsageError(key, **values)
