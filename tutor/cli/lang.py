"""The command line's language, chosen before any parsing.

Every word `tutor` prints on the command line is in the learner's language: `--lang` (read in argv
before parsing, `peek_lang`), else TUTOR_LANG, else the learner's settings file, else the locale,
else French. Light: the settings are read only when nothing else decided.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def peek_option(argv: Sequence[str] | None, option: str) -> str | None:
    """The value of `option` (e.g. `--lang`) in `argv`, the last one winning as in argparse, before
    any parsing."""
    found = None
    tokens = list(argv or ())
    for index, token in enumerate(tokens):
        if token == "--":
            break
        if token == option and index + 1 < len(tokens):
            found = tokens[index + 1]
        elif token.startswith(option + "="):
            found = token.partition("=")[2]
    return found


def peek_lang(argv: Sequence[str] | None) -> str | None:
    """The `--lang` value in `argv`, when it names a language."""
    found = peek_option(argv, "--lang")
    return found if found in ("fr", "en") else None


def _configured_lang(argv: Sequence[str] | None = None) -> str | None:
    """The language of the learner's settings file, if it sets one (problems are the app's business)."""
    try:
        from tutor.settings import load_settings
        from tutor.store.learners import learner_name

        # Settings are per learner: `--learner` (read before parsing), else TUTOR_LEARNER, else login.
        return load_settings(learner=learner_name(peek_option(sys.argv[1:] if argv is None else argv,
                                                              "--learner")))[0].lang
    except Exception:  # noqa: BLE001 - an unreadable settings file never stops a command
        return None


def cli_lang(value: str | None = None, argv: Sequence[str] | None = None) -> str:
    """The command line's language: `--lang`, else TUTOR_LANG, else the settings file, else the locale, else fr."""
    from tutor.i18n.catalogue import resolve_lang

    configured = None
    if value not in ("fr", "en") and os.environ.get("TUTOR_LANG", "").strip().lower() not in ("fr", "en"):
        configured = _configured_lang(argv)
    return resolve_lang(value, configured=configured)


def args_lang(args: argparse.Namespace) -> str:
    """The language of a parsed command: its `--lang`, else what `cli_lang` finds."""
    return cli_lang(getattr(args, "lang", None))
