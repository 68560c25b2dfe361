"""Command-line entry point: argument parsing, sub-commands, plain-text output and exit codes.

Exit codes: 0 success, 1 the command ran and found problems (e.g. invalid content),
2 usage error or unreadable input. No input ever produces a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterable, Sequence
from typing import NoReturn

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

# Feature modules that add sub-commands. Each exposes `register(subparsers, root)` and sets a
# `handler(args) -> int` default on its parsers. They must stay light at import time (heavy
# imports go inside the handlers).
COMMAND_MODULES: tuple[str, ...] = (
    "tutor.commands",
    "tutor.quiz.cli",
    "tutor.results_cli",
    "tutor.sim.cli",
    "tutor.metrics.cli",
    "tutor.lab.cli",
    "tutor.serve",
)
# Which module defines which sub-command, so `tutor` alone (the app) or `tutor quiz` imports only
# what it needs; help and unknown commands import everything to list every choice.
COMMANDS: dict[str, str] = {
    "validate": "tutor.commands", "lessons": "tutor.commands", "schema": "tutor.commands",
    "quiz": "tutor.quiz.cli", "review": "tutor.quiz.cli",
    "export": "tutor.results_cli", "report": "tutor.results_cli",
    "recommend": "tutor.sim.cli", "estimate": "tutor.sim.cli", "sample": "tutor.sim.cli",
    "metrics": "tutor.metrics.cli", "lab": "tutor.lab.cli", "serve": "tutor.serve",
}
ROOT_OPTIONS_WITH_VALUE = ("--lang", "--content", "--learner", "--theme")


class UsageError(Exception):
    """A bad argument or unreadable input: printed as one line, exit code 2."""


def option_for(field: str, options: Iterable[tuple[str, str, str]]) -> str:
    """The command-line option that sets `field`, from (option, dest, help) triples."""
    for option, dest, _ in options:
        if dest == field:
            return option
    return "--" + field.replace("_", "-")


class TutorArgumentParser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one clear line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        """Print a one-line usage error and exit with code 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


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
        return ("tutor.commands", module) if module else COMMAND_MODULES
    return ("tutor.commands",)


def build_parser(argv: Sequence[str] | None = None) -> TutorArgumentParser:
    """Build the parser with the sub-commands `argv` may use (every one when argv is None)."""
    parser = TutorArgumentParser(
        prog="tutor",
        description="Terminal tutor and quiz: Fine-tuning & Transfer Learning.",
    )
    subparsers = parser.add_subparsers(dest="command", parser_class=TutorArgumentParser)
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
        from tutor.commands import default_namespace, run_app

        args, handler = default_namespace(), run_app
    else:
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        handler = getattr(args, "handler", None) or parser.get_default("handler")
    try:
        return int(handler(args))
    except UsageError as error:
        print(f"tutor: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `tutor lessons | head` closes the pipe early: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the last line: a crash log and two lines, never a traceback
        from tutor.core.i18n import resolve_lang
        from tutor.crash import report_crash

        report_crash(error, resolve_lang(getattr(args, "lang", None)), ["tutor", *argv])
        return EXIT_PROBLEMS


def entry_point() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())
