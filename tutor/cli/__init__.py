"""The command line: `tutor` and its sub-commands, the layer above the core and the UI.

This module is the entry point (the console script `tutor` runs `entry_point`, `python -m tutor`
too): the registry of sub-commands, `build_parser` and `main`. `main` turns every outcome into an
exit code (tutor.errors): 0 success, 1 the command ran and found problems (e.g. invalid content),
2 usage error or unreadable input. No input ever produces a traceback.

Around it: lang (the command line's language, chosen before parsing) · parser (argparse in the
learner's language) · options (the options every command shares) · app (`tutor` alone: the
full-screen app or plain mode) · content (`validate`, `lessons`, `schema`) · quiz (`quiz`,
`review`) · results (`export`, `report`) · sim (`recommend`, `estimate`, `sample`) · metrics ·
lab · serve (`tutor serve`, with tutor.serve_guard's checks) · database (`tutor db`, a class's
PostgreSQL database) · classroom (`tutor class`) · bank (`tutor bank import|export`: Moodle XML and GIFT).
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from tutor.cli.lang import args_lang, cli_lang, peek_lang
from tutor.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError

if TYPE_CHECKING:
    from tutor.cli.parser import TutorArgumentParser

__all__ = ["COMMANDS", "COMMAND_MODULES", "build_parser", "entry_point", "main"]

# Feature modules that add sub-commands. Each exposes `register(subparsers, root)` and sets a
# `handler(args) -> int` default on its parsers. They must stay light at import time (heavy
# imports go inside the handlers).
COMMAND_MODULES: tuple[str, ...] = (
    "tutor.cli.app",
    "tutor.cli.content",
    "tutor.cli.quiz",
    "tutor.cli.results",
    "tutor.cli.sim",
    "tutor.cli.metrics",
    "tutor.cli.lab",
    "tutor.cli.serve",
    "tutor.cli.database",
    "tutor.cli.classroom",
    "tutor.cli.bank",
)
# Which module defines which sub-command, so `tutor` alone (the app) or `tutor quiz` imports only
# what it needs; help and unknown commands import everything to list every choice.
COMMANDS: dict[str, str] = {
    "validate": "tutor.cli.content", "lessons": "tutor.cli.content", "schema": "tutor.cli.content",
    "quiz": "tutor.cli.quiz", "review": "tutor.cli.quiz",
    "export": "tutor.cli.results", "report": "tutor.cli.results",
    "recommend": "tutor.cli.sim", "estimate": "tutor.cli.sim", "sample": "tutor.cli.sim",
    "metrics": "tutor.cli.metrics", "lab": "tutor.cli.lab", "serve": "tutor.cli.serve",
    "db": "tutor.cli.database",
    "class": "tutor.cli.classroom",
    "bank": "tutor.cli.bank",
}
# Always registered, in this order: the root's options and the app as default handler, then the
# content commands (`tutor --help`, usage lines and errors list the same choices as ever).
BASE_MODULES: tuple[str, ...] = ("tutor.cli.app", "tutor.cli.content")
ROOT_OPTIONS_WITH_VALUE = ("--lang", "--content", "--learner", "--theme")
# Options whose value is a list of numbers that may start with a minus sign: argparse takes
# `--logits -1,2` for two options (`-1,2` is not one of its "negative numbers"), so `main` glues
# such a value to its option (`--logits=-1,2`) before parsing.
NUMBER_LIST_OPTIONS = ("--logits",)
_NEGATIVE_LIST = re.compile(r"[-\u2212][\d.,][\d.,eE+\-\u2212 ]*")


def modules_for(argv: Sequence[str] | None) -> tuple[str, ...]:
    """The command modules `argv` needs (all of them when unsure)."""
    if argv is None:
        return COMMAND_MODULES
    tokens = list(argv)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token in ("-h", "--help"):
            return COMMAND_MODULES
        if token in ROOT_OPTIONS_WITH_VALUE:
            index += 2
            continue
        if token.startswith("-"):
            index += 1
            continue
        module = COMMANDS.get(token)
        return (*BASE_MODULES, module) if module else COMMAND_MODULES
    return BASE_MODULES


def glue_negative_values(argv: Sequence[str]) -> list[str]:
    """`--logits -1,2` → `--logits=-1,2`, so argparse does not take the value for an option."""
    tokens = list(argv)
    glued: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "--":
            glued += tokens[index:]
            break
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token in NUMBER_LIST_OPTIONS and following is not None and _NEGATIVE_LIST.fullmatch(following):
            glued.append(f"{token}={following}")
            index += 2
            continue
        glued.append(token)
        index += 1
    return glued


def build_parser(argv: Sequence[str] | None = None, lang: str | None = None) -> TutorArgumentParser:
    """Build the parser with the sub-commands `argv` may use (every one when argv is None).

    The language is `lang`, else `--lang` in argv, else `cli_lang`'s choice.
    """
    from tutor import __version__
    from tutor.cli.parser import TutorArgumentParser, argparse_word
    from tutor.i18n.catalogue import t

    lang = lang or cli_lang(peek_lang(argv), argv)
    parser = TutorArgumentParser(prog="tutor", description=t("cli.description", lang), lang=lang)
    parser.add_argument("--version", action="version", version=f"tutor {__version__}",
                        help=argparse_word("show program's version number and exit", lang))
    subparsers = parser.add_subparsers(dest="command", parser_class=TutorArgumentParser,
                                       title=t("cli.commands", lang))
    for module_name in dict.fromkeys(modules_for(argv)):
        importlib.import_module(module_name).register(subparsers, parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `tutor` with `argv` (defaults to sys.argv) and return the exit code."""
    if argv is None:
        argv = sys.argv[1:]
    if not argv:
        # `tutor` alone is the most common call: start the app without building the parser
        # (argparse and every sub-command module cost start-up time for nothing).
        from tutor.cli.app import run_app
        from tutor.cli.options import default_namespace

        args, handler = default_namespace(), run_app
    else:
        argv = glue_negative_values(argv)
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        handler = getattr(args, "handler", None) or parser.get_default("handler")
    try:
        return int(handler(args))
    except UsageError as error:
        from tutor.i18n.catalogue import t

        print(t("cli.error", args_lang(args), message=error.text(args_lang(args))), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `tutor lessons | head` closes the pipe early: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the last line: a crash log and two lines, never a traceback
        from tutor.crash import report_crash

        report_crash(error, args_lang(args), ["tutor", *argv])
        return EXIT_PROBLEMS


def entry_point() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())
