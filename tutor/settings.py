"""The learner's settings file: language, theme, ASCII mode and key remapping.

Each learner has their own file, next to their progress (`<data>/learners/<name>.settings.toml`,
see `learner_settings_path`), so on a shared account one learner's remap never changes another's.
A learner without a file of their own still gets the shared `settings.toml` of the user config
directory (TUTOR_HOME/config with TUTOR_HOME set), the only file older versions wrote; the next
save goes to the learner's own file and leaves the shared one as it was.

    lang = "en"            # fr or en
    theme = "tutor-light"  # tutor-dark, tutor-light, ansi-dark, ansi-light, or any Textual theme
    ascii = true           # ASCII borders and marks, no emoji
    database_url = "postgresql://alice@db.lab.example/tutor"   # a class across several hosts (docs/labs.md)
    class_dir = "/srv/nlp-class"   # publish results there for the instructor (TUTOR_CLASS wins; docs/labs.md)

    [keys]                 # binding id = keys (Textual key names, comma-separated)
    next = "n,right,j"

A bad value is reported with the file and line and ignored; the rest of the file still applies.
That includes keys: a name no terminal key has (`blah+x`, `ctrl+`) or a key another action of the
same screen already uses leaves that action on its default keys. Command-line options and
environment variables win over the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tutor.content.problems import Problem
from tutor.i18n.catalogue import resolve_lang, t
from tutor.locations import config_dir, display_path, make_private_dir
from tutor.safety import InputRefused, read_input

THEMES = ("tutor-dark", "tutor-light", "ansi-dark", "ansi-light")
# A settings file is a few lines; 1 MB leaves room for any key table while refusing a runaway file.
MAX_SETTINGS_BYTES = 1_000_000
SETTINGS_HEADER = b"# tutor settings (see docs or `tutor --help`)\n"


@dataclass
class Settings:
    """Settings read from the file (None: not set there)."""

    lang: str | None = None
    theme: str | None = None
    ascii: bool | None = None
    keys: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    database_url: str | None = None  # a class's PostgreSQL database (tutor.store.open_store)
    class_dir: str | None = None  # the class directory results are published to (tutor.classroom)


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


def settings_path(learner: str | None = None) -> Path:
    """Where settings are saved: `learner`'s own file, or the shared file without a learner."""
    if learner:
        return learner_settings_path(learner)
    return config_dir() / "settings.toml"


def learner_settings_path(learner: str) -> Path:
    """The learner's own settings file, next to their progress database (same safe file name)."""
    from tutor.store.learners import database_path  # one place names the learner's files

    database = database_path(learner)
    return database.with_name(database.name.removesuffix(".sqlite3") + ".settings.toml")


def _line_of(text: str, key: str, table: str | None = None) -> int:
    """The line where `key` is set (in `[table]` when given), for messages; 1 when not found."""
    current = None
    written = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"  # bare or quoted
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            current = stripped.strip("[] ")
        elif re.match(rf"^{written}\s*=", stripped) and current == table:
            return number
    return 1


def check_keys(binding: str, text: str, accepted: Mapping[str, str], lang: str) -> tuple[str, list[str]]:
    """Check the keys given to `binding` (a comma-separated list, labels or Textual names) against
    the keys `accepted` for other bindings.

    Returns the keys in Textual's names (`n,right`) and the problems in words, empty when none.
    """
    from tutor.i18n.keynames import key_conflicts, read_keys

    reading = read_keys(text)
    problems = [t("settings.key_unknown", lang, name=bad) if bad else t("settings.key_empty", lang)
                for bad in reading.bad]
    if problems or not reading.keys:
        return "", problems or [t("settings.key_empty", lang)]
    keymap = {**accepted, binding: reading.text}
    problems = [conflict.message(lang) for conflict in key_conflicts(keymap) if conflict.binding == binding]
    return reading.text, problems


def load_settings(
    path: Path | None = None, *, learner: str | None = None, lang: str | None = None
) -> tuple[Settings, list[Problem]]:
    """Read the settings (missing file: defaults, no problem).

    With `path`, that file. With `learner`, the learner's own file, or when they have none yet the
    shared `settings.toml` (older versions wrote only that one); saving goes to the learner's file
    either way (`Settings.path`). Without either, the shared file. `lang` is the language of the
    messages about keys (default: the file's own `lang`, else the environment's).
    """
    if path is None and learner:
        own = learner_settings_path(learner)
        path = own if own.exists() else settings_path()
        settings, problems = _read_settings(path, lang)
        settings.path = own
        return settings, problems
    return _read_settings(path or settings_path(), lang)


def _read_settings(path: Path, lang: str | None) -> tuple[Settings, list[Problem]]:
    """Read one settings file; `Settings.path` is that file."""
    settings = Settings(path=path)
    shown = display_path(path)
    early = lang if lang in ("fr", "en") else resolve_lang(None)  # before the file could say
    try:
        raw = read_input(path, MAX_SETTINGS_BYTES)  # a FIFO would hang every start, /dev/zero fill memory
    except FileNotFoundError:
        return settings, []
    except InputRefused as error:
        return settings, [Problem(shown, 1, 1, t("settings.file.unreadable", early, reason=error.reason(early)))]
    except OSError as error:
        return settings, [Problem(shown, 1, 1,
                                  t("settings.file.unreadable", early, reason=error.strerror or str(error)))]
    import tomllib  # only when there is a file to read

    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        return settings, [Problem(shown, 1, 1, t("settings.file.not_utf8", early))]
    except RecursionError:  # tomllib recurses once per nested array or table: 3,000 deep overflows
        return settings, [Problem(shown, 1, 1, t("settings.file.bad_toml", early,
                                                 reason=t("settings.file.too_deep", early)))]
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        return settings, [Problem(shown, line, column, t("settings.file.bad_toml", early, reason=reason))]
    problems: list[Problem] = []
    if lang not in ("fr", "en"):  # messages in the language the file asks for, else the environment's
        configured = data.get("lang")
        lang = resolve_lang(None, configured=configured if isinstance(configured, str) else None)

    def bad(key: str, message: str, table: str | None = None) -> None:
        problems.append(Problem(shown, _line_of(text, key, table), 1,
                                t("settings.file.ignored", lang, problem=message)))

    for key, value in data.items():
        if key == "lang":
            if value in ("fr", "en"):
                settings.lang = value
            else:
                bad(key, t("settings.file.bad_lang", lang, value=repr(value)))
        elif key == "theme":
            if isinstance(value, str) and value.strip():
                settings.theme = value.strip()
            else:
                bad(key, t("settings.file.bad_theme", lang, themes=", ".join(THEMES)))
        elif key == "ascii":
            if isinstance(value, bool):
                settings.ascii = value
            else:
                bad(key, t("settings.file.bad_ascii", lang, value=repr(value)))
        elif key == "database_url":
            if isinstance(value, str) and value.strip().startswith(("postgresql://", "postgres://")):
                settings.database_url = value.strip()
            else:
                bad(key, t("settings.file.bad_database_url", lang, value=repr(value)))
        elif key == "class_dir":
            if isinstance(value, str) and value.strip():
                settings.class_dir = value.strip()
            else:
                bad(key, t("class.settings.bad_dir", lang, value=repr(value)))
        elif key == "keys":
            if not isinstance(value, dict):
                bad(key, t("settings.file.keys_table", lang))
                continue
            settings.keys, key_problems = _read_keys(value, lang)
            problems += [Problem(shown, _line_of(text, binding, "keys"), 1, message)
                         for binding, message in key_problems]
        else:
            bad(key, t("settings.file.unknown", lang, name=repr(key)))
    return settings, problems


def _read_keys(table: Mapping[str, object], lang: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The usable entries of a `[keys]` table, in file order, and (binding, message) for the others.

    An entry is checked against those accepted before it, so of two entries giving the same key
    the first one wins; a refused entry leaves its action on the default keys.
    """
    from tutor.i18n.keynames import BINDING_IDS, action_label

    accepted: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for binding, keys in table.items():
        if binding not in BINDING_IDS:
            problems.append((binding, t("settings.unknown_binding", lang, binding=binding)))
        elif not isinstance(keys, str):
            problems.append((binding, t("settings.file.ignored", lang,
                                        problem=t("settings.file.keys_text", lang, binding=repr(binding),
                                                  value=repr(keys)))))
        else:
            normalized, refusals = check_keys(binding, keys, accepted, lang)
            if refusals:  # the first reason is enough to find the line and fix it
                problems.append((binding, t("settings.keys_in_file", lang, binding=binding,
                                            action=action_label(binding, lang), problem=refusals[0])))
            else:
                accepted[binding] = normalized
    return accepted, problems


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# TOML basic strings: these characters must be escaped (the other control characters as \uXXXX).
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(value: str) -> str:
    """`value` as a TOML basic string: quoted, with quotes, backslashes and control characters escaped."""
    out = []
    for character in value:
        if character in _ESCAPES:
            out.append(_ESCAPES[character])
        elif character < " " or character == "\x7f":
            out.append(f"\\u{ord(character):04X}")
        else:
            out.append(character)  # any other character, accented letters included, as it is (UTF-8 file)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    """`key` as a TOML key: bare when it can be, else quoted."""
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)  # `$` would let "0\n" through bare


def settings_data(settings: Settings) -> dict[str, object]:
    """What `save_settings` writes: only the settings that are set, keys sorted by binding."""
    data: dict[str, object] = {}
    if settings.lang:
        data["lang"] = settings.lang
    if settings.theme:
        data["theme"] = settings.theme
    if settings.ascii is not None:
        data["ascii"] = settings.ascii
    if settings.database_url:
        data["database_url"] = settings.database_url
    if settings.class_dir:
        data["class_dir"] = settings.class_dir
    if settings.keys:
        data["keys"] = dict(sorted(settings.keys.items()))
    return data


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings file, keeping only what is set; returns its path.

    TOML is written by tomli-w, so any key or value (quotes, backslashes, control characters,
    accents, spaces in key names) reads back unchanged with tomllib. The file is owner-only from
    its first byte (0600: remapped keys say nothing secret, but the directory is shared on lab
    hosts) and replaced atomically (a temporary file in the same directory, then `os.replace`), so
    a crash or a full disk leaves the old file whole, never half a file.
    """
    import tomli_w

    path = path or settings.path or settings_path()
    body = tomli_w.dumps(settings_data(settings)).encode("utf-8")
    make_private_dir(path.parent)  # parents 0700 too, whatever the umask
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")  # O_EXCL: never shared
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(SETTINGS_HEADER + body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path
