"""Every path `tutor` uses, in one place: built-in content, the data and config directories.

`TUTOR_HOME` moves both the data and the config directory under one folder (useful for tests,
shared lab accounts and trying things out without touching real progress).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

APP_NAME = "tutor"
_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_dir(kind: str) -> Path:
    """The shipped `lessons` or `quizzes` directory.

    In a wheel they are packaged as `tutor/_content/<kind>`; in a source checkout they sit at the
    top of the repository.
    """
    packaged = _PACKAGE_DIR / "_content" / kind
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / kind


def builtin_glossary() -> Path:
    """The shipped glossary: `content/glossary.yaml` in a source checkout, `tutor/_content/glossary.yaml`
    in a wheel (see pyproject's force-include)."""
    packaged = _PACKAGE_DIR / "_content" / "glossary.yaml"
    if packaged.is_file():
        return packaged
    return _PACKAGE_DIR.parent / "content" / "glossary.yaml"


def tutor_home() -> Path | None:
    """The `TUTOR_HOME` override, if set."""
    value = os.environ.get("TUTOR_HOME", "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Where progress is stored (not created here)."""
    home = tutor_home()
    if home is not None:
        return home / "data"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """Where the settings file lives (not created here)."""
    home = tutor_home()
    if home is not None:
        return home / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Where derived, disposable data lives (the parsed content)."""
    home = tutor_home()
    if home is not None:
        return home / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def make_private_dir(path: Path) -> Path:
    """Create `path` and its missing parents, each owner-only (0700); return `path`.

    `Path.mkdir(mode=..., parents=True)` applies the mode to the last directory only: under umask
    000 the parents it creates (`TUTOR_HOME`, `~/.local/share`...) come out world-writable, and
    another user could swap them. So every missing directory is made here one at a time. Those that
    already exist (`~`, `~/.local`) keep their mode: they are not ours to change. Raises OSError.
    """
    missing: list[Path] = []
    current = path
    while not current.is_dir():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for directory in reversed(missing):
        try:
            os.mkdir(directory, 0o700)
        except FileExistsError:
            if not directory.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(directory)) from None
            continue  # another process made it first: its mode is its own (it used this function too)
        # The umask can only take bits away; an odd one (0o277) must not leave us a directory we cannot use.
        os.chmod(directory, 0o700)
    return path


def extra_content_dirs(cli_dirs: list[str] | None = None) -> list[Path]:
    """Instructor content: `--content DIR` options first, then `TUTOR_CONTENT` (os.pathsep-separated)."""
    dirs = [Path(d).expanduser() for d in (cli_dirs or [])]
    env = os.environ.get("TUTOR_CONTENT", "")
    dirs += [Path(part).expanduser() for part in env.split(os.pathsep) if part.strip()]
    return dirs


def display_path(path: Path) -> str:
    """A path as shown in messages: relative to the current directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
