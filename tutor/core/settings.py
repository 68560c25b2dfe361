"""The learner's settings file: language, theme, ASCII mode and key remapping.

`settings.toml` in the user config directory (TUTOR_HOME/config with TUTOR_HOME set):

    lang = "en"            # fr or en
    theme = "tutor-light"  # tutor-dark, tutor-light, ansi-dark, ansi-light, or any Textual theme
    ascii = true           # ASCII borders and marks, no emoji

    [keys]                 # binding id = keys (Textual keymap syntax, comma-separated)
    next = "n,right,j"

A bad value is reported with the file and line and ignored; the rest of the file still applies.
Command-line options and environment variables win over the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tutor.core.problems import Problem
from tutor.locations import config_dir, display_path

THEMES = ("tutor-dark", "tutor-light", "ansi-dark", "ansi-light")
KEY_PATTERN = re.compile(r"^[a-z0-9_+,]+$", re.IGNORECASE)


@dataclass
class Settings:
    """Settings read from the file (None: not set there)."""

    lang: str | None = None
    theme: str | None = None
    ascii: bool | None = None
    keys: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


def locale_is_utf8(environ: Mapping[str, str]) -> bool:
    """Whether the locale variables promise UTF-8 (unset: assume a modern UTF-8 terminal)."""
    for variable in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = environ.get(variable, "").strip()
        if value:
            return "utf-8" in value.lower() or "utf8" in value.lower()
    return True


def resolve_ascii(cli_flag: bool, settings: Settings, environ: Mapping[str, str] | None = None) -> bool:
    """`--ascii`, else `TUTOR_ASCII`, else the settings file, else ASCII when the locale is not UTF-8."""
    env = os.environ if environ is None else environ
    if cli_flag:
        return True
    flag = env.get("TUTOR_ASCII", "").strip().lower()
    if flag in ("1", "true", "yes", "on"):
        return True
    if flag in ("0", "false", "no", "off"):
        return False
    if settings.ascii is not None:
        return settings.ascii
    return not locale_is_utf8(env)


def settings_path() -> Path:
    """Where the settings file lives."""
    return config_dir() / "settings.toml"


def _line_of(text: str, key: str, table: str | None = None) -> int:
    """The line where `key` is set (in `[table]` when given), for messages; 1 when not found."""
    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            current = stripped.strip("[] ")
        elif re.match(rf"^{re.escape(key)}\s*=", stripped) and current == table:
            return number
    return 1


def load_settings(path: Path | None = None) -> tuple[Settings, list[Problem]]:
    """Read the settings file (missing file: defaults, no problem)."""
    path = path or settings_path()
    settings = Settings(path=path)
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return settings, []
    except OSError as error:
        return settings, [Problem(shown, 1, 1, f"cannot read settings: {error.strerror or error}")]
    import tomllib  # only when there is a file to read

    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        return settings, [Problem(shown, 1, 1, "not UTF-8 text; settings ignored")]
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        return settings, [Problem(shown, line, column, f"invalid TOML: {reason}; settings ignored")]
    problems: list[Problem] = []

    def bad(key: str, message: str, table: str | None = None) -> None:
        problems.append(Problem(shown, _line_of(text, key, table), 1, f"{message}; ignored"))

    for key, value in data.items():
        if key == "lang":
            if value in ("fr", "en"):
                settings.lang = value
            else:
                bad(key, f"lang must be \"fr\" or \"en\", not {value!r}")
        elif key == "theme":
            if isinstance(value, str) and value.strip():
                settings.theme = value.strip()
            else:
                bad(key, "theme must be a theme name such as " + ", ".join(THEMES))
        elif key == "ascii":
            if isinstance(value, bool):
                settings.ascii = value
            else:
                bad(key, f"ascii must be true or false, not {value!r}")
        elif key == "keys":
            if not isinstance(value, dict):
                bad(key, "keys must be a table: [keys] then id = \"key,key\"")
                continue
            for binding, keys in value.items():
                if isinstance(keys, str) and KEY_PATTERN.match(keys.replace(" ", "")):
                    settings.keys[binding] = keys.replace(" ", "")
                else:
                    bad(binding, f"keys for {binding!r} must be text like \"n,right\", not {keys!r}", "keys")
        else:
            bad(key, f"unknown setting {key!r} (lang, theme, ascii, keys)")
    return settings, problems


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings file (owner-only), keeping only what is set."""
    path = path or settings.path or settings_path()
    lines = ["# tutor settings (see docs or `tutor --help`)"]
    if settings.lang:
        lines.append(f'lang = "{settings.lang}"')
    if settings.theme:
        lines.append(f'theme = "{settings.theme}"')
    if settings.ascii is not None:
        lines.append(f"ascii = {'true' if settings.ascii else 'false'}")
    if settings.keys:
        lines.append("")
        lines.append("[keys]")
        lines += [f'{binding} = "{keys}"' for binding, keys in sorted(settings.keys.items())]
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path
