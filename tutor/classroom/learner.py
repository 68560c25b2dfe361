"""The learner's side of a class: which directory (TUTOR_CLASS, the settings file), and starting the publisher.

The learner in a class is the operating system's login: the file is `<login>.json` and the
dashboard believes it only if that login owns it. `--learner` / TUTOR_LEARNER still choose the
progress database on this computer (several learners sharing one account keep their progress
apart) and give the name the dashboard shows; publishing stays under the login, so learners who
share an account share one row of the class (docs/labs.md says to give each learner an account).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.classroom.directory import ClassSetupError, Notice, check_learner_side, current_login
from tutor.classroom.publish import Publisher

if TYPE_CHECKING:
    from tutor.store.interface import Store

__all__ = ["class_directory", "start_publishing"]


def class_directory(configured: str | None, environ: Mapping[str, str] | None = None) -> Path | None:
    """TUTOR_CLASS, else `class_dir` of the settings file; None: not in a class.

    TUTOR_CLASS set to an empty value turns the settings file's class off for one run.
    """
    env = os.environ if environ is None else environ
    if "TUTOR_CLASS" in env:
        value = env["TUTOR_CLASS"].strip()
        return Path(value).expanduser() if value else None
    return Path(configured).expanduser() if configured and configured.strip() else None


def start_publishing(directory: Path, *, name: str, lang: str,
                     open_store: Callable[[], Store]) -> tuple[Publisher | None, Notice | None]:
    """A running publisher for the class in `directory`, or None and why the learner's results stay local.

    The directory is checked first (`check_learner_side`): a set-up that would expose or lose the
    learner's results is refused, in one notice the app or plain mode shows once.
    """
    login = current_login()
    if login is None:
        return None, Notice("class.learner_off", {"path": str(directory), "reason": Notice("class.setup.no_login")})
    try:
        check_learner_side(directory, login)
    except ClassSetupError as wrong:
        return None, Notice("class.learner_off", {"path": str(directory), "reason": wrong.notice})
    return Publisher(directory, login, name=name, lang=lang, open_store=open_store).start(), None
