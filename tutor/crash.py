"""The last line of defence: an unexpected exception becomes a crash log and two plain lines.

Answers are written to the store the moment they are given, so a crash loses nothing; what the
learner must not get is a traceback on their screen. `write_crash_log` keeps the traceback in the
learner's data directory; `crash_message` says what happened, where the log is and that `tutor`
resumes where they were. Neither may raise: they run when something already went wrong.
"""

from __future__ import annotations

import os
import platform
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

KEEP_LOGS = 20  # older crash logs are deleted, so a crash loop cannot fill a lab's disk


def crash_dir() -> Path:
    """Where crash logs go: `crashes/` in the learner's data directory."""
    from tutor.locations import data_dir

    return data_dir() / "crashes"


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for package in ("tutor", "textual", "rich"):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} ?")
    return ", ".join(found)


def _prune(directory: Path) -> None:
    logs = sorted(directory.glob("crash-*.log"))
    for old in logs[:-KEEP_LOGS]:
        old.unlink(missing_ok=True)


def write_crash_log(error: BaseException, argv: Sequence[str] | None = None) -> Path | str:
    """Write `error`'s traceback to a new crash log; its path, or why it could not be written."""
    try:
        directory = crash_dir()
        from tutor.locations import make_private_dir

        make_private_dir(directory)  # parents 0700 too, whatever the umask
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = directory / f"crash-{stamp}-{os.getpid()}.log"
        lines = [
            f"tutor crash log, {time.strftime('%Y-%m-%d %H:%M:%S %z')}",
            f"command: {' '.join(sys.argv if argv is None else argv)}",
            f"python {platform.python_version()} on {platform.platform()}; {_versions()}",
            f"TERM={os.environ.get('TERM', '')} LANG={os.environ.get('LANG', '')}",
            "",
            *traceback.format_exception(error),
        ]
        # Owner-only: a traceback may show a learner's answer or a path in their home.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8", errors="replace") as log:
            log.write("\n".join(line.rstrip("\n") for line in lines) + "\n")
        _prune(directory)
        return path
    except Exception as failure:  # noqa: BLE001 - the crash handler itself must never raise
        return f"{type(failure).__name__}: {failure}"


def crash_message(log: Path | str, lang: str) -> str:
    """Two lines in `lang`: what happened and that answers are safe; where the log is and how to resume."""
    from tutor.i18n.catalogue import t

    if isinstance(log, Path):
        where = t("crash.where", lang, path=log)
    else:
        where = t("crash.where", lang, path="-") + " " + t("crash.no_log", lang, reason=log)
    return t("crash.what", lang) + "\n" + where


def tell_learner(log: Path | str, lang: str) -> None:
    """Print `crash_message` where the learner will see it (the terminal, even with `2>file`)."""
    stream = sys.stderr if sys.stderr.isatty() or not sys.stdout.isatty() else sys.stdout
    try:
        print(crash_message(log, lang), file=stream, flush=True)
    except (OSError, ValueError):  # the terminal is gone (a dropped SSH link)
        pass


def report_crash(error: BaseException, lang: str, argv: Sequence[str] | None = None) -> None:
    """Log `error` and tell the learner in two lines."""
    tell_learner(write_crash_log(error, argv), lang)
